// Bueno de Mesquita's expected-utility model (Bueno de Mesquita 1994), as re-specified by
// Scholz, Calbert & Smith (2011), JTP 23(4). See eu.h for the formulas and
// docs/models/eu.md for the specification and the reference trace this reproduces.
//
// Each round, per issue:
//   1. risk: with every r = 1, each actor's danger S_i (the others' expected utility of
//      challenging it) gives its risk exponent r_i;
//   2. offers: each actor i weighs every j at another position from its own perspective
//      (utilities with r_i, votes with each voter's r_k) and takes the best offer it receives;
//   3. everyone moves at once.
//
// Cost. P(x_i beats x_j) depends only on the two positions, so each round groups the actors
// by distinct position (m ≤ n groups) and tallies the votes once per pair of groups: O(n m²)
// per round, plus 3·n·m exponentials (the vote table and U_s, U_f for each actor's own r)
// from 3·m²/2 logarithms. Scholz's large denominator Σ_k Σ_a Σ_b |v_k(x_a, x_b)| falls out of
// the same tallies.
#include "bargaining/eu.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include "bargaining/model.h"
#include "core/parallel.h"

namespace entente::eu {

namespace {

// x^r; exact and free for r = 1, the exponent of the whole risk phase.
inline double power(double base, double r) { return r == 1.0 ? base : std::pow(base, r); }

// x^r from a precomputed log x: the solver takes the logs once per pair of positions and
// raises them to every actor's own r. Exact for r = 1, as `power`.
inline double power_from_log(double base, double log_base, double r) {
  return r == 1.0 ? base : std::exp(r * log_base);
}

// Bases of the utility powers lie in [0, 1] in exact arithmetic; a rounding step below 0
// would make pow return NaN.
inline double nonnegative(double x) { return x > 0 ? x : 0.0; }

// The bases of U_s, U_f (Scholz et al. 2011, utility equations): 0.5 ∓ 0.5 d.
inline double success_base(double d) { return nonnegative(0.5 - 0.5 * d); }
inline double failure_base(double d) { return 0.5 + 0.5 * d; }
// The bases of U_b, U_w: 0.5 ∓ 0.25 (|x_i − μ| + |x_i − x_j|) / R.
inline double better_base(double spread) { return nonnegative(0.5 - 0.25 * spread); }
inline double worse_base(double spread) { return 0.5 + 0.25 * spread; }
// Every basic utility is 2 − 4 base^r.
inline double utility(double raised) { return 2 - 4 * raised; }

// Bueno de Mesquita (1994); Scholz et al. (2011), expected-utility equation (Figures/EU_typo.png,
// with the target's salience s_j in front, as the figure's first line prints it):
// E^i(U_ij) = s_j [P U_s + (1 − P) U_f] + (1 − s_j) U_s − Q U_sq − (1 − Q)[T U_b + (1 − T) U_w].
inline double expected(double s_target, double p, double u_s, double u_f, double u_sq, double q,
                       double t, double u_b, double u_w) {
  return s_target * (p * u_s + (1 - p) * u_f) + (1 - s_target) * u_s - q * u_sq -
         (1 - q) * (t * u_b + (1 - t) * u_w);
}

}  // namespace

// ------------------------------------------------------------------------------- Formulas

// Bueno de Mesquita (1994); Scholz et al. (2011), vote equation.
double vote(double weight, double x_voter, double r_voter, double x_a, double x_b, double range) {
  if (!(range > 0)) return 0;  // everyone agreed at the start: no one prefers anything
  return weight * (power(std::fabs(x_voter - x_b) / range, r_voter) -
                   power(std::fabs(x_voter - x_a) / range, r_voter));
}

// Paper: Scholz et al. (2011), probability equation (Figures/Prob.png), each vote with the
// voter's own risk exponent as in the vote equation. Scholz: the reference code's denominator.
double probability(const IssueData& issue, std::span<const double> r, double range, Variant variant,
                   double x_i, double x_j) {
  if (x_i == x_j) return 0;
  const std::size_t n = issue.size();
  double support = 0, cast = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double w = issue.capability[k] * issue.salience[k];
    const double v = vote(w, issue.position[k], r[k], x_i, x_j, range);
    support += std::max(0.0, v);
    cast += std::fabs(v);
  }
  if (variant == Variant::Paper) return cast > 0 ? support / cast : 0.5;  // no votes: even odds
  double all_votes = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double w = issue.capability[k] * issue.salience[k];
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b)
        all_votes += std::fabs(vote(w, issue.position[k], r[k], issue.position[a], issue.position[b], range));
  }
  return all_votes > 0 ? support / all_votes : 0;
}

