// The alliance model, second form: what an asymmetric alliance is worth to each member in a
// given year, in one unit, and the yearly hazard that a member leaves it. Entente's own
// formalisation (docs/models/alliance.md) built from:
//   Morrow (1991), "Alliances and Asymmetry", AJPS 35(4): the autonomy–security trade;
//   Kalai (1977), "Nonsymmetric Nash solutions …", IJGT 6: the joint line and the terms;
//   Snyder (1984), World Politics 36(4), and Cha (2000), ISQ 44(2): abandonment, entrapment;
//   Putnam (1988), IO 42(3): the domestic win-set;
//   Box-Steffensmeier & Jones (2004), Event History Modeling: the discrete-time hazard.
//
// The unit of value: a member's own salience-weighted utility over the issues, where 1 is
// moving every issue it cares about across the whole 0..100 scale toward it (saliences total
// at most 1). Security and contributions enter through stated exchange rates.
//
// Everything here is a pure function of one year's state. The bargaining model's two runs
// (without and with the alliance), time, events, survival and publics' memory live in
// src/sim; this area cannot see the bargaining models.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/scenario.h"

namespace entente::alliance {

// Every parameter of the model, with its default and the reason for it. "Posterior median*"
// marks a default fitted to the case library (`make posterior`, data/posterior.json, whose
// medians these are to three digits: tests/evidence/shipped_posterior_test.cpp; its 90 %
// intervals, wide, are in docs/evidence.md). "To be estimated" marks a stated guess.
struct Parameters {
  // Credibility of the patron's commitment, a noisy-or of independent guarantees:
  // κ = 1 − (1 − κ_treaty)(1 − κ_umbrella·u)(1 − κ_troops·(1 − e^(−troops/τ))) + shifts.
  double kappa_treaty = 0.4;     // a ratified defence treaty alone: a promise, not yet a tripwire
  double kappa_umbrella = 0.3;   // a nuclear guarantee adds the patron's deterrent
  double kappa_troops = 0.3;     // troops in harm's way make intervention automatic
  double troop_scale = 15000;    // τ: a division-sized presence gives 63 % of the tripwire effect
  double credibility_half_life = 3;  // years: a shock to trust halves within a presidential term; to be estimated
  // Security: P(a vs b) = a^m/(a^m + b^m) (Tullock 1980).
  double contest_exponent = 1;   // m: Tullock's ratio form
  double security_weight = 0.115;     // ω_sec: a change of 1 in the chance of prevailing is worth an eighth of a
                                      // member's whole policy stake; posterior median*
  double contribution_weight = 0.744;  // ω_c: a full burden share is worth three quarters of the whole policy
                                       // stake; posterior median*
  // Putnam (1988): the domestic win-set.
  double domestic_weight = 1.92;  // ω_dom: a line one full scale outside the win-set costs a fully democratic
                                  // government about twice what losing the issue would; posterior median*
  double winset_width = 25;      // points each side of the public's stance it ratifies at full support: one
                                 // anchor step of the 25-point scales; to be estimated
  double rally = 0.116;          // η: support's log-odds per unit of the public's own value of the alliance
                                 // (a change of ½ moves support from ½ to 0.51); posterior median*
  double resentment = 0.403;     // γ: support's log-odds per unit of win-set distance (a line a full scale
                                 // outside costs 0.4 logit); posterior median*
  double public_half_life = 2;   // years: opinion settles within an electoral cycle
  double shock_half_life = 1;    // years: an incident's outcry halves each year
  // The hazard of exit (Box-Steffensmeier & Jones 2004, ch. 5): h = logistic(logit h₀ − b·V).
  double exit_base_rate = 0.00245;  // h₀ per member-year at V = 0: ATOP 5.1 defence dyad-years 1946–2015 end at
                                    // 284/57,980 = 0.0049 a year, 1 − √(1 − 0.0049) per member
  double hazard_slope = 25.4;    // b: a fall of V by 0.04 multiplies the odds of exit by e; posterior median*
  // Snyder (1984): fears move the member's positions on managed issues, per year.
  double abandonment_response = 0.5;  // α_A: share of the gap to the partner closed per unit of abandonment
                                      // fear; to be estimated
  double entrapment_response = 0.5;   // α_E: share of the gap widened per unit of entrapment fear; to be
                                      // estimated
  // Renegotiation toward the members' asymmetric Nash bargain (Kalai 1977).
  double renegotiation_speed = 0.5;   // ρ: share of the gap to the bargain's terms closed per year while a
                                      // member's hazard exceeds h₀: a round concluded within two years; to be
                                      // estimated
  double renegotiation_power = 0.5;   // β: the patron's bargaining power in it; ½ = Nash's symmetric solution,
                                      // as no estimate of relative power exists
  // The adversary's dilemma: h_A = logistic(logit h_A0 + β_A (ε e − δ g)).
  double dilemma_engagement = 1;      // ε: what full engagement offers weighs like full exposure
  double dilemma_deterrence = 1;      // δ: idem, for the arsenal's worth per unit of exposure
  double dilemma_sensitivity = 4;     // β_A: a difference of ¼ multiplies the odds of disarming by e
  double dilemma_base_rate = 0.0025;  // h_A0 per year: one state (South Africa) dismantled its own arsenal in
                                      // about 400 nuclear-armed state-years 1945–2010; to be estimated
  // Read only by the report's charts (a reference line); the second form does not use them:
  // the alliance ends by its hazard, not by a run of strained years.
  double strain_threshold = 0.5;
  int retreat_years = 3;
};

// The real-valued parameters by name, with their valid ranges (for scenario files and sweeps),
// their unit and what each means in one line (for the dashboard's controls).
struct ParameterInfo {
  const char* name;
  double Parameters::*field;
  double min, max;
  const char* unit;     // "probability", "years", "troops", "value units", …; "" = a pure number
  const char* meaning;  // one line, no unit
};
const std::vector<ParameterInfo>& parameter_table();

// What each issue is to the alliance.
enum class IssueRole { Other, Goal, Strategy, Posture };

// How an alliance-managed issue is settled without the alliance (docs/models/alliance.md):
// by one state (its owner, or a stated outcome), or among all actors (the bargaining model).
enum class IssueScope { National, Regional };

struct IssueSetup {
  IssueRole role = IssueRole::Other;
  int owner = -1;  // for an alliance-managed issue: the actor whose policy it would be alone
  IssueScope scope = IssueScope::National;
  // For a national issue: the outcome without the alliance when it is not the owner's position
  // (e.g. no foreign forces stationed without the treaty).
  std::optional<double> alone;
  bool managed() const { return owner >= 0; }
};

// Who is who. Indices refer to the scenario's actors.
struct Setup {
  std::size_t patron = 0, client = 1, adversary = 2;
  std::vector<std::size_t> backers;  // the adversary's backers (e.g. China, USSR/Russia)
  std::vector<IssueSetup> issues;    // one per scenario issue
};

// The inputs of one year (after the year's events).
struct YearState {
  std::vector<double> capability;    // per actor
  std::vector<Stance> stances;       // per actor × issue, actor-major (the faction in office)
  std::vector<double> leadership;    // per issue λ_k: the patron's share of the joint line
  double troops = 0;                 // the patron's troops in the client's territory
  double umbrella = 0;               // 0..1: the patron's nuclear guarantee
  double credibility_shift = 0;      // the sum of credibility shifts still in effect (faded)
  bool in_force = true;              // the alliance exists this year: treaty in force, not ended
  std::vector<double> backer_weight; // per backer w_b = treaty_b·κ_b·a_b, 0..1
  double democracy[2] = {0, 0};      // dem_X 0..1 for patron, client
  double contribution[2] = {0, 0};   // burden shares received by patron, client (sum over items)
  double public_support[2] = {0.5, 0.5};    // p_X this year: support for the alliance
  std::vector<Stance> public_stances[2];    // per issue: the public's stance; empty = its government's
  // The bargaining model's outcome per issue without the alliance (F⁰) and with it (F¹), each
  // from one run over all actors. Equal when the alliance is not in force.
  std::vector<double> outcome_alone, outcome_allied;
};

struct MemberYear {
  double national_value = 0;     // Σ over national managed issues: Morrow's autonomy trade
  double regional_value = 0;     // Σ over the other issues: how the alliance moves bargained outcomes
  double policy_value = 0;       // Π_X = national + regional
  double autonomy_cost = 0;      // max(0, −national_value)
  double autonomy_gain = 0;      // max(0, national_value)
  double security_gain = 0;      // P(allied) − P(alone), a probability
  double security = 0;           // ω_sec · security_gain, in value units
  double dependence = 0;         // 1 − P(alone)/P(allied)
  double contribution = 0;       // ω_c · burden shares received
  double winset_distance = 0;    // how far the joint line lies outside the public's win-set
  double domestic_cost = 0;      // ω_dom · dem_X · winset_distance
  double net_value = 0;          // V_X = Π + security + contribution − domestic cost
  double strain = 0;             // h_X: the yearly hazard that X leaves the alliance
  double abandonment = 0;        // dep_X · (1 − the partner's credibility)
  double entrapment = 0;         // exposure × the partner's more coercive line it leads
  double public_value = 0;       // the public's own value: Π by its stances + security + contribution
};

struct AllianceYear {
  MemberYear member[2];          // patron, client
  double strain = 0;             // the alliance's hazard 1 − (1 − h_P)(1 − h_C)
  double credibility = 0;        // κ
  double threat = 0;             // T
  std::vector<double> joint_policy;   // z_k per issue (the owner's position where not managed)
  std::vector<double> outcome_alone;  // F⁰_k: the outcome without the alliance
  std::vector<double> outcome_allied; // F¹_k: the outcome with it (= F⁰ when not in force)
  double divergence_goals = 0, divergence_strategies = 0;
  double s_score = 0;            // Signorino & Ritter (1999) similarity of the partners' positions
  double adversary_exposure = 0; // 1 − the adversary's chance, with its backers, against the allies
  double disarmament = 0;        // the yearly hazard that the adversary gives up its programme
};

// P(a vs b) = a^m / (a^m + b^m), the contest success function (Tullock 1980).
double contest(double a, double b, double m);

// logistic(x) = 1/(1 + e^(−x)) and its inverse on (0, 1).
double logistic(double x);
double logit(double p);

// κ, clamped to [0, 1]; 0 when the alliance is not in force.
double credibility(const Parameters& p, const YearState& y);

// The joint line z_k = λ_k x_Pk + (1 − λ_k) x_Ck on managed issues, the owner's position on
// the others: the asymmetric Nash bargain (Kalai 1977) of the two members with bargaining
// powers λ_k, 1 − λ_k under quadratic loss (docs/models/alliance.md, "Joint line").
std::vector<double> joint_line(const Setup& setup, const YearState& y);

// The stances of the bargaining run with the alliance: patron and client take z_k on every
// managed issue (saliences unchanged). Without the alliance in force, the stances as given,
// so that the two runs are the same bargain.
std::vector<Stance> allied_stances(const Setup& setup, const YearState& y, const std::vector<double>& z);

// The member's hazard h = logistic(logit h₀ − b·V) (Box-Steffensmeier & Jones 2004, eq. 5.3).
double hazard(const Parameters& p, double net_value);

// The adversary's dilemma: h_A = logistic(logit h_A0 + β_A (ε e − δ g)), where e ∈ [0, 1] is
// how engaging the allies' joint strategy is and g the adversary's exposure without an arsenal.
double disarmament_hazard(const Parameters& p, double engagement, double exposure);

// Evaluates the alliance in one year. y.outcome_alone and y.outcome_allied must hold one
// value per issue (the sim's two bargaining runs).
AllianceYear evaluate(const Setup& setup, const Parameters& p, const YearState& y);

// Snyder (1984): next year's move of each member's position on each managed issue,
// (α_A·abandonment − α_E·entrapment)·(x_partner − x_X), the factor clamped to [−1, 1].
// Zero when both fears are zero. [member][issue], 0 on unmanaged issues.
struct PositionMoves {
  std::vector<double> move[2];
};
PositionMoves position_moves(const Setup& setup, const Parameters& p, const YearState& y, const AllianceYear& out);

// The leadership shares of the members' asymmetric Nash bargain (Kalai 1977) against their
// no-alliance outcomes: λ* maximising β ln V_P + (1 − β) ln V_C over λ ∈ [0, 1]^K (where
// both values are positive; else the λ that maximises the smaller value), looking ahead with
// bargained outcomes that follow the joint line by the members' share of the bargaining
// weight. Unmanaged issues keep their λ.
std::vector<double> nash_leadership(const Setup& setup, const Parameters& p, const YearState& y,
                                    const AllianceYear& out);

// The publics' target support p*_X (Putnam 1988; docs/models/alliance.md, "Publics"):
// logistic(logit p₀ + η (value − value₀) − γ (distance − distance₀)).
double target_support(const Parameters& p, double anchor, double public_value, double public_value0,
                      double winset_distance, double winset_distance0);

// One year of movement toward the target: ρ = 1 − 2^(−1/h_p).
double settle(const Parameters& p, double base, double target);

// What is left after `years` of an incident shock: shock · 2^(−years/h).
double decayed_shock(const Parameters& p, double shock, double years);

// What is left after `years` of a credibility shift: shift · 2^(−years/h_κ).
double decayed_credibility(const Parameters& p, double shift, double years);

}  // namespace entente::alliance
