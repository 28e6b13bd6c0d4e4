// What the results database keeps of one recorded run: the inputs needed to rerun it and the
// results it produced, as the library's own types. `Store` (store.h) maps these to tables;
// `rerun` (rerun.h) recomputes the results from the inputs and compares them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/attribution.h"
#include "analysis/claims.h"
#include "analysis/compare.h"
#include "analysis/report_data.h"
#include "bargaining/model.h"
#include "core/scenario.h"
#include "evidence/backtest.h"
#include "sim/simulation.h"
#include "sim/sweep.h"

namespace entente::store {

// The command that produced a run (`report`: `entente report FILE --db`; `backtest`:
// `entente backtest CASES --db`).
enum class Kind { Forecast, Run, Explain, Compare, Sweep, Claims, Report, Backtest };
const char* kind_name(Kind kind);
// Throws std::invalid_argument for a name that is not one of the kinds.
Kind parse_kind(const std::string& name);

// A file the scenario reads (a time-stepped scenario's data series), kept so that a rerun
// needs nothing but the database.
struct DataFile {
  std::string path;  // as the scenario writes it, relative to the scenario's folder
  std::string content;
};

// What a rerun needs besides the scenario, the model and the seed. Each kind uses a part.
struct Request {
  int from = 0, to = 0;                      // run, explain, compare: window; sweep: horizon (0 = end)
  std::vector<std::string> series{};         // explain, compare
  std::vector<std::string> policies{};       // compare, sweep (besides the baseline)
  std::vector<analysis::CauseGroup> groups{};  // explain: resolved, so no defaults apply on rerun
  std::uint64_t runs = 0, first = 0;         // sweep: run range; claims: sweep runs (0 = baseline);
                                             // report: the runs of its policy sweep
  std::uint64_t claim_runs = 0;              // report: the runs its claims are checked on
  int draws = 0, chains = 0;                 // backtest: each fit's chains (runs: sampled runs per case)
  int placebo_draws = 0;                     // backtest: shuffles per case under --placebo
  bool leave_one_out = false, placebo = false;  // backtest
};

struct Inputs {
  Kind kind = Kind::Forecast;
  std::string scenario_file;  // the path given on the command line (a backtest: its paths, joined by spaces)
  std::string scenario_text;  // its bytes (a backtest: empty)
  std::vector<DataFile> data_files;
  // A backtest's case files in the order it read them, and the posterior it was given. Their
  // paths and those of their data files are relative to the folder the command ran in.
  std::vector<DataFile> case_files;
  std::optional<DataFile> posterior_file;
  std::string model_spec;  // canonical, every parameter spelled out
  std::uint64_t seed = 0;
  std::string command_line;
  Request request;
};

// What a run produced. Which parts are filled depends on the kind:
// forecast → forecast; run → run; explain → run (the baseline) and attributions;
// compare → policies (the requested series, years from..to); sweep → sweep;
// claims → claims; report → report (the whole ReportData); backtest → backtest. Every kind
// keeps the scenario's name, actors and issues (a backtest has none).
struct Results {
  std::string scenario_name;
  std::vector<Actor> actors;
  std::vector<Issue> issues;
  std::optional<Forecast> forecast;
  std::optional<sim::Run> run;
  std::vector<analysis::Attribution> attributions;
  std::vector<analysis::PolicyRun> policies;
  std::vector<analysis::ClaimResult> claims;
  std::optional<sim::SweepResult> sweep;
  std::optional<analysis::ReportData> report;
  std::optional<evidence::BacktestResult> backtest;
};

struct RunRecord {
  std::int64_t id = 0;      // assigned by the store
  std::string created_utc;  // assigned by the store: ISO-8601, e.g. 2024-05-01T12:00:00Z
  std::string entente_version = ENTENTE_VERSION;
  Inputs inputs;
  Results results;
};

// Reads the scenario file and every data file it names. Throws InputError naming a file that
// cannot be read.
Inputs read_inputs(Kind kind, const std::string& scenario_file, const std::string& model_spec, std::uint64_t seed,
                   Request request, std::string command_line);

// A backtest's inputs: every case file read (a folder's in the order load_cases reads them),
// the data files they name and the posterior file if one was given, all with paths relative to
// the current folder. Throws InputError naming a file that cannot be read.
Inputs backtest_inputs(const std::vector<evidence::Case>& cases, const std::string& posterior_path,
                       const std::vector<std::string>& given_paths, const std::string& model, std::uint64_t seed,
                       Request request, std::string command_line);

Results forecast_results(const Scenario& scenario, const Forecast& forecast);
Results run_results(const sim::TimeScenario& t, const sim::Run& run);
Results explain_results(const sim::TimeScenario& t, const sim::Run& baseline,
                        std::vector<analysis::Attribution> attributions);
// Keeps only the requested series, in the years request.from..request.to.
Results compare_results(const sim::TimeScenario& t, const std::vector<analysis::PolicyRun>& runs,
                        const Request& request);
Results claims_results(const sim::TimeScenario& t, std::vector<analysis::ClaimResult> claims);
Results sweep_results(const Scenario& scenario, sim::SweepResult sweep);
Results report_results(const Scenario& scenario, analysis::ReportData report);
// A backtest's forecasts name their cases by the stored paths (inputs.case_files), whatever
// paths the cases were read from (`read_as`, in the same order): a rerun reads them elsewhere.
Results backtest_results(evidence::BacktestResult backtest, const std::vector<std::string>& read_as,
                         const Inputs& inputs);

// "" when both hold the same results, doubles compared with ==; else the first difference.
std::string first_difference(const Results& a, const Results& b);
std::string first_difference(const analysis::ReportData& a, const analysis::ReportData& b);

// FNV-1a 64 as 16 hex digits: the same as sweep.json's scenario_hash.
std::string content_hash(std::string_view text);

}  // namespace entente::store