// Scholz et al. (2011), utility equations (U_s, U_f, U_b, U_w, U_sq).
double utility_success(double d, double r) { return utility(power(success_base(d), r)); }
double utility_failure(double d, double r) { return utility(power(failure_base(d), r)); }
double utility_status_quo(double r) { return utility(power(0.5, r)); }
double utility_better(double spread, double r) { return utility(power(better_base(spread), r)); }
double utility_worse(double spread, double r) { return utility(power(worse_base(spread), r)); }

double expected_utility(double s_target, double p, double u_s, double u_f, double u_sq, double q,
                        double t, double u_b, double u_w) {
  return expected(s_target, p, u_s, u_f, u_sq, q, t, u_b, u_w);
}

// Scholz et al. (2011), Figures/RiskExp.png. When every actor is in the same danger the
// formula is 0/0; nobody is more exposed than anyone else, so R_i = 0 (risk-neutral r = 1).
double relative_risk(double danger, double danger_max, double danger_min) {
  const double spread = danger_max - danger_min;
  if (!(spread > 0)) return 0;
  return (2 * danger - danger_max - danger_min) / spread;
}

double risk_exponent(double relative_risk) {
  return (1 - relative_risk / 3.0) / (1 + relative_risk / 3.0);
}

// --------------------------------------------------------------------------------- Solver

namespace {

struct Offer {
  bool made = false;
  std::size_t target = 0;
  double e_ij = 0, e_ji = 0, position = 0, key = 0;
};

// Plays one issue round by round. Every buffer is sized in reset(); rounds allocate nothing.
//
// Actors are grouped by distinct position (m groups). Everything that depends on two
// positions only — the gap d = |u_p − u_q| / R, the bases of U_s and U_f and their logs, and
// P — is computed once per pair of groups and round; each actor then raises the logs to its
// own exponent.
class Solver {
 public:
  void reset(const IssueData& issue, const Settings& settings);
  // Plays one round and returns the largest position change; records it when asked.
  double play_round(Round* record);

  const std::vector<double>& positions() const { return x_; }
  double range() const { return range_; }
  double mean() const;
  double median();

 private:
  void group_positions();
  void take_logs();
  void tally_votes(bool unit_risk);
  void assess_risk(Round* record);
  void choose_moves(Round* record);
  std::size_t pair(std::size_t p, std::size_t q) const { return p * m_ + q; }
  bool better(const Offer& candidate, const Offer& incumbent) const;

