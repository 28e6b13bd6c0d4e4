// The alliance model: what an asymmetric alliance is worth to each member in a given year,
// and how strained it is. Entente's own formalisation (docs/models/alliance.md) built from:
//   Morrow (1991), "Alliances and Asymmetry", AJPS 35(4): the patron gains autonomy (a say
//     over the client's policy), the client gains security;
//   Snyder (1984), "The Security Dilemma in Alliance Politics", World Politics 36(4): fears
//     of abandonment and entrapment;
//   Putnam (1988), "Diplomacy and Domestic Politics", IO 42(3): the domestic level.
//
// Everything here is a pure function of one year's state; time, events and publics' memory
// live in src/sim.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/scenario.h"

namespace entente::alliance {

// Every parameter of the model, with its default and the reason for it.
struct Parameters {
  // Commitment credibility κ = κ_treaty + κ_umbrella·umbrella + κ_troops·(1 − e^(−troops/τ)).
  double kappa_treaty = 0.4;     // a ratified defence treaty alone: a promise, not yet a tripwire
  double kappa_umbrella = 0.3;   // a nuclear guarantee adds the patron's deterrent
  double kappa_troops = 0.3;     // troops in harm's way make intervention automatic
  double troop_scale = 15000;    // τ: a division-sized presence gives 63 % of the tripwire effect
  double contest_exponent = 1;   // m in P(a vs b) = a^m/(a^m + b^m); 1 = Tullock's ratio form
  double domestic_weight = 1;    // w_dom: a democratic public's shift counts like autonomy
  double rally = 2;              // η: public support response to a change of security gain
  double resentment = 4;         // γ: public support response to a change of autonomy cost
  double public_half_life = 2;   // h_p, years: opinion settles within an electoral cycle
  double shock_half_life = 1;    // h, years: an incident's outcry halves each year
  double contribution_weight = 0.25;  // a full burden share (1.0) is worth a quarter of full autonomy
  double strain_threshold = 0.5;      // σ ≥ ½ ⇔ losses ≥ gains ⇔ net value ≤ 0
  int retreat_years = 3;              // years in a row at or over the threshold to "retreat into history"
  // The adversary's dilemma: disarm or keep the programme (Entente's own formalisation).
  double dilemma_engagement = 1;      // ε: what an engaging joint strategy offers for disarmament
  double dilemma_deterrence = 1;      // δ: what the arsenal is worth per unit of exposure
  double dilemma_sensitivity = 4;     // β: how sharply the choice follows the difference
};

// The real-valued parameters by name, with their valid ranges (for scenario files and sweeps).
struct ParameterInfo {
  const char* name;
  double Parameters::*field;
  double min, max;
};
const std::vector<ParameterInfo>& parameter_table();

// What each issue is to the alliance.
enum class IssueRole { Other, Goal, Strategy, Posture };

struct IssueSetup {
  IssueRole role = IssueRole::Other;
  int owner = -1;  // for an alliance-managed issue: the actor whose policy it would be alone
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
  std::vector<double> leadership;    // per issue λ_k: the patron's share of the joint policy
  double troops = 0;                 // the patron's troops in the client's territory
  double umbrella = 0;               // 0..1: the patron's nuclear guarantee
  double credibility_shift = 0;      // events that shake credibility (a unilateral cut: < 0)
  bool treaty = true;                // the defence treaty in force
  std::vector<double> backer_weight; // per backer w_b = treaty_b·κ_b·a_b, 0..1
  double democracy[2] = {0, 0};      // dem_X 0..1 for patron, client
  double contribution[2] = {0, 0};   // burden shares received by patron, client (sum over items)
  double public_support[2] = {0.5, 0.5};  // p_X this year
  double public_anchor[2] = {0.5, 0.5};   // p_X,0 at entry into the alliance
};

struct MemberYear {
  double autonomy_transfer = 0;  // ΔA ∈ [−1, 1]; > 0 is a loss of say
  double autonomy_cost = 0;      // A⁺
  double autonomy_gain = 0;      // A⁻
  double security_gain = 0;      // S_X
  double dependence = 0;         // 1 − P(alone)/P(allied)
  double contribution = 0;       // C_X
  double domestic = 0;           // D_X
  double losses = 0, gains = 0;
  double strain = 0;             // σ_X ∈ [0, 1]
  double net_value = 0;          // V_X = G_X − L_X
};

struct AllianceYear {
  MemberYear member[2];          // patron, client
  double strain = 0;             // σ = max σ_X
  double credibility = 0;        // κ
  double threat = 0;             // T
  std::vector<double> joint_policy;  // z_k per issue (the owner's position where not managed)
  double divergence_goals = 0, divergence_strategies = 0;
  double s_score = 0;            // Signorino & Ritter (1999) similarity of the partners' positions
  double abandonment = 0;        // the client's fear of abandonment, dep × (1 − κ)
  double entrapment = 0;         // the client's fear of entrapment in a more coercive strategy
  double adversary_exposure = 0; // 1 − the adversary's chance, with its backers, against the allies
  double disarmament = 0;        // the probability that the adversary gives up its programme
};

// P(a vs b) = a^m / (a^m + b^m), the contest success function (Tullock 1980).
double contest(double a, double b, double m);

// κ, clamped to [0, 1].
double credibility(const Parameters& p, const YearState& y);

// The adversary's dilemma (the essay on the US–ROK alliance, c. 2004–05, described in
// docs/models/alliance.md: "either nuclear disarmament to improve relations …, or
// retain its arsenal"): P(disarm) = logistic(β (ε e − δ g)), where e ∈ [0, 1] is how engaging
// the allies' joint strategy is and g the adversary's exposure without an arsenal.
double disarmament_probability(const Parameters& p, double engagement, double exposure);

// Evaluates the alliance in one year.
AllianceYear evaluate(const Setup& setup, const Parameters& p, const YearState& y);

// The publics' target support p*_X given this year's security gain and autonomy cost and
// their values at entry (docs/models/alliance.md, "Over time"):
// logistic(logit p0 + η ΔS − γ ΔA⁺).
double target_support(const Parameters& p, double anchor, double security_gain, double security_gain0,
                      double autonomy_cost, double autonomy_cost0);

// One year of movement toward the target: ρ = 1 − 2^(−1/h_p).
double settle(const Parameters& p, double base, double target);

// What is left after `years` of an incident shock: shock · 2^(−years/h).
double decayed_shock(const Parameters& p, double shock, double years);

}  // namespace entente::alliance
