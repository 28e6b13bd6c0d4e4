// KTAB's Spatial Model of Politics (SMP): actors with capabilities and salience-weighted
// positions on several issues challenge one another, interpolate bargains, and each actor
// adopts the bargain its own queue's vote favours; this repeats until positions settle.
// Registered as the model `smp` (src/bargaining/smp.cpp). The description followed, with the
// KTAB file and function behind every formula, is docs/models/smp.md (KTAB: KAPSARC Toolkit
// for Behavioral Analysis, examples/smp and KTAB/kmodel).
//
// This header exposes the formulas and a per-turn trace so tests can check each step
// against KTAB's logged values, and `step` so benchmarks can time a single turn.
//
// Scale: SMP works on positions in [0, 1] per issue, (x − scale_min)/(scale_max − scale_min)
// (KTAB's input/100 for its 0..100 CSV files); saliences are in [0, 1], capabilities raw.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "bargaining/model.h"
#include "core/scenario.h"

namespace entente::smp {

// ------------------------------------------------------------------------------ Settings
// KTAB's nine model parameters (docs/models/smp.md, "Parameters"), each an enum with one
// table row per member giving the name the `smp(...)` spec uses; the parameter's choices, its
// parsing and `entente models` all read the same table. Defaults are KTAB's (Settings below).

enum class VictoryModel { Linear, Square, Quartic, Octic, Binary };  // KTAB VPModel
inline constexpr auto kVictoryModels = enum_table<VictoryModel>({{VictoryModel::Linear, "linear"},
                                                                 {VictoryModel::Square, "square"},
                                                                 {VictoryModel::Quartic, "quartic"},
                                                                 {VictoryModel::Octic, "octic"},
                                                                 {VictoryModel::Binary, "binary"}});

enum class PceModel { Conditional, MarkovIncentive, MarkovUniform };  // KTAB PCEModel
inline constexpr auto kPceModels = enum_table<PceModel>({{PceModel::Conditional, "conditional"},
                                                         {PceModel::MarkovIncentive, "markov-incentive"},
                                                         {PceModel::MarkovUniform, "markov-uniform"}});

enum class Transitions { Deterministic, Stochastic };  // KTAB StateTransMode
inline constexpr auto kTransitions = enum_table<Transitions>({{Transitions::Deterministic, "deterministic"},
                                                              {Transitions::Stochastic, "stochastic"}});

enum class VotingRule { Binary, PropBin, Prop, PropCbc, Cubic, AsymProsp };  // KTAB VotingRule
inline constexpr auto kVotingRules = enum_table<VotingRule>({{VotingRule::Binary, "binary"},
                                                             {VotingRule::PropBin, "propbin"},
                                                             {VotingRule::Prop, "prop"},
                                                             {VotingRule::PropCbc, "propcbc"},
                                                             {VotingRule::Cubic, "cubic"},
                                                             {VotingRule::AsymProsp, "asymprosp"}});

enum class RiskAdjust { None, OneThird, Half, TwoThirds, Full };  // KTAB BigRAdjust
inline constexpr auto kRiskAdjusts = enum_table<RiskAdjust>({{RiskAdjust::None, "none"},
                                                             {RiskAdjust::OneThird, "one-third"},
                                                             {RiskAdjust::Half, "half"},
                                                             {RiskAdjust::TwoThirds, "two-thirds"},
                                                             {RiskAdjust::Full, "full"}});

enum class RiskRange { Min, Mid, Max };  // KTAB BigRRange
inline constexpr auto kRiskRanges =
    enum_table<RiskRange>({{RiskRange::Min, "min"}, {RiskRange::Mid, "mid"}, {RiskRange::Max, "max"}});

enum class Commit { No, Semi, Full };  // KTAB ThirdPartyCommit
inline constexpr auto kCommits = enum_table<Commit>({{Commit::No, "no"}, {Commit::Semi, "semi"}, {Commit::Full, "full"}});

enum class Interp { S1P1, S2P2, S2PMax };  // KTAB InterVecBrgn
inline constexpr auto kInterps =
    enum_table<Interp>({{Interp::S1P1, "s1p1"}, {Interp::S2P2, "s2p2"}, {Interp::S2PMax, "s2pmax"}});

enum class Bargain { InitOnly, InitRcvr, PwComp };  // KTAB SMPBargnModel
inline constexpr auto kBargains = enum_table<Bargain>(
    {{Bargain::InitOnly, "init-only"}, {Bargain::InitRcvr, "init-rcvr"}, {Bargain::PwComp, "pw-comp"}});

struct Settings {
  VictoryModel victory = VictoryModel::Linear;
  PceModel pce = PceModel::Conditional;
  Transitions transitions = Transitions::Deterministic;
  VotingRule voting = VotingRule::Prop;
  RiskAdjust risk_adjust = RiskAdjust::OneThird;
  RiskRange risk_range = RiskRange::Mid;
  Commit commit = Commit::Semi;
  Interp interp = Interp::S2P2;
  Bargain bargain = Bargain::InitOnly;
  long max_turns = 100;  // KTAB maxIter
  bool operator==(const Settings&) const = default;
};

// The settings a registry Params object (the `smp(...)` spec) describes.
Settings settings_from(const Params& params);

// -------------------------------------------------------------------------------- Actors

// The fixed data of a run: capabilities c_i (raw), saliences s_ik ∈ [0, 1] and their totals S_i.
struct Actors {
  std::size_t n = 0, dims = 0;
  std::vector<double> capability;      // c_i
  std::vector<double> salience;        // s_ik at i * dims + k
  std::vector<double> total_salience;  // S_i = Σ_k s_ik
  std::vector<double> weight;          // S_i c_i, the challenge-vote weight

