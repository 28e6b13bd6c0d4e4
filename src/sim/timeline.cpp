#include "sim/timeline.h"

#include <fmt/format.h>
#include <muParser.h>

#include <algorithm>
#include <cmath>
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
    throw SpecError("no policy '" + name + "' in " + t.scenario.provenance.file +
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

// What an effect sets — its kind and what in it — for spotting two events that set the same
// thing in the same year. Shifts, factors, shocks and credibility changes add up, so they
// never collide.
using Target = std::tuple<std::size_t, std::size_t, std::size_t, std::string>;

std::optional<Target> target(const Effect& effect) {
  const std::size_t kind = effect.index();
  const auto none = std::optional<Target>();
  return std::visit(
      overloaded{
          [&](const effect::Stance& e) { return e.shift ? none : Target{kind, e.holder, e.issue, ""}; },
          [&](const effect::Capability&) { return none; },
          [&](const effect::InOffice& e) { return std::optional{Target{kind, e.state, 0, ""}}; },
          [&](const effect::Leadership& e) { return std::optional{Target{kind, e.issue, 0, ""}}; },
          [&](const effect::Umbrella&) { return std::optional{Target{kind, 0, 0, ""}}; },
          [&](const effect::Credibility&) { return none; },
          [&](const effect::Backing& e) { return std::optional{Target{kind, e.backer, 0, ""}}; },
          [&](const effect::PublicShock&) { return none; },
          [&](const effect::Contribution& e) { return std::optional{Target{kind, e.member, 0, e.item}}; },
          [&](const effect::Troops&) { return std::optional{Target{kind, 0, 0, ""}}; },
          [&](const effect::Treaty&) { return std::optional{Target{kind, 0, 0, ""}}; },
          [&](const effect::BargainingPower&) { return std::optional{Target{kind, 0, 0, ""}}; },
          [&](const effect::CampWeight& e) { return std::optional{Target{kind, e.member, e.faction, ""}}; },
      },
      effect);
}

const std::string& holder_name(const TimeScenario& t, std::size_t h) {
  const std::size_t n = t.scenario.num_actors();
  return h < n ? t.scenario.actors[h].name : t.factions[h - n].name;
}

int line_at(const std::vector<int>& lines, std::size_t i, int fallback) {
  return i < lines.size() && lines[i] > 0 ? lines[i] : fallback;
}

// An event that sets or shifts saliences must leave the holder's total at most 100, as the
// start stances must: walks the events in date order, as the simulation applies them. The
// problem is reported at the holder's last stance change in the event.
void check_salience_totals(const TimeScenario& t, std::vector<Diagnostic>& out) {
  const std::size_t d = t.scenario.num_issues();
  std::vector<Stance> stances = t.holder_stances;
  for (const Event& ev : t.events) {
    std::map<std::size_t, int> touched;  // holder → the line of its last salience change
    for (std::size_t i = 0; i < ev.effects.size(); ++i) {
      const auto* e = std::get_if<effect::Stance>(&ev.effects[i]);
      if (!e || !e->salience) continue;
      Stance& st = stances[e->holder * d + e->issue];
      st.salience = std::clamp(e->shift ? st.salience + *e->salience : *e->salience, 0.0, 1.0);
      touched[e->holder] = line_at(ev.effect_lines, i, ev.line);
    }
    for (const auto& [h, line] : touched) {
      double total = 0;
      for (std::size_t k = 0; k < d; ++k) total += stances[h * d + k].salience;
      if (total > 1 + 1e-9)
        out.push_back({t.scenario.provenance.file, line, "events." + ev.name + ".set.stance",
                       fmt::format("leaves {}'s saliences at {:.4g} in total, over 100", holder_name(t, h), total * 100)});
    }
  }
}

// A faction's saliences total at most 100 (KTAB's rule, as for actors): reported at its stance
// on the issue where the running total passes 100.
void check_faction_saliences(const TimeScenario& t, std::size_t h, std::vector<Diagnostic>& out) {
  const std::size_t d = t.scenario.num_issues();
  double total = 0;
  std::size_t over = d;
  for (std::size_t k = 0; k < d; ++k) {
    total += t.holder_stances[h * d + k].salience;
    if (over == d && total > 1 + 1e-9) over = k;
  }
  if (over == d) return;
  const std::string field = "stances." + t.scenario.issues[over].name + "." + holder_name(t, h) + ".salience";
  out.push_back({t.scenario.provenance.file, t.scenario.provenance.line_of(field), field,
                 fmt::format("{}'s saliences total {:.4g} over the issues, over 100", holder_name(t, h), total * 100)});
}

}  // namespace

