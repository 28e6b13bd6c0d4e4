// Sweeps: many runs of one scenario over its uncertain inputs, on several threads, streamed
// to a folder as they are produced and resumable after an interruption.
//
// Run i draws its inputs from RandomStream(seed, i) and every policy sees the same draws
// (common random numbers), so results are bit-identical for any thread count and any split of
// the runs: `first`/`runs` select a range, and `merge_sweeps` joins ranges into the files a
// single sweep would have written.
//
// A sweep returns its result as a value, `SweepResult`: what was run and, per policy, year
// and series, the mean and the 5/50/95 % quantiles, and per policy the share of runs in
// which the alliance retreats into history. Quantiles come from fixed histograms (10,000
// bins over the series' range: 1e-4 for strain), means from exact fixed-point sums, so both
// are independent of the order runs finish in.
//
// The folder holds (none of them mentions timings or thread counts):
//   runs.csv     one row per run (and policy), in run order, streamed as runs finish: the
//                outcomes, then one column per drawn uncertain input (`drawn_input_names`);
//   summary.csv  the result's cells (`summary_table`);
//   retreat.csv  time-stepped only: the result's retreat shares (`retreat_table`);
//   sweep.json   what was run (`sweep_json`);
//   checkpoint.bin  the state to resume from (counts, exact sums, rows written).
// summary.csv, retreat.csv and sweep.json are drawn from the SweepResult once the last run
// is in; nothing reads them back.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "output/table.h"
#include "sim/simulation.h"

namespace entente::sim {

struct SweepOptions {
  std::uint64_t runs = 1000;
  std::uint64_t first = 0;  // the first run index (to split a sweep across machines)
  std::uint64_t seed = 0;
  int threads = 1;
  std::string model;        // bargaining model spec
  std::vector<std::string> policies;  // time-stepped only; the baseline is always included
  int to_year = 0;          // time-stepped only; 0 = the scenario's end
  std::string dir;          // output folder; "" = no files, only the returned result
  bool resume = false;
  double checkpoint_seconds = 2;  // how often the state is saved for a resume
  std::string scenario_text;  // the scenario file's bytes, hashed into the result
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

enum class SweepKind { Timeline, Forecast };
const char* sweep_kind_name(SweepKind kind);  // "timeline", "forecast"

// One cell of a sweep's summary: a series in a year under a policy, across the runs.
struct SweepCell {
  std::string policy;  // "baseline" for the scenario as written (and for every forecast cell)
  int year = 0;        // 0 for a one-year scenario's forecast
  std::string series;  // "strain", "net_value.US", "forecast.strategy"
  double mean = 0, q05 = 0, q50 = 0, q95 = 0;
};

// How often the alliance retreats into history by the horizon under one policy.
struct SweepRetreat {
  std::string policy;
  std::uint64_t runs = 0, retreats = 0;
  double probability = 0;  // retreats / runs
};

struct SweepResult {
  SweepKind kind = SweepKind::Timeline;
  std::string entente_version = ENTENTE_VERSION;
  std::string scenario_hash;  // FNV-1a 64 of the scenario file's bytes, 16 hex digits
  std::string model;          // canonical spec, every parameter spelled out
  std::uint64_t seed = 0;
  std::uint64_t first = 0, runs = 0;   // the run range [first, first + runs)
  std::vector<std::string> policies;   // run beside the baseline (time-stepped)
  int to_year = 0;                     // the horizon (time-stepped); 0 for a forecast
  std::vector<std::string> inputs;     // the drawn inputs, as named in runs.csv
  std::vector<SweepCell> cells;        // policy × year × series, in that order (baseline first)
  std::vector<SweepRetreat> retreats;  // time-stepped: one per policy, baseline first

  // The cells of one series under one policy, in year order.
  std::vector<SweepCell> cells_of(const std::string& policy, const std::string& series) const;
};

// A sweep of a time-stepped scenario: strain and each member's net value per policy and year,
// and the probability that the alliance retreats into history by the horizon.
// Throws SpecError when `dir` already holds a sweep (without `resume`) or a different one,
// InputError when its checkpoint is damaged.
SweepResult sweep_timeline(const TimeScenario& t, const SweepOptions& options);

// A sweep of a one-year scenario: the forecast per issue.
SweepResult sweep_forecast(const Scenario& s, const SweepOptions& options);

// Joins complete sweeps of consecutive run ranges into `out`, byte for byte what one sweep
// over the whole range writes, and returns their joint result. Throws InputError naming the
// folder that does not fit (incomplete, a different sweep, a range that does not join).
SweepResult merge_sweeps(const std::vector<std::string>& dirs, const std::string& out);

// The columns runs.csv gives the drawn uncertain inputs, in the scenario's order:
// "input.position.US.strategy", "input.salience.H.I", "input.capability.A",
// "input.event_year.E", "input.parameter.P" (a repeated target gets "#2", "#3", …). Each holds
// the value drawn: a shift in points, a factor, whole years added, a parameter's value.
std::vector<std::string> drawn_input_names(const Scenario& s);

// The sweep's files as tidy tables and JSON: what summary.csv, retreat.csv and sweep.json hold.
// summary: policy,year,series,mean,q05,q50,q95 (time-stepped) or series,mean,q05,q50,q95;
// retreat: policy,runs,retreats,probability.
output::Table summary_table(const SweepResult& result);
output::Table retreat_table(const SweepResult& result);
std::string sweep_json(const SweepResult& result);

}  // namespace entente::sim
