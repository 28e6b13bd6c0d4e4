// Counterfactual policies side by side: the baseline and each named policy run to the same
// horizon with the same model and seed.
#pragma once

#include <string>
#include <vector>

#include "analysis/progress.h"
#include "sim/simulation.h"

namespace entente::analysis {

struct PolicyRun {
  std::string policy;  // "baseline" for the scenario as written
  sim::Run run;
};

// Runs the baseline and each policy; `progress` is told the runs done of 1 + policies.
// Throws SpecError for a policy the scenario does not define (naming the nearest one) and
// InputError when a policy's edits make the scenario invalid.
std::vector<PolicyRun> compare(const sim::TimeScenario& t, const sim::SimOptions& options,
                               const std::vector<std::string>& policies, const ProgressFn& progress = {});

}  // namespace entente::analysis
