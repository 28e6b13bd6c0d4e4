#include "sim/timeline.h"

#include <fmt/format.h>
#include <muParser.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace entente::sim {

int TimeScenario::holder_index(const std::string& name) const {
  for (std::size_t a = 0; a < scenario.actors.size(); ++a)
    if (scenario.actors[a].name == name) return static_cast<int>(a);
  for (std::size_t f = 0; f < factions.size(); ++f)
    if (factions[f].name == name) return static_cast<int>(scenario.actors.size() + f);
  return -1;
}

std::string check_expression(const Claim& claim) {
  try {
    mu::Parser parser;
    std::vector<double> values(claim.terms.size(), 0.0);
    for (std::size_t i = 0; i < claim.terms.size(); ++i) parser.DefineVar(claim.terms[i].name, &values[i]);
    parser.SetExpr(claim.holds);
    parser.Eval();
    return "";
  } catch (const mu::Parser::exception_type& e) {
    return "cannot evaluate '" + claim.holds + "': " + e.GetMsg();
  }
}

TimeScenario with_policy(const TimeScenario& t, const std::string& name) {
  const auto p = std::find_if(t.policies.begin(), t.policies.end(), [&](const Policy& x) { return x.name == name; });
  if (p == t.policies.end()) {
    std::string known;
    for (const auto& x : t.policies) known += (known.empty() ? "" : ", ") + x.name;
    throw std::invalid_argument("no policy '" + name + "' in " + t.scenario.provenance.file +
                                (known.empty() ? " (it declares none)" : " (it declares " + known + ")"));
  }
  TimeScenario out = t;
  auto dropped = [&](const Event& e) {
    if (e.year < p->drop_from) return false;
    if (std::find(p->drop_events.begin(), p->drop_events.end(), e.name) != p->drop_events.end()) return true;
    return std::any_of(e.tags.begin(), e.tags.end(), [&](const std::string& tag) {
      return std::find(p->drop_tags.begin(), p->drop_tags.end(), tag) != p->drop_tags.end();
    });
  };
  std::erase_if(out.events, dropped);
  out.events.insert(out.events.end(), p->add.begin(), p->add.end());
  std::stable_sort(out.events.begin(), out.events.end(), [](const Event& a, const Event& b) { return a.date < b.date; });
  return out;
}

namespace {

bool in01(double x) { return std::isfinite(x) && x >= 0 && x <= 1; }

// What an effect sets, for spotting two events that set the same thing in the same year.
// Shifts, shocks and credibility changes add up, so they never collide.
std::optional<std::tuple<int, std::size_t, std::size_t, std::string>> target(const Effect& e) {
  using K = Effect::Kind;
  switch (e.kind) {
    case K::Stance: if (e.shift) return std::nullopt; return std::tuple{0, e.holder, e.issue, std::string()};
    case K::InOffice: return std::tuple{1, e.actor, 0, std::string()};
    case K::Leadership: return std::tuple{2, e.issue, 0, std::string()};
    case K::Umbrella: return std::tuple{3, 0, 0, std::string()};
    case K::Backing: return std::tuple{4, e.backer, 0, std::string()};
    case K::Contribution: return std::tuple{5, e.member, 0, e.item};
    case K::Troops: return std::tuple{6, 0, 0, std::string()};
    case K::Treaty: return std::tuple{7, 0, 0, std::string()};
    default: return std::nullopt;
  }
}

void check_effect(const TimeScenario& t, const Event& ev, const Effect& e, std::vector<Diagnostic>& out) {
  auto bad = [&](const std::string& what) {
    out.push_back({t.scenario.provenance.file, ev.line, "events." + ev.name, what});
  };
  using K = Effect::Kind;
  switch (e.kind) {
    case K::Stance:
      if (e.set_position && !e.shift && (!std::isfinite(e.position) || e.position < 0 || e.position > 100))
        bad("position outside 0..100");
      if (e.set_salience && !e.shift && !in01(e.salience)) bad("salience outside 0..100");
      break;
    case K::Leadership: if (!in01(e.value)) bad("leadership share outside 0..1"); break;
    case K::Umbrella: if (!in01(e.value)) bad("umbrella outside 0..1"); break;
    case K::Backing: if (!in01(e.value)) bad("backing weight outside 0..1"); break;
    case K::Contribution: if (!in01(e.value)) bad("contribution share outside 0..1"); break;
    case K::Troops: if (!std::isfinite(e.value) || e.value < 0) bad("troops must be 0 or more"); break;
    case K::Credibility: if (!std::isfinite(e.value) || std::abs(e.value) > 1) bad("credibility shift outside −1..1"); break;
    case K::PublicShock: if (!std::isfinite(e.value) || std::abs(e.value) > 1) bad("public shock outside −1..1"); break;
    default: break;
  }
}

// An event that sets or shifts saliences must leave the holder's total at most 100, as the
// start stances must: walks the events in date order, as the simulation applies them.
void check_salience_totals(const TimeScenario& t, std::vector<Diagnostic>& out) {
  const std::size_t d = t.scenario.num_issues();
  std::vector<Stance> stances = t.holder_stances;
  for (const Event& ev : t.events) {
    std::set<std::size_t> touched;
    for (const Effect& e : ev.effects) {
      if (e.kind != Effect::Kind::Stance || !e.set_salience) continue;
      Stance& st = stances[e.holder * d + e.issue];
      st.salience = std::clamp(e.shift ? st.salience + e.salience : e.salience, 0.0, 1.0);
      touched.insert(e.holder);
    }
    for (std::size_t h : touched) {
      double total = 0;
      for (std::size_t k = 0; k < d; ++k) total += stances[h * d + k].salience;
      if (total > 1 + 1e-9) {
        const std::string who = h < t.scenario.num_actors() ? t.scenario.actors[h].name
                                                            : t.factions[h - t.scenario.num_actors()].name;
        out.push_back({t.scenario.provenance.file, ev.line, "events." + ev.name,
                       fmt::format("leaves {}'s saliences at {:.4g} in total, over 100", who, total * 100)});
      }
    }
  }
}

}  // namespace

