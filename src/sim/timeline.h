// A time-stepped scenario: a Scenario that lives through years. Data series give
// capabilities, democracy scores and troop levels year by year; dated events set or shift
// any input (a stance, a capability, the faction in office, a leadership share, credibility,
// a shock to a public, a contribution). Events carry cause tags for attribution.
#pragma once

#include <string>
#include <vector>

#include "alliance/alliance.h"
#include "core/scenario.h"

namespace entente::sim {

// A domestic camp of a state with stances of its own (e.g. the ROK government and opposition
// camps). The state's stance is that of the faction in office.
struct Faction {
  std::string name;
  std::size_t state = 0;  // index into the scenario's actors
};

// One change an event makes. `holder` indexes stance holders: actors first, then factions.
struct Effect {
  enum class Kind {
    Stance,        // holder, issue: position and/or salience set (or shifted)
    Capability,    // actor: capability multiplied by value from now on
    InOffice,      // actor (a state): faction `faction` takes office
    Leadership,    // issue: the patron's leadership share λ set to value
    Umbrella,      // the patron's nuclear guarantee set to value (0..1)
    Credibility,   // credibility shifted by value (accumulates; < 0 shakes it)
    Backing,       // backer (index into setup.backers): weight w_b set to value
    PublicShock,   // member (0 patron, 1 client): an incident shock of size value
    Contribution,  // member receives burden share `value` for item `item` (0 ends it)
    Troops,        // troop level fixed at value from now on (overrides the series)
    Treaty,        // value 1/0: the defence treaty in or out of force
  };
  Kind kind = Kind::Stance;
  std::size_t holder = 0, issue = 0, actor = 0, faction = 0, backer = 0, member = 0;
  std::string item;
  double value = 0;
  bool set_position = false, set_salience = false, shift = false;
  double position = 0, salience = 0;
};

struct Event {
  std::string name;
  std::string date;  // as written: "1993-03-12", "1993-03" or "1993"
  int year = 0;      // the step it applies in
  std::vector<std::string> tags;
  std::string source;
  std::vector<Effect> effects;
  int line = 0;
  std::string policy;  // the policy that adds it; empty for the scenario's own events
};

// A named counterfactual: edits of the scenario's events (drop some, add others).
struct Policy {
  std::string name;
  std::string description;
  std::vector<std::string> drop_tags;    // drop events carrying any of these tags…
  std::vector<std::string> drop_events;  // …or with these names…
  int drop_from = 0;                     // …dated in this year or later (0 = any year)
  std::vector<Event> add;                // events added (may run to the horizon)
  int line = 0;
};

// One quantity a claim speaks of, bound to a name its expression uses.
struct ClaimTerm {
  enum class Kind { SeriesAt, SeriesMax, SeriesMin, SeriesMean, Shapley, ShapleyRank, TotalChange, RetreatYear };
  std::string name;
  Kind kind = Kind::SeriesAt;
  std::string series = "strain";
  std::string policy;               // "" = the baseline
  std::string group;                // Shapley, ShapleyRank
  std::vector<std::string> groups;  // the cause groups of the attribution ("" = every tag)
  int year = 0, from = 0, to = 0;
};

// A claim about the scenario, stated as data: named terms and an expression over them that
// is true (non-zero) when the claim holds, e.g. "role_share > goals_share".
struct Claim {
  std::string id, text, holds;
  std::vector<ClaimTerm> terms;
  int line = 0;
};

struct TimeScenario {
  Scenario scenario;  // states as actors; stances at the start, of the faction in office
  std::vector<Faction> factions;
  std::vector<Stance> holder_stances;  // (actors + factions) × issues, at the start
  std::vector<int> in_office;          // per actor: faction index, or -1
  int start_year = 0, end_year = 0;
  int horizon_year = 0;  // the latest year policies and projections may reach (≥ end_year)
  // Per actor, per year from start_year to end_year (index t = year − start_year).
  std::vector<std::vector<double>> capability;
  std::vector<std::vector<double>> democracy;
  std::vector<double> troops;  // the patron's troops in the client, per year

  alliance::Setup setup;
  alliance::Parameters params;
  std::vector<double> leadership;     // per issue λ at the start
  double umbrella = 0;
  bool treaty = true;
  std::vector<double> backer_weight;  // per backer at the start
  double public_anchor[2] = {0.5, 0.5};
  std::vector<Event> events;          // in date order
  std::vector<Policy> policies;
  std::vector<Claim> claims;

  std::size_t num_holders() const { return scenario.num_actors() + factions.size(); }
  int num_years() const { return end_year - start_year + 1; }
  // The holder index of a name (actor or faction), or -1.
  int holder_index(const std::string& name) const;
};

// The scenario with a policy's edits applied; throws std::invalid_argument naming the known
// policies when there is none by that name.
TimeScenario with_policy(const TimeScenario& t, const std::string& policy);

// "" when the claim's expression parses with its terms as variables; else what is wrong.
std::string check_expression(const Claim& claim);

// Every problem at once: events out of the time span, unknown names, two events setting the
// same thing on the same date. Empty when the timeline can be run.
std::vector<Diagnostic> validate(const TimeScenario& t);

}  // namespace entente::sim
