// KTAB's Spatial Model of Politics (SMP), registered as `smp`. Written from the description in
// docs/models/smp.md; every formula names the KTAB file and function it follows, so a
// reader can check it against KTAB (KAPSARC/KTAB). Files: kmodel.cpp is KTAB/kmodel/libsrc/,
// smp.cpp and smpbcn.cpp are examples/smp/libsrc/.
//
// A turn (smp.cpp SMPState::stepBCN, smpbcn.cpp doBCN): utilities and risk attitudes from the start-of-turn
// positions; every actor picks its most profitable challenge and interpolates a bargain with
// its target; every actor's queue (status quo, own proposal, proposals aimed at it) is voted
// on and the actor adopts the winner. Moves are simultaneous and bargains are not binding.
//
// With KTAB's defaults this reproduces KTAB exactly (turn counts, final positions, P). Two
// KTAB bugs that touch only non-default bargain models are NOT reproduced (see `challenge`):
// j's bargain probability is j's win estimate (KTAB took the Δu element of the tuple), and
// PWCompInterp weighs j's bargain by j's capability (KTAB took the initiator's).
//
// Speed: KTAB's logging-only work (calcUtils, O(n⁴) per turn, and the SQLite rows) is left
// out; each turn is O(n³) with the per-actor phases split over threads by actor index. Every
// actor's work writes only its own slots and reductions run in a fixed order, so results are
// bit-identical for any thread count. The O(n³) loops run over contiguous arrays with one
// accumulator per target or voter, each summed in KTAB's order, so they vectorise without
// reassociating a single sum; a run's buffers are sized once, so a turn allocates nothing.
#include "bargaining/smp.h"

#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <cfloat>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace entente::smp {

namespace {

constexpr double kMinCoalition = 1e-8;   // kmodel.cpp Model::coalitions minC
constexpr double kMinPrincipal = 1e-10;  // smpbcn.cpp SMPState::probEduChlg minCltn
constexpr double kMinSigGain = 1e-5;     // smpbcn.cpp SMPState::bestChallenge minSigEDU
constexpr double kMinInterp = 1e-6;      // smp.cpp interpBrgnSnPm / interpBrgnS2PMax minW
constexpr double kPosTol = 1e-3;         // KBase posTol: "same position" on [0, 1]
// smp.cpp smpStopFn(minIter, maxIter, minDeltaRatio, minSigDelta) as SMPModel::configExec binds it.
constexpr long kMinIter = 2;
constexpr double kMinDeltaRatio = 0.02;
constexpr double kMinSigDelta = 1e-4;
constexpr int kMarkovMaxIter = 1000;  // iMax of kmodel.cpp Model::markovUniformPCE / markovIncentivePCE

// smp.cpp SMPModel::bsUtil, inlined into the O(n³) loops; d > 1 arises only from round-off.
inline double util_of(double d, double risk) {
  return d <= 1 ? (1 - d) * (1 + d * risk) : (1 - d) * (1 + risk);
}

// kmodel.cpp Model::vote, for one rule known at compile time so the O(n³) loops that call it
// carry no switch and vectorise.
template <VotingRule Rule>
inline double vote_as(double weight, double u_a, double u_b) {
  // Δ = u_a − u_b, binary response clip(Δ / 1e-8, ±1), hybrids 0.2 and 0.5.
  const double du = u_a - u_b;
  if constexpr (Rule == VotingRule::Prop) return weight * du;
  if constexpr (Rule == VotingRule::Binary) return weight * std::clamp(du / 1e-8, -1.0, 1.0);
  if constexpr (Rule == VotingRule::PropBin) return weight * ((1 - 0.2) * du + 0.2 * std::clamp(du / 1e-8, -1.0, 1.0));
  if constexpr (Rule == VotingRule::PropCbc) return weight * ((1 - 0.5) * du + 0.5 * (du * du * du));
  if constexpr (Rule == VotingRule::Cubic) return weight * (du * du * du);
  if constexpr (Rule == VotingRule::AsymProsp) {
    // Losses count fully, gains by two thirds (prospect-theory asymmetry).
    if (du < 0) return weight * du;
    if (du > 0) return (2.0 * weight * du) / 3.0;
    return 0;
  }
}

// Calls f with the voting rule as a compile-time constant (std::integral_constant), so a
// loop over voters or third parties is compiled once per rule.
template <class F>
decltype(auto) with_rule(VotingRule rule, F&& f) {
  using R = VotingRule;
  switch (rule) {
    case R::Binary: return f(std::integral_constant<R, R::Binary>{});
    case R::PropBin: return f(std::integral_constant<R, R::PropBin>{});
    case R::PropCbc: return f(std::integral_constant<R, R::PropCbc>{});
    case R::Cubic: return f(std::integral_constant<R, R::Cubic>{});
    case R::AsymProsp: return f(std::integral_constant<R, R::AsymProsp>{});
    case R::Prop: break;
  }
  return f(std::integral_constant<R, R::Prop>{});
}

inline double vote_of(VotingRule rule, double weight, double u_a, double u_b) {
  return with_rule(rule, [&](auto r) { return vote_as<r.value>(weight, u_a, u_b); });
}

// The positive and the negative part of a vote, to add to one side's total or take from the
// other's. Adding 0 to a positive total leaves it bit for bit as skipping the vote would.
inline double for_side(double v) { return v > 0 ? v : 0.0; }
inline double against_side(double v) { return v < 0 ? v : 0.0; }

// Runs an always-inline kernel compiled for AVX2 where the CPU has it (twice SSE2's lanes),
// else for x86-64's baseline. Both do IEEE arithmetic on the same operations in the same
// order, so they give the same bits (-ffp-contract=off keeps FMA out of both).
#if defined(__x86_64__) && defined(__GNUC__)
const bool kHasAvx2 = __builtin_cpu_supports("avx2");
template <auto Kernel, class... Args>
[[gnu::target("avx2")]] void on_avx2(Args&&... args) {
  Kernel(std::forward<Args>(args)...);
}
#else
const bool kHasAvx2 = false;
#endif
std::atomic<bool> use_avx2{kHasAvx2};  // tests switch it off to compare the two builds

template <auto Kernel, class... Args>
void on_widest(Args&&... args) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (use_avx2.load(std::memory_order_relaxed)) return on_avx2<Kernel>(std::forward<Args>(args)...);
#endif
  Kernel(std::forward<Args>(args)...);
}

// Σ_i ‖x_i − x'_i‖₂ on [0, 1] (smp.cpp SMPModel::stateDist).
double state_dist(std::span<const double> a, std::span<const double> b, std::size_t dims) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); i += dims) {
    double sq = 0;
    for (std::size_t k = 0; k < dims; ++k) sq += (a[i + k] - b[i + k]) * (a[i + k] - b[i + k]);
    sum += std::sqrt(sq);
  }
  return sum;
}

// Σ_k s_k²: bv_diff's denominator, the same for every distance measured with one actor's saliences.
double salience_norm(const double* salience, std::size_t dims) {
  double s_sq = 0;
  for (std::size_t k = 0; k < dims; ++k) s_sq += salience[k] * salience[k];
  return s_sq;
}

// smp.cpp SMPModel::bvDiff with its denominator Σ s² given: normalised by Σ s², not S² nor D.
inline double distance_from(const double* ideal, const double* position, const double* salience, double s_sq,
                            std::size_t dims) {
  double ds_sq = 0;
  for (std::size_t k = 0; k < dims; ++k) {
    const double ds = (ideal[k] - position[k]) * salience[k];
    ds_sq += ds * ds;
  }
  return std::sqrt(ds_sq / s_sq);
}