  Settings set_;
  std::size_t n_ = 0, m_ = 0;
  double range_ = 0, low_ = 0, high_ = 0, mu_ = 0;
  std::vector<double> x_, w_, s_;      // positions, weights c_i s_i, saliences
  std::vector<double> r_;              // risk exponents this round
  std::vector<double> next_, danger_;  // positions after the round; S_i
  std::vector<std::size_t> order_, group_;
  std::vector<double> distinct_, count_;  // sorted distinct positions, actors at each
  // Per pair of groups (p m + q): d, log d, log(0.5 − 0.5 d), log(0.5 + 0.5 d), and P(u_p beats u_q).
  std::vector<double> gap_, log_gap_, log_success_, log_failure_, prob_;
  std::vector<double> dist_;             // dist_[k m + p] = (|x_k − u_p| / R)^{r_k}
  std::vector<double> fore_, against_;  // per group: votes for and against one position
  std::vector<double> u_s_, u_f_, u_b_ij_, u_w_ij_, u_b_ji_, u_w_ji_;  // per group, for one actor
};

void Solver::reset(const IssueData& issue, const Settings& settings) {
  set_ = settings;
  n_ = issue.size();
  x_ = issue.position;
  s_ = issue.salience;
  w_.resize(n_);
  for (std::size_t i = 0; i < n_; ++i) w_[i] = issue.capability[i] * issue.salience[i];
  // R is fixed from the initial positions (Scholz et al. 2011; the reference code does so).
  low_ = n_ ? *std::min_element(x_.begin(), x_.end()) : 0;
  high_ = n_ ? *std::max_element(x_.begin(), x_.end()) : 0;
  range_ = high_ - low_;
  r_.assign(n_, 1.0);
  next_.resize(n_);
  danger_.resize(n_);
  order_.resize(n_);
  group_.resize(n_);
  distinct_.resize(n_);
  count_.resize(n_);
  for (auto* v : {&gap_, &log_gap_, &log_success_, &log_failure_, &prob_, &dist_}) v->resize(n_ * n_);
  for (auto* v : {&fore_, &against_, &u_s_, &u_f_, &u_b_ij_, &u_w_ij_, &u_b_ji_, &u_w_ji_}) v->assign(n_, 0.0);
}

double Solver::mean() const {
  double weighted = 0, total = 0;
  for (std::size_t i = 0; i < n_; ++i) {
    weighted += w_[i] * x_[i];
    total += w_[i];
  }
  if (total > 0) return weighted / total;
  // Nobody cares about the issue: the plain mean, as the `mean` baseline does.
  return n_ ? std::accumulate(x_.begin(), x_.end(), 0.0) / static_cast<double>(n_) : 0;
}

// The reference code's single pass of pairwise votes (r = 1) over the distinct positions:
// a challenger replaces the incumbent when Σ_k v_k(challenger, incumbent) > 0. We pass in
// ascending order, so the result does not depend on the order of the actors.
double Solver::median() {
  group_positions();
  if (m_ == 0) return 0;
  double incumbent = distinct_[0];
  for (std::size_t p = 1; p < m_; ++p) {
    double votes = 0;
    for (std::size_t k = 0; k < n_; ++k) votes += vote(w_[k], x_[k], 1.0, distinct_[p], incumbent, range_);
    if (votes > 0) incumbent = distinct_[p];
  }
  return incumbent;
}

// Groups the actors by distinct position and fills the gaps d between groups.
void Solver::group_positions() {
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
    return x_[a] < x_[b] || (x_[a] == x_[b] && a < b);
  });
  m_ = 0;
  for (std::size_t a : order_) {
    if (m_ == 0 || x_[a] != distinct_[m_ - 1]) {
      distinct_[m_] = x_[a];
      count_[m_] = 0;
      ++m_;
    }
    group_[a] = m_ - 1;
    count_[m_ - 1] += 1;
  }
  for (std::size_t p = 0; p < m_; ++p)
    for (std::size_t q = 0; q < m_; ++q) gap_[pair(p, q)] = std::fabs(distinct_[p] - distinct_[q]) / range_;
}

// Logs of the gaps and of the bases of U_s and U_f, for raising to each actor's r.
void Solver::take_logs() {
  for (std::size_t p = 0; p < m_; ++p)
    for (std::size_t q = p + 1; q < m_; ++q) {
      const double d = gap_[pair(p, q)];
      const double lg = std::log(d), ls = std::log(success_base(d)), lf = std::log(failure_base(d));
      log_gap_[pair(p, q)] = log_gap_[pair(q, p)] = lg;
      log_success_[pair(p, q)] = log_success_[pair(q, p)] = ls;
      log_failure_[pair(p, q)] = log_failure_[pair(q, p)] = lf;
    }
}

