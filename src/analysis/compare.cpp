#include "analysis/compare.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "core/spelling.h"

namespace entente::analysis {

namespace {

// Every name is checked before any run, so a typo in the last policy costs no work.
void check_policy_names(const sim::TimeScenario& t, const std::vector<std::string>& policies) {
  std::vector<std::string> known;
  for (const auto& p : t.policies) known.push_back(p.name);
  for (const auto& name : policies)
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw SpecError(fmt::format("no policy '{}' in {}{}", name, t.scenario.provenance.file,
                                  known.empty() ? " (it defines none)" : name_hint(name, known, 20)));
}

}  // namespace

std::vector<PolicyRun> compare(const sim::TimeScenario& t, const sim::SimOptions& options,
                               const std::vector<std::string>& policies, const ProgressFn& progress) {
  check_policy_names(t, policies);
  ProgressCounter counter(progress, 1 + policies.size());
  std::vector<PolicyRun> out;
  out.push_back({"baseline", sim::simulate(t, options)});
  counter.tick();
  for (const auto& name : policies) {
    const sim::TimeScenario edited = sim::with_policy(t, name);
    auto problems = sim::validate(edited);
    if (!problems.empty()) throw InputError(std::move(problems));
    out.push_back({name, sim::simulate(edited, options)});
    counter.tick();
  }
  return out;
}

}  // namespace entente::analysis
