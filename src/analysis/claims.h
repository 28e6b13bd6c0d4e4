// Checking the claims a scenario states (its `claims:`), on the baseline and across a sweep
// of its uncertain inputs. A claim is data: named terms (a series in a year, its maximum over
// a window, a Shapley value, a policy's value…) and an expression over them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis/progress.h"
#include "sim/simulation.h"

namespace entente::analysis {

struct ClaimResult {
  std::string id, text, holds;
  bool holds_baseline = false;
  std::map<std::string, double> baseline_terms;  // each term's value on the baseline
  std::uint64_t runs = 0;                          // sweep runs (0 = baseline only)
  std::uint64_t held = 0;                          // runs in which it held
  double share_of_runs() const { return runs ? static_cast<double>(held) / static_cast<double>(runs) : 0.0; }
};

// Evaluates every claim on one scenario: per claim, whether it holds, and the term values.
// Throws InputError at the claim's line for a term the scenario cannot give (an unknown
// series or cause group, a window outside the run).
std::vector<std::pair<bool, std::map<std::string, double>>> evaluate_claims(const sim::TimeScenario& t,
                                                                            const sim::SimOptions& options,
                                                                            int threads = 1);

// The baseline, then `runs` draws of the uncertain inputs (run i from stream (seed, i)).
// Identical results for any thread count. `progress` is told the runs done of `runs`
// (nothing when runs = 0).
std::vector<ClaimResult> check_claims(const sim::TimeScenario& t, const sim::SimOptions& options, std::uint64_t runs,
                                      std::uint64_t seed, int threads, const ProgressFn& progress = {});

}  // namespace entente::analysis
