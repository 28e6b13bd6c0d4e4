// entente run, explain, compare, claims, series: time-stepped scenarios.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "analysis/attribution.h"
#include "analysis/claims.h"
#include "analysis/compare.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/results_db.h"
#include "io/analysis_io.h"
#include "io/run_io.h"
#include "io/timeline_io.h"
#include "output/table.h"

namespace entente::cli {

namespace {

struct ExplainOptions {
  TimeOptions run;
  std::vector<std::string> groups;
  std::vector<std::string> series{"strain"};
};

struct CompareOptions {
  TimeOptions run;
  std::vector<std::string> policies;
  std::vector<std::string> series{"strain"};
};

struct ClaimsOptions {
  TimeOptions run;
  std::uint64_t runs = 0;
};

struct SeriesOptions {
  std::string file;
  std::string format = "table";
  std::string output;
};

TimeOptions run_opts;
ExplainOptions explain_opts;
CompareOptions compare_opts;
ClaimsOptions claims_opts;
SeriesOptions series_opts;

int run_timeline() {
  const TimeOptions& o = run_opts;
  const Format format = parse_format(o.format);
  const sim::TimeScenario t = load_time_scenario(o);
  const sim::SimOptions options = sim_options(o, t);
  const int from = first_year(o, t, options.to_year);
  const sim::Run run = sim::simulate(t, options);
  record_run(o.db, store::Kind::Run, o.file, run.model_spec, options.seed, {.from = from, .to = options.to_year},
             store::run_results(t, run));
  emit(write_run(t, run, format, from, options.to_year), o.output);
  return kExitOk;
}

// "--groups goals strategies role" makes one group per tag; "symptom=incidents+elections"
// names a group of several tags.
std::vector<analysis::CauseGroup> parse_groups(const std::vector<std::string>& specs) {
  std::vector<analysis::CauseGroup> groups;
  for (const auto& spec : specs) {
    analysis::CauseGroup g;
    const auto eq = spec.find('=');
    g.name = spec.substr(0, eq);
    std::string tags = eq == std::string::npos ? spec : spec.substr(eq + 1);
    for (std::size_t start = 0; start <= tags.size();) {
      const auto plus = std::min(tags.find('+', start), tags.size());
      if (plus > start) g.tags.push_back(tags.substr(start, plus - start));
      start = plus + 1;
    }
    if (g.name.empty() || g.tags.empty()) throw SpecError("--groups: '" + spec + "' is not TAG or NAME=TAG+TAG");
    groups.push_back(std::move(g));
  }
  return groups;
}

int run_explain() {
  const ExplainOptions& o = explain_opts;
  const Format format = parse_format(o.run.format);
  const sim::TimeScenario t = load_time_scenario(o.run);
  const sim::SimOptions options = sim_options(o.run, t);
  const int from = first_year(o.run, t, options.to_year);
  if (from >= options.to_year) throw SpecError(fmt::format("--from {} must come before --to {}", from, options.to_year));
  check_series(t, options, o.series);
  const auto groups = o.groups.empty() ? analysis::default_groups(t, from) : parse_groups(o.groups);
  if (groups.size() > 12) throw SpecError(fmt::format("{} cause groups: at most 12 (name them with --groups)", groups.size()));
  const sim::Run probe = sim::simulate(t, options);
  const auto results = analysis::attribute(t, options, groups, from, options.to_year, o.series, threads_of(o.run),
                                           progress_of("coalitions"));
  record_run(o.run.db, store::Kind::Explain, o.run.file, probe.model_spec, options.seed,
             {.from = from, .to = options.to_year, .series = o.series, .groups = groups},
             store::explain_results(t, probe, results));
  emit(write_attribution(results, probe.model_spec, format), o.run.output);
  return kExitOk;
}

int run_compare() {
  const CompareOptions& o = compare_opts;
  const Format format = parse_format(o.run.format);
  const sim::TimeScenario t = load_time_scenario(o.run);
  const sim::SimOptions options = sim_options(o.run, t);
  const int from = first_year(o.run, t, options.to_year);
  check_series(t, options, o.series);
  const std::vector<std::string> policies = split_commas(o.policies);
  const auto runs = analysis::compare(t, options, policies, progress_of("runs"));
  const store::Request request{.from = from, .to = options.to_year, .series = o.series, .policies = policies};
  record_run(o.run.db, store::Kind::Compare, o.run.file, runs.front().run.model_spec, options.seed, request,
             store::compare_results(t, runs, request));
  emit(write_comparison(runs, o.series, from, options.to_year, format), o.run.output);
  return kExitOk;
}

int run_claims() {
  const ClaimsOptions& o = claims_opts;
  const Format format = parse_format(o.run.format);
  const sim::TimeScenario t = load_time_scenario(o.run);
  if (t.claims.empty()) throw SpecError(o.run.file + " states no claims (see docs/timeline-format.md)");
  const sim::SimOptions options = sim_options(o.run, t);
  const auto results =
      analysis::check_claims(t, options, o.runs, options.seed, threads_of(o.run), progress_of("claim runs"));
  record_run(o.run.db, store::Kind::Claims, o.run.file, load_model(options.model)->spec(), options.seed,
             {.to = options.to_year, .runs = o.runs}, store::claims_results(t, results));
  emit(write_claims(results, format), o.run.output);
  return kExitOk;
}

// Every series a run records, in reporting order, with what it measures.
int run_series() {
  const SeriesOptions& o = series_opts;
  const Format format = parse_format(o.format);
  const sim::TimeScenario t = load_timeline(o.file);
  output::Table table;
  table.title = "The series each run of " + o.file + " records (" + std::to_string(t.start_year) + "–" +
                std::to_string(t.end_year) + ")";
  table.columns = {"series", "description"};
  for (const auto& name : series_names(t, sim::SimOptions{}))
    table.add({name, std::string(sim::describe_series(name))});
  emit(output::render(table, format), o.output);
  return kExitOk;
}

}  // namespace

void add_timeline_commands(CLI::App& app) {
  auto* run = app.add_subcommand("run", "Run a time-stepped scenario year by year: alliance strain, gains, losses, publics");
  add_time_options(run, run_opts, "Time-stepped scenario (YAML with a time: span)");
  run->add_option("--from", run_opts.from, "First year shown (the run always starts at the scenario's start)");
  run->add_option("--to", run_opts.to, "Last year simulated and shown; past time.end = a projection (up to time.horizon)");
  on_run(run, run_timeline);

  auto* explain = app.add_subcommand("explain",
      "Attribute the change of strain (or other series) between two years to cause groups (exact Shapley values)");
  add_time_options(explain, explain_opts.run, "Time-stepped scenario");
  explain->add_option("--from", explain_opts.run.from, "Start of the window (events up to it always stay)")->required();
  explain->add_option("--to", explain_opts.run.to, "End of the window")->required();
  explain->add_option("--groups", explain_opts.groups,
                      "Cause groups: TAG or NAME=TAG+TAG… (default: the scenario's causes: partition, else one "
                      "group per cause tag of the window's changes, plus ascendancy = capabilities after --from); "
                      "at most 12");
  explain->add_option("--series", explain_opts.series, kSeriesHelp);
  on_run(explain, run_explain);

  auto* compare = app.add_subcommand("compare", "Run counterfactual policies beside the baseline, side by side");
  add_time_options(compare, compare_opts.run, "Time-stepped scenario with policies:");
  compare->add_option("--policies", compare_opts.policies, "Policies to compare, e.g. no-role-reversal,us-adjustment")
      ->required();
  compare->add_option("--series", compare_opts.series, kSeriesHelp);
  compare->add_option("--from", compare_opts.run.from, "First year shown");
  compare->add_option("--to", compare_opts.run.to, "Last year (up to the scenario's time.horizon)");
  on_run(compare, run_compare);

  auto* claims = app.add_subcommand("claims", "Check the claims the scenario states, on the baseline and across a sweep");
  add_time_options(claims, claims_opts.run, "Time-stepped scenario with claims:");
  claims->add_option("--runs", claims_opts.runs,
                     "Also check each claim on this many draws of the uncertain inputs (share of runs)");
  on_run(claims, run_claims);

  auto* series = app.add_subcommand("series", "List every series a time-stepped scenario's runs record, with what each measures");
  series->add_option("file", series_opts.file, "Time-stepped scenario")->required();
  series->add_option("-f,--format", series_opts.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  series->add_option("-o,--output", series_opts.output, "Write here instead of standard output");
  on_run(series, run_series);
}

}  // namespace entente::cli
