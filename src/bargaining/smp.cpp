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
// bit-identical for any thread count.
#include "bargaining/smp.h"

#include "core/parallel.h"

#include <algorithm>
#include <numeric>
#include <cfloat>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

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

// kmodel.cpp Model::vote, inlined into the O(n³) loops.
inline double vote_of(VotingRule rule, double weight, double u_a, double u_b) {
  // Δ = u_a − u_b, binary response clip(Δ / 1e-8, ±1), hybrids 0.2 and 0.5.
  const double du = u_a - u_b;
  switch (rule) {
    case VotingRule::Prop:
      return weight * du;
    case VotingRule::Binary:
      return weight * std::clamp(du / 1e-8, -1.0, 1.0);
    case VotingRule::PropBin:
      return weight * ((1 - 0.2) * du + 0.2 * std::clamp(du / 1e-8, -1.0, 1.0));
    case VotingRule::PropCbc:
      return weight * ((1 - 0.5) * du + 0.5 * (du * du * du));
    case VotingRule::Cubic:
      return weight * (du * du * du);
    case VotingRule::AsymProsp:
      // Losses count fully, gains by two thirds (prospect-theory asymmetry).
      if (du < 0) return weight * du;
      if (du > 0) return (2.0 * weight * du) / 3.0;
      return 0;
  }
  return 0;
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

// C(i, j) for options i, j from voters' utilities stored option by option (u[i * voters + k]),
// so that the voter loop reads memory in order (kmodel.cpp Model::coalitions). Rows are split over
// threads; the pair (i, j < i) writes C(i, j) and C(j, i) and nothing else.
void coalitions_by_option(VotingRule rule, std::span<const double> weight, const double* u,
                          std::size_t voters, std::size_t options, double* c, int threads) {
  parallel_for_chunks(options, threads, [&](std::size_t first, std::size_t last, std::size_t) {
    for (std::size_t i = first; i < last; ++i) {
      const double* ui = u + i * voters;
      for (std::size_t j = 0; j < i; ++j) {
        const double* uj = u + j * voters;
        double cij = kMinCoalition, cji = kMinCoalition;
        for (std::size_t k = 0; k < voters; ++k) {
          const double v = vote_of(rule, weight[k], ui[k], uj[k]);
          if (v > 0) cij += v;
          if (v < 0) cji -= v;
        }
        c[i * options + j] = cij;
        c[j * options + i] = cji;
      }
      c[i * options + i] = kMinCoalition;
    }
  });
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

// Everything a turn reads, computed once at its start (smp.cpp SMPState::setAllAUtil). Ideals
// equal positions: KTAB's CSV input uses the identity accommodation matrix, so its ideal
// update (smp.cpp SMPState::newIdeals) is a no-op and Entente scenarios have no other.
struct TurnStart {
  std::size_t n = 0;
  std::vector<double> distance;  // d_ij at j * n + i (column-major: one position's column)
  std::vector<double> neutral_prob;
  std::vector<double> risk;      // R_i
  std::vector<double> own;       // U^a(a, t) at a * n + t: row a of a's own perspective
};

TurnStart start_turn(const Actors& actors, std::span<const double> x, const Settings& s, int threads) {
  const std::size_t n = actors.n, dims = actors.dims;
  TurnStart t;
  t.n = n;
  // d_ij: i's ideal (= position) to j's position, i's saliences (smp.cpp SMPState::setVDiff, SMPModel::bvDiff).
  t.distance.resize(n * n);
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t) {
    for (std::size_t j = first; j < last; ++j)
      for (std::size_t i = 0; i < n; ++i)
        t.distance[j * n + i] = bv_diff(&x[i * dims], &x[j * dims], actors.salience_of(i), dims);
  });
  // Risk-neutral pass: u⁰_kj = u(d_kj, 0), voters weighted by capability alone, every actor's
  // position a separate option (smp.cpp setAllAUtil: rnUtil_ij; kmodel.cpp coalitions, probCE2).
  std::vector<double> neutral(n * n);
  for (std::size_t q = 0; q < n * n; ++q) neutral[q] = util_of(t.distance[q], 0.0);
  std::vector<double> c(n * n);
  coalitions_by_option(s.voting, actors.capability, neutral.data(), n, n, c.data(), threads);
  t.neutral_prob = option_probabilities(s.pce, s.victory, c, n);
  t.risk = big_r_from_prob(t.neutral_prob, s.risk_range);  // kmodel.cpp Model::bigRfromProb
  // KTAB's setAllAUtil also asserts that each U^h differs from the objective utilities
  // (norm > 1e-6); that is a debug-build sanity check, false by design under risk_adjust=full,
  // and changes no result, so it is not repeated here.
  // Row a of U^a, with r_aa = estNRA(R_a, R_a) as aUtil[a](a, ·) has it.
  t.own.resize(n * n);
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t) {
    for (std::size_t a = first; a < last; ++a) {
      const double r = est_nra(t.risk[a], t.risk[a], s.risk_adjust);
      for (std::size_t j = 0; j < n; ++j) t.own[a * n + j] = util_of(t.distance[j * n + a], r);
    }
  });
  return t;
}