// C(i, j) for options i, j from voters' utilities stored voter by voter (u[k * options + i])
// (kmodel.cpp Model::coalitions). For option i, every j < i has its own pair of totals, each
// summed over the voters in order, so the loop over j is innermost and vectorises. Rows are
// split over threads; row i writes C(i, j) and C(j, i) for j < i and nothing else.
constexpr std::size_t kMaxOptions = 2 * kMaxActors + 1;  // a queue: status quo + 2 proposals per actor
template <VotingRule Rule>
[[gnu::always_inline]] inline void coalition_rows(const double* weight, const double* u, std::size_t voters,
                                                  std::size_t options, double* c, std::size_t first, std::size_t last) {
  double c_ij[kMaxOptions], c_ji[kMaxOptions];
  for (std::size_t i = first; i < last; ++i) {
    std::fill_n(c_ij, i, kMinCoalition);
    std::fill_n(c_ji, i, kMinCoalition);
    for (std::size_t k = 0; k < voters; ++k) {
      const double* __restrict uk = u + k * options;
      const double w = weight[k], u_ki = uk[i];
      for (std::size_t j = 0; j < i; ++j) {
        const double v = vote_as<Rule>(w, u_ki, uk[j]);
        c_ij[j] += for_side(v);
        c_ji[j] -= against_side(v);
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      c[i * options + j] = c_ij[j];
      c[j * options + i] = c_ji[j];
    }
    c[i * options + i] = kMinCoalition;
  }
}

void coalitions_by_voter(VotingRule rule, std::span<const double> weight, const double* u, std::size_t voters,
                         std::size_t options, double* c, int threads) {
  if (options > kMaxOptions) throw std::logic_error("smp: more options than a turn can produce");
  with_rule(rule, [&](auto r) {
    parallel_for_chunks(options, threads, [&](std::size_t first, std::size_t last, std::size_t) {
      on_widest<coalition_rows<r.value>>(weight.data(), u, voters, options, c, first, last);
    });
  });
}

// kmodel.cpp Model::vProb(vpm, C) into pv (m × m): pv(i, j) + pv(j, i) = 1, pv(i, i) = 1/2.
void victory_matrix_into(VictoryModel model, std::span<const double> c, std::size_t m, std::vector<double>& pv) {
  pv.resize(m * m);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto [p_ij, p_ji] = victory_prob(model, c[i * m + j], c[j * m + i]);
      pv[i * m + j] = p_ij;
      pv[j * m + i] = p_ji;
    }
    pv[i * m + i] = 0.5;
  }
}

// kmodel.cpp Model::condPCE into p: P_i ∝ Π_j pv(i, j), the chance that i beats every alternative.
void cond_pce_into(std::span<const double> pv, std::size_t m, std::vector<double>& p) {
  p.resize(m);
  double total = 0;
  for (std::size_t i = 0; i < m; ++i) {
    double prod = 1.0;
    for (std::size_t j = 0; j < m; ++j) prod *= pv[i * m + j];
    p[i] = prod;
    total += prod;
  }
  if (total >= DBL_MIN) {
    for (double& v : p) v /= total;
    return;
  }
  // Every product underflowed (hundreds of options): KTAB would divide 0 by 0. The same
  // normalisation in logarithms, relative to the largest, gives the intended probabilities.
  std::vector<double> log_p(m, 0.0);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < m; ++j) log_p[i] += std::log(pv[i * m + j]);
  const double top = *std::max_element(log_p.begin(), log_p.end());
  total = 0;
  for (std::size_t i = 0; i < m; ++i) total += (p[i] = std::exp(log_p[i] - top));
  for (double& v : p) v /= total;
}

// kmodel.cpp Model::probCE2 into p, with pv as working memory.
void option_probabilities_into(PceModel pce, VictoryModel victory, std::span<const double> c, std::size_t m,
                               std::vector<double>& pv, std::vector<double>& p) {
  victory_matrix_into(victory, c, m, pv);
  switch (pce) {
    case PceModel::MarkovIncentive:
      p = markov_incentive_pce(c, pv, m);
      return;
    case PceModel::MarkovUniform:
      p = markov_uniform_pce(pv, m);
      return;
    case PceModel::Conditional:
      break;
  }
  cond_pce_into(pv, m, p);
}

// kmodel.cpp Model::bigRfromProb into r: the likeliest position's actor is the most risk-accepting.
void risk_from_prob(std::span<const double> p, RiskRange range, std::vector<double>& r) {
  double p_min = 1.0, p_max = 0.0;
  for (double v : p) {
    p_min = std::min(p_min, v);
    p_max = std::max(p_max, v);
  }
  r.assign(p.size(), 0.0);
  // KTAB divides by p_max − p_min unguarded; when every option is equally likely nothing
  // singles anyone out, so everyone is risk-neutral (R = 0).
  if (!(p_max > p_min)) return;
  for (std::size_t i = 0; i < p.size(); ++i) {
    switch (range) {
      case RiskRange::Min:  // [0, 1]
        r[i] = (p[i] - p_min) / (p_max - p_min);
        break;
      case RiskRange::Mid:  // [−1/2, 1]
        r[i] = (3 * p[i] - (p_max + 2 * p_min)) / (2 * (p_max - p_min));
        break;
      case RiskRange::Max:  // [−1, 1]
        r[i] = (2 * p[i] - (p_max + p_min)) / (p_max - p_min);
        break;
    }
  }
}

// The seed of the stochastic draw for actor k's queue in turn t: depends on nothing else, so
// the draw is the same whatever the thread count or order. (KTAB's rng->probSel draws from
// one shared generator in thread order, so its stochastic runs cannot be repeated.)
std::size_t draw_option(std::span<const double> p, std::uint64_t seed, std::size_t turn, std::size_t k) {
  std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                    static_cast<std::uint32_t>(turn), static_cast<std::uint32_t>(k)};
  std::mt19937_64 gen(seq);
  const double u = static_cast<double>(gen() >> 11) * 0x1.0p-53;  // uniform on [0, 1)
  double cumulative = 0;
  std::size_t last_positive = 0;
  for (std::size_t m = 0; m < p.size(); ++m) {
    cumulative += p[m];
    if (p[m] > 0) last_positive = m;
    if (u < cumulative) return m;
  }
  return last_positive;  // rounding left the total just under u
}

// A proposed bargain: the initiator's and the receiver's new positions.
struct Proposal {
  std::size_t init = 0, rcvr = 0;
  std::vector<double> pos;  // init's dims, then rcvr's dims
};

// Per-thread working memory, reused across the actors of a chunk and across turns.
struct Scratch {
  std::vector<double> row_risk;
  std::vector<double> rows, diagonal;  // U^i(m, j) at m * n + j, and U^i(m, m): i's perspective
  std::vector<double> base_ij, base_ji, ch_ij, ch_ji, win_prob, gain;  // per target j
  std::vector<double> util, coalition, pv, prob;                       // one queue's vote
  std::vector<double> reach;                                           // distances to one point
};

