// A time-stepped scenario: a Scenario that lives through years. Data series give
// capabilities, democracy scores and troop levels year by year; dated events set or shift
// any input (a stance, a capability, the faction in office, a leadership share, credibility,
// a shock to a public, a contribution). Events carry cause tags for attribution.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "alliance/alliance.h"
#include "core/enum_table.h"
#include "core/scenario.h"

namespace entente::sim {

// A domestic camp of a state with stances of its own (e.g. the ROK government and opposition
// camps). The state's stance is that of the faction in office.
struct Faction {
  std::string name;
  std::size_t state = 0;  // index into the scenario's actors
};

// The changes an event can make, one struct per kind. Each kind has one row in the table of
// src/io/timeline_yaml.cpp (its YAML key under `set:`, its parser, its validator); how it
// applies is the visitor `Apply` in src/sim/simulation.cpp, and what it sets (so that two
// events setting the same thing are caught) the visitor `target` in src/sim/timeline.cpp. A
// new kind is a struct here, an alternative of `Effect` and a row there; the compiler points
// at every visit that needs it.
// Holders index stance holders: actors first, then factions.
namespace effect {

// A holder's position and/or salience (0..1) on an issue, set, or shifted (added) when `shift`.
struct Stance {
  std::size_t holder = 0, issue = 0;
  std::optional<double> position, salience;
  bool shift = false;
};
// An actor's capability multiplied by `factor` from now on (factors compound).
struct Capability {
  std::size_t actor = 0;
  double factor = 1;
};
// In state `state`, faction `faction` (an index into TimeScenario::factions) takes office.
struct InOffice {
  std::size_t state = 0, faction = 0;
};
// The patron's leadership share λ of the joint policy on an issue.
struct Leadership {
  std::size_t issue = 0;
  double share = 0.5;
};
// The patron's nuclear guarantee, 0..1.
struct Umbrella {
  double level = 0;
};
// The patron's credibility shifted by `shift` (shifts add up; < 0 shakes it).
struct Credibility {
  double shift = 0;
};
// A backer's weight w_b (`backer` indexes alliance::Setup::backers).
struct Backing {
  std::size_t backer = 0;
  double weight = 0;
};
// An incident shock of `size` to a member's public (member 0 the patron, 1 the client).
struct PublicShock {
  std::size_t member = 0;
  double size = 0;
};
// A member receives burden share `share` for item `item` (0 ends it).
struct Contribution {
  std::size_t member = 0;
  std::string item;
  double share = 0;
};
// The troop level fixed from now on (overrides the series).
struct Troops {
  double level = 0;
};
// The defence treaty in or out of force.
struct Treaty {
  bool in_force = true;
};
// The patron's bargaining power β in renegotiations of the terms (Kalai 1977), 0..1: a
// patron that defers to its ally (the essay's "adjustment") has less.
struct BargainingPower {
  double share = 0.5;
};
// A faction's weight in its state's public (e.g. its vote share), for publics built from camps.
struct CampWeight {
  std::size_t member = 0;   // 0 the patron, 1 the client
  std::size_t faction = 0;  // index into TimeScenario::factions
  double weight = 0;
};

}  // namespace effect

using Effect = std::variant<effect::Stance, effect::Capability, effect::InOffice, effect::Leadership,
                            effect::Umbrella, effect::Credibility, effect::Backing, effect::PublicShock,
                            effect::Contribution, effect::Troops, effect::Treaty, effect::BargainingPower,
                            effect::CampWeight>;

// A visitor made of lambdas, one per alternative: std::visit(overloaded{…}, effect).
template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

struct Event {
  std::string name;
  std::string date;  // as written: "1993-03-12", "1993-03" or "1993"
  int year = 0;      // the step it applies in
  std::vector<std::string> tags;
  std::string source;
  std::vector<Effect> effects;
  // Per effect (parallel to `effects`): the cause tag the change is attributed to, one of the
  // event's tags, or "" when the change has none of its own (`cause:` in the file).
  std::vector<std::string> effect_causes;
  int line = 0;               // of the event
  int date_line = 0;          // of its date
  std::vector<int> effect_lines;  // of each of its effects (parallel to `effects`)
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

// A cause group: its name and the cause tags it gathers (the scenario's `causes:`, or one
// formed by attribution). The name `ascendancy` also stands for the capability series.
struct CauseGroup {
  std::string name;
  std::vector<std::string> tags;
  int line = 0;  // where the scenario declares it (0 = not declared)
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

// A survey item and the model quantity it measures (Putnam 1988: support for the alliance and
// favourability of the patron are different quantities; docs/models/alliance.md, "Publics").
enum class SurveyMeasure { AllianceSupport, Favourability };

struct Survey {
  std::string item;    // the question as asked, or its short name
  int year = 0;
  double value = 0;    // share 0..1
  SurveyMeasure measures = SurveyMeasure::AllianceSupport;
  std::string source;
  int line = 0;
};

// A member's public (Putnam 1988): its support at entry, its own stances where given, else the
// vote-weighted stances of its state's camps, else its government's.
struct Public {
  double anchor = 0.5;
  std::vector<std::optional<Stance>> stances;              // per issue, when the public's own
  std::vector<std::pair<std::size_t, double>> camps;       // faction → weight at the start
  std::vector<Survey> surveys;
};

// What became of the alliance, as recorded by history: read only by calibration and
// backtests (src/evidence), never by the model. The kinds are those of the evidence protocol
// (docs/evidence.md): the treaty ended, its obligations suspended, the patron forced off its
// bases, the integrated command left.
enum class OutcomeKind { TreatyEnded, ObligationsSuspended, ForcedOffBases, CommandLeft };
inline constexpr auto kOutcomeKinds = enum_table<OutcomeKind>({{OutcomeKind::TreatyEnded, "treaty_ended"},
                                                               {OutcomeKind::ObligationsSuspended, "obligations_suspended"},
                                                               {OutcomeKind::ForcedOffBases, "forced_off_bases"},
                                                               {OutcomeKind::CommandLeft, "command_left"}});

struct Outcome {
  bool broke = false;
  int year = 0;  // when broke: the first year the alliance no longer stood as coded
  std::optional<OutcomeKind> kind;  // what broke; only when broke
  std::string reason, source;
  // The years the case is observed over (default the scenario's time span); a break is
  // inside it.
  int window_first = 0, window_last = 0;
  int line = 0;
  int window_years() const { return window_last - window_first + 1; }
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
  // Per actor: its COW code (0 when not named by one), and the series its code loads from the
  // world data (src/io/world_data.h), per year as above; empty for an actor without a code.
  std::vector<int> cow;
  std::vector<std::vector<double>> gdp;          // 2011 USD (AFM 2020)
  std::vector<std::vector<double>> ideal_point;  // UNGA ideal point (Bailey et al. 2017)
  // What the reader filled by a rule the file states (`missing: carry`), for stderr.
  std::vector<Diagnostic> notes;