// U^h into `u`: U(i, j) = u(d_ij, estNRA(R_h, R_i)) (smp.cpp SMPState::setAllAUtil, aUtil[h]; kmodel.cpp Model::estNRA).
void fill_perspective(const TurnStart& t, std::size_t h, RiskAdjust adjust, Perspective& u,
                      std::vector<double>& row_risk) {
  const std::size_t n = t.n;
  u.n = n;
  u.by_column.resize(n * n);
  u.diagonal.resize(n);
  row_risk.resize(n);
  for (std::size_t i = 0; i < n; ++i) row_risk[i] = est_nra(t.risk[h], t.risk[i], adjust);
  for (std::size_t j = 0; j < n; ++j) {
    const double* d = &t.distance[j * n];
    double* col = &u.by_column[j * n];
    for (std::size_t i = 0; i < n; ++i) col[i] = util_of(d[i], row_risk[i]);
  }
  for (std::size_t i = 0; i < n; ++i) u.diagonal[i] = u.by_column[i * n + i];
}

// A proposed bargain: the initiator's and the receiver's new positions.
struct Proposal {
  std::size_t init = 0, rcvr = 0;
  std::vector<double> pos;  // init's dims, then rcvr's dims
};

// Per-thread working memory, reused across the actors of a chunk.
struct Scratch {
  Perspective mine, theirs;
  std::vector<double> row_risk, util, coalition;
};

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
int challenge(const Actors& a, std::span<const double> x, const TurnStart& t, const Settings& s,
              std::size_t i, Scratch& scratch, Proposal* out, TurnTrace* trace) {
  const std::size_t n = a.n;
  fill_perspective(t, i, s.risk_adjust, scratch.mine, scratch.row_risk);
  // The largest Δu above 1e-5, first j on ties (bestChallenge: strict ">" scan in j order).
  int best = -1;
  double best_gain = -1, best_phi = 0;
  for (std::size_t j = 0; j < n; ++j) {
    if (j == i) continue;
    const auto e = prob_edu_chlg(scratch.mine, a.weight, a.total_salience[j], i, i, j, s.voting, s.commit);
    if (kMinSigGain < e.gain && best_gain < e.gain) {
      best = static_cast<int>(j);
      best_gain = e.gain;
      best_phi = e.win_prob;
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
  fill_perspective(t, j, s.risk_adjust, scratch.theirs, scratch.row_risk);
  const double phi_j =
      prob_edu_chlg(scratch.theirs, a.weight, a.total_salience[j], i, i, j, s.voting, s.commit).win_prob;
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
void bargain_utilities(const Actors& a, std::span<const double> x, const TurnStart& t,
                       const Proposal& b, double* util) {
  const std::size_t n = a.n, dims = a.dims;
  for (std::size_t v = 0; v < n; ++v) {
    const double* ideal = &x[v * dims];
    const double* sal = a.salience_of(v);
    double u = 0;
    u += util_of(bv_diff(ideal, &b.pos[0], sal, dims), t.risk[v]);
    u += util_of(bv_diff(ideal, &b.pos[dims], sal, dims), t.risk[v]);
    const double* own = &t.own[v * n];
    for (std::size_t m = 0; m < n; ++m)
      if (m != b.init && m != b.rcvr) u += own[m];
    util[v] = u / static_cast<double>(n);
  }
}

// A turn's proposals and every voter's utility for each, and for the status quo.
struct Ballots {
  const std::vector<Proposal>& proposals;
  const std::vector<double>& proposal_util;  // voter v's utility for proposal p at p * n + v
  const std::vector<double>& sq_util;        // voter v's utility for the status quo
};

// The entry of queue k (−1 = status quo, else a proposal slot) that k adopts: all n actors
// vote, weighted by capability alone (kmodel.cpp Model::scalarPCE); the first maximum wins
// (ndxMaxProb), or under stochastic transitions a draw.
int resolve_queue(const Actors& a, const Settings& s, const Ballots& ballots, const std::vector<int>& q,
                  Scratch& w, std::uint64_t seed, std::size_t turn, std::size_t k) {
  const std::size_t n = a.n, nb = q.size();
  w.util.resize(nb * n);
  for (std::size_t m = 0; m < nb; ++m) {
    const double* src = q[m] < 0 ? ballots.sq_util.data()
                                 : &ballots.proposal_util[static_cast<std::size_t>(q[m]) * n];
    std::copy(src, src + n, &w.util[m * n]);
  }
  w.coalition.resize(nb * nb);
  coalitions_by_option(s.voting, a.capability, w.util.data(), n, nb, w.coalition.data(), 1);
  const auto p = option_probabilities(s.pce, s.victory, std::span(w.coalition.data(), nb * nb), nb);
  std::size_t chosen = 0;
  if (s.transitions == Transitions::Stochastic) {
    chosen = draw_option(p, seed, turn, k);
  } else {
    for (std::size_t m = 1; m < nb; ++m)
      if (p[m] > p[chosen]) chosen = m;
  }
  return q[chosen];
}

}  // namespace

// ------------------------------------------------------------------------------ Formulas

double bv_diff(const double* ideal, const double* position, const double* salience, std::size_t dims) {
  // smp.cpp SMPModel::bvDiff: normalised by Σ s², not S² nor D.
  double ds_sq = 0, s_sq = 0;
  for (std::size_t k = 0; k < dims; ++k) {
    const double ds = (ideal[k] - position[k]) * salience[k];
    ds_sq += ds * ds;
    s_sq += salience[k] * salience[k];
  }
  return std::sqrt(ds_sq / s_sq);
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
  return std::floor(0.5 + x * 10000.0) / 10000.0;
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
  // kmodel.cpp Model::bigRfromProb: the likeliest position's actor is the most risk-accepting.
  double p_min = 1.0, p_max = 0.0;
  for (double v : p) {
    p_min = std::min(p_min, v);
    p_max = std::max(p_max, v);
  }
  std::vector<double> r(p.size(), 0.0);
  // KTAB divides by p_max − p_min unguarded; when every option is equally likely nothing
  // singles anyone out, so everyone is risk-neutral (R = 0).
  if (!(p_max > p_min)) return r;
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
  return r;
}

std::vector<double> coalitions(VotingRule rule, std::span<const double> voter_weight,
                               std::span<const double> voter_utility, std::size_t options) {
  const std::size_t voters = voter_weight.size();
  std::vector<double> by_option(voters * options);
  for (std::size_t k = 0; k < voters; ++k)
    for (std::size_t i = 0; i < options; ++i) by_option[i * voters + k] = voter_utility[k * options + i];
  std::vector<double> c(options * options);
  coalitions_by_option(rule, voter_weight, by_option.data(), voters, options, c.data(), 1);
  return c;
}

std::vector<double> victory_matrix(VictoryModel model, std::span<const double> c, std::size_t m) {
  // kmodel.cpp Model::vProb(vpm, C): pv(i, j) + pv(j, i) = 1, pv(i, i) = 1/2.
  std::vector<double> pv(m * m);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto [p_ij, p_ji] = victory_prob(model, c[i * m + j], c[j * m + i]);
      pv[i * m + j] = p_ij;
      pv[j * m + i] = p_ji;
    }
    pv[i * m + i] = 0.5;
  }
  return pv;
}

