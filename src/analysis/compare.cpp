#include "analysis/compare.h"

namespace entente::analysis {

std::vector<PolicyRun> compare(const sim::TimeScenario& t, const sim::SimOptions& options,
                               const std::vector<std::string>& policies) {
  std::vector<PolicyRun> out;
  out.push_back({"baseline", sim::simulate(t, options)});
  for (const auto& name : policies) {
    const sim::TimeScenario edited = sim::with_policy(t, name);
    auto problems = sim::validate(edited);
    if (!problems.empty()) throw InputError(std::move(problems));
    out.push_back({name, sim::simulate(edited, options)});
  }
  return out;
}

}  // namespace entente::analysis