// Everything the turns of one run read and write. Sized when the run starts and reused turn
// after turn. Ideals equal positions: KTAB's CSV input uses the identity accommodation
// matrix, so its ideal update (smp.cpp SMPState::newIdeals) is a no-op and Entente scenarios
// have no other.
struct Workspace {
  std::size_t n = 0;
  std::vector<double> salience_sq;  // Σ_k s_ik² per actor
  std::vector<double> salience_by_issue, position_by_issue;  // s_ik and x_ik at k * n + i
  // The start of a turn (smp.cpp SMPState::setAllAUtil).
  std::vector<double> distance;       // d_ij at j * n + i, as computed (one position's column)
  std::vector<double> distance_rows;  // d_ij at i * n + j
  std::vector<double> neutral, coalition, pv, neutral_prob;
  std::vector<double> risk;           // R_i
  std::vector<double> own;            // U^a(a, t) at a * n + t: row a of a's own perspective
  std::vector<double> own_by_target;  // the same at t * n + a
  // The turn.
  std::vector<Scratch> scratch;  // one per chunk of actors
  std::vector<Proposal> proposals;
  std::vector<int> made;
  std::vector<double> proposal_util, sq_util;
  std::vector<std::vector<int>> queue;
  std::vector<double> next;

  // Sizes the workspace for a run of `a`, keeping the memory a previous run left.
  void prepare(const Actors& a, int threads) {
    n = a.n;
    scratch.resize(chunk_count(n, threads));
    proposals.resize(2 * n);
    made.resize(n);
    queue.resize(n);
    salience_sq.resize(n);
    for (std::size_t i = 0; i < n; ++i) salience_sq[i] = salience_norm(a.salience_of(i), a.dims);
    salience_by_issue.resize(n * a.dims);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < a.dims; ++k) salience_by_issue[k * n + i] = a.salience[i * a.dims + k];
  }
};

// This thread's workspace: a sweep runs SMP hundreds of thousands of times on few actors, and
// allocating the buffers anew for each run would cost more than the small runs themselves.
Workspace& workspace_for(const Actors& a, int threads) {
  thread_local Workspace w;
  w.prepare(a, threads);
  return w;
}

// d(i, p) from every actor's ideal i (its position this turn) to one point p, into out[i]:
// bv_diff's operations for each i, with the actors side by side.
[[gnu::always_inline]] inline void distances_to(const Workspace& w, std::size_t dims, const double* p,
                                                double* __restrict out) {
  const std::size_t n = w.n;
  for (std::size_t i = 0; i < n; ++i) out[i] = 0;
  for (std::size_t k = 0; k < dims; ++k) {
    const double p_k = p[k];
    const double* __restrict x_k = &w.position_by_issue[k * n];
    const double* __restrict s_k = &w.salience_by_issue[k * n];
    for (std::size_t i = 0; i < n; ++i) {
      const double ds = (x_k[i] - p_k) * s_k[i];
      out[i] += ds * ds;
    }
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = std::sqrt(out[i] / w.salience_sq[i]);
}

// Columns first..last of d_ij: every ideal to position j.
[[gnu::always_inline]] inline void distance_columns(const Workspace& w, std::size_t dims, const double* x,
                                                    double* distance, std::size_t first, std::size_t last) {
  for (std::size_t j = first; j < last; ++j) distances_to(w, dims, &x[j * dims], &distance[j * w.n]);
}

// The figures every actor's challenge reads, from positions x (smp.cpp SMPState::setAllAUtil).
void start_turn(const Actors& actors, std::span<const double> x, const Settings& s, int threads, Workspace& w) {
  const std::size_t n = actors.n, dims = actors.dims;
  // d_ij: i's ideal (= position) to j's position, i's saliences (smp.cpp SMPState::setVDiff, SMPModel::bvDiff).
  w.distance.resize(n * n);
  w.distance_rows.resize(n * n);
  w.position_by_issue.resize(n * dims);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < dims; ++k) w.position_by_issue[k * n + i] = x[i * dims + k];
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t) {
    on_widest<distance_columns>(w, dims, x.data(), w.distance.data(), first, last);
  });
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) w.distance_rows[i * n + j] = w.distance[j * n + i];
  // Risk-neutral pass: u⁰_kj = u(d_kj, 0), voters weighted by capability alone, every actor's
  // position a separate option (smp.cpp setAllAUtil: rnUtil_ij; kmodel.cpp coalitions, probCE2).
  w.neutral.resize(n * n);
  for (std::size_t q = 0; q < n * n; ++q) w.neutral[q] = util_of(w.distance_rows[q], 0.0);
  w.coalition.resize(n * n);
  coalitions_by_voter(s.voting, actors.capability, w.neutral.data(), n, n, w.coalition.data(), threads);
  option_probabilities_into(s.pce, s.victory, w.coalition, n, w.pv, w.neutral_prob);
  risk_from_prob(w.neutral_prob, s.risk_range, w.risk);  // kmodel.cpp Model::bigRfromProb
  // KTAB's setAllAUtil also asserts that each U^h differs from the objective utilities
  // (norm > 1e-6); that is a debug-build sanity check, false by design under risk_adjust=full,
  // and changes no result, so it is not repeated here.
  // Row a of U^a, with r_aa = estNRA(R_a, R_a) as aUtil[a](a, ·) has it.
  w.own.resize(n * n);
  w.own_by_target.resize(n * n);
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t) {
    for (std::size_t a = first; a < last; ++a) {
      const double r = est_nra(w.risk[a], w.risk[a], s.risk_adjust);
      for (std::size_t j = 0; j < n; ++j) w.own[a * n + j] = util_of(w.distance_rows[a * n + j], r);
    }
  });
  for (std::size_t t = 0; t < n; ++t)
    for (std::size_t a = 0; a < n; ++a) w.own_by_target[t * n + a] = w.own[a * n + t];
}

// U^h's row risks, r_hi = estNRA(R_h, R_i) (kmodel.cpp Model::estNRA).
void fill_row_risk(const Workspace& w, std::size_t h, RiskAdjust adjust, std::vector<double>& row_risk) {
  row_risk.resize(w.n);
  for (std::size_t i = 0; i < w.n; ++i) row_risk[i] = est_nra(w.risk[h], w.risk[i], adjust);
}

// U^h by rows into scratch.rows and scratch.diagonal: U(i, j) = u(d_ij, r_hi) (smp.cpp
// SMPState::setAllAUtil, aUtil[h]).
[[gnu::always_inline]] inline void fill_perspective_rows(const Workspace& w, std::size_t h, RiskAdjust adjust,
                                                         Scratch& scratch) {
  const std::size_t n = w.n;
  fill_row_risk(w, h, adjust, scratch.row_risk);
  scratch.rows.resize(n * n);
  scratch.diagonal.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double* d = &w.distance_rows[i * n];
    double* row = &scratch.rows[i * n];
    const double r = scratch.row_risk[i];
    for (std::size_t j = 0; j < n; ++j) row[j] = util_of(d[j], r);
    scratch.diagonal[i] = row[i];
  }
}

// Third party m's vote in i:j, from its "little conflict" against the principals' totals only
// (kmodel.cpp Actor::vProbLittle), then the sum-of-three-utilities comparison of joining i or
// joining j (kmodel.cpp Actor::thirdPartyVoteSU) under SemiCommit: the winner's partner keeps
// its own position. Under NoCommit and FullCommit both sides' sums are identical, so the vote
// is 0 and is never computed; only SemiCommit brings third parties in.
template <VotingRule Rule>
inline double third_party_vote(double w, double u_mi, double u_mj, double u_mm, double base_ij, double base_ji) {
  const double own = vote_as<Rule>(w, u_mi, u_mj);
  const double c_mi = base_ij + for_side(own);
  const double c_mj = base_ji - against_side(own);
  const double p_i = c_mi / (c_mi + c_mj), p_j = 1.0 - p_i;
  const double join_i_wins = u_mi + u_mi + u_mm;
  const double join_i_loses = u_mj + u_mj + u_mj;
  const double join_j_loses = u_mi + u_mi + u_mi;
  const double join_j_wins = u_mj + u_mj + u_mm;
  const double eu_join_i = (p_i * join_i_wins) + (p_j * join_i_loses);
  const double eu_join_j = (p_i * join_j_loses) + (p_j * join_j_wins);
  return vote_as<Rule>(w, eu_join_i, eu_join_j);
}

