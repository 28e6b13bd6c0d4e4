#include "sim/sample.h"

#include <algorithm>
#include <cmath>

namespace entente::sim {

namespace {

using T = UncertainInput::Target;

double draw(const UncertainInput& u, RandomStream& rng) {
  const double u1 = rng.uniform(), u2 = rng.uniform();
  return u.dist.draw(u1, u2);
}

// Scales a holder's saliences back to a total of 1 when a shift pushed them over.
void cap_total(Stance* row, std::size_t d) {
  double total = 0;
  for (std::size_t k = 0; k < d; ++k) total += row[k].salience;
  if (total > 1)
    for (std::size_t k = 0; k < d; ++k) row[k].salience /= total;
}

std::size_t index_of_issue(const Scenario& s, const std::string& name) {
  for (std::size_t k = 0; k < s.num_issues(); ++k)
    if (s.issues[k].name == name) return k;
  return 0;
}

std::size_t index_of_actor(const Scenario& s, const std::string& name) {
  for (std::size_t a = 0; a < s.num_actors(); ++a)
    if (s.actors[a].name == name) return a;
  return 0;
}

void shift_stance(Stance& st, const Issue& issue, T target, double shift) {
  if (target == T::Position) st.position = std::clamp(st.position + shift, issue.scale_min, issue.scale_max);
  else st.salience = std::clamp(st.salience + shift / 100, 0.0, 1.0);
}

}  // namespace

Scenario sample(const Scenario& s, RandomStream& rng) {
  Scenario out = s;
  const std::size_t d = s.num_issues();
  for (const auto& u : s.uncertain) {
    const double x = draw(u, rng);
    if (u.target == T::Position || u.target == T::Salience) {
      const std::size_t a = index_of_actor(s, u.holder), k = index_of_issue(s, u.issue);
      shift_stance(out.stance(a, k), s.issues[k], u.target, x);
      cap_total(&out.stances[a * d], d);
    } else if (u.target == T::Capability) {
      out.actors[index_of_actor(s, u.actor)].capability *= std::max(x, 1e-9);
    }
  }
  return out;
}

TimeScenario sample(const TimeScenario& t, RandomStream& rng) {
  TimeScenario out = t;
  const std::size_t d = t.scenario.num_issues();
  for (const auto& u : t.scenario.uncertain) {
    const double x = draw(u, rng);
    switch (u.target) {
      case T::Position:
      case T::Salience: {
        const auto h = static_cast<std::size_t>(t.holder_index(u.holder));
        const std::size_t k = index_of_issue(t.scenario, u.issue);
        shift_stance(out.holder_stances[h * d + k], t.scenario.issues[k], u.target, x);
        cap_total(&out.holder_stances[h * d], d);
        // Every coded value of that stance moves with it: the events that set it, not those
        // that shift it.
        for (auto& ev : out.events)
          for (auto& change : ev.effects) {
            auto* e = std::get_if<effect::Stance>(&change);
            if (!e || e->shift || e->holder != h || e->issue != k) continue;
            if (u.target == T::Position && e->position) e->position = std::clamp(*e->position + x, 0.0, 100.0);
            if (u.target == T::Salience && e->salience) e->salience = std::clamp(*e->salience + x / 100, 0.0, 1.0);
          }
        break;
      }
      case T::Capability:
        for (auto& v : out.capability[index_of_actor(t.scenario, u.actor)]) v *= std::max(x, 1e-9);
        break;
      case T::EventYear:
        for (auto& ev : out.events)
          if (ev.name == u.event) ev.year = std::clamp(ev.year + static_cast<int>(std::lround(x)), t.start_year, t.end_year);
        break;
      case T::Parameter:
        for (const auto& p : alliance::parameter_table())
          if (u.parameter == p.name) out.params.*(p.field) = std::clamp(x, p.min, p.max);
        break;
    }
  }
  // The run's draw for the alliance's end, after every declared input so that their draws do
  // not change: the alliance ends in the first year its survival falls below it.
  out.ending_draw = rng.uniform();
  // States with factions stand where their faction in office stands at the start.
  const std::size_t n = t.scenario.num_actors();
  for (std::size_t a = 0; a < n; ++a)
    if (t.in_office[a] >= 0)
      for (std::size_t k = 0; k < d; ++k)
        out.holder_stances[a * d + k] = out.holder_stances[(n + static_cast<std::size_t>(t.in_office[a])) * d + k];
  return out;
}

}  // namespace entente::sim