std::vector<Diagnostic> validate(const TimeScenario& t) {
  std::vector<Diagnostic> out;
  const std::string& file = t.scenario.provenance.file;
  auto add = [&](int line, const std::string& field, const std::string& message) {
    out.push_back({file, line, field, message});
  };
  const std::size_t d = t.scenario.num_issues();
  for (std::size_t h = t.scenario.num_actors(); h < t.num_holders(); ++h) {
    double total = 0;
    for (std::size_t k = 0; k < d; ++k) total += t.holder_stances[h * d + k].salience;
    const std::string name = t.factions[h - t.scenario.num_actors()].name;
    if (total > 1 + 1e-9) add(0, "factions." + name + ".salience", "saliences over 100 in total");
    for (std::size_t k = 0; k < d; ++k) {
      const Stance& s = t.holder_stances[h * d + k];
      if (!std::isfinite(s.position) || s.position < t.scenario.issues[k].scale_min || s.position > t.scenario.issues[k].scale_max)
        add(t.scenario.provenance.line_of("stances." + t.scenario.issues[k].name + "." + name + ".position"),
            "stances." + t.scenario.issues[k].name + "." + name + ".position", "position outside the issue's scale");
    }
  }
  for (std::size_t a = 0; a < t.scenario.num_actors(); ++a) {
    const std::string f = "actors." + t.scenario.actors[a].name;
    const int line = t.scenario.provenance.line_of(f + ".capability");
    for (std::size_t y = 0; y < t.capability[a].size(); ++y)
      if (!std::isfinite(t.capability[a][y]) || t.capability[a][y] <= 0) {
        add(line, f + ".capability", "capability must be greater than 0 in every year (" +
                                          std::to_string(t.start_year + static_cast<int>(y)) + ")");
        break;
      }
    for (double v : t.democracy[a])
      if (!in01(v)) { add(line, f + ".democracy", "democracy scores must lie in 0..1"); break; }
  }
  for (std::size_t k = 0; k < t.leadership.size(); ++k)
    if (!in01(t.leadership[k])) add(0, "alliance.leadership." + t.scenario.issues[k].name, "leadership share outside 0..1");
  for (double w : t.backer_weight)
    if (!in01(w)) add(0, "alliance.backers", "backing weights must lie in 0..1");
  if (!in01(t.umbrella)) add(0, "alliance.umbrella", "umbrella outside 0..1");
  for (double anchor : t.public_anchor)
    if (!(anchor > 0 && anchor < 1)) add(0, "alliance.publics", "a public's anchor must lie strictly between 0 and 1");
  for (double troops : t.troops)
    if (!std::isfinite(troops) || troops < 0) { add(0, "alliance.troops", "troop levels must be 0 or more"); break; }

  for (const Policy& p : t.policies)
    for (const Event& ev : p.add) {
      if (ev.year < t.start_year || ev.year > t.horizon_year)
        add(ev.line, "policies." + p.name + ".add." + ev.name + ".date",
            "date " + ev.date + " outside " + std::to_string(t.start_year) + "–" + std::to_string(t.horizon_year) +
                " (time.horizon)");
      for (const Effect& e : ev.effects) check_effect(t, ev, e, out);
    }
  check_salience_totals(t, out);
  std::map<std::pair<int, std::tuple<int, std::size_t, std::size_t, std::string>>, const Event*> set_by;
  for (const Event& ev : t.events) {
    // A policy's own events may run to the horizon; their span is checked with the policy.
    if (ev.policy.empty() && (ev.year < t.start_year || ev.year > t.end_year))
      add(ev.line, "events." + ev.name + ".date",
          "date " + ev.date + " outside the time span " + std::to_string(t.start_year) + "–" + std::to_string(t.end_year));
    for (const Effect& e : ev.effects) {
      check_effect(t, ev, e, out);
      const auto what = target(e);
      // A policy's events may set what the scenario's own events set: the later date wins.
      if (!what || !ev.policy.empty()) continue;
      auto [it, fresh] = set_by.emplace(std::pair{ev.year, *what}, &ev);
      if (!fresh && it->second != &ev)
        add(ev.line, "events." + ev.name,
            "sets the same thing in " + std::to_string(ev.year) + " as event '" + it->second->name + "' (line " +
                std::to_string(it->second->line) + ")");
    }
  }
  return out;
}

}  // namespace entente::sim