// prob_edu_chlg(U^i, weight, S_j, i, i, j) for every target j at once, from U^i by rows
// (scratch.rows), into scratch.win_prob[j] and scratch.gain[j]. The operations on each j are
// those of prob_edu_chlg in the same order; the loops run over j innermost, one accumulator
// per target, so they vectorise and every sum stays KTAB's. Entry j = i is left meaningless.
template <VotingRule Rule>
[[gnu::always_inline]] inline void challenge_everyone(const Actors& a, std::size_t i, Commit commit, Scratch& s) {
  const std::size_t n = a.n;
  for (auto* v : {&s.base_ij, &s.base_ji, &s.ch_ij, &s.ch_ji, &s.win_prob, &s.gain}) v->resize(n);
  const double* __restrict u = s.rows.data();
  const double* __restrict diag = s.diagonal.data();
  const double* __restrict weight = a.weight.data();
  const double* __restrict row_i = u + i * n;
  double* __restrict base_ij = s.base_ij.data();
  double* __restrict base_ji = s.base_ji.data();
  double* __restrict ch_ij = s.ch_ij.data();
  double* __restrict ch_ji = s.ch_ji.data();
  const double u_ii = diag[i];
  // Principals' contributions, weighted by S·c, on whichever side each favours.
  for (std::size_t j = 0; j < n; ++j) {
    const double contrib_i = vote_as<Rule>(weight[i], u_ii, row_i[j]);
    const double contrib_j = vote_as<Rule>(weight[j], u[j * n + i], diag[j]);
    base_ij[j] = (kMinPrincipal + for_side(contrib_i)) + for_side(contrib_j);
    base_ji[j] = (kMinPrincipal - against_side(contrib_i)) - against_side(contrib_j);
    ch_ij[j] = base_ij[j];
    ch_ji[j] = base_ji[j];
  }
  // Each third party m ≠ i, j weighs in against the principals-only totals, in order of m.
  for (std::size_t m = 0; commit == Commit::Semi && m < n; ++m) {
    if (m == i) continue;
    const double w = weight[m], u_mi = u[m * n + i], u_mm = diag[m];
    const double* __restrict row_m = u + m * n;
    // Targets below m, then above: m is no third party in its own contest with i.
    for (const auto& [first, last] : {std::pair{std::size_t{0}, m}, std::pair{m + 1, n}})
      for (std::size_t j = first; j < last; ++j) {
        const double v = third_party_vote<Rule>(w, u_mi, row_m[j], u_mm, base_ij[j], base_ji[j]);
        ch_ij[j] += for_side(v);
        ch_ji[j] -= against_side(v);
      }
  }
  const double eu_win = u_ii + u_ii;  // j adopts i's position
  for (std::size_t j = 0; j < n; ++j) {
    const double eu_sq = u_ii + row_i[j];         // both keep their positions
    const double eu_lose = row_i[j] + row_i[j];  // i adopts j's position
    const double phi = ch_ij[j] / (ch_ij[j] + ch_ji[j]);
    const double phi_ji = ch_ji[j] / (ch_ij[j] + ch_ji[j]);
    const double eu_contest = phi * eu_win + phi_ji * eu_lose;
    // The target yields outright with probability 1 − S_j, else the contest is fought.
    const double s_j = a.total_salience[j];
    const double eu_challenge = (1 - s_j) * eu_win + s_j * eu_contest;
    s.win_prob[j] = phi;
    s.gain[j] = eu_challenge - eu_sq;
  }
}

// U^i, then i's estimate of challenging every j (both O(n²) per actor, O(n³) per turn).
template <VotingRule Rule>
[[gnu::always_inline]] inline void challenges_of(const Actors& a, const Workspace& w, std::size_t i, const Settings& s,
                                                 Scratch& scratch) {
  fill_perspective_rows(w, i, s.risk_adjust, scratch);
  challenge_everyone<Rule>(a, i, s.commit, scratch);
}

// The bargain interpolated between i at x_i and j at x_j with win probabilities p_i, p_j
// (smp.cpp SMPActor::interpolateBrgn: the current positions, which equal the ideals).
void interpolate_bargain(const Actors& a, std::span<const double> x, std::size_t i, std::size_t j,
                         double p_i, double p_j, Interp interp, Proposal& out) {
  const std::size_t dims = a.dims;
  out.init = i;
  out.rcvr = j;
  out.pos.resize(2 * dims);
  for (std::size_t k = 0; k < dims; ++k) {
    const auto [b_i, b_j] = interpolate(interp, x[i * dims + k], a.salience[i * dims + k], p_i,
                                        x[j * dims + k], a.salience[j * dims + k], p_j);
    out.pos[k] = b_i;
    out.pos[dims + k] = b_j;
  }
}

// Actor i's best challenge and the bargain it proposes (smpbcn.cpp SMPState::doBCN(i), SMPState::bestChallenge).
// Returns how many proposals it made (0, 1, or 2 under InitRcvrInterp) into out[0..1].
int challenge(const Actors& a, std::span<const double> x, const Workspace& w, const Settings& s,
              std::size_t i, Scratch& scratch, Proposal* out, TurnTrace* trace) {
  const std::size_t n = a.n;
  with_rule(s.voting, [&](auto r) { on_widest<challenges_of<r.value>>(a, w, i, s, scratch); });
  // The largest Δu above 1e-5, first j on ties (bestChallenge: strict ">" scan in j order).
  int best = -1;
  double best_gain = -1, best_phi = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double gain = scratch.gain[j];
    if (j != i && kMinSigGain < gain && best_gain < gain) {
      best = static_cast<int>(j);
      best_gain = gain;
      best_phi = scratch.win_prob[j];
    }
  }
  if (trace) {
    trace->target[i] = best;
    trace->gain[i] = best < 0 ? 0 : best_gain;
    trace->win_prob[i] = best < 0 ? 0 : best_phi;
  }
  if (best < 0) return 0;
  const auto j = static_cast<std::size_t>(best);
  // i's own view: p_I = φ, p_J = 1 − φ (smpbcn.cpp doBCN: brgnIIJ).
  interpolate_bargain(a, x, i, j, best_phi, 1 - best_phi, s.interp, out[0]);
  if (s.bargain == Bargain::InitOnly) return 1;

  // j's view of the same contest (smpbcn.cpp doBCN: Vjij = probEduChlg(j, i, i, j)). KTAB takes
  // get<1>(Vjij), the Δu, as the probability; the intent, used here, is get<0>, φ.
  // The same batched estimate as i's own, seen from U^j; only target j's entry is wanted.
  fill_perspective_rows(w, j, s.risk_adjust, scratch);
  with_rule(s.voting, [&](auto r) { on_widest<challenge_everyone<r.value>>(a, i, s.commit, scratch); });
  const double phi_j = scratch.win_prob[j];
  interpolate_bargain(a, x, i, j, phi_j, 1 - phi_j, s.interp, out[1]);
  if (s.bargain == Bargain::InitRcvr) return 2;

  // PWCompInterp: the average of both, weighted by S·c of initiator and receiver. KTAB takes
  // the receiver's capability from brgnJIJ->actInit, which is i; the intent is j's.
  const double w_i = a.weight[i], w_j = a.weight[j];
  for (std::size_t q = 0; q < out[0].pos.size(); ++q)
    out[0].pos[q] = (w_i * out[0].pos[q] + w_j * out[1].pos[q]) / (w_i + w_j);
  return 1;
}

