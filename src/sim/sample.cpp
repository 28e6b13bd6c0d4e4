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

// The one number a change carries, what it is of, and its valid range (none for stances,
// which `position:` and `salience:` inputs move, and for in-office and treaty changes).
struct Number {
  std::string_view kind;
  std::string of;
  double* value = nullptr;
  double min = 0, max = 1;
};

Number number_of(const TimeScenario& t, Effect& effect) {
  const auto& actors = t.scenario.actors;
  const std::string members[2] = {actors[t.setup.patron].name, actors[t.setup.client].name};
  constexpr double kLarge = 1e12;
  return std::visit(
      overloaded{
          [](effect::Stance&) { return Number{}; },
          [&](effect::Capability& e) { return Number{"capability", actors[e.actor].name, &e.factor, 1e-9, kLarge}; },
          [](effect::InOffice&) { return Number{}; },
          [&](effect::Leadership& e) { return Number{"leadership", t.scenario.issues[e.issue].name, &e.share, 0, 1}; },
          [](effect::Umbrella& e) { return Number{"umbrella", "", &e.level, 0, 1}; },
          [](effect::Credibility& e) { return Number{"credibility", "", &e.shift, -1, 1}; },
          [&](effect::Backing& e) { return Number{"backing", actors[t.setup.backers[e.backer]].name, &e.weight, 0, 1}; },
          [&](effect::PublicShock& e) { return Number{"public_shock", members[e.member], &e.size, -1, 1}; },
          [](effect::Contribution& e) { return Number{"contribution", e.item, &e.share, 0, 1}; },
          [](effect::Troops& e) { return Number{"troops", "", &e.level, 0, kLarge}; },
          [](effect::Treaty&) { return Number{}; },
          [](effect::BargainingPower& e) { return Number{"bargaining_power", "", &e.share, 0, 1}; },
          [&](effect::CampWeight& e) { return Number{"camp_weight", t.factions[e.faction].name, &e.weight, 0, 1}; },
      },
      effect);
}

// "leadership.strategy" names the leadership changes on `strategy`; "credibility" every
// credibility change.
bool names(const std::string& change, const Number& n) {
  if (!n.value) return false;
  const auto dot = change.find('.');
  if (change.substr(0, dot) != n.kind) return false;
  return dot == std::string::npos || change.substr(dot + 1) == n.of;
}

void apply_change(TimeScenario& t, const UncertainInput& u, double x) {
  using Op = UncertainInput::Op;
  for (auto& ev : t.events) {
    if (ev.name != u.event) continue;
    for (auto& change : ev.effects) {
      const Number n = number_of(t, change);
      if (!names(u.change, n)) continue;
      double& v = *n.value;
      switch (u.op) {
        case Op::Value: v = x; break;
        case Op::Shift: v += x; break;
        case Op::Factor: v *= x; break;
      }
      v = std::clamp(v, n.min, n.max);
    }
  }
}

}  // namespace

StartSlot start_slot(TimeScenario& t, const std::string& name) {
  const auto dot = name.find('.');
  const std::string kind = name.substr(0, dot), of = dot == std::string::npos ? "" : name.substr(dot + 1);
  const auto& actors = t.scenario.actors;
  if (kind == "umbrella" && of.empty()) return {&t.umbrella, 0, 1};
  if (kind == "leadership")
    for (std::size_t k = 0; k < t.scenario.issues.size() && k < t.leadership.size(); ++k)
      if (t.scenario.issues[k].name == of && t.setup.issues[k].owner >= 0) return {&t.leadership[k], 0, 1};
  if (kind == "backing")
    for (std::size_t b = 0; b < t.setup.backers.size() && b < t.backer_weight.size(); ++b)
      if (actors[t.setup.backers[b]].name == of) return {&t.backer_weight[b], 0, 1};
  // A public's anchor lies strictly inside 0..1 (the logistic of support needs it).
  if (kind == "public")
    for (int i = 0; i < 2; ++i)
      if (actors[i == 0 ? t.setup.patron : t.setup.client].name == of) return {&t.public_anchor[i], 0.001, 0.999};
  return {};
}