std::vector<double> cond_pce(std::span<const double> pv, std::size_t m) {
  // kmodel.cpp Model::condPCE: P_i ∝ Π_j pv(i, j), the chance that i beats every alternative.
  std::vector<double> p(m);
  double total = 0;
  for (std::size_t i = 0; i < m; ++i) {
    double prod = 1.0;
    for (std::size_t j = 0; j < m; ++j) prod *= pv[i * m + j];
    p[i] = prod;
    total += prod;
  }
  if (total >= DBL_MIN) {
    for (double& v : p) v /= total;
    return p;
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
  const auto pv = victory_matrix(victory, c, m);  // kmodel.cpp Model::probCE2
  switch (pce) {
    case PceModel::Conditional:
      return cond_pce(pv, m);
    case PceModel::MarkovIncentive:
      return markov_incentive_pce(c, pv, m);
    case PceModel::MarkovUniform:
      return markov_uniform_pce(pv, m);
  }
  return cond_pce(pv, m);
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

namespace {

// Third party m's vote in i:j, from its "little conflict" against the principals' totals only
// (kmodel.cpp Actor::vProbLittle), then the sum-of-three-utilities comparison of joining i or joining j
// (kmodel.cpp Actor::thirdPartyVoteSU). Under NoCommit and FullCommit both sides' sums are identical,
// so the vote is 0; only SemiCommit brings third parties in.
inline double third_party_vote(VotingRule rule, Commit commit, double w, double u_mi, double u_mj,
                               double u_mm, double base_ij, double base_ji) {
  const double own = vote_of(rule, w, u_mi, u_mj);
  const double c_mi = own > 0 ? base_ij + own : base_ij;
  const double c_mj = own < 0 ? base_ji - own : base_ji;
  const double p_i = c_mi / (c_mi + c_mj), p_j = 1.0 - p_i;
  double join_i_wins = 0, join_i_loses = 0, join_j_loses = 0, join_j_wins = 0;
  switch (commit) {
    case Commit::Full:
      join_i_wins = u_mi + u_mi + u_mi;
      join_i_loses = u_mj + u_mj + u_mj;
      join_j_loses = u_mi + u_mi + u_mi;
      join_j_wins = u_mj + u_mj + u_mj;
      break;
    case Commit::Semi:  // the winner's partner keeps its own position
      join_i_wins = u_mi + u_mi + u_mm;
      join_i_loses = u_mj + u_mj + u_mj;
      join_j_loses = u_mi + u_mi + u_mi;
      join_j_wins = u_mj + u_mj + u_mm;
      break;
    case Commit::No:
      join_i_wins = u_mi + u_mi + u_mm;
      join_i_loses = u_mj + u_mj + u_mm;
      join_j_loses = u_mi + u_mi + u_mm;
      join_j_wins = u_mj + u_mj + u_mm;
      break;
  }
  const double eu_join_i = (p_i * join_i_wins) + (p_j * join_i_loses);
  const double eu_join_j = (p_i * join_j_loses) + (p_j * join_j_wins);
  return vote_of(rule, w, eu_join_i, eu_join_j);
}

}  // namespace

ChallengeEstimate prob_edu_chlg(const Perspective& u, std::span<const double> weight, double target_salience,
                                std::size_t k, std::size_t i, std::size_t j, VotingRule rule, Commit commit) {
  // smpbcn.cpp SMPState::probEduChlg(h, k, i, j) with u = U^h.
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
  for (std::size_t m = 0; commit == Commit::Semi && m < n; ++m) {
    if (m == i || m == j) continue;
    const double v = third_party_vote(rule, Commit::Semi, weight[m], col_i[m], col_j[m], diag[m], base_ij, base_ji);
    if (v > 0) ch_ij += v;
    if (v < 0) ch_ji -= v;
  }
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
  const std::size_t n = a.n, dims = a.dims;
  const TurnStart t = start_turn(a, x, s, threads);
  if (trace) {
    trace->neutral_prob = t.neutral_prob;
    trace->risk = t.risk;
    trace->target.assign(n, -1);
    trace->gain.assign(n, 0);
    trace->win_prob.assign(n, 0);
    trace->adopted.assign(n, {0, 0});
  }
  std::vector<Scratch> scratch(chunk_count(n, threads));  // one per chunk of actors

  // Challenges and proposals (SMPState::doBCN(i)); actor i writes slots 2i and 2i + 1 only.
  std::vector<Proposal> proposals(2 * n);
  std::vector<int> made(n, 0);
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t slot) {
    for (std::size_t i = first; i < last; ++i)
      made[i] = challenge(a, x, t, s, i, scratch[slot], &proposals[2 * i], trace);
  });

  // Every voter's utility for every proposal; a proposal sits in two queues but is valued once.
  std::vector<double> proposal_util(2 * n * n);
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t) {
    for (std::size_t i = first; i < last; ++i)
      for (int b = 0; b < made[i]; ++b)
        bargain_utilities(a, x, t, proposals[2 * i + b], &proposal_util[(2 * i + b) * n]);
  });
  // The status quo's utility to each voter: (1/n) Σ_t U^a(a, t) (brgnUtil, SQ case).
  std::vector<double> sq_util(n);
  for (std::size_t v = 0; v < n; ++v) {
    double u = 0;
    for (std::size_t m = 0; m < n; ++m) u += t.own[v * n + m];
    sq_util[v] = u / static_cast<double>(n);
  }

  // Queue k: k's status quo first, then each proposal naming k, by initiator index. KTAB's
  // order is thread-dependent; it matters only for exact ties, which the samples never have.
  std::vector<std::vector<int>> queue(n, std::vector<int>{-1});
  for (std::size_t i = 0; i < n; ++i)
    for (int b = 0; b < made[i]; ++b) {
      const Proposal& p = proposals[2 * i + b];
      queue[p.init].push_back(static_cast<int>(2 * i) + b);
      queue[p.rcvr].push_back(static_cast<int>(2 * i) + b);
    }

  // Each actor resolves only its own queue (smpbcn.cpp SMPState::updateBestBrgnPositions(k)):
  // bargains bind nobody else, and all moves are simultaneous.
  std::vector<double> next(x.begin(), x.end());
  const Ballots ballots{proposals, proposal_util, sq_util};
  parallel_for_chunks(n, threads, [&](std::size_t first, std::size_t last, std::size_t slot) {
    for (std::size_t k = first; k < last; ++k) {
      const int m = resolve_queue(a, s, ballots, queue[k], scratch[slot], seed, turn, k);
      if (m < 0) {
        if (trace) trace->adopted[k] = {static_cast<int>(k), static_cast<int>(k)};
        continue;  // status quo: next already holds x_k
      }
      const Proposal& b = proposals[static_cast<std::size_t>(m)];
      const double* from = b.init == k ? &b.pos[0] : &b.pos[dims];
      std::copy(from, from + dims, &next[k * dims]);
      if (trace) trace->adopted[k] = {static_cast<int>(b.init), static_cast<int>(b.rcvr)};
    }
  });
  return next;
}