// U_a(m) for every voter a of a bargain m = (I, J): (1/n)[posUtil_a(b_I) + posUtil_a(b_J) +
// Σ_{t≠I,J} U^a(a, t)] (smpbcn.cpp doBCN: brgnUtil; smp.cpp SMPActor::posUtil with a's own R_a).
// Each voter's sum runs over t in order; the loop over voters is innermost.
[[gnu::always_inline]] inline void bargain_utilities(const Actors& a, const Workspace& w, const Proposal& b,
                                                     double* __restrict util, std::vector<double>& reach) {
  const std::size_t n = a.n, dims = a.dims;
  reach.resize(n);
  distances_to(w, dims, &b.pos[0], util);
  distances_to(w, dims, &b.pos[dims], reach.data());
  for (std::size_t v = 0; v < n; ++v) {
    double u = 0;
    u += util_of(util[v], w.risk[v]);
    u += util_of(reach[v], w.risk[v]);
    util[v] = u;
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (t == b.init || t == b.rcvr) continue;
    const double* __restrict own = &w.own_by_target[t * n];
    for (std::size_t v = 0; v < n; ++v) util[v] += own[v];
  }
  for (std::size_t v = 0; v < n; ++v) util[v] /= static_cast<double>(n);
}

// The entry of queue k (−1 = status quo, else a proposal slot) that k adopts: all n actors
// vote, weighted by capability alone (kmodel.cpp Model::scalarPCE); the first maximum wins
// (ndxMaxProb), or under stochastic transitions a draw.
int resolve_queue(const Actors& a, const Settings& s, const Workspace& ws, const std::vector<int>& q,
                  Scratch& w, std::uint64_t seed, std::size_t turn, std::size_t k) {
  const std::size_t n = a.n, nb = q.size();
  w.util.resize(n * nb);
  for (std::size_t m = 0; m < nb; ++m) {
    const double* src = q[m] < 0 ? ws.sq_util.data() : &ws.proposal_util[static_cast<std::size_t>(q[m]) * n];
    for (std::size_t v = 0; v < n; ++v) w.util[v * nb + m] = src[v];
  }
  w.coalition.resize(nb * nb);
  coalitions_by_voter(s.voting, a.capability, w.util.data(), n, nb, w.coalition.data(), 1);
  option_probabilities_into(s.pce, s.victory, std::span(w.coalition.data(), nb * nb), nb, w.pv, w.prob);
  const std::vector<double>& p = w.prob;
  std::size_t chosen = 0;
  if (s.transitions == Transitions::Stochastic) {
    chosen = draw_option(p, seed, turn, k);
  } else {
    for (std::size_t m = 1; m < nb; ++m)
      if (p[m] > p[chosen]) chosen = m;
  }
  return q[chosen];
}

// One turn from positions x into w.next (see `step`).
void step_into(const Actors& a, std::span<const double> x, const Settings& s, std::size_t turn, std::uint64_t seed,
               int threads, TurnTrace* trace, Workspace& w) {
  const std::size_t n = a.n, dims = a.dims;
  start_turn(a, x, s, threads, w);
  if (trace) {
    trace->neutral_prob = w.neutral_prob;
    trace->risk = w.risk;
    trace->target.assign(n, -1);
    trace->gain.assign(n, 0);
    trace->win_prob.assign(n, 0);
    trace->adopted.assign(n, {0, 0});
  }

  // Challenges and proposals (SMPState::doBCN(i)); actor i writes slots 2i and 2i + 1 only.
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t slot) {
    for (std::size_t i = first; i < last; ++i)
      w.made[i] = challenge(a, x, w, s, i, w.scratch[slot], &w.proposals[2 * i], trace);
  });

  // Every voter's utility for every proposal; a proposal sits in two queues but is valued once.
  w.proposal_util.resize(2 * n * n);
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t slot) {
    for (std::size_t i = first; i < last; ++i)
      for (int b = 0; b < w.made[i]; ++b)
        on_widest<bargain_utilities>(a, w, w.proposals[2 * i + b], &w.proposal_util[(2 * i + b) * n],
                                     w.scratch[slot].reach);
  });
  // The status quo's utility to each voter: (1/n) Σ_t U^a(a, t) (brgnUtil, SQ case).
  w.sq_util.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    double u = 0;
    for (std::size_t m = 0; m < n; ++m) u += w.own[v * n + m];
    w.sq_util[v] = u / static_cast<double>(n);
  }

  // Queue k: k's status quo first, then each proposal naming k, by initiator index. KTAB's
  // order is thread-dependent; it matters only for exact ties, which the samples never have.
  for (auto& q : w.queue) q.assign(1, -1);
  for (std::size_t i = 0; i < n; ++i)
    for (int b = 0; b < w.made[i]; ++b) {
      const Proposal& p = w.proposals[2 * i + b];
      w.queue[p.init].push_back(static_cast<int>(2 * i) + b);
      w.queue[p.rcvr].push_back(static_cast<int>(2 * i) + b);
    }

  // Each actor resolves only its own queue (smpbcn.cpp SMPState::updateBestBrgnPositions(k)):
  // bargains bind nobody else, and all moves are simultaneous.
  w.next.assign(x.begin(), x.end());
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t slot) {
    for (std::size_t k = first; k < last; ++k) {
      const int m = resolve_queue(a, s, w, w.queue[k], w.scratch[slot], seed, turn, k);
      if (m < 0) {
        if (trace) trace->adopted[k] = {static_cast<int>(k), static_cast<int>(k)};
        continue;  // status quo: next already holds x_k
      }
      const Proposal& b = w.proposals[static_cast<std::size_t>(m)];
      const double* from = b.init == k ? &b.pos[0] : &b.pos[dims];
      std::copy(from, from + dims, &w.next[k * dims]);
      if (trace) trace->adopted[k] = {static_cast<int>(b.init), static_cast<int>(b.rcvr)};
    }
  });
}

// The distribution over the position classes of x, whose turn start w holds (see `distribution`).
Distribution distribution_of(const Actors& a, std::span<const double> x, const Settings& s, Workspace& w,
                             bool by_position) {
  // smp.cpp SMPState::pDist(-1) and kmodel State::posProb on a state, with its own utilities.
  const std::size_t n = a.n, dims = a.dims;
  auto equivalent = [&](std::size_t i, std::size_t r) {
    double sq = 0;
    for (std::size_t k = 0; k < dims; ++k) sq += (x[i * dims + k] - x[r * dims + k]) * (x[i * dims + k] - x[r * dims + k]);
    return std::sqrt(sq) < kPosTol;
  };
  Distribution d;
  std::vector<std::size_t> scan(n);
  std::iota(scan.begin(), scan.end(), 0);
  if (by_position)
    std::stable_sort(scan.begin(), scan.end(), [&](std::size_t i, std::size_t j) {
      return std::lexicographical_compare(&x[i * dims], &x[i * dims] + dims, &x[j * dims], &x[j * dims] + dims);
    });
  for (std::size_t i : scan) {
    bool matched = false;
    for (std::size_t r : d.representatives) matched = matched || equivalent(i, r);
    if (!matched) d.representatives.push_back(i);
  }
  // Voter a values option r as U^a(a, r); voters weighted by capability.
  const std::size_t m = d.representatives.size();
  Scratch& scratch = w.scratch.front();
  scratch.util.resize(n * m);
  for (std::size_t v = 0; v < n; ++v)
    for (std::size_t o = 0; o < m; ++o) scratch.util[v * m + o] = w.own[v * n + d.representatives[o]];
  scratch.coalition.resize(m * m);
  coalitions_by_voter(s.voting, a.capability, scratch.util.data(), n, m, scratch.coalition.data(), 1);
  option_probabilities_into(s.pce, s.victory, std::span(scratch.coalition.data(), m * m), m, scratch.pv,
                            d.option_prob);
  // P_i is the probability of the last representative i is equivalent to (equivalence is
  // not transitive, so this need not be the one that absorbed i).
  d.actor_prob.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t o = 0; o < m; ++o)
      if (equivalent(i, d.representatives[o])) d.actor_prob[i] = d.option_prob[o];
  // The forecast: the probability-weighted mean of the class positions.
  d.outcome.assign(dims, 0);
  for (std::size_t o = 0; o < m; ++o)
    for (std::size_t k = 0; k < dims; ++k)
      d.outcome[k] += d.option_prob[o] * x[d.representatives[o] * dims + k];
  return d;
}

}  // namespace

