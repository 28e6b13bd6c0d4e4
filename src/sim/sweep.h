// Sweeps: many runs of one scenario over its uncertain inputs, on several threads, streamed
// to a folder as they are produced and resumable after an interruption.
//
// Run i draws its inputs from RandomStream(seed, i) and every policy sees the same draws
// (common random numbers), so results are bit-identical for any thread count and any split of
// the runs: `first`/`runs` select a range, and `merge_sweeps` joins ranges into the files a
// single sweep would have written.
//
// The folder holds (none of them mentions timings or thread counts):
//   runs.csv     one row per run (and policy), in run order;
//   summary.csv  per policy, year and series: mean and the 5/50/95 % quantiles;
//   retreat.csv  per policy: the share of runs in which the alliance retreats into history;
//   sweep.json   what was run: scenario hash, model, seed, runs, policies, horizon;
//   checkpoint.bin  the state to resume from (counts, exact sums, rows written).
// Quantiles come from fixed histograms (10,000 bins over the series' range: 1e-4 for strain),
// means from exact fixed-point sums, so both are independent of the order runs finish in.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

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
  std::string dir;          // output folder
  bool resume = false;
  double checkpoint_seconds = 2;  // how often the state is saved for a resume
  std::string scenario_text;  // the scenario file's bytes, hashed into sweep.json
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

// A sweep of a time-stepped scenario: strain and each member's net value per policy and year,
// and the probability that the alliance retreats into history by the horizon.
void sweep_timeline(const TimeScenario& t, const SweepOptions& options);

// A sweep of a one-year scenario: the forecast per issue.
void sweep_forecast(const Scenario& s, const SweepOptions& options);

// Joins complete sweeps of consecutive run ranges into `out`, byte for byte what one sweep
// over the whole range writes. Throws std::runtime_error naming what does not fit.
void merge_sweeps(const std::vector<std::string>& dirs, const std::string& out);

}  // namespace entente::sim
