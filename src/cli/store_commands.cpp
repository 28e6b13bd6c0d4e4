// entente runs, show, rerun, export: the results database (docs/results-db.md), and the
// --db option through which forecast, run, explain, compare, sweep and claims record runs.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/results_db.h"
#include "io/analysis_io.h"
#include "io/files.h"
#include "io/forecast_io.h"
#include "io/run_io.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "output/document.h"
#include "store/export.h"
#include "store/rerun.h"
#include "store/store.h"

namespace entente::cli {

namespace {

struct StoreCliOptions {
  std::string db, format = "table", export_format = "csv", table, output;
  std::int64_t run = 0;
  int threads = 0;
};
StoreCliOptions store_opts;

// The command line as typed, from the kernel's record of it: arguments holding blanks or
// shell characters are single-quoted so that the line can be pasted back into a shell.
std::string command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string line;
  for (std::size_t start = 0; start < raw.size();) {
    const std::size_t end = std::min(raw.find('\0', start), raw.size());
    std::string arg = raw.substr(start, end - start);
    if (arg.empty() || arg.find_first_of(" \t\n'\"\\$`*?()[]{}<>|&;#~") != std::string::npos) {
      std::string quoted = "'";
      for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      arg = quoted + "'";
    }
    line += (line.empty() ? "" : " ") + arg;
    start = end + 1;
  }
  return line;
}

void save(const std::string& db, const store::RunRecord& record) {
  store::Store s(db);
  const std::int64_t id = s.save(record);
  std::cerr << fmt::format("recorded as run {} in {}\n", id, db);
}

// The commands that read a database never create one by mistake, nor write to it.
store::Store existing(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw InputError(path, 0, "--db", "no such results database (record runs into it with --db on forecast, run, "
                                      "explain, compare, sweep, claims, report or backtest)");
  return store::Store(path, store::Access::ReadOnly);
}

std::string seed_text(std::uint64_t seed) { return std::to_string(seed); }

// Long scenario names would push the model column off the screen.
std::string fit(const std::string& s, std::size_t width) {
  return s.size() <= width ? s : s.substr(0, width - 1) + "…";
}

int run_runs() {
  store::Store s = existing(store_opts.db);
  const auto runs = s.runs();
  if (runs.empty()) {
    std::cout << store_opts.db << ": no runs recorded yet\n";
    return kExitOk;
  }
  output::Table table{.columns = {"run", "created (UTC)", "kind", "scenario", "seed", "model"}};
  for (const auto& r : runs)
    table.add({r.id, r.created_utc, r.kind, fit(r.scenario_name.empty() ? r.scenario_file : r.scenario_name, 24),
               seed_text(r.seed), r.model_spec});
  std::cout << output::render_text(table);
  return kExitOk;
}

// A stored report is drawn by `entente report --db`; `show` prints its main table: the
// forecast of a one-year scenario, else the policy bands of its sweep.
std::string reprint_report(const store::RunRecord& r, Format format) {
  const analysis::ReportData& d = *r.results.report;
  const std::string hint = format == Format::Table ? fmt::format("draw it: entente report --db {} {} -o report.html\n\n",
                                                                 store_opts.db, r.id)
                                                   : "";
  if (d.forecast) {
    const store::Workspace w(r.inputs);
    return hint + write_forecast(ForecastRecord{load_scenario(w.scenario_path()), d.model_spec, d.seed, *d.forecast},
                                 format);
  }
  if (!d.sweep) return hint;
  if (format != Format::Table) return output::render(sim::summary_table(*d.sweep), format);
  return hint + output::render({sim::summary_table(*d.sweep), sim::retreat_table(*d.sweep)}, format);
}

// The stored results through the writer the original command used.
std::string reprint(const store::RunRecord& r, Format format) {
  const store::Inputs& in = r.inputs;
  const store::Results& res = r.results;
  switch (in.kind) {
    case store::Kind::Forecast: {
      const store::Workspace w(in);
      return write_forecast(ForecastRecord{load_scenario(w.scenario_path()), in.model_spec, in.seed, *res.forecast},
                            format);
    }
    case store::Kind::Run: {
      const store::Workspace w(in);
      return write_run(load_timeline(w.scenario_path()), *res.run, format, in.request.from, in.request.to);
    }
    case store::Kind::Explain:
      return write_attribution(res.attributions, in.model_spec, format);
    case store::Kind::Compare:
      return write_comparison(res.policies, in.request.series, in.request.from, in.request.to, format);
    case store::Kind::Claims:
      return write_claims(res.claims, format);
    case store::Kind::Report:
      return reprint_report(r, format);
    case store::Kind::Backtest:
      return output::render(evidence::backtest_document(*res.backtest), format);
    case store::Kind::Sweep:
      break;
  }
  if (!res.sweep) return "";
  if (format != Format::Table || res.sweep->retreats.empty()) return output::render(sim::summary_table(*res.sweep), format);
  return output::render({sim::summary_table(*res.sweep), sim::retreat_table(*res.sweep)}, format);
}

// What was run, when, by which version and how: a block above the reprinted result.
output::Table provenance(const store::RunRecord& r) {
  return {.title = fmt::format("run {} · {} · recorded {} by Entente {}\nscenario: {} ({}, hash {})\n"
                               "model: {} · seed {}\ncommand: {}",
                               r.id, store::kind_name(r.inputs.kind), r.created_utc, r.entente_version,
                               r.results.scenario_name, r.inputs.scenario_file,
                               store::content_hash(r.inputs.scenario_text), r.inputs.model_spec,
                               seed_text(r.inputs.seed), r.inputs.command_line)};
}

int run_show() {
  const Format format = parse_format(store_opts.format);
  store::Store s = existing(store_opts.db);
  const store::RunRecord r = s.load(store_opts.run);
  const std::string head = format == Format::Table ? output::render_text(provenance(r)) + "\n" : "";
  emit(head + reprint(r, format), store_opts.output);
  return kExitOk;
}

int run_rerun() {
  store::Store s = existing(store_opts.db);
  const store::RunRecord r = s.load(store_opts.run);
  const auto outcome = store::rerun(r, store_opts.threads > 0 ? store_opts.threads : hardware_threads());
  const std::string what = fmt::format("run {} ({} of {}, {}, seed {})", r.id, store::kind_name(r.inputs.kind),
                                       r.inputs.scenario_file, r.inputs.model_spec, seed_text(r.inputs.seed));
  if (outcome.identical()) {
    std::cout << what << ": reproduced bit for bit\n";
    return kExitOk;
  }
  std::cout << what << ": NOT reproduced: " << outcome.difference << "\n";
  return kExitInternal;
}

int run_export() {
  const Format format = parse_format(store_opts.export_format);
  store::Store s = existing(store_opts.db);
  std::optional<std::int64_t> run;
  store::Table table = store::Table::Series;
  if (store_opts.run > 0) {
    const store::RunRecord r = s.load(store_opts.run);  // an unknown run is an error, not an empty table
    run = r.id;
    table = store::main_table(r.inputs.kind);
  }
  if (!store_opts.table.empty()) table = store::parse_table(store_opts.table);  // CLI11 checked the name
  emit(store::export_table(s, table, run, format), store_opts.output);
  return kExitOk;
}

CLI::App* with_db(CLI::App* command) {
  command->add_option("--db", store_opts.db, "Results database (SQLite)")->required();
  return command;
}

}  // namespace