// ------------------------------------------------------------------------------ Formulas

double bv_diff(const double* ideal, const double* position, const double* salience, std::size_t dims) {
  return distance_from(ideal, position, salience, salience_norm(salience, dims), dims);
}

double bs_util(double d, double risk) { return util_of(d, risk); }

double vote(VotingRule rule, double weight, double u_a, double u_b) { return vote_of(rule, weight, u_a, u_b); }

std::pair<double, double> victory_prob(VictoryModel model, double s1, double s2) {
  // kmodel.cpp Model::vProb(vpm, s1, s2): p = f(s1) / (f(s1) + f(s2)).
  double x1 = s1, x2 = s2;
  switch (model) {
    case VictoryModel::Linear:
      break;
    case VictoryModel::Square:
      x1 = s1 * s1;
      x2 = s2 * s2;
      break;
    case VictoryModel::Quartic:
      x1 = (s1 * s1) * (s1 * s1);
      x2 = (s2 * s2) * (s2 * s2);
      break;
    case VictoryModel::Octic: {
      const double q1 = (s1 * s1) * (s1 * s1), q2 = (s2 * s2) * (s2 * s2);
      x1 = q1 * q1;
      x2 = q2 * q2;
      break;
    }
    case VictoryModel::Binary: {
      // A 10% advantage wins outright (f = 1 against 1e-6); in between, a linear ramp of
      // r = s1/(s1 + s2) from r = 1/2.1 (p = 0) to r = 1.1/2.1 (p = 1).
      const double thresh = 1.10, min_x = 1e-6;
      if (s1 >= thresh * s2) {
        x1 = 1.0;
        x2 = min_x;
      } else if (s2 >= thresh * s1) {
        x1 = min_x;
        x2 = 1.0;
      } else {
        const double r12 = s1 / (s1 + s2);
        x1 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0);
        x2 = 1 - x1;
      }
      break;
    }
  }
  return {x1 / (x1 + x2), x2 / (x1 + x2)};
}

double round4(double x) {
  // smp.cpp SMPActor::interpBrgnSnPm's round4: (int)(0.5 + 10⁴x) / 10⁴, half-up for the x ≥ 0 it sees.
  // Below 2⁵³ a non-negative double truncates to its floor exactly; the cast is far cheaper.
  const double y = 0.5 + x * 10000.0;
  const double floor_y = y >= 0 && y < 0x1p53 ? static_cast<double>(static_cast<std::int64_t>(y)) : std::floor(y);
  return floor_y / 10000.0;
}

double est_nra(double r_h, double r_i, RiskAdjust adjust) {
  switch (adjust) {  // kmodel.cpp Model::estNRA
    case RiskAdjust::Full:
      return r_i;
    case RiskAdjust::TwoThirds:
      return (r_h + (2.0 * r_i)) / 3.0;
    case RiskAdjust::Half:
      return (r_h + r_i) / 2;
    case RiskAdjust::OneThird:
      return ((2.0 * r_h) + r_i) / 3.0;
    case RiskAdjust::None:
      return r_h;
  }
  return r_h;
}

std::vector<double> big_r_from_prob(std::span<const double> p, RiskRange range) {
  std::vector<double> r;
  risk_from_prob(p, range, r);
  return r;
}

std::vector<double> coalitions(VotingRule rule, std::span<const double> voter_weight,
                               std::span<const double> voter_utility, std::size_t options) {
  std::vector<double> c(options * options);
  coalitions_by_voter(rule, voter_weight, voter_utility.data(), voter_weight.size(), options, c.data(), 1);
  return c;
}

std::vector<double> victory_matrix(VictoryModel model, std::span<const double> c, std::size_t m) {
  std::vector<double> pv;
  victory_matrix_into(model, c, m, pv);
  return pv;
}

std::vector<double> cond_pce(std::span<const double> pv, std::size_t m) {
  std::vector<double> p;
  cond_pce_into(pv, m, p);
  return p;
}

namespace {

[[noreturn]] void markov_failed(const char* which) {
  // KTAB checks its 1000-iteration limit only after the loop, so it would spin for ever on
  // a distribution that never settles; here the limit stops the loop.
  throw std::runtime_error(std::string("smp: the ") + which +
                           " PCE did not converge within 1000 iterations (KTAB's limit); use pce=conditional");
}

}  // namespace

std::vector<double> markov_uniform_pce(std::span<const double> pv, std::size_t m) {
  // kmodel.cpp Model::markovUniformPCE: uniform challenges, q_i = (1/N) Σ_j pv(i,j)(p_i + p_j), damped.
  const double tol = 1e-6;
  std::vector<double> p(m, 1.0 / static_cast<double>(m)), q(m);
  double change = 1.0;
  for (int iter = 0; tol < change;) {
    change = 0;
    for (std::size_t i = 0; i < m; ++i) {
      double pi = 0.0;
      for (std::size_t j = 0; j < m; ++j) pi += pv[i * m + j] * (p[i] + p[j]);
      q[i] = pi / static_cast<double>(m);
      change = std::max(change, std::fabs(q[i] - p[i]));
    }
    for (std::size_t i = 0; i < m; ++i) p[i] = (p[i] + q[i]) / 2.0;
    if (++iter >= kMarkovMaxIter) markov_failed("markov-uniform");
  }
  return p;
}

std::vector<double> markov_incentive_pce(std::span<const double> c, std::span<const double> pv,
                                         std::size_t m) {
  // kmodel.cpp Model::markovIncentivePCE (KTAB/kmodel/doc/markov-incentives.tex).
  const double tol = 1e-8, eps_support = 1e-10;
  // Incentive n(i → j) = C(i, j) pv(i, j), plus ε on the diagonal so no column is all zero.
  std::vector<double> incentive(m * m);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < m; ++j)
      incentive[i * m + j] = c[i * m + j] * pv[i * m + j] + (i == j ? eps_support : 0.0);
  // P(i → j) = n(i, j) / Σ_k n(k, j): who challenges j when j is the favourite.
  std::vector<double> chlg(m * m);
  for (std::size_t j = 0; j < m; ++j) {
    double sum = 0.0;
    for (std::size_t k = 0; k < m; ++k) sum += incentive[k * m + j];
    for (std::size_t i = 0; i < m; ++i) chlg[i * m + j] = incentive[i * m + j] / sum;
  }
  std::vector<double> p(m, 1.0 / static_cast<double>(m)), q(m);
  double change = 1.0;
  for (int iter = 0; tol < change;) {
    change = 0;
    for (std::size_t i = 0; i < m; ++i) {
      double qi = 0.0;
      for (std::size_t j = 0; j < m; ++j) {
        const double ct_ij = p[i] * chlg[j * m + i], ct_ji = p[j] * chlg[i * m + j];
        qi += pv[i * m + j] * (ct_ij + ct_ji);
      }
      q[i] = qi;
      change = std::max(change, std::fabs(q[i] - p[i]));
    }
    for (std::size_t i = 0; i < m; ++i) p[i] = (p[i] + q[i]) / 2.0;
    if (++iter >= kMarkovMaxIter) markov_failed("markov-incentive");
  }
  return p;
}