Distribution distribution(const Actors& a, std::span<const double> x, const Settings& s, int threads,
                          bool by_position) {
  // smp.cpp SMPState::pDist(-1) and kmodel State::posProb on a state, with its own utilities.
  const std::size_t n = a.n, dims = a.dims;
  const TurnStart t = start_turn(a, x, s, threads);
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
  std::vector<double> util(m * n);
  for (std::size_t o = 0; o < m; ++o)
    for (std::size_t v = 0; v < n; ++v) util[o * n + v] = t.own[v * n + d.representatives[o]];
  std::vector<double> c(m * m);
  coalitions_by_option(s.voting, a.capability, util.data(), n, m, c.data(), 1);
  d.option_prob = option_probabilities(s.pce, s.victory, c, m);
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

Run run(const Actors& a, std::vector<double> x0, const Settings& s, const RunOptions& options) {
  // kmodel.cpp Model::run with smp.cpp smpStopFn: stop after step `iter` when iter ≥ max_turns, or when iter ≥ 2
  // and stateDist(iter − 1, iter) / (stateDist(0, 1) + 1e-4) < 0.02.
  Run r;
  r.states.push_back(std::move(x0));
  double first_step = 0;
  for (long iter = 1;; ++iter) {
    TurnTrace trace;
    auto next = step(a, r.states.back(), s, static_cast<std::size_t>(iter - 1), options.seed, options.threads, &trace);
    r.states.push_back(std::move(next));
    r.turns.push_back(std::move(trace));
    if (iter == 1) first_step = state_dist(r.states[0], r.states[1], a.dims) + kMinSigDelta;
    const double ratio = state_dist(r.states[iter - 1], r.states[iter], a.dims) / first_step;
    r.change_ratio.push_back(ratio);
    if (iter >= s.max_turns || (iter >= kMinIter && ratio < kMinDeltaRatio)) break;
  }
  r.final = distribution(a, r.states.back(), s, options.threads);
  r.forecast = distribution(a, r.states.back(), s, options.threads, true).outcome;
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
    const Run r = run(actors, unit_positions(scenario), settings_, options);
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