  alliance::Setup setup;
  alliance::Parameters params;
  std::vector<double> leadership;     // per issue λ at the start
  double umbrella = 0;
  bool treaty = true;
  std::vector<double> backer_weight;  // per backer at the start
  double public_anchor[2] = {0.5, 0.5};  // = publics[i].anchor
  Public publics[2];
  // A sampled run's draw for the alliance's end (src/sim/sample.cpp): the alliance ends in the
  // first year its survival falls below it. None in a point run, which reports survival only.
  std::optional<double> ending_draw;
  std::vector<Event> events;          // in date order
  std::vector<Policy> policies;
  std::vector<Claim> claims;
  // The scenario's own partition of causes (`causes:`): what attribution and claims use
  // unless told otherwise. Empty: one group per cause tag.
  std::vector<CauseGroup> causes;
  // The recorded outcome (`outcome:`), for calibration and backtests only.
  std::optional<Outcome> outcome;

  std::size_t num_holders() const { return scenario.num_actors() + factions.size(); }
  int num_years() const { return end_year - start_year + 1; }
  // The holder index of a name (actor or faction), or -1.
  int holder_index(const std::string& name) const;
};

// The scenario with a policy's edits applied; throws SpecError naming the known policies
// when there is none by that name.
TimeScenario with_policy(const TimeScenario& t, const std::string& policy);

// "" when the claim's expression parses with its terms as variables; else what is wrong.
std::string check_expression(const Claim& claim);

// Every problem at once, each at the line the reader recorded for its field: inputs out of
// range, saliences totalling over 100 (at the start or after an event), events out of the
// time span, two events setting the same thing in the same year. The values of each change
// are checked as it is read (src/io/timeline_yaml.cpp). Empty when the timeline can be run.
std::vector<Diagnostic> validate(const TimeScenario& t);

}  // namespace entente::sim