std::vector<double> option_probabilities(PceModel pce, VictoryModel victory, std::span<const double> c,
                                         std::size_t m) {
  std::vector<double> pv, p;
  option_probabilities_into(pce, victory, c, m, pv, p);
  return p;
}

std::vector<double> scalar_pce(VotingRule rule, VictoryModel victory, PceModel pce,
                               std::span<const double> voter_weight, std::span<const double> voter_utility,
                               std::size_t options) {
  return option_probabilities(pce, victory, coalitions(rule, voter_weight, voter_utility, options), options);
}

Perspective Perspective::from_rows(std::size_t n, std::span<const double> rows) {
  Perspective u;
  u.n = n;
  u.by_column.resize(n * n);
  u.diagonal.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) u.by_column[j * n + i] = rows[i * n + j];
    u.diagonal[i] = rows[i * n + i];
  }
  return u;
}

ChallengeEstimate prob_edu_chlg(const Perspective& u, std::span<const double> weight, double target_salience,
                                std::size_t k, std::size_t i, std::size_t j, VotingRule rule, Commit commit) {
  // smpbcn.cpp SMPState::probEduChlg(h, k, i, j) with u = U^h; challenge_everyone does the same for all j.
  const std::size_t n = u.n;
  const double* col_i = &u.by_column[i * n];
  const double* col_j = &u.by_column[j * n];
  const double* diag = u.diagonal.data();
  const double eu_sq = col_i[k] + col_j[k];   // both keep their positions
  const double eu_win = col_i[k] + col_i[k];  // j adopts i's position
  const double eu_lose = col_j[k] + col_j[k];  // i adopts j's position

  // Principals' contributions, weighted by S·c, on whichever side each favours.
  const double contrib_i = vote(rule, weight[i], col_i[i], col_j[i]);
  const double contrib_j = vote(rule, weight[j], col_i[j], col_j[j]);
  double ch_ij = kMinPrincipal, ch_ji = kMinPrincipal;
  if (contrib_i > 0) ch_ij += contrib_i;
  if (contrib_i < 0) ch_ji -= contrib_i;
  if (contrib_j > 0) ch_ij += contrib_j;
  if (contrib_j < 0) ch_ji -= contrib_j;
  // Each third party weighs in against the principals-only totals, never the running ones.
  // Under NoCommit and FullCommit every third-party vote is exactly 0 (both sides' sums are
  // computed identically), so only SemiCommit runs the loop.
  const double base_ij = ch_ij, base_ji = ch_ji;
  with_rule(rule, [&](auto r) {
    for (std::size_t m = 0; commit == Commit::Semi && m < n; ++m) {
      if (m == i || m == j) continue;
      const double v = third_party_vote<r.value>(weight[m], col_i[m], col_j[m], diag[m], base_ij, base_ji);
      if (v > 0) ch_ij += v;
      if (v < 0) ch_ji -= v;
    }
  });
  const double phi = ch_ij / (ch_ij + ch_ji);
  const double phi_ji = ch_ji / (ch_ij + ch_ji);
  const double eu_contest = phi * eu_win + phi_ji * eu_lose;
  // The target yields outright with probability 1 − S_j, else the contest is fought.
  const double eu_challenge = (1 - target_salience) * eu_win + target_salience * eu_contest;
  return {phi, eu_challenge - eu_sq};
}

namespace {

// smp.cpp SMPActor::interpBrgnSnPm(n, m) with n = m = power: weights s^n p^m; the 1e-6 keeps
// 0/0 away (and leaves each at its own point when neither side has weight); rounded to 4
// decimals as KTAB does.
std::pair<double, double> interpolate_sn_pm(double power, double t_i, double s_i, double p_i, double t_j,
                                            double s_j, double p_j) {
  const double w_i = std::pow(s_i, power) * std::pow(p_i, power);
  const double w_j = std::pow(s_j, power) * std::pow(p_j, power);
  const double b_i = round4(((w_i + kMinInterp) * t_i + w_j * t_j) / (w_i + kMinInterp + w_j));
  const double b_j = round4((w_i * t_i + (kMinInterp + w_j) * t_j) / (w_i + kMinInterp + w_j));
  return {b_i, b_j};
}

// smp.cpp SMPActor::interpBrgnS2PMax: only the less likely winner moves, by
// d s_other² / (d s_other² + 1e-6 + (1 − d) s_own²), d = p_other − p_own. Not rounded.
std::pair<double, double> interpolate_s2_pmax(double t_i, double s_i, double p_i, double t_j, double s_j,
                                              double p_j) {
  const double d_i = p_j > p_i ? p_j - p_i : 0, d_j = p_i > p_j ? p_i - p_j : 0;
  const double s_i2 = s_i * s_i, s_j2 = s_j * s_j;
  const double f_i = (d_i * s_j2) / ((d_i * s_j2) + kMinInterp + ((1 - d_i) * s_i2));
  const double f_j = (d_j * s_i2) / ((d_j * s_i2) + kMinInterp + ((1 - d_j) * s_j2));
  return {t_i + f_i * (t_j - t_i), t_j + f_j * (t_i - t_j)};
}

}  // namespace

std::pair<double, double> interpolate(Interp interp, double t_i, double s_i, double p_i, double t_j,
                                      double s_j, double p_j) {
  switch (interp) {
    case Interp::S1P1: return interpolate_sn_pm(1.0, t_i, s_i, p_i, t_j, s_j, p_j);
    case Interp::S2P2: return interpolate_sn_pm(2.0, t_i, s_i, p_i, t_j, s_j, p_j);
    case Interp::S2PMax: return interpolate_s2_pmax(t_i, s_i, p_i, t_j, s_j, p_j);
  }
  throw std::logic_error("smp: interpolation without a case");  // unreachable: every member has one
}

bool wide_vectors(bool on) {
  use_avx2 = on && kHasAvx2;
  return use_avx2;
}

// -------------------------------------------------------------------------------- Actors

Actors actors_from(const Scenario& s) {
  const std::string& file = s.provenance.file;
  const std::size_t n = s.num_actors();
  if (n < kMinActors || n > kMaxActors)
    throw InputError(file, 0, "actors",
                     "smp needs 3 to 250 actors (KTAB Model::minNumActor/maxNumActor); found " +
                         std::to_string(n));
  Actors a;
  a.n = n;
  a.dims = s.num_issues();
  for (std::size_t i = 0; i < n; ++i) {
    const double total = s.total_salience(i);
    if (!(total > 0))
      throw InputError(file, 0, "actors",
                       "actor '" + s.actors[i].name + "' has total salience 0; smp's distances need S_i > 0");
    a.capability.push_back(s.actors[i].capability);
    for (std::size_t k = 0; k < a.dims; ++k) a.salience.push_back(s.stance(i, k).salience);
    a.total_salience.push_back(total);
    a.weight.push_back(total * s.actors[i].capability);  // sum(vSal) * sCap in probEduChlg
  }
  return a;
}

std::vector<double> unit_positions(const Scenario& s) {
  std::vector<double> x;
  x.reserve(s.stances.size());
  for (std::size_t i = 0; i < s.num_actors(); ++i)
    for (std::size_t k = 0; k < s.num_issues(); ++k) {
      const Issue& issue = s.issues[k];
      x.push_back((s.stance(i, k).position - issue.scale_min) / (issue.scale_max - issue.scale_min));
    }
  return x;
}