// P for every pair of distinct positions, with every r = 1 (unit_risk) or each voter's r_k.
// v_k(u_p, u_q) = c_k s_k [(|x_k − u_q|/R)^{r_k} − (|x_k − u_p|/R)^{r_k}] (vote equation), and
// v_k(u_q, u_p) = −v_k(u_p, u_q), so one pass over the voters gives both directions.
void Solver::tally_votes(bool unit_risk) {
  for (std::size_t k = 0; k < n_; ++k) {
    double* row = &dist_[k * m_];
    for (std::size_t p = 0; p < m_; ++p) {
      const std::size_t at = pair(group_[k], p);
      row[p] = group_[k] == p ? 0.0 : unit_risk ? gap_[at] : power_from_log(gap_[at], log_gap_[at], r_[k]);
    }
  }
  double all_votes = 0;  // Σ_k Σ_a Σ_b |v_k(x_a, x_b)| over all actors a, b (Scholz's denominator)
  for (std::size_t p = 0; p < m_; ++p) {
    prob_[pair(p, p)] = 0;  // P = 0 when x_i = x_j
    // Votes on u_p against every later u_q at once: the innermost loop runs over q, so each
    // pair's sums still add the voters in order while the pairs proceed side by side.
    std::fill(fore_.begin() + p + 1, fore_.begin() + m_, 0.0);
    std::fill(against_.begin() + p + 1, against_.begin() + m_, 0.0);
    for (std::size_t k = 0; k < n_; ++k) {
      const double* row = &dist_[k * m_];
      const double wk = w_[k], to_p = row[p];
      for (std::size_t q = p + 1; q < m_; ++q) {
        const double v = wk * (row[q] - to_p);
        fore_[q] += std::max(0.0, v);
        against_[q] += std::max(0.0, -v);
      }
    }
    for (std::size_t q = p + 1; q < m_; ++q) {
      prob_[pair(p, q)] = fore_[q];
      prob_[pair(q, p)] = against_[q];
      all_votes += count_[p] * count_[q] * (fore_[q] + against_[q]);
    }
  }
  all_votes *= 2;  // (a, b) and (b, a)
  for (std::size_t p = 0; p < m_; ++p)
    for (std::size_t q = p + 1; q < m_; ++q) {
      double& pq = prob_[pair(p, q)];
      double& qp = prob_[pair(q, p)];
      if (set_.variant == Variant::Scholz) {
        // Scholz et al.'s reference code: P_ij + P_ji ≠ 1, and P is small.
        pq = all_votes > 0 ? pq / all_votes : 0;
        qp = all_votes > 0 ? qp / all_votes : 0;
      } else {
        // The paper's P: support over the votes cast on this pair; even odds if none are.
        const double cast = pq + qp;
        pq = cast > 0 ? pq / cast : 0.5;
        qp = cast > 0 ? qp / cast : 0.5;
      }
    }
}

// Risk exponents (Scholz et al. 2011, Figures/RiskExp.png): with every r = 1, the danger
// S_i = Σ_{j≠i} E^i(U_ji) of the others challenging i, then R_i and r_i. Recomputed each round.
void Solver::assess_risk(Round* record) {
  tally_votes(true);
  const double u_sq = utility(0.5);  // U_sq at r = 1
  for (std::size_t i = 0; i < n_; ++i) {
    // E^i(U_ji) depends on j only through its position, so sum over the groups of challengers,
    // each weighted by how many actors other than i stand there.
    const std::size_t gi = group_[i];
    double danger = 0;
    for (std::size_t q = 0; q < m_; ++q) {
      const double challengers = q == gi ? count_[q] - 1 : count_[q];
      if (challengers == 0) continue;
      const double d = gap_[pair(q, gi)];
      double u_b = 0, u_w = 0;
      if (set_.q < 1) {
        const double spread = (std::fabs(distinct_[q] - mu_) + std::fabs(distinct_[q] - x_[i])) / range_;
        u_b = utility(better_base(spread));
        u_w = utility(worse_base(spread));
      }
      danger += challengers * expected(s_[i], prob_[pair(q, gi)], utility(success_base(d)),
                                       utility(failure_base(d)), u_sq, set_.q, set_.t, u_b, u_w);
    }
    danger_[i] = danger;
  }
  const auto [lo, hi] = std::minmax_element(danger_.begin(), danger_.end());
  const double danger_min = *lo, danger_max = *hi;
  if (record) record->relative_risk.resize(n_);
  for (std::size_t i = 0; i < n_; ++i) {
    const double rel = relative_risk(danger_[i], danger_max, danger_min);
    r_[i] = risk_exponent(rel);
    if (record) record->relative_risk[i] = rel;
  }
  if (record) {
    record->danger = danger_;
    record->exponent = r_;
  }
}

