// Counterfactual policies side by side: the baseline and each named policy run to the same
// horizon with the same model and seed.
#pragma once

#include <string>
#include <vector>

#include "sim/simulation.h"

namespace entente::analysis {

struct PolicyRun {
  std::string policy;  // "baseline" for the scenario as written
  sim::Run run;
};

// Runs the baseline and each policy. Throws std::invalid_argument for an unknown policy and
// InputError when a policy's edits make the scenario invalid.
std::vector<PolicyRun> compare(const sim::TimeScenario& t, const sim::SimOptions& options,
                               const std::vector<std::string>& policies);

}  // namespace entente::analysis
