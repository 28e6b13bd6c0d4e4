// Bueno de Mesquita's expected-utility model of group decisions (Bueno de Mesquita 1994, in
// Bueno de Mesquita & Stokman, "European Community Decision Making"), as re-specified by
// Scholz, Calbert & Smith (2011), "Unravelling Bueno de Mesquita's group decision model",
// Journal of Theoretical Politics 23(4). Registered as the model `eu`; this header exposes the
// formulas and a per-round trace so that tests can check each step against the published
// reference trace (docs/models/eu.md).
//
// The model is unidimensional: each issue is bargained independently.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/enum_table.h"

namespace entente {
class Params;
}

namespace entente::eu {

// `scholz` reproduces the reference code behind Scholz et al.'s printed trace (large P
// denominator, a capitulation test that never fires, its compromise selection key); `paper`
// follows the equations as published.
enum class Variant { Paper, Scholz };
inline constexpr auto kVariants = enum_table<Variant>({{Variant::Paper, "paper"}, {Variant::Scholz, "scholz"}});

struct Settings {
  Variant variant = Variant::Paper;
  long rounds = 100;   // maximum rounds
  double tol = 1e-6;   // stop once no position moves more than tol × range (0: never stop)
  double q = 1;        // Q, probability that the status quo persists if nobody challenges
  double t = 1;        // T, probability that the status quo then gets better (used when Q < 1)
  bool operator==(const Settings&) const = default;
};

// The settings a registry Params object (the `eu(...)` spec) describes.
Settings settings_from(const Params& params);

// One issue: every actor's capability c_i, position x_i and salience s_i ∈ [0, 1].
struct IssueData {
  std::vector<double> capability, position, salience;
  std::size_t size() const { return position.size(); }
};

// ------------------------------------------------------------------------------- Formulas
// Each is the textbook form, evaluated directly; the solver computes the same quantities in
// bulk. `range` is R, the spread of the initial positions.

// v_k(x_a, x_b) = c_k s_k [(|x_k − x_b| / R)^{r_k} − (|x_k − x_a| / R)^{r_k}]: voter k's
// support for x_a over x_b (Bueno de Mesquita 1994; Scholz et al. 2011, vote equation).
double vote(double weight, double x_voter, double r_voter, double x_a, double x_b, double range);

// P(x_i beats x_j) under the given risk exponents r (one per actor).
// Paper: Σ_k max(0, v_k(x_i, x_j)) / Σ_k |v_k(x_i, x_j)|, so P_ij + P_ji = 1 (Scholz et al.
// 2011, probability equation, `Figures/Prob.png`).
// Scholz: the same numerator over Σ_k Σ_a Σ_b |v_k(x_a, x_b)| across all actors a, b (the
// reference code's "sum of all votes").
// Both are 0 when x_i = x_j.
double probability(const IssueData& issue, std::span<const double> r, double range, Variant variant,
                   double x_i, double x_j);

// Basic utilities of a challenge, seen with risk exponent r; d = |x_i − x_j| / R
// (Scholz et al. 2011, utility equations).
double utility_success(double d, double r);      // U_s = 2 − 4 (0.5 − 0.5 d)^r
double utility_failure(double d, double r);      // U_f = 2 − 4 (0.5 + 0.5 d)^r
double utility_status_quo(double r);             // U_sq = 2 − 4 (0.5)^r
// U_b = 2 − 4 (0.5 − 0.25 (|x_i − μ| + |x_i − x_j|) / R)^r and U_w with +, where `spread` is
// (|x_i − μ| + |x_i − x_j|) / R.
double utility_better(double spread, double r);
double utility_worse(double spread, double r);

// E^i(U_ij) = s_j [P U_s + (1 − P) U_f] + (1 − s_j) U_s − Q U_sq − (1 − Q)[T U_b + (1 − T) U_w]
// (Bueno de Mesquita 1994; Scholz et al. 2011, expected-utility equation, `Figures/EU_typo.png`).
double expected_utility(double s_target, double p, double u_s, double u_f, double u_sq, double q,
                        double t, double u_b, double u_w);

// R_i = (2 S_i − max S − min S) / (max S − min S) ∈ [−1, 1]; 0 when every S is equal
// (Scholz et al. 2011, `Figures/RiskExp.png`).
double relative_risk(double danger, double danger_max, double danger_min);
// r_i = (1 − R_i / 3) / (1 + R_i / 3) ∈ [0.5, 2] (same figure).
double risk_exponent(double relative_risk);

// ---------------------------------------------------------------------------------- Trace

enum class MoveType { Confrontation, Compromise, Capitulation };

// Actor `actor` accepts `target`'s offer: e_ij = E(actor challenges target), e_ji = E(target
// challenges actor), both from the actor's perspective.
struct Move {
  std::size_t actor = 0, target = 0;
  MoveType type = MoveType::Compromise;
  double e_ij = 0, e_ji = 0;
  double position = 0;  // the actor's new position
};

struct Round {
  // Computed at the start of the round, with every r = 1 (empty in round 0): danger S_i,
  // relative risk R_i and risk exponent r_i.
  std::vector<double> danger, relative_risk, exponent;
  std::vector<Move> moves;        // in actor order
  std::vector<double> positions;  // after the round
  double median = 0;              // Condorcet (pairwise-vote) position after the round
  double mean = 0;                // Σ c s x / Σ c s after the round
};

struct Trace {
  double range = 0;           // R, from the initial positions
  std::vector<Round> rounds;  // rounds[0] is the start; one entry per round played
};

// Plays one issue and records every round.
Trace trace(const IssueData& issue, const Settings& settings);

}  // namespace entente::eu
