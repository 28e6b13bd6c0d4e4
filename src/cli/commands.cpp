#include "cli/commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <thread>

#include <unistd.h>

#include "bargaining/model.h"
#include "analysis/attribution.h"
#include "analysis/compare.h"
#include "io/analysis_io.h"
#include "io/files.h"
#include "io/forecast_io.h"
#include "io/run_io.h"
#include "io/timeline_io.h"
#include "sim/sweep.h"
#include "io/scenario_io.h"

namespace entente::cli {

namespace {

struct ForecastOptions {
  std::string file;
  std::vector<std::string> models;
  std::string format = "table";
  std::string output;
  std::uint64_t seed = 0;
  bool seed_given = false;
  int threads = 0;
};

struct RunCliOptions {
  std::string file;
  std::string model;
  std::string format = "table";
  std::string output;
  int from = 0, to = 0;
  std::uint64_t seed = 0;
  bool seed_given = false;
  int threads = 1;
};

struct ExplainOptions {
  RunCliOptions run;
  std::vector<std::string> groups;
  std::vector<std::string> series{"strain"};
};

ForecastOptions forecast_opts;
RunCliOptions run_opts;
ExplainOptions explain_opts;

struct CompareOptions {
  RunCliOptions run;
  std::vector<std::string> policies;
  std::vector<std::string> series{"strain"};
};
CompareOptions compare_opts;

struct SweepCliOptions {
  std::string file, output, model;
  std::uint64_t runs = 1000, first = 0, seed = 0;
  int threads = 0, to = 0;
  std::vector<std::string> policies;
  bool resume = false;
  std::vector<std::string> merge_dirs;
};
SweepCliOptions sweep_opts;
std::string validate_file;
std::map<CLI::App*, std::function<int()>> actions;

// Writes to --output atomically, or to standard output.
void emit(const std::string& content, const std::string& output) {
  if (output.empty() || output == "-") {
    std::cout << content;
    std::cout.flush();
  } else {
    write_file_atomically(output, content);
  }
}

int hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

ForecastRecord forecast_with(const Scenario& scenario, const std::string& spec, const ForecastOptions& o) {
  const auto model = load_model(spec);
  ForecastRecord record;
  record.seed = o.seed_given ? o.seed : scenario.seed;
  record.model_spec = model->spec();
  record.forecast =
      model->forecast(scenario, RunOptions{record.seed, o.threads > 0 ? o.threads : hardware_threads()});
  record.scenario = scenario;
  return record;
}

int run_forecast() {
  const ForecastOptions& o = forecast_opts;
  const Format format = parse_format(o.format);
  const Scenario scenario = load_scenario(o.file);
  std::vector<std::string> specs = o.models;
  if (specs.empty()) specs.push_back(scenario.model.empty() ? "smp" : scenario.model);
  for (const auto& spec : specs) load_model(spec);  // report a bad spec before any work
  std::vector<ForecastRecord> records;
  for (const auto& spec : specs) records.push_back(forecast_with(scenario, spec, o));
  emit(records.size() == 1 ? write_forecast(records.front(), format) : write_comparison(records, format),
       o.output);
  return kExitOk;
}

int run_models() {
  for (const ModelInfo* m : registered_models()) {
    std::cout << fmt::format("{}\n  {}\n  source: {}\n", m->name, m->summary, m->citation);
    for (const auto& p : m->params) {
      std::string values;
      if (p.kind == ParamSpec::Kind::Choice)
        for (const auto& c : p.choices) values += (values.empty() ? "" : "|") + c;
      else
        values = fmt::format("{} {}..{}", p.kind == ParamSpec::Kind::Integer ? "integer" : "number", p.min, p.max);
      std::cout << fmt::format("    {:<12} = {:<14} {}  ({})\n", p.name, p.default_value, p.help, values);
    }
    std::cout << "\n";
  }
  return kExitOk;
}

sim::SimOptions sim_options(const RunCliOptions& o, const sim::TimeScenario& t) {
  sim::SimOptions options;
  options.model = !o.model.empty() ? o.model : !t.scenario.model.empty() ? t.scenario.model : "median";
  options.seed = o.seed_given ? o.seed : t.scenario.seed;
  options.threads = o.threads;
  options.to_year = o.to > 0 ? o.to : t.end_year;
  if (options.to_year < t.start_year)
    throw SpecError(fmt::format("--to {} is before the scenario starts ({})", options.to_year, t.start_year));
  if (options.to_year > t.horizon_year)
    throw SpecError(fmt::format("--to {} is past the scenario's horizon ({}; set time.horizon to project further)",
                                options.to_year, t.horizon_year));
  load_model(options.model);  // a bad spec is a usage error before any work
  return options;
}

int run_timeline() {
  const RunCliOptions& o = run_opts;
  const Format format = parse_format(o.format);
  const sim::TimeScenario t = load_timeline(o.file);
  const sim::SimOptions options = sim_options(o, t);
  const sim::Run run = sim::simulate(t, options);
  emit(write_run(t, run, format, o.from > 0 ? o.from : t.start_year, options.to_year), o.output);
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
  const sim::TimeScenario t = load_timeline(o.run.file);
  const int from = o.run.from > 0 ? o.run.from : t.start_year;
  const sim::SimOptions options = sim_options(o.run, t);
  const auto groups = o.groups.empty() ? analysis::default_groups(t, from) : parse_groups(o.groups);
  if (groups.size() > 12) throw SpecError(fmt::format("{} cause groups: at most 12 (name them with --groups)", groups.size()));
  const sim::Run probe = sim::simulate(t, options);
  for (const auto& name : o.series)
    if (!probe.series.count(name)) throw SpecError("no series '" + name + "' (see `entente run --format json`)");
  if (from >= options.to_year) throw SpecError(fmt::format("--from {} must come before --to {}", from, options.to_year));
  const auto results = analysis::attribute(t, options, groups, from, options.to_year, o.series);
  emit(write_attribution(results, probe.model_spec, format), o.run.output);
  return kExitOk;
}

// "a,b,c" and "a b c" alike.
std::vector<std::string> split_commas(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& list : items)
    for (std::size_t start = 0; start <= list.size();) {
      const auto comma = std::min(list.find(',', start), list.size());
      if (comma > start) out.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  return out;
}

int run_compare() {
  const CompareOptions& o = compare_opts;
  const Format format = parse_format(o.run.format);
  const sim::TimeScenario t = load_timeline(o.run.file);
  sim::SimOptions options = sim_options(o.run, t);
  const std::vector<std::string> policies = split_commas(o.policies);
  for (const auto& p : policies)
    if (std::none_of(t.policies.begin(), t.policies.end(), [&](const sim::Policy& x) { return x.name == p; }))
      throw SpecError("no policy '" + p + "' in " + o.run.file);
  const auto runs = analysis::compare(t, options, policies);
  for (const auto& name : o.series)
    if (!runs.front().run.series.count(name)) throw SpecError("no series '" + name + "'");
  emit(write_comparison(runs, o.series, o.run.from > 0 ? o.run.from : t.start_year, options.to_year, format),
       o.run.output);
  return kExitOk;
}

// A one-line progress bar on standard error, only when it is a terminal.
void show_progress(std::uint64_t done, std::uint64_t total) {
  if (!::isatty(2)) return;
  const int width = 40, filled = static_cast<int>(width * done / std::max<std::uint64_t>(total, 1));
  std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done << "/" << total
            << (done == total ? "\n" : "") << std::flush;
}

int run_sweep() {
  const SweepCliOptions& o = sweep_opts;
  const std::string text = read_file(o.file);
  sim::SweepOptions options;
  options.runs = o.runs;
  options.first = o.first;
  options.seed = o.seed;
  options.threads = o.threads > 0 ? o.threads : hardware_threads();
  options.model = o.model;
  options.policies = split_commas(o.policies);
  options.to_year = o.to;
  options.dir = o.output;
  options.resume = o.resume;
  options.scenario_text = text;
  options.progress = show_progress;
  if (!options.model.empty()) load_model(options.model);
  const auto started = std::chrono::steady_clock::now();
  if (is_timeline(text)) {
    const sim::TimeScenario t = read_timeline(text, o.file);
    if (options.to_year > t.horizon_year)
      throw SpecError(fmt::format("--to {} is past the scenario's horizon ({})", options.to_year, t.horizon_year));
    for (const auto& p : options.policies)
      if (std::none_of(t.policies.begin(), t.policies.end(), [&](const sim::Policy& x) { return x.name == p; }))
        throw SpecError("no policy '" + p + "' in " + o.file);
    try {
      sim::sweep_timeline(t, options);
    } catch (const std::runtime_error& e) {  // folder conflicts and resume mismatches
      throw SpecError(e.what());
    }
  } else {
    if (!options.policies.empty()) throw SpecError("--policies needs a time-stepped scenario");
    const Scenario s = load_scenario(o.file);
    try {
      sim::sweep_forecast(s, options);
    } catch (const std::runtime_error& e) {
      throw SpecError(e.what());
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << fmt::format("{} runs on {} threads in {:.2f} s → {}/summary.csv\n", o.runs, options.threads, seconds,
                           o.output);
  return kExitOk;
}

int run_sweep_merge() {
  sim::merge_sweeps(sweep_opts.merge_dirs, sweep_opts.output);
  std::cerr << "merged into " << sweep_opts.output << "\n";
  return kExitOk;
}

int run_validate() {
  if (is_timeline(read_file(validate_file))) {
    const sim::TimeScenario t = load_timeline(validate_file);
    std::cout << fmt::format("{}: valid — {} actors, {} factions, {} issues, {}–{}, {} events\n", validate_file,
                             t.scenario.num_actors(), t.factions.size(), t.scenario.num_issues(), t.start_year,
                             t.end_year, t.events.size());
    return kExitOk;
  }
  const Scenario s = load_scenario(validate_file);
  std::cout << fmt::format("{}: valid — {} actors, {} issues{}\n", validate_file, s.num_actors(), s.num_issues(),
                           s.model.empty() ? "" : ", model " + s.model);
  return kExitOk;
}

}  // namespace

void add_commands(CLI::App& app) {
  auto* forecast = app.add_subcommand("forecast", "Forecast where bargaining over each issue lands");
  forecast->add_option("file", forecast_opts.file,
                       "Scenario: Entente YAML, KTAB SMP CSV, an actor,capability,position,salience "
                       "table, or an Entente forecast JSON (to rerun it)")
      ->required();
  forecast->add_option("-m,--model", forecast_opts.models,
                       "Model spec, e.g. smp, 'smp(voting=prop)', 'eu(variant=scholz,rounds=10)' "
                       "(default: the file's model, else smp; see `entente models`). Give it "
                       "several times to compare models side by side")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  forecast->add_option("-f,--format", forecast_opts.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  forecast->add_option("-o,--output", forecast_opts.output, "Write here instead of standard output");
  forecast->add_option("--seed", forecast_opts.seed, "Seed for stochastic models (default: the file's seed, else 0)")
      ->each([](const std::string&) { forecast_opts.seed_given = true; });
  forecast->add_option("-j,--threads", forecast_opts.threads,
                       "Threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  actions[forecast] = run_forecast;

  auto* run = app.add_subcommand("run", "Run a time-stepped scenario year by year: alliance strain, gains, losses, publics");
  run->add_option("file", run_opts.file, "Time-stepped scenario (YAML with a time: span)")->required();
  run->add_option("-m,--model", run_opts.model,
                  "Bargaining model run each year (default: the file's model, else median)");
  run->add_option("--from", run_opts.from, "First year shown (the run always starts at the scenario's start)");
  run->add_option("--to", run_opts.to, "Last year simulated and shown; later than the data = a projection");
  run->add_option("-f,--format", run_opts.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  run->add_option("-o,--output", run_opts.output, "Write here instead of standard output");
  run->add_option("--seed", run_opts.seed, "Seed for stochastic models (default: the file's seed)")
      ->each([](const std::string&) { run_opts.seed_given = true; });
  run->add_option("-j,--threads", run_opts.threads, "Threads for the bargaining model; results do not depend on it")
      ->check(CLI::Range(1, 1024));
  actions[run] = run_timeline;

  auto* explain = app.add_subcommand("explain",
      "Attribute the change of strain (or other series) between two years to cause groups (exact Shapley values)");
  explain->add_option("file", explain_opts.run.file, "Time-stepped scenario")->required();
  explain->add_option("--from", explain_opts.run.from, "Start of the window (events up to it always stay)")->required();
  explain->add_option("--to", explain_opts.run.to, "End of the window")->required();
  explain->add_option("--groups", explain_opts.groups,
                      "Cause groups: TAG or NAME=TAG+TAG… (default: every tag of the window's events, plus "
                      "ascendancy = capabilities after --from); at most 12");
  explain->add_option("--series", explain_opts.series, "Series to explain (default: strain)");
  explain->add_option("-m,--model", explain_opts.run.model, "Bargaining model run each year");
  explain->add_option("-f,--format", explain_opts.run.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  explain->add_option("-o,--output", explain_opts.run.output, "Write here instead of standard output");
  actions[explain] = run_explain;

  auto* compare = app.add_subcommand("compare", "Run counterfactual policies beside the baseline, side by side");
  compare->add_option("file", compare_opts.run.file, "Time-stepped scenario with policies:")->required();
  compare->add_option("--policies", compare_opts.policies, "Policies to compare, e.g. no-role-reversal,us-adjustment")
      ->required();
  compare->add_option("--series", compare_opts.series, "Series to show (default: strain)");
  compare->add_option("--from", compare_opts.run.from, "First year shown");
  compare->add_option("--to", compare_opts.run.to, "Last year (up to the scenario's time.horizon)");
  compare->add_option("-m,--model", compare_opts.run.model, "Bargaining model run each year");
  compare->add_option("-f,--format", compare_opts.run.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  compare->add_option("-o,--output", compare_opts.run.output, "Write here instead of standard output");
  actions[compare] = run_compare;

  auto* sweep = app.add_subcommand("sweep", "Monte Carlo over the scenario's uncertain inputs, streamed to a folder");
  sweep->add_option("file", sweep_opts.file, "Scenario (one-year or time-stepped) with uncertain: inputs")->required();
  sweep->add_option("--runs", sweep_opts.runs, "Number of runs")->check(CLI::Range(1.0, 1e9));
  sweep->add_option("--first", sweep_opts.first, "First run index (split a sweep; join with sweep-merge)");
  sweep->add_option("--seed", sweep_opts.seed, "Seed: run i draws from stream (seed, i)");
  sweep->add_option("-j,--threads", sweep_opts.threads, "Threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  sweep->add_option("--policies", sweep_opts.policies, "Policies run beside the baseline (time-stepped)");
  sweep->add_option("--to", sweep_opts.to, "Horizon year (time-stepped)");
  sweep->add_option("-m,--model", sweep_opts.model, "Bargaining model");
  sweep->add_option("-o,--output", sweep_opts.output, "Output folder")->required();
  sweep->add_flag("--resume", sweep_opts.resume, "Continue an interrupted sweep in --output");
  actions[sweep] = run_sweep;

  auto* merge = app.add_subcommand("sweep-merge", "Join sweeps of consecutive run ranges into one folder");
  merge->add_option("dirs", sweep_opts.merge_dirs, "Sweep folders")->required();
  merge->add_option("-o,--output", sweep_opts.output, "Output folder")->required();
  actions[merge] = run_sweep_merge;

  auto* models = app.add_subcommand("models", "List every bargaining model with its parameters and defaults");
  actions[models] = run_models;

  auto* validate = app.add_subcommand("validate", "Check a scenario file and report every problem");
  validate->add_option("file", validate_file, "Scenario file")->required();
  actions[validate] = run_validate;
}

int run_selected(CLI::App& app) {
  for (auto* sub : app.get_subcommands())
    if (auto it = actions.find(sub); it != actions.end()) return it->second();
  return kExitUsage;
}

}  // namespace entente::cli