std::size_t count_changes(const TimeScenario& t, const Event& ev, const std::string& change) {
  std::size_t count = 0;
  for (Effect e : ev.effects)  // a copy: number_of points into what it is given
    count += names(change, number_of(t, e)) ? 1 : 0;
  return count;
}

namespace {

// The draws of `s` applied to `out`, which holds s's own numbers.
void apply_draws(const Scenario& s, RandomStream& rng, Scenario& out, std::vector<double>* drawn) {
  const std::size_t d = s.num_issues();
  for (const auto& u : s.uncertain) {
    const double x = draw(u, rng);
    if (drawn) drawn->push_back(x);
    if (u.target == T::Position || u.target == T::Salience) {
      const std::size_t a = index_of_actor(s, u.holder), k = index_of_issue(s, u.issue);
      shift_stance(out.stance(a, k), s.issues[k], u.target, x);
      cap_total(&out.stances[a * d], d);
    } else if (u.target == T::Capability) {
      out.actors[index_of_actor(s, u.actor)].capability *= std::max(x, 1e-9);
    }
  }
}

}  // namespace

Scenario sample(const Scenario& s, RandomStream& rng, std::vector<double>* drawn) {
  Scenario out = s;
  apply_draws(s, rng, out, drawn);
  return out;
}

void sample_into(const Scenario& s, RandomStream& rng, Scenario& out, std::vector<double>* drawn) {
  out.stances = s.stances;  // the only numbers a draw changes, with the capabilities
  for (std::size_t a = 0; a < s.num_actors(); ++a) out.actors[a].capability = s.actors[a].capability;
  apply_draws(s, rng, out, drawn);
}

TimeScenario sample(const TimeScenario& t, RandomStream& rng, std::vector<double>* drawn) {
  TimeScenario out = t;
  const std::size_t d = t.scenario.num_issues();
  for (const auto& u : t.scenario.uncertain) {
    const double x = draw(u, rng);
    if (drawn) drawn->push_back(x);
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
      case T::StartValue:
        if (const StartSlot slot = start_slot(out, u.start); slot.value) *slot.value = std::clamp(x, slot.min, slot.max);
        break;
      case T::EventChange:
        apply_change(out, u, x);
        break;
      case T::EventKeep:
        if (x < 0.5) std::erase_if(out.events, [&](const Event& ev) { return ev.name == u.event; });
        break;
    }
  }
  // The run's draw for the alliance's end, after every declared input so that their draws do
  // not change: the alliance ends in the first year its survival falls below it.
  out.ending_draw = rng.uniform();
  // A posterior draw, last of all so that a run's other draws are those it has without one;
  // it replaces the calibrated parameters' values (declared `parameter:` inputs among them).
  if (t.posterior && !t.posterior->draws.empty()) {
    const auto& post = *t.posterior;
    const std::size_t n = post.draws.size();
    const auto i = std::min(n - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(n)));
    if (drawn) drawn->push_back(static_cast<double>(i));
    for (std::size_t j = 0; j < post.names.size(); ++j) {
      double value = post.draws[i][j];
      for (const auto& p : alliance::parameter_table())
        if (post.names[j] == p.name) out.params.*(p.field) = value = std::clamp(value, p.min, p.max);
      if (drawn) drawn->push_back(value);
    }
  }
  // States with factions stand where their faction in office stands at the start.
  const std::size_t n = t.scenario.num_actors();
  for (std::size_t a = 0; a < n; ++a)
    if (t.in_office[a] >= 0)
      for (std::size_t k = 0; k < d; ++k)
        out.holder_stances[a * d + k] = out.holder_stances[(n + static_cast<std::size_t>(t.in_office[a])) * d + k];
  return out;
}

std::vector<std::string> posterior_input_names(const TimeScenario& t) {
  if (!t.posterior || t.posterior->draws.empty()) return {};
  std::vector<std::string> names{"posterior.draw"};
  for (const auto& name : t.posterior->names) names.push_back("posterior." + name);
  return names;
}

}  // namespace entente::sim