// Which of two offers of the same type an actor prefers. Scholz: the smaller key, the first
// in actor order on a tie (the reference code's min()). Paper: the smaller key, then the
// larger e_ji, then the lower position, so that ties do not depend on the order of actors.
bool Solver::better(const Offer& candidate, const Offer& incumbent) const {
  if (!incumbent.made) return true;
  if (set_.variant == Variant::Scholz) return candidate.key < incumbent.key;
  if (candidate.key != incumbent.key) return candidate.key < incumbent.key;
  if (candidate.e_ji != incumbent.e_ji) return candidate.e_ji > incumbent.e_ji;
  return candidate.position < incumbent.position;
}

// Offer classification and choice (Bueno de Mesquita 1994; Scholz et al. 2011, offer
// section), every actor from its own perspective with its own r_i.
void Solver::choose_moves(Round* record) {
  take_logs();
  tally_votes(false);
  const bool scholz = set_.variant == Variant::Scholz;
  for (std::size_t i = 0; i < n_; ++i) {
    const double ri = r_[i], xi = x_[i];
    const std::size_t gi = group_[i];
    const double u_sq = utility(power_from_log(0.5, -std::numbers::ln2, ri));
    for (std::size_t q = 0; q < m_; ++q) {
      if (q == gi) continue;
      const std::size_t at = pair(gi, q);
      const double d = gap_[at];
      u_s_[q] = utility(power_from_log(success_base(d), log_success_[at], ri));
      u_f_[q] = utility(power_from_log(failure_base(d), log_failure_[at], ri));
      if (set_.q < 1) {
        const double ij = (std::fabs(xi - mu_) + std::fabs(xi - distinct_[q])) / range_;
        const double ji = (std::fabs(distinct_[q] - mu_) + std::fabs(distinct_[q] - xi)) / range_;
        u_b_ij_[q] = utility(power(better_base(ij), ri));
        u_w_ij_[q] = utility(power(worse_base(ij), ri));
        u_b_ji_[q] = utility(power(better_base(ji), ri));
        u_w_ji_[q] = utility(power(worse_base(ji), ri));
      }
    }
    Offer confrontation, compromise, capitulation;
    for (std::size_t j = 0; j < n_; ++j) {
      const double xj = x_[j];
      if (xj == xi) continue;
      const std::size_t gj = group_[j];
      const double e_ij = expected(s_[j], prob_[pair(gi, gj)], u_s_[gj], u_f_[gj], u_sq, set_.q, set_.t,
                                   u_b_ij_[gj], u_w_ij_[gj]);
      const double e_ji = expected(s_[i], prob_[pair(gj, gi)], u_s_[gj], u_f_[gj], u_sq, set_.q, set_.t,
                                   u_b_ji_[gj], u_w_ji_[gj]);
      Offer offer{true, j, e_ij, e_ji, xj, std::fabs(xi - xj)};
      if (e_ji > e_ij && e_ij > 0) {
        // Confrontation that i expects to lose: it gives in to x_j.
        if (better(offer, confrontation)) confrontation = offer;
      } else if (e_ji > 0 && 0 > e_ij && e_ji > std::fabs(e_ij)) {
        // Compromise: i moves toward x_j in proportion |e_ij / e_ji|.
        offer.position = xi + (xj - xi) * std::fabs(e_ij / e_ji);
        // Scholz's code ranks compromises by this weighted position, not by the move's size.
        offer.key = scholz ? (std::fabs(e_ij) * xi + std::fabs(e_ji) * xj) / (std::fabs(e_ij) + std::fabs(e_ji))
                           : std::fabs(xi - offer.position);
        if (better(offer, compromise)) compromise = offer;
      } else if (e_ji > 0 && 0 > e_ij && (scholz ? e_ji < std::fabs(e_ji) : e_ji < std::fabs(e_ij))) {
        // Capitulation: i gives in to x_j. The reference code tests e_ji < |e_ji|, never true.
        if (better(offer, capitulation)) capitulation = offer;
      }
    }
    // A confrontation first, then a compromise, then a capitulation.
    const Offer* chosen = confrontation.made ? &confrontation
                          : compromise.made  ? &compromise
                          : capitulation.made ? &capitulation
                                              : nullptr;
    // Clamp: a compromise computed in floating point may overshoot the range by an ulp.
    next_[i] = chosen ? std::clamp(chosen->position, low_, high_) : xi;
    if (record && chosen) {
      const MoveType type = chosen == &confrontation ? MoveType::Confrontation
                            : chosen == &compromise  ? MoveType::Compromise
                                                     : MoveType::Capitulation;
      record->moves.push_back({i, chosen->target, type, chosen->e_ij, chosen->e_ji, next_[i]});
    }
  }
}