// ---------------------------------------------------------------------------------- Turns

std::vector<double> step(const Actors& a, std::span<const double> x, const Settings& s, std::size_t turn,
                         std::uint64_t seed, int threads, TurnTrace* trace) {
  Workspace& w = workspace_for(a, threads);
  step_into(a, x, s, turn, seed, threads, trace, w);
  return w.next;
}

Distribution distribution(const Actors& a, std::span<const double> x, const Settings& s, int threads,
                          bool by_position) {
  Workspace& w = workspace_for(a, threads);
  start_turn(a, x, s, threads, w);
  return distribution_of(a, x, s, w, by_position);
}

Run run(const Actors& a, std::vector<double> x0, const Settings& s, const RunOptions& options, bool report) {
  // kmodel.cpp Model::run with smp.cpp smpStopFn: stop after step `iter` when iter ≥ max_turns, or when iter ≥ 2
  // and stateDist(iter − 1, iter) / (stateDist(0, 1) + 1e-4) < 0.02.
  Workspace& w = workspace_for(a, options.threads);
  Run r;
  r.states.push_back(std::move(x0));
  double first_step = 0;
  for (long iter = 1;; ++iter) {
    TurnTrace trace;
    step_into(a, r.states.back(), s, static_cast<std::size_t>(iter - 1), options.seed, options.threads,
              report ? &trace : nullptr, w);
    r.states.push_back(w.next);
    if (report) r.turns.push_back(std::move(trace));
    if (iter == 1) first_step = state_dist(r.states[0], r.states[1], a.dims) + kMinSigDelta;
    const double ratio = state_dist(r.states[iter - 1], r.states[iter], a.dims) / first_step;
    r.change_ratio.push_back(ratio);
    if (iter >= s.max_turns || (iter >= kMinIter && ratio < kMinDeltaRatio)) break;
  }
  // Both distributions read the final state's utilities, computed once.
  start_turn(a, r.states.back(), s, options.threads, w);
  if (report) r.final = distribution_of(a, r.states.back(), s, w, false);
  r.forecast = distribution_of(a, r.states.back(), s, w, true).outcome;
  return r;
}

// ------------------------------------------------------------------------------ Registry

Settings settings_from(const Params& p) {
  return Settings{
      .victory = p.choice("victory", kVictoryModels),
      .pce = p.choice("pce", kPceModels),
      .transitions = p.choice("transitions", kTransitions),
      .voting = p.choice("voting", kVotingRules),
      .risk_adjust = p.choice("risk_adjust", kRiskAdjusts),
      .risk_range = p.choice("risk_range", kRiskRanges),
      .commit = p.choice("commit", kCommits),
      .interp = p.choice("interp", kInterps),
      .bargain = p.choice("bargain", kBargains),
      .max_turns = p.integer("max_turns"),
  };
}

namespace {

class SpatialModel final : public BargainingModel {
 public:
  explicit SpatialModel(const Params& p) : BargainingModel(p), settings_(settings_from(p)) {}

  Forecast forecast(const Scenario& scenario, const RunOptions& options) const override {
    const Actors actors = actors_from(scenario);
    const Run r = run(actors, unit_positions(scenario), settings_, options, /*report=*/false);
    const std::size_t dims = actors.dims;
    auto to_input = [&](double u, std::size_t k) {
      const Issue& issue = scenario.issues[k];
      return issue.scale_min + u * (issue.scale_max - issue.scale_min);
    };
    // Coordinates still at their input value come back exactly as given (history[0] is the
    // input itself), not through a round trip to the unit scale.
    const std::vector<double>& x0 = r.states.front();
    Forecast f;
    for (const auto& state : r.states) {
      std::vector<double> h(state.size());
      for (std::size_t q = 0; q < state.size(); ++q)
        h[q] = state[q] == x0[q] ? scenario.stances[q].position : to_input(state[q], q % dims);
      f.history.push_back(std::move(h));
    }
    // KTAB prints no single forecast point. The outcome is the probability-weighted mean
    // position over the final state's position classes: representatives, scalarPCE over
    // them, outcome_k = Σ_r P_r x_rk (docs/models/smp.md "The forecast", KTAB SMPState::pDist),
    // with the classes found in position order so that listing order cannot move it.
    for (std::size_t k = 0; k < dims; ++k) f.outcome.push_back(to_input(r.forecast[k], k));
    return f;
  }

 private:
  Settings settings_;
};

using Kind = ParamSpec::Kind;

ENTENTE_REGISTER_MODEL(ModelInfo{
    .name = "smp",
    .summary = "KTAB's Spatial Model of Politics: challenges, interpolated bargains and queue votes over several issues",
    .citation = "KAPSARC Toolkit for Behavioral Analysis (KTAB), examples/smp: SMPState::doBCN, probEduChlg "
                "(docs/models/smp.md)",
    .params =
        {
            {.name = "victory",
             .kind = Kind::Choice,
             .default_value = "linear",
             .choices = kVictoryModels.names(),
             .help = "victory probability f(C_ij)/(f(C_ij)+f(C_ji)) with f = x, x^2, x^4, x^8 or a 10% threshold "
                     "(KTAB VictoryProbModel)"},
            {.name = "pce",
             .kind = Kind::Choice,
             .default_value = "conditional",
             .choices = kPceModels.names(),
             .help = "probability of each option from pairwise victory odds (KTAB PCEModel)"},
            {.name = "transitions",
             .kind = Kind::Choice,
             .default_value = "deterministic",
             .choices = kTransitions.names(),
             .help = "adopt the likeliest bargain of a queue, or draw one from the seed (KTAB StateTransitions)"},
            {.name = "voting",
             .kind = Kind::Choice,
             .default_value = "prop",
             .choices = kVotingRules.names(),
             .help = "how a utility difference becomes a vote (KTAB VotingRule)"},
            {.name = "risk_adjust",
             .kind = Kind::Choice,
             .default_value = "one-third",
             .choices = kRiskAdjusts.names(),
             .help = "how far h's estimate of i's risk attitude moves from R_h toward R_i (KTAB BigRAdjust)"},
            {.name = "risk_range",
             .kind = Kind::Choice,
             .default_value = "mid",
             .choices = kRiskRanges.names(),
             .help = "range of inferred risk attitudes: [0,1], [-1/2,1] or [-1,1] (KTAB BigRRange)"},
            {.name = "commit",
             .kind = Kind::Choice,
             .default_value = "semi",
             .choices = kCommits.names(),
             .help = "what third parties expect from joining a side; only semi lets them vote (KTAB ThirdPartyCommit)"},
            {.name = "interp",
             .kind = Kind::Choice,
             .default_value = "s2p2",
             .choices = kInterps.names(),
             .help = "bargain point weights: salience^n x probability^m, or only the weaker side moves (KTAB "
                     "InterVecBrgn)"},
            {.name = "bargain",
             .kind = Kind::Choice,
             .default_value = "init-only",
             .choices = kBargains.names(),
             .help = "which interpolations are proposed: initiator's, both, or their power-weighted mean (KTAB "
                     "BargnModel)"},
            {.name = "max_turns",
             .kind = Kind::Integer,
             .default_value = "100",
             .min = 1,
             .max = 10000,
             .help = "maximum number of turns before the run stops (KTAB maxIter)"},
        },
    .make = [](const Params& p) { return std::make_unique<SpatialModel>(p); },
});

}  // namespace
}  // namespace entente::smp