std::vector<Diagnostic> validate(const TimeScenario& t) {
  std::vector<Diagnostic> out;
  const Provenance& where = t.scenario.provenance;
  // A problem at the line where the reader found `field` (0 when it is not written there).
  auto add_at = [&](const std::string& field, const std::string& message) {
    out.push_back({where.file, where.line_of(field), field, message});
  };
  auto add = [&](int line, const std::string& field, const std::string& message) {
    out.push_back({where.file, line, field, message});
  };
  const std::size_t d = t.scenario.num_issues();
  // The actors' own stances are checked with the scenario (entente::validate); the factions' here.
  for (std::size_t h = t.scenario.num_actors(); h < t.num_holders(); ++h) {
    check_faction_saliences(t, h, out);
    for (std::size_t k = 0; k < d; ++k) {
      const Stance& s = t.holder_stances[h * d + k];
      const Issue& issue = t.scenario.issues[k];
      const std::string f = "stances." + issue.name + "." + holder_name(t, h);
      if (!std::isfinite(s.position) || s.position < issue.scale_min || s.position > issue.scale_max)
        add_at(f + ".position", "position outside the issue's scale");
      if (!in01(s.salience)) add_at(f + ".salience", "salience must lie in 0..100");
    }
  }
  for (std::size_t a = 0; a < t.scenario.num_actors(); ++a) {
    const std::string f = "actors." + t.scenario.actors[a].name;
    for (std::size_t y = 0; y < t.capability[a].size(); ++y)
      if (!std::isfinite(t.capability[a][y]) || t.capability[a][y] <= 0) {
        add_at(f + ".capability", "capability must be greater than 0 in every year (" +
                                      std::to_string(t.start_year + static_cast<int>(y)) + ")");
        break;
      }
    for (double v : t.democracy[a])
      if (!in01(v)) { add_at(f + ".democracy", "democracy scores must lie in 0..1"); break; }
  }
  for (std::size_t k = 0; k < t.leadership.size(); ++k)
    if (!in01(t.leadership[k])) add_at("alliance.leadership." + t.scenario.issues[k].name, "leadership share outside 0..1");
  for (std::size_t b = 0; b < t.backer_weight.size() && b < t.setup.backers.size(); ++b)
    if (!in01(t.backer_weight[b]))
      add_at("alliance.backers." + t.scenario.actors[t.setup.backers[b]].name, "backing weights must lie in 0..1");
  if (!in01(t.umbrella)) add_at("alliance.umbrella", "umbrella outside 0..1");
  const std::size_t members[2] = {t.setup.patron, t.setup.client};
  for (int i = 0; i < 2; ++i)
    if (!(t.public_anchor[i] > 0 && t.public_anchor[i] < 1) && members[i] < t.scenario.num_actors())
      add_at("alliance.publics." + t.scenario.actors[members[i]].name + ".anchor",
             "a public's anchor must lie strictly between 0 and 1");
  for (double troops : t.troops)
    if (!std::isfinite(troops) || troops < 0) { add_at("alliance.troops", "troop levels must be 0 or more"); break; }

  for (const Policy& p : t.policies)
    for (const Event& ev : p.add) {
      if (ev.year < t.start_year || ev.year > t.horizon_year)
        add((ev.date_line > 0 ? ev.date_line : ev.line), "policies." + p.name + ".add." + ev.name + ".date",
            "date " + ev.date + " outside " + std::to_string(t.start_year) + "–" + std::to_string(t.horizon_year) +
                " (time.horizon)");
    }
  check_salience_totals(t, out);
  std::map<std::pair<int, Target>, std::pair<const Event*, int>> set_by;  // → the event and the line
  for (const Event& ev : t.events) {
    // A policy's own events may run to the horizon; their span is checked with the policy.
    if (ev.policy.empty() && (ev.year < t.start_year || ev.year > t.end_year))
      add((ev.date_line > 0 ? ev.date_line : ev.line), "events." + ev.name + ".date",
          "date " + ev.date + " outside the time span " + std::to_string(t.start_year) + "–" + std::to_string(t.end_year));
    for (std::size_t i = 0; i < ev.effects.size(); ++i) {
      const auto what = target(ev.effects[i]);
      // A policy's events may set what the scenario's own events set: the later date wins.
      if (!what || !ev.policy.empty()) continue;
      const int line = line_at(ev.effect_lines, i, ev.line);
      auto [it, fresh] = set_by.emplace(std::pair{ev.year, *what}, std::pair{&ev, line});
      if (!fresh && it->second.first != &ev)
        add(line, "events." + ev.name + ".set",
            "sets the same thing in " + std::to_string(ev.year) + " as event '" + it->second.first->name + "' (line " +
                std::to_string(it->second.second) + ")");
    }
  }
  return out;
}

}  // namespace entente::sim