double Solver::play_round(Round* record) {
  double moved = 0;
  if (range_ > 0) {
    group_positions();
    if (set_.q < 1) mu_ = mean();  // the μ of U_b and U_w: the mean as the round opens
    assess_risk(record);
    choose_moves(record);
    // Everyone moves at once.
    for (std::size_t i = 0; i < n_; ++i) {
      moved = std::max(moved, std::fabs(next_[i] - x_[i]));
      x_[i] = next_[i];
    }
  } else if (record) {
    // Everyone agrees: every danger is 0, so every actor is risk-neutral, and nobody moves.
    record->danger.assign(n_, 0.0);
    record->relative_risk.assign(n_, 0.0);
    record->exponent.assign(n_, 1.0);
  }
  if (record) {
    record->positions = x_;
    record->mean = mean();
    record->median = median();
  }
  return moved;
}

// Plays rounds until the limit or, with tol > 0, until a round moves nobody by more than
// tol × R. This stopping rule is Entente's: the references run a fixed number of rounds.
template <class AfterRound>
void play(Solver& solver, const Settings& settings, Round* record, AfterRound after_round) {
  const double still = settings.tol * solver.range();
  for (long t = 1; t <= settings.rounds; ++t) {
    const double moved = solver.play_round(record);
    after_round();
    if (settings.tol > 0 && moved <= still) break;
  }
}

}  // namespace

Trace trace(const IssueData& issue, const Settings& settings) {
  Solver solver;
  solver.reset(issue, settings);
  Trace out;
  out.range = solver.range();
  Round start;
  start.positions = solver.positions();
  start.mean = solver.mean();
  start.median = solver.median();
  out.rounds.push_back(std::move(start));
  Round round;
  play(solver, settings, &round, [&] {
    out.rounds.push_back(std::move(round));
    round = Round{};
  });
  return out;
}

// ---------------------------------------------------------------------------------- Model

Settings settings_from(const Params& p) {
  return Settings{
      .variant = p.choice("variant", kVariants),
      .rounds = p.integer("rounds"),
      .tol = p.real("tol"),
      .q = p.real("q"),
      .t = p.real("t"),
  };
}

namespace {

// One issue's path: positions after each round (round 0 = input), n per round.
struct IssuePath {
  std::vector<double> positions;
  double outcome = 0;
};

// Copies issue k of the scenario into `issue`, reusing its storage.
void take_issue(const Scenario& s, std::size_t k, IssueData& issue) {
  const std::size_t n = s.num_actors();
  issue.capability.resize(n);
  issue.position.resize(n);
  issue.salience.resize(n);
  for (std::size_t a = 0; a < n; ++a) {
    issue.capability[a] = s.actors[a].capability;
    issue.position[a] = s.stance(a, k).position;
    issue.salience[a] = s.stance(a, k).salience;
  }
}

void solve_issue(const Scenario& s, std::size_t k, const Settings& settings, IssuePath& path) {
  // Each thread keeps its solver and input buffers from run to run: a batch of many small
  // runs then allocates almost nothing, and a large one does not fault in fresh n×n tables
  // every time. reset() rewrites every value a round reads, so nothing carries over.
  thread_local IssueData issue;
  thread_local Solver solver;
  take_issue(s, k, issue);
  solver.reset(issue, settings);
  path.positions = solver.positions();
  play(solver, settings, nullptr, [&] {
    path.positions.insert(path.positions.end(), solver.positions().begin(), solver.positions().end());
  });
  // The forecast is the weighted mean μ = Σ c s x / Σ c s after the last round: it is the
  // series the reference trace prints and Scholz et al. plot (Figures/MeanPositions.png; the
  // trace's "median" line is a logging artefact equal to it), it moves smoothly with every
  // actor's final position where the pairwise-vote median jumps between positions, and the
  // Predictioneer's Game appendix also forecasts a c×s-weighted mean (docs/models/eu.md).
  path.outcome = solver.mean();
}

class ExpectedUtility final : public BargainingModel {
 public:
  explicit ExpectedUtility(const Params& p) : BargainingModel(p), settings_(settings_from(p)) {}