  const double* salience_of(std::size_t i) const { return salience.data() + i * dims; }
};

// KTAB's actor limits (Model::minNumActor, maxNumActor).
inline constexpr std::size_t kMinActors = 3, kMaxActors = 250;

// Builds the actors of a scenario; throws InputError (file from the provenance, line 0,
// field "actors") when n is outside 3..250 or an actor's total salience is 0.
Actors actors_from(const Scenario& scenario);
// The scenario's positions on SMP's unit scale, actor-major (i * dims + k).
std::vector<double> unit_positions(const Scenario& scenario);

// ------------------------------------------------------------------------------ Formulas

// d_ij = sqrt(Σ_k (s_ik (y_ik − x_jk))² / Σ_k s_ik²): salience-weighted distance from an ideal
// to a position (KTAB SMPModel::bvDiff).
double bv_diff(const double* ideal, const double* position, const double* salience, std::size_t dims);
// u(d, R) = (1 − d)(1 + d R) for d ≤ 1, (1 − d)(1 + R) beyond (KTAB SMPModel::bsUtil).
double bs_util(double d, double risk);
// A voter of weight w choosing between utilities u_a and u_b (KTAB Model::vote).
double vote(VotingRule rule, double weight, double u_a, double u_b);
// (p(1 beats 2), p(2 beats 1)) from coalition strengths (KTAB Model::vProb, scalar overload).
std::pair<double, double> victory_prob(VictoryModel model, double strength_1, double strength_2);
// ⌊10⁴ x + 0.5⌋ / 10⁴: KTAB's 4-decimal half-up rounding of bargains (interpBrgnSnPm).
double round4(double x);
// h's estimate of i's risk attitude (KTAB Model::estNRA).
double est_nra(double r_h, double r_i, RiskAdjust adjust);
// Risk attitudes from option probabilities (KTAB Model::bigRfromProb); all 0 if every p is equal.
std::vector<double> big_r_from_prob(std::span<const double> p, RiskRange range);

// Square matrices below are row-major m × m: entry (i, j) at i * m + j.
// Coalition strengths C(i, j) = 1e-8 + Σ_k max(v_k(i:j), 0), voters' utilities u at k * m + i
// (KTAB Model::coalitions with the vote of Model::vProb / scalarPCE).
std::vector<double> coalitions(VotingRule rule, std::span<const double> voter_weight,
                               std::span<const double> voter_utility, std::size_t options);
// pv(i, j) = f(C_ij) / (f(C_ij) + f(C_ji)), pv(i, i) = 1/2 (KTAB Model::vProb, matrix overload).
std::vector<double> victory_matrix(VictoryModel model, std::span<const double> coalition, std::size_t m);
// P_i ∝ Π_j pv(i, j) (KTAB Model::condPCE).
std::vector<double> cond_pce(std::span<const double> pv, std::size_t m);
// KTAB Model::markovUniformPCE / markovIncentivePCE; throw std::runtime_error after 1000
// iterations (KTAB's iMax) instead of looping for ever.
std::vector<double> markov_uniform_pce(std::span<const double> pv, std::size_t m);
std::vector<double> markov_incentive_pce(std::span<const double> coalition, std::span<const double> pv,
                                         std::size_t m);
// One probability per option from coalition strengths (KTAB Model::probCE2).
std::vector<double> option_probabilities(PceModel pce, VictoryModel victory,
                                         std::span<const double> coalition, std::size_t m);
// coalitions, then option_probabilities (KTAB Model::scalarPCE).
std::vector<double> scalar_pce(VotingRule rule, VictoryModel victory, PceModel pce,
                               std::span<const double> voter_weight,
                               std::span<const double> voter_utility, std::size_t options);

// U^h, h's estimate of every actor's utility for every actor's position: U(i, j) = u(d_ij, r_hi),
// the risk belonging to the row actor i (KTAB SMPState::setAllAUtil, aUtil[h]). Stored column
// by column, so that one target's column is contiguous.
struct Perspective {
  std::size_t n = 0;
  std::vector<double> by_column;  // U(i, j) at j * n + i
  std::vector<double> diagonal;   // U(i, i)
  double operator()(std::size_t i, std::size_t j) const { return by_column[j * n + i]; }
  // From a row-major n × n matrix (tests).
  static Perspective from_rows(std::size_t n, std::span<const double> rows);
};

struct ChallengeEstimate {
  double win_prob = 0;  // φ: the estimate that i beats j
  double gain = 0;      // Δu for k of i challenging j, against the status quo
};

// h's estimate (u = U^h) of i challenging j and its effect on k (KTAB SMPState::probEduChlg,
// with Actor::vProbLittle and Actor::thirdPartyVoteSU). `weight` is S·c per actor.
ChallengeEstimate prob_edu_chlg(const Perspective& u, std::span<const double> weight,
                                double target_salience, std::size_t k, std::size_t i, std::size_t j,
                                VotingRule rule, Commit commit);

// Per-dimension bargain between i at t_i and j at t_j with probabilities p_i, p_j
// (KTAB SMPActor::interpBrgnSnPm and interpBrgnS2PMax): returns (b_i, b_j).
std::pair<double, double> interpolate(Interp interp, double t_i, double s_i, double p_i, double t_j,
                                      double s_j, double p_j);

// The O(n³) loops are compiled for x86-64's baseline (SSE2) and for AVX2, which runs where the
// CPU has it. Both give the same bits; this switches AVX2 on or off (for tests and benchmarks)
// and returns whether it is now in use (never on a CPU without it).
bool wide_vectors(bool on);

// ---------------------------------------------------------------------------- Trace / run

// What happened in one turn (KTAB's console log has the same figures).
struct TurnTrace {
  std::vector<double> neutral_prob;  // p_i of the risk-neutral pass (docs/models/smp.md)
  std::vector<double> risk;          // R_i inferred from them
  std::vector<int> target;           // each actor's best target j, or −1 for none
  std::vector<double> gain;          // Δu of that challenge (0 if none)
  std::vector<double> win_prob;      // φ: the initiator's estimate of winning it
  // The bargain each actor adopted from its queue: (initiator, receiver), (k, k) = status quo.
  std::vector<std::pair<int, int>> adopted;
};

// The final state's probability distribution (docs/models/smp.md, "The forecast": KTAB pDist).
struct Distribution {
  std::vector<std::size_t> representatives;  // actors whose positions stand for their class
  std::vector<double> option_prob;           // P of each representative's class
  std::vector<double> actor_prob;            // P_i: the last equivalent representative's P
  std::vector<double> outcome;               // Σ_r P_r x_r, per dimension, on [0, 1]
};

struct Run {
  std::vector<std::vector<double>> states;  // positions on [0, 1] (i * dims + k); [0] = input
  std::vector<TurnTrace> turns;             // turns[t] leads from states[t] to states[t + 1] (report only)
  std::vector<double> change_ratio;         // KTAB's "fractional change" after each step
  Distribution final;     // KTAB's report (input order; report only)
  std::vector<double> forecast;  // Σ_r P_r x_r over classes found in position order, on [0, 1]
};

// One turn from positions x (on [0, 1]); returns the next positions. `turn` and `seed` feed
// only the stochastic draw. `threads` splits per-actor work; the result never depends on it.
std::vector<double> step(const Actors& actors, std::span<const double> x, const Settings& settings,
                         std::size_t turn, std::uint64_t seed, int threads, TurnTrace* trace = nullptr);
// The probability distribution over a state's position classes. KTAB scans the actors in
// input order for representatives; `by_position` scans them in order of position instead, so
// that the classes (and Entente's forecast) do not depend on the order actors are listed in.
Distribution distribution(const Actors& actors, std::span<const double> x, const Settings& settings,
                          int threads = 1, bool by_position = false);
// The whole run: steps until KTAB's stopping rule holds (smpStopFn: 2, max_turns, 0.02, 1e-4).
// Without `report` the run keeps only its states, change ratios and forecast: no per-turn
// trace and no `final` (KTAB's report), which a forecast does not need.
Run run(const Actors& actors, std::vector<double> x0, const Settings& settings, const RunOptions& options,
        bool report = true);

}  // namespace entente::smp
