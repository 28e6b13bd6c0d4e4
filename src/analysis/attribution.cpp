#include "analysis/attribution.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <bit>
#include <cmath>
#include <set>

#include "core/error.h"
#include "core/parallel.h"
#include "core/spelling.h"

namespace entente::analysis {

namespace {

constexpr int kMaxGroups = 12;

double factorial(int n) {
  double f = 1;
  for (int i = 2; i <= n; ++i) f *= i;
  return f;
}

// The group an event belongs to: that of its first tag which some group gathers (an event
// with several tags is attributed to its first-named cause), or −1.
int group_of(const sim::Event& ev, const std::vector<CauseGroup>& groups) {
  for (const auto& tag : ev.tags)
    for (std::size_t g = 0; g < groups.size(); ++g)
      if (std::find(groups[g].tags.begin(), groups[g].tags.end(), tag) != groups[g].tags.end())
        return static_cast<int>(g);
  return -1;
}

}  // namespace

std::vector<double> shapley_values(const std::vector<double>& v, int g) {
  // φ_i = Σ_{S ⊆ N∖{i}} |S|! (g − |S| − 1)! / g! · (v(S ∪ {i}) − v(S))   (Shapley 1953)
  std::vector<double> weight(static_cast<std::size_t>(g));
  for (int s = 0; s < g; ++s) weight[s] = factorial(s) * factorial(g - s - 1) / factorial(g);
  std::vector<double> phi(static_cast<std::size_t>(g), 0.0);
  const unsigned full = (1u << g);
  for (int i = 0; i < g; ++i)
    for (unsigned mask = 0; mask < full; ++mask) {
      if (mask & (1u << i)) continue;
      phi[i] += weight[std::popcount(mask)] * (v[mask | (1u << i)] - v[mask]);
    }
  return phi;
}

double shapley_interaction(const std::vector<double>& v, int g, int i, int j) {
  // I_ij = Σ_{S ⊆ N∖{i,j}} |S|! (g − |S| − 2)! / (g − 1)! · (v(S∪{i,j}) − v(S∪{i}) − v(S∪{j}) + v(S))
  double out = 0;
  const unsigned bi = 1u << i, bj = 1u << j;
  for (unsigned mask = 0; mask < (1u << g); ++mask) {
    if (mask & (bi | bj)) continue;
    const int s = std::popcount(mask);
    const double w = factorial(s) * factorial(g - s - 2) / factorial(g - 1);
    out += w * (v[mask | bi | bj] - v[mask | bi] - v[mask | bj] + v[mask]);
  }
  return out;
}

std::vector<CauseGroup> default_groups(const sim::TimeScenario& t, int from) {
  std::vector<CauseGroup> groups;
  std::set<std::string> seen;
  for (const auto& ev : t.events) {
    if (ev.year <= from || ev.tags.empty()) continue;
    const std::string& tag = ev.tags.front();
    if (seen.insert(tag).second) groups.push_back({tag, {tag}});
  }
  if (!seen.count("ascendancy")) groups.push_back({"ascendancy", {"ascendancy"}});
  return groups;
}

std::vector<Attribution> attribute(const sim::TimeScenario& t, const sim::SimOptions& options,
                                   const std::vector<CauseGroup>& groups, int from, int to,
                                   const std::vector<std::string>& series, int threads,
                                   const ProgressFn& progress) {
  const int g = static_cast<int>(groups.size());
  if (g < 1 || g > kMaxGroups)
    throw SpecError(fmt::format("attribution needs 1 to {} cause groups, got {}", kMaxGroups, g));
  if (from < t.start_year)
    throw SpecError(fmt::format("the window {}–{} starts before the scenario does ({})", from, to, t.start_year));
  if (to <= from) throw SpecError(fmt::format("the window {}–{} must end after it starts", from, to));
  if (to > t.horizon_year)
    throw SpecError(fmt::format("the window {}–{} ends past the scenario's horizon ({})", from, to, t.horizon_year));
  int ascendancy = -1;
  for (int i = 0; i < g; ++i)
    if (groups[i].name == "ascendancy") ascendancy = i;

  std::vector<int> event_group(t.events.size());
  for (std::size_t e = 0; e < t.events.size(); ++e) event_group[e] = group_of(t.events[e], groups);

  const std::size_t coalitions = std::size_t{1} << g;
  std::vector<std::vector<double>> v(series.size(), std::vector<double>(coalitions));
  std::vector<double> start_values(series.size());
  // Every coalition keeps the events up to `from`: step one simulation there and run each
  // coalition on from a copy of it.
  sim::SimOptions o = options;
  o.to_year = to;
  o.keep_event = nullptr;
  o.hold_capabilities_from = INT_MAX;
  sim::Simulation shared(t, o);
  while (shared.next_year() <= from) shared.step();
  const auto& names = shared.record().series_names;
  for (const auto& name : series)
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw SpecError(fmt::format("no series '{}'{}; `entente series FILE` lists them", name, did_you_mean(name, names)));
  for (std::size_t s = 0; s < series.size(); ++s) start_values[s] = shared.record().value(series[s], from);
  ProgressCounter counter(progress, coalitions);
  parallel_for(coalitions, threads, [&](std::uint64_t mask) {
    sim::Simulation sim(shared);
    sim.set_counterfactual(
        [&, mask](const sim::Event& ev) {
          const auto index = static_cast<std::size_t>(&ev - t.events.data());
          const int group = event_group[index];
          return group < 0 || (mask >> group) & 1u;
        },
        ascendancy >= 0 && !((mask >> ascendancy) & 1u) ? from : INT_MAX);
    const sim::Run run = sim.run();
    for (std::size_t s = 0; s < series.size(); ++s) v[s][mask] = run.value(series[s], to);
    counter.tick();
  });

  std::vector<Attribution> out;
  for (std::size_t s = 0; s < series.size(); ++s) {
    Attribution a;
    a.series = series[s];
    a.from = from;
    a.to = to;
    a.start_value = start_values[s];
    a.v_all = v[s][coalitions - 1];
    a.v_none = v[s][0];
    a.total_change = a.v_all - a.v_none;
    a.drift = a.v_none - a.start_value;
    const auto phi = shapley_values(v[s], g);
    for (int i = 0; i < g; ++i) a.shapley.emplace_back(groups[i].name, phi[i]);
    for (int i = 0; i < g; ++i)
      for (int j = i + 1; j < g; ++j)
        a.interactions.push_back({groups[i].name, groups[j].name, shapley_interaction(v[s], g, i, j)});
    std::stable_sort(a.interactions.begin(), a.interactions.end(),
                     [](const Interaction& x, const Interaction& y) { return std::abs(x.value) > std::abs(y.value); });
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace entente::analysis
