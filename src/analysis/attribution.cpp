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

// The groups gathering a cause tag, as a bit mask over `groups`.
unsigned mask_of(const std::string& tag, const std::vector<CauseGroup>& groups) {
  unsigned mask = 0;
  for (std::size_t g = 0; g < groups.size(); ++g)
    if (std::find(groups[g].tags.begin(), groups[g].tags.end(), tag) != groups[g].tags.end()) mask |= 1u << g;
  return mask;
}

// The groups that must be on for change i of an event to apply (0: it always applies): the
// group of its own cause, or else every group of its event's tags — a joint product of them.
unsigned needed(const sim::Event& ev, std::size_t i, const std::vector<CauseGroup>& groups) {
  if (i < ev.effect_causes.size() && !ev.effect_causes[i].empty()) return mask_of(ev.effect_causes[i], groups);
  unsigned mask = 0;
  for (const auto& tag : ev.tags) mask |= mask_of(tag, groups);
  return mask;
}

// The scenario with each event cut into runs of consecutive changes that need the same groups,
// kept in the file's order, so that every coalition applies its changes in that order and the
// coalition of all groups is the baseline run exactly. `needs` receives each piece's groups.
sim::TimeScenario split_by_cause(const sim::TimeScenario& t, const std::vector<CauseGroup>& groups,
                                 std::vector<unsigned>& needs) {
  sim::TimeScenario out = t;
  out.events.clear();
  needs.clear();
  for (const sim::Event& ev : t.events) {
    if (ev.effects.empty()) {
      out.events.push_back(ev);
      needs.push_back(needed(ev, 0, groups));
      continue;
    }
    for (std::size_t i = 0; i < ev.effects.size();) {
      const unsigned mask = needed(ev, i, groups);
      sim::Event piece = ev;
      piece.effects.clear();
      piece.effect_causes.clear();
      piece.effect_lines.clear();
      for (; i < ev.effects.size() && needed(ev, i, groups) == mask; ++i) {
        piece.effects.push_back(ev.effects[i]);
        if (i < ev.effect_causes.size()) piece.effect_causes.push_back(ev.effect_causes[i]);
        if (i < ev.effect_lines.size()) piece.effect_lines.push_back(ev.effect_lines[i]);
      }
      out.events.push_back(std::move(piece));
      needs.push_back(mask);
    }
  }
  return out;
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
  if (!t.causes.empty()) return t.causes;
  std::vector<CauseGroup> groups;
  std::set<std::string> seen;
  auto add = [&](const std::string& tag) {
    if (seen.insert(tag).second) groups.push_back({tag, {tag}});
  };
  for (const auto& ev : t.events) {
    if (ev.year <= from) continue;
    for (std::size_t i = 0; i < ev.effects.size(); ++i) {
      if (i < ev.effect_causes.size() && !ev.effect_causes[i].empty()) add(ev.effect_causes[i]);
      else for (const auto& tag : ev.tags) add(tag);
    }
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

  std::vector<unsigned> needs;
  const sim::TimeScenario split = split_by_cause(t, groups, needs);

  const std::size_t coalitions = std::size_t{1} << g;
  std::vector<std::vector<double>> v(series.size(), std::vector<double>(coalitions));
  std::vector<double> start_values(series.size());
  // Every coalition keeps the events up to `from`: step one simulation there and run each
  // coalition on from a copy of it.
  sim::SimOptions o = options;
  o.to_year = to;
  o.keep_event = nullptr;
  o.hold_capabilities_from = INT_MAX;
  sim::Simulation shared(split, o);
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
          const unsigned need = needs[static_cast<std::size_t>(&ev - split.events.data())];
          return (mask & need) == need;
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
    const std::size_t all = coalitions - 1;
    for (int i = 0; i < g; ++i) a.but_for.emplace_back(groups[i].name, v[s][all] - v[s][all & ~(std::size_t{1} << i)]);
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
