// entente report: one self-contained HTML file with the scenario, its runs and charts.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "bargaining/model.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "io/files.h"
#include "io/forecast_io.h"
#include "io/scenario_io.h"
#include "io/text.h"
#include "io/timeline_io.h"
#include "analysis/report_data.h"
#include "report/html.h"
#include "store/rerun.h"
#include "store/store.h"

namespace entente::cli {

namespace {

struct ReportCliOptions {
  std::string file, output, model, db;
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

int report_on(const ReportCliOptions& o) {
  analysis::ReportOptions options = library_options(o);
  options.scenario_text = read_file(o.file);
  if (is_timeline(options.scenario_text)) {
    const sim::TimeScenario t = read_timeline(options.scenario_text, o.file);
    emit(report::render(analysis::timeline_report_data(t, options)), o.output);
    return kExitOk;
  }
  if (o.from > 0 || o.to > 0) throw SpecError("--from and --to need a time-stepped scenario");
  emit(report::render(forecast_data(o, options)), o.output);
  return kExitOk;
}

// `--db PATH RUN`: the stored run's scenario and data files are laid out in a scratch folder
// and reported with the stored model and seed, unless the command line names others.
int report_stored(ReportCliOptions o) {
  double id = 0;
  if (!text::parse_number(o.file, id) || id < 1 || id != static_cast<double>(static_cast<std::int64_t>(id)))
    throw SpecError("with --db, give a run id (see `entente runs --db " + o.db + "`), not '" + o.file + "'");
  if (!std::filesystem::exists(o.db)) throw InputError(o.db, 0, "--db", "no such results database");
  store::Store db(o.db);
  const store::RunRecord record = db.load(static_cast<std::int64_t>(id));
  const store::Workspace workspace(record.inputs);
  o.file = workspace.scenario_path();
  if (o.model.empty()) o.model = record.inputs.model_spec;
  if (!o.seed_given) {
    o.seed = record.inputs.seed;
    o.seed_given = true;
  }
  return report_on(o);
}

int run_report() { return report_opts.db.empty() ? report_on(report_opts) : report_stored(report_opts); }

}  // namespace

void add_report_command(CLI::App& app) {
  auto* report = app.add_subcommand(
      "report", "Write one self-contained HTML report (charts as inline SVG, no network) of a scenario's runs");
  report->add_option("file", report_opts.file,
                     "Scenario: one-year (YAML, KTAB CSV, actor table, forecast JSON) or time-stepped YAML; "
                     "with --db, the id of a stored run")
      ->required();
  report->add_option("--db", report_opts.db, "Report a run stored in this results database (give its id)");
  report->add_option("-o,--output", report_opts.output, "The HTML file to write ('-' for standard output)")->required();
  report->add_option("-m,--model", report_opts.model, "Bargaining model (default: the file's model)");
  report->add_option("--seed", report_opts.seed, "Seed of the runs and the sweep (default: the file's seed)")
      ->each([](const std::string&) { report_opts.seed_given = true; });
  report->add_option("--runs", report_opts.runs, "Draws of the uncertain inputs behind the policy bands (default 200)")
      ->check(CLI::Range(1.0, 1e7));
  report->add_option("--claim-runs", report_opts.claim_runs,
                     "Draws on which each claim is checked (default 100; 0 = the baseline only)")
      ->check(CLI::Range(0.0, 1e7));
  report->add_option("--from", report_opts.from,
                     "Start of the attribution window (default: the window of the scenario's claims, else the last "
                     "ten years)");
  report->add_option("--to", report_opts.to, "End of the attribution window (up to the scenario's horizon)");
  report->add_option("-j,--threads", report_opts.threads, "Threads (default: every core); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  on_run(report, run_report);
}

}  // namespace entente::cli