  Forecast forecast(const Scenario& s, const RunOptions& options) const override {
    const std::size_t n = s.num_actors(), issues = s.num_issues();
    std::vector<IssuePath> paths(issues);
    solve_all(s, options, paths);
    // Issues that stopped early keep their last positions until the last one stops.
    std::size_t turns = 0;
    for (const auto& p : paths) turns = std::max(turns, n ? p.positions.size() / n - 1 : 0);
    Forecast f;
    f.history.assign(turns + 1, std::vector<double>(n * issues));
    for (std::size_t k = 0; k < issues; ++k) {
      const std::size_t last = n ? paths[k].positions.size() / n - 1 : 0;
      for (std::size_t t = 0; t <= turns; ++t) {
        const double* row = paths[k].positions.data() + std::min(t, last) * n;
        for (std::size_t a = 0; a < n; ++a) f.history[t][a * issues + k] = row[a];
      }
      f.outcome.push_back(paths[k].outcome);
    }
    return f;
  }

 private:
  // Issues are independent, so threads split them; each issue is computed the same way
  // whichever thread runs it, so results are bit-identical for any thread count. Small
  // issues stay on one thread: starting one costs more than solving them.
  void solve_all(const Scenario& s, const RunOptions& options, std::vector<IssuePath>& paths) const {
    const std::size_t issues = paths.size();
    const int workers = s.num_actors() >= 24 ? options.threads : 1;
    parallel_for(issues, workers, [&](std::size_t k) { solve_issue(s, k, settings_, paths[k]); });
  }

  Settings settings_;
};

using Kind = ParamSpec::Kind;

ENTENTE_REGISTER_MODEL(ModelInfo{
    .name = "eu",
    .summary = "Bueno de Mesquita's expected-utility model of challenges and offers, per issue",
    .citation = "Bueno de Mesquita (1994); Scholz, Calbert & Smith (2011), JTP 23(4)",
    .params =
        {
            {.name = "variant",
             .kind = Kind::Choice,
             .default_value = "paper",
             .choices = kVariants.names(),
             .help = "paper = the published P and least-move rule; scholz = the reference code's quirks (Scholz et "
                     "al. 2011 trace)"},
            {.name = "rounds",
             .kind = Kind::Integer,
             .default_value = "100",
             .min = 1,
             .max = 10000,
             .help = "maximum number of rounds of challenges and offers"},
            {.name = "tol",
             .kind = Kind::Real,
             .default_value = "1e-6",
             .min = 0,
             .max = 1,
             .help = "stop once no position moves more than tol x the initial position range (0 = run every round)"},
            {.name = "q",
             .kind = Kind::Real,
             .default_value = "1",
             .min = 0,
             .max = 1,
             .help = "Q, probability that the status quo persists when unchallenged (Bueno de Mesquita 1994)"},
            {.name = "t",
             .kind = Kind::Real,
             .default_value = "1",
             .min = 0,
             .max = 1,
             .help = "T, probability that an unchallenged status quo gets better; used only when q < 1"},
        },
    .make = [](const Params& p) { return std::make_unique<ExpectedUtility>(p); },
});

}  // namespace
}  // namespace entente::eu
