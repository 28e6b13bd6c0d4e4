// entente report: one self-contained HTML file with the scenario, its runs and charts.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "analysis/report_data.h"
#include "bargaining/model.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/results_db.h"
#include "evidence/evidence_io.h"
#include "io/files.h"
#include "io/forecast_io.h"
#include "io/scenario_io.h"
#include "io/text.h"
#include "io/timeline_io.h"
#include "report/html.h"
#include "store/store.h"
#include "store/stored_report.h"

namespace entente::cli {

namespace {

struct ReportCliOptions {
  std::string file, output, model, db;
  std::string backtest, posterior;  // the evidence section's files
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::uint64_t runs = 200, claim_runs = 100;
  int from = 0, to = 0, threads = 0;
};

ReportCliOptions report_opts;

// Stage notes on standard error, only for a person watching a terminal: the report of a
// time-stepped scenario takes seconds to tens of seconds.
void note(const std::string& what) {
  if (::isatty(2)) std::cerr << "entente report: " << what << "…\n";
}

analysis::ReportOptions library_options(const ReportCliOptions& o) {
  analysis::ReportOptions r;
  r.source = o.file;
  r.model = o.model;
  r.seed = o.seed;
  r.seed_given = o.seed_given;
  r.sweep_runs = o.runs;
  r.claim_runs = o.claim_runs;
  r.from = o.from;
  r.to = o.to;
  r.threads = o.threads > 0 ? o.threads : hardware_threads();
  r.progress = note;
  r.sweep_progress = show_progress;
  return r;
}

// A one-year scenario is forecast; a forecast JSON keeps its own model and seed unless the
// command line names others.
analysis::ReportData forecast_data(const ReportCliOptions& o, const analysis::ReportOptions& options) {
  const bool json = text::lower(std::filesystem::path(o.file).extension().string()) == ".json";
  const ForecastRecord saved = json ? read_forecast_json(read_file(o.file), o.file) : ForecastRecord{};
  const Scenario scenario = json ? saved.scenario : load_scenario(o.file);
  const std::string spec = choose_model(o.model, json ? saved.model_spec : scenario.model, ScenarioKind::OneYear);
  const std::uint64_t seed = o.seed_given ? o.seed : json ? saved.seed : scenario.seed;
  return analysis::forecast_report_data(scenario, spec, seed, options);
}

// The evidence section's files, read before any run so that a bad one fails at once.
report::Evidence evidence_of(const ReportCliOptions& o) {
  report::Evidence e;
  if (!o.backtest.empty()) e.backtest = evidence::read_backtest(o.backtest), e.backtest_file = o.backtest;
  if (!o.posterior.empty()) e.marginals = evidence::read_marginals(o.posterior), e.posterior_file = o.posterior;
  return e;
}

// Figures computed under a posterior are reproduced with it: each printed command (run,
// explain, sweep, claims) gains --posterior, before the sweep's --output.
void add_posterior(std::vector<std::string>& commands, const std::string& posterior) {
  const std::string option = " --posterior " + analysis::shell_word(posterior);
  for (auto& c : commands) {
    const auto at = c.rfind(" --output ");
    c.insert(at == std::string::npos ? c.size() : at, option);
  }
}

// The report of a scenario file, computed, recorded with --db and written. Under --posterior
// the runs take the posterior as every command's --posterior does (point runs its medians,
// sampled runs a draw each), and the evidence section draws its marginals.
int report_on(const ReportCliOptions& o) {
  analysis::ReportOptions options = library_options(o);
  options.scenario_text = read_file(o.file);
  const report::Evidence evidence = evidence_of(o);
  if (is_timeline(options.scenario_text)) {
    sim::TimeScenario t = read_timeline(options.scenario_text, o.file);
    apply_posterior_option(t, o.posterior);
    analysis::ReportData data = analysis::timeline_report_data(t, options);
    if (!o.posterior.empty()) add_posterior(data.commands, o.posterior);
    if (!o.db.empty()) {
      const auto& window = data.attributions.front();
      record_run(o.db, store::Kind::Report, o.file, data.model_spec, data.seed,
                 {.from = window.from, .to = window.to, .runs = o.runs, .claim_runs = o.claim_runs},
                 store::report_results(t.scenario, data));
    }
    emit(report::render(data, evidence), o.output);
    return kExitOk;
  }
  if (o.from > 0 || o.to > 0) throw SpecError("--from and --to need a time-stepped scenario");
  if (!o.posterior.empty()) throw SpecError("--posterior needs a time-stepped scenario (it is the alliance model's)");
  const analysis::ReportData data = forecast_data(o, options);
  if (!o.db.empty())
    record_run(o.db, store::Kind::Report, o.file, data.model_spec, data.seed, {},
               store::report_results(load_scenario(o.file), data));
  emit(report::render(data, evidence), o.output);
  return kExitOk;
}

// The options that choose what is computed; a stored run is drawn as it was computed.
std::vector<CLI::Option*> computing_options;

// `--db PATH RUN`: the stored results drawn as they are, nothing recomputed.
int report_stored(const ReportCliOptions& o) {
  double id = 0;
  if (!text::parse_number(o.file, id) || id < 1 || id != static_cast<double>(static_cast<std::int64_t>(id)))
    throw SpecError("with --db, give a scenario file to report and record, or the id of a stored run to draw (see "
                    "`entente runs --db " + o.db + "`); '" + o.file + "' is neither");
  for (const CLI::Option* option : computing_options)
    if (option->count() > 0)
      throw SpecError(option->get_name() + " chooses what is computed, and a stored run is drawn as it was computed: "
                      "leave it out, or report the scenario file anew");
  if (!std::filesystem::exists(o.db)) throw InputError(o.db, 0, "--db", "no such results database");
  store::Store db(o.db);
  emit(report::render(store::stored_report(db.load(static_cast<std::int64_t>(id))), evidence_of(o)), o.output);
  return kExitOk;
}

// With --db, an existing file is a scenario to report and record; anything else names a run.
int run_report() {
  const bool stored = !report_opts.db.empty() && !std::filesystem::is_regular_file(report_opts.file);
  return stored ? report_stored(report_opts) : report_on(report_opts);
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto* report = app.add_subcommand(
      "report", "Write one self-contained HTML report (charts as inline SVG, no network) of a scenario's runs");
  report->add_option("file", report_opts.file,
                     "Scenario: one-year (YAML, KTAB CSV, actor table, forecast JSON) or time-stepped YAML; "
                     "with --db, a scenario (reported and recorded) or the id of a stored run (drawn as stored)")
      ->required();
  report->add_option("--db", report_opts.db,
                     "Results database: record this report in it, or draw a run stored in it (give its id) without "
                     "recomputing anything");
  report->add_option("-o,--output", report_opts.output, "The HTML file to write ('-' for standard output)")->required();
  computing_options = {
      report->add_option("-m,--model", report_opts.model, "Bargaining model (default: the file's model)"),
      report->add_option("--seed", report_opts.seed, "Seed of the runs and the sweep (default: the file's seed)")
          ->each([](const std::string&) { report_opts.seed_given = true; }),
      report->add_option("--runs", report_opts.runs, "Draws of the uncertain inputs behind the policy bands (default 200)")
          ->check(CLI::Range(1.0, 1e7)),
      report->add_option("--claim-runs", report_opts.claim_runs,
                         "Draws on which each claim is checked (default 100; 0 = the baseline only)")
          ->check(CLI::Range(0.0, 1e7)),
      report->add_option("--from", report_opts.from,
                         "Start of the attribution window (default: the window of the scenario's claims, else the "
                         "last ten years)"),
      report->add_option("--to", report_opts.to, "End of the attribution window (up to the scenario's horizon)"),
      report->add_option("--posterior", report_opts.posterior,
                         "Posterior file of `entente calibrate`: the runs take it (point runs its medians, sampled "
                         "runs a draw each) and the evidence section draws each parameter's draws against its prior")};
  report->add_option("--backtest", report_opts.backtest,
                     "A backtest's JSON (`entente backtest ... -f json -o FILE`): the evidence section shows its "
                     "cases and scores, in sample and held out, and its reliability diagram");
  report->add_option("-j,--threads", report_opts.threads, "Threads (default: every core); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  on_run(report, run_report);
}

}  // namespace entente::cli