void add_db_option(CLI::App* command, std::string& db) {
  command->add_option("--db", db,
                      "Also record this run in a results database (SQLite; created if missing; see "
                      "docs/results-db.md)");
}

void record_run(const std::string& db, store::Kind kind, const std::string& file, const std::string& model_spec,
                std::uint64_t seed, store::Request request, const store::Results& results) {
  if (db.empty()) return;
  store::RunRecord record;
  record.inputs = store::read_inputs(kind, file, model_spec, seed, std::move(request), command_line());
  record.results = results;
  save(db, record);
}

void record_sweep(const std::string& db, const std::string& file, const sim::SweepResult& sweep,
                  store::Request request) {
  if (db.empty()) return;
  const Scenario scenario = is_timeline(read_file(file)) ? load_timeline(file).scenario : load_scenario(file);
  record_run(db, store::Kind::Sweep, file, sweep.model, sweep.seed, std::move(request),
             store::sweep_results(scenario, sweep));
}

void record_backtest(const std::string& db, const std::vector<evidence::Case>& cases, const std::string& posterior,
                     const std::vector<std::string>& given_paths, const evidence::BacktestOptions& options,
                     const evidence::BacktestResult& result) {
  if (db.empty()) return;
  store::Request request;
  request.runs = static_cast<std::uint64_t>(options.runs);
  request.draws = options.calibration.draws;
  request.chains = options.calibration.chains;
  request.leave_one_out = options.leave_one_out;
  request.placebo = options.placebo;
  request.placebo_draws = options.placebo_draws;
  store::RunRecord record;
  record.inputs = store::backtest_inputs(cases, posterior, given_paths, options.calibration.model,
                                         options.calibration.seed, std::move(request), command_line());
  std::vector<std::string> read_as;
  for (const auto& c : cases) read_as.push_back(c.file);
  record.results = store::backtest_results(result, read_as, record.inputs);
  save(db, record);
}

void add_store_commands(CLI::App& app) {
  auto* runs = with_db(app.add_subcommand("runs", "List the runs recorded in a results database"));
  on_run(runs, run_runs);

  auto* show = with_db(app.add_subcommand("show", "Print a recorded run as the command that made it printed it"));
  show->add_option("run", store_opts.run, "Run id (see `entente runs`)")->required();
  show->add_option("-f,--format", store_opts.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  show->add_option("-o,--output", store_opts.output, "Write here instead of standard output");
  on_run(show, run_show);

  auto* rerun = with_db(app.add_subcommand(
      "rerun", "Rerun a recorded run from its stored inputs; exit 0 if it reproduces bit for bit, 1 if not"));
  rerun->add_option("run", store_opts.run, "Run id (see `entente runs`)")->required();
  rerun->add_option("-j,--threads", store_opts.threads, "Threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  on_run(rerun, run_rerun);

  auto* exp = with_db(app.add_subcommand("export", "Write tidy long tables of recorded runs for pandas or R"));
  exp->add_option("run", store_opts.run, "Run id (default: every run)");
  exp->add_option("-f,--format", store_opts.export_format, "csv or json (a list of records)")
      ->check(CLI::IsMember({"csv", "json"}, CLI::ignore_case));
  exp->add_option("--table", store_opts.table,
                  "One of: " + fmt::format("{}", fmt::join(store::table_names(), ", ")) +
                      " (default: the run's main table, else series)")
      ->check(CLI::IsMember(store::table_names()));
  exp->add_option("-o,--output", store_opts.output, "Write here instead of standard output");
  on_run(exp, run_export);
}

}  // namespace entente::cli
