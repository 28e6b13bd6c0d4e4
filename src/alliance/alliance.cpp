#include "alliance/alliance.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace entente::alliance {

namespace {

constexpr double kRange = 100;  // alliance issues use Entente's 0..100 scales

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

const Stance& stance_of(const Setup& s, const YearState& y, std::size_t actor, std::size_t k) {
  return y.stances[actor * s.issues.size() + k];
}

// The public's stance of member i on issue k; its government's when none was given.
const Stance& public_of(const Setup& s, const YearState& y, int i, std::size_t k) {
  const auto& p = y.public_stances[i];
  return k < p.size() ? p[k] : stance_of(s, y, i == 0 ? s.patron : s.client, k);
}

bool national(const IssueSetup& issue) { return issue.managed() && issue.scope == IssueScope::National; }

// Salience-weighted distance of the partners' positions over the issues of one role, 0..1.
double divergence(const Setup& s, const YearState& y, IssueRole role) {
  double weighted = 0, total = 0;
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    if (s.issues[k].role != role) continue;
    const Stance& p = stance_of(s, y, s.patron, k);
    const Stance& c = stance_of(s, y, s.client, k);
    const double w = (p.salience + c.salience) / 2;
    weighted += w * std::abs(p.position - c.position);
    total += w;
  }
  return total > 0 ? weighted / (kRange * total) : 0.0;
}

// Signorino & Ritter (1999), weighted absolute S: 1 − 2 Σ w_k |x1_k − x2_k| / (Σ w_k d_max),
// over every issue, weighted by the partners' mean salience, d_max = the scale's range.
double s_score(const Setup& s, const YearState& y) {
  double weighted = 0, total = 0;
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    const Stance& p = stance_of(s, y, s.patron, k);
    const Stance& c = stance_of(s, y, s.client, k);
    const double w = (p.salience + c.salience) / 2;
    weighted += w * std::abs(p.position - c.position);
    total += w;
  }
  return total > 0 ? 1 - 2 * weighted / (total * kRange) : 1.0;
}

// What the alliance moves for a holder of stance st on issue k: s (|x − F⁰| − |x − F¹|) / 100
// (docs/models/alliance.md, "Policy value").
double moved(const Stance& st, double alone, double allied) {
  return st.salience * (std::abs(st.position - alone) - std::abs(st.position - allied)) / kRange;
}

// Putnam (1988): how far the joint line lies outside the public's win-set, the band of
// ±w·p around the public's stance it ratifies (w the width at full support p = 1), weighted
// by the public's saliences, over the managed issues.
double outside_winset(double z, const Stance& pub, double width) {
  return pub.salience * std::max(0.0, std::abs(z - pub.position) - width) / kRange;
}

double winset_width(const Parameters& p, const YearState& y, int member) {
  return p.winset_width * clamp01(y.public_support[member]);
}

}  // namespace

const std::vector<ParameterInfo>& parameter_table() {
  static const std::vector<ParameterInfo> table = {
      {"kappa_treaty", &Parameters::kappa_treaty, 0, 1, "probability", "credibility a ratified defence treaty alone gives"},
      {"kappa_umbrella", &Parameters::kappa_umbrella, 0, 1, "probability", "credibility a full nuclear guarantee adds"},
      {"kappa_troops", &Parameters::kappa_troops, 0, 1, "probability", "credibility troops in harm's way add at full tripwire"},
      {"troop_scale", &Parameters::troop_scale, 1, 1e7, "troops", "troop level giving 63 % of the tripwire effect (τ)"},
      {"credibility_half_life", &Parameters::credibility_half_life, 0.05, 1000, "years", "how fast a shock to the patron's credibility fades"},
      {"contest_exponent", &Parameters::contest_exponent, 0.1, 10, "", "Tullock contest exponent m of the chance of prevailing"},
      {"security_weight", &Parameters::security_weight, 0, 100, "value units", "worth of a change of 1 in the chance of prevailing (ω_sec)"},
      {"contribution_weight", &Parameters::contribution_weight, 0, 10, "value units", "worth of a full burden share (ω_c)"},
      {"domestic_weight", &Parameters::domestic_weight, 0, 10, "value units", "cost of a joint line one scale outside the win-set (ω_dom)"},
      {"winset_width", &Parameters::winset_width, 0, 100, "points", "half-width of the line a public ratifies at full support"},
      {"rally", &Parameters::rally, 0, 100, "log-odds per value unit", "how support rises with the public's own value of the alliance (η)"},
      {"resentment", &Parameters::resentment, 0, 100, "log-odds per scale", "how support falls with the win-set distance (γ)"},
      {"public_half_life", &Parameters::public_half_life, 0.05, 100, "years", "how fast public opinion settles"},
      {"shock_half_life", &Parameters::shock_half_life, 0.05, 100, "years", "how fast an incident's outcry fades"},
      {"exit_base_rate", &Parameters::exit_base_rate, 1e-6, 0.5, "per member-year", "hazard of exit when the alliance is worth nothing (h₀)"},
      {"hazard_slope", &Parameters::hazard_slope, 0, 100, "per value unit", "how the log-odds of exit fall with the alliance's value (b)"},
      {"abandonment_response", &Parameters::abandonment_response, 0, 10, "share per unit of fear", "gap to the partner closed for fear of abandonment (α_A)"},
      {"entrapment_response", &Parameters::entrapment_response, 0, 10, "share per unit of fear", "gap to the partner widened for fear of entrapment (α_E)"},
      {"renegotiation_speed", &Parameters::renegotiation_speed, 0, 1, "share per year", "gap to the bargain's terms closed while a member is strained (ρ)"},
      {"renegotiation_power", &Parameters::renegotiation_power, 0.01, 0.99, "share", "the patron's bargaining power in renegotiation (β)"},
      {"dilemma_engagement", &Parameters::dilemma_engagement, 0, 100, "", "weight of what engagement offers the adversary (ε)"},
      {"dilemma_deterrence", &Parameters::dilemma_deterrence, 0, 100, "", "weight of the arsenal's worth per unit of exposure (δ)"},
      {"dilemma_sensitivity", &Parameters::dilemma_sensitivity, 0, 100, "log-odds", "how sharply the adversary's choice responds (β_A)"},
      {"dilemma_base_rate", &Parameters::dilemma_base_rate, 1e-6, 0.5, "per year", "base hazard that the adversary disarms (h_A0)"},
      {"strain_threshold", &Parameters::strain_threshold, 0.01, 0.99, "probability", "reference line on the strain charts"},
  };
  return table;
}

double contest(double a, double b, double m) {
  if (a <= 0 && b <= 0) return 0.5;
  const double am = std::pow(std::max(a, 0.0), m), bm = std::pow(std::max(b, 0.0), m);
  return am / (am + bm);
}

double logistic(double x) { return 1 / (1 + std::exp(-x)); }

double logit(double p) {
  const double q = std::clamp(p, 1e-12, 1 - 1e-12);
  return std::log(q / (1 - q));
}

double credibility(const Parameters& p, const YearState& y) {
  if (!y.in_force) return 0;
  // A noisy-or: each guarantee independently makes intervention credible, so κ < 1 unless
  // one of them is certain, and a shift always registers (docs/models/alliance.md).
  const double tripwire = 1 - std::exp(-std::max(0.0, y.troops) / p.troop_scale);
  const double doubt = (1 - p.kappa_treaty) * (1 - p.kappa_umbrella * clamp01(y.umbrella)) * (1 - p.kappa_troops * tripwire);
  return clamp01(1 - doubt + y.credibility_shift);
}

std::vector<double> joint_line(const Setup& s, const YearState& y) {
  const std::size_t d = s.issues.size();
  std::vector<double> z(d, 0.0);
  for (std::size_t k = 0; k < d; ++k) {
    const double xp = stance_of(s, y, s.patron, k).position, xc = stance_of(s, y, s.client, k).position;
    if (!s.issues[k].managed()) {
      z[k] = (xp + xc) / 2;  // no joint line: reported as the partners' midpoint
      continue;
    }
    // Kalai (1977) with quadratic loss: the weighted compromise z = λ x_P + (1 − λ) x_C.
    const double lambda = clamp01(y.leadership[k]);
    z[k] = lambda * xp + (1 - lambda) * xc;
  }
  return z;
}

std::vector<Stance> allied_stances(const Setup& s, const YearState& y, const std::vector<double>& z) {
  std::vector<Stance> out = y.stances;
  if (!y.in_force) return out;
  const std::size_t d = s.issues.size();
  for (std::size_t k = 0; k < d; ++k) {
    if (!s.issues[k].managed()) continue;
    out[s.patron * d + k].position = z[k];
    out[s.client * d + k].position = z[k];
  }
  return out;
}

double hazard(const Parameters& p, double net_value) {
  // Discrete-time hazard with a logistic link: logit h = a − b·V, a = logit h₀.
  return logistic(logit(p.exit_base_rate) - p.hazard_slope * net_value);
}

double disarmament_hazard(const Parameters& p, double engagement, double exposure) {
  const double advantage = p.dilemma_engagement * engagement - p.dilemma_deterrence * exposure;
  return logistic(logit(p.dilemma_base_rate) + p.dilemma_sensitivity * advantage);
}

AllianceYear evaluate(const Setup& s, const Parameters& p, const YearState& y) {
  AllianceYear out;
  const std::size_t d = s.issues.size();
  out.joint_policy = joint_line(s, y);
  const std::vector<double>& z = out.joint_policy;
  // F⁰ and F¹ per issue: a national issue is the owner's (or its stated outcome alone) against
  // the joint line; every other issue is the bargaining model's two runs.
  out.outcome_alone.assign(d, 0.0);
  out.outcome_allied.assign(d, 0.0);
  for (std::size_t k = 0; k < d; ++k) {
    const IssueSetup& issue = s.issues[k];
    if (national(issue)) {
      out.outcome_alone[k] = issue.alone ? *issue.alone
                                         : stance_of(s, y, static_cast<std::size_t>(issue.owner), k).position;
      out.outcome_allied[k] = y.in_force ? z[k] : out.outcome_alone[k];
    } else {
      out.outcome_alone[k] = y.outcome_alone[k];
      out.outcome_allied[k] = y.in_force ? y.outcome_allied[k] : y.outcome_alone[k];
    }
  }
  // Threat to the client: the adversary and its backers, each weighted by how firmly it backs.
  out.threat = y.capability[s.adversary];
  for (std::size_t b = 0; b < s.backers.size(); ++b)
    out.threat += clamp01(y.backer_weight[b]) * y.capability[s.backers[b]];
  out.credibility = credibility(p, y);

  const std::size_t who[2] = {s.patron, s.client};
  for (int i = 0; i < 2; ++i) {
    MemberYear& m = out.member[i];
    const double own = y.capability[who[i]], partner = y.capability[who[1 - i]];
    // The patron's guarantee to the client is κ; the client's to the patron is the treaty.
    const double pledge = i == 1 ? out.credibility : (y.in_force ? 1.0 : 0.0);
    const double alone = contest(own, out.threat, p.contest_exponent);
    const double allied = contest(own + pledge * partner, out.threat, p.contest_exponent);
    m.security_gain = allied - alone;
    m.dependence = allied > 0 ? 1 - alone / allied : 0.0;
    m.security = p.security_weight * m.security_gain;
    // Policy value Π_X = Σ_k s_Xk (|x_Xk − F⁰_k| − |x_Xk − F¹_k|) / 100, national and regional.
    double public_policy = 0;
    const double width = winset_width(p, y, i);
    for (std::size_t k = 0; k < d; ++k) {
      const double v = moved(stance_of(s, y, who[i], k), out.outcome_alone[k], out.outcome_allied[k]);
      (national(s.issues[k]) ? m.national_value : m.regional_value) += v;
      public_policy += moved(public_of(s, y, i, k), out.outcome_alone[k], out.outcome_allied[k]);
      if (y.in_force && s.issues[k].managed()) m.winset_distance += outside_winset(z[k], public_of(s, y, i, k), width);
    }
    m.policy_value = m.national_value + m.regional_value;
    m.autonomy_cost = std::max(0.0, -m.national_value);
    m.autonomy_gain = std::max(0.0, m.national_value);
    m.contribution = y.in_force ? p.contribution_weight * std::max(0.0, y.contribution[i]) : 0.0;
    m.domestic_cost = p.domestic_weight * clamp01(y.democracy[i]) * m.winset_distance;
    m.net_value = m.policy_value + m.security + m.contribution - m.domestic_cost;
    m.public_value = public_policy + m.security + m.contribution;
    m.strain = y.in_force ? hazard(p, m.net_value) : 0.0;
    // Snyder (1984): abandonment = dependence × the partner's doubt; the client's pledge to
    // the patron is the treaty itself.
    const double partner_pledge = i == 0 ? 1.0 : out.credibility;
    m.abandonment = y.in_force ? m.dependence * (1 - partner_pledge) : 0.0;
    // Entrapment (Snyder 1984; Cha 2000): the member's exposure alone × the salience-weighted
    // stretch by which the partner's line on a strategy issue is more coercive than its own
    // (strategy scales run coercion 0 → engagement 100), × the partner's share of the line.
    if (y.in_force)
      for (std::size_t k = 0; k < d; ++k) {
        if (s.issues[k].role != IssueRole::Strategy || !s.issues[k].managed()) continue;
        const Stance& mine = stance_of(s, y, who[i], k);
        const double theirs = stance_of(s, y, who[1 - i], k).position;
        const double lead = i == 1 ? clamp01(y.leadership[k]) : 1 - clamp01(y.leadership[k]);
        m.entrapment += (1 - alone) * mine.salience * lead * std::max(0.0, mine.position - theirs) / kRange;
      }
  }
  // The alliance survives the year only if neither member leaves it.
  out.strain = 1 - (1 - out.member[0].strain) * (1 - out.member[1].strain);
  out.divergence_goals = divergence(s, y, IssueRole::Goal);
  out.divergence_strategies = divergence(s, y, IssueRole::Strategy);
  out.s_score = s_score(s, y);
  // The adversary's exposure: its chance, with its backers, against the client and the
  // patron's credible commitment; the engagement it is offered: the allies' strategy as it is.
  const double allied = y.capability[s.client] + out.credibility * y.capability[s.patron];
  out.adversary_exposure = 1 - contest(out.threat, allied, p.contest_exponent);
  double engagement = 0, strategies = 0;
  for (std::size_t k = 0; k < d; ++k)
    if (s.issues[k].role == IssueRole::Strategy && s.issues[k].managed()) {
      engagement += out.outcome_allied[k] / kRange;
      strategies += 1;
    }
  out.disarmament = disarmament_hazard(p, strategies > 0 ? engagement / strategies : 0.5, out.adversary_exposure);
  return out;
}

PositionMoves position_moves(const Setup& s, const Parameters& p, const YearState& y, const AllianceYear& out) {
  const std::size_t d = s.issues.size();
  const std::size_t who[2] = {s.patron, s.client};
  PositionMoves moves;
  for (int i = 0; i < 2; ++i) {
    moves.move[i].assign(d, 0.0);
    const MemberYear& m = out.member[i];
    // Toward the partner out of fear of abandonment, away from it out of fear of entrapment.
    const double pull = std::clamp(p.abandonment_response * m.abandonment - p.entrapment_response * m.entrapment, -1.0, 1.0);
    if (pull == 0 || !y.in_force) continue;
    for (std::size_t k = 0; k < d; ++k) {
      if (!s.issues[k].managed()) continue;
      const double mine = stance_of(s, y, who[i], k).position, theirs = stance_of(s, y, who[1 - i], k).position;
      moves.move[i][k] = std::clamp(mine + pull * (theirs - mine), 0.0, kRange) - mine;
    }
  }
  return moves;
}

std::vector<double> nash_leadership(const Setup& s, const Parameters& p, const YearState& y, const AllianceYear& out) {
  std::vector<double> lambda = y.leadership;
  if (!y.in_force) return lambda;
  const std::size_t d = s.issues.size();
  const std::size_t who[2] = {s.patron, s.client};
  constexpr int kSteps = 100;  // λ on a grid of 0.01
  // V_X(λ') = V_X + Σ_k Δ_Xk(λ'_k): each managed issue's change of X's value is separable.
  // delta[k][g][X] for λ'_k = g/100.
  std::vector<std::vector<std::array<double, 2>>> delta(d);
  std::vector<std::size_t> managed;
  for (std::size_t k = 0; k < d; ++k) {
    if (!s.issues[k].managed()) continue;
    managed.push_back(k);
    const double xp = stance_of(s, y, s.patron, k).position, xc = stance_of(s, y, s.client, k).position;
    // A bargained outcome follows the joint line by the members' share of the weight c·s in
    // the bargain (exact for the weighted mean, a first-order look-ahead for the others).
    double members = 0, total = 0;
    for (std::size_t a = 0; a < y.capability.size(); ++a) {
      const double w = y.capability[a] * stance_of(s, y, a, k).salience;
      total += w;
      if (a == s.patron || a == s.client) members += w;
    }
    const double follow = national(s.issues[k]) ? 1.0 : (total > 0 ? members / total : 0.0);
    delta[k].resize(kSteps + 1);
    for (int g = 0; g <= kSteps; ++g) {
      const double l = g / static_cast<double>(kSteps);
      const double z = l * xp + (1 - l) * xc;
      const double allied = std::clamp(out.outcome_allied[k] + follow * (z - out.joint_policy[k]), 0.0, kRange);
      for (int i = 0; i < 2; ++i) {
        const Stance& st = stance_of(s, y, who[i], k);
        const double policy = st.salience * (std::abs(st.position - out.outcome_allied[k]) - std::abs(st.position - allied)) / kRange;
        const double width = winset_width(p, y, i);
        const double domestic = p.domestic_weight * clamp01(y.democracy[i]) *
                                (outside_winset(z, public_of(s, y, i, k), width) -
                                 outside_winset(out.joint_policy[k], public_of(s, y, i, k), width));
        delta[k][g][i] = policy - domestic;
      }
    }
  }
  if (managed.empty()) return lambda;
  // Kalai (1977): maximise β ln V_P + (1 − β) ln V_C; where no terms leave both values
  // positive, the terms that leave the worse-off member best off.
  const double beta = p.renegotiation_power;
  const auto objective = [&](double vp, double vc) {
    if (vp > 0 && vc > 0) return beta * std::log(vp) + (1 - beta) * std::log(vc);
    return -1e6 + std::min(vp, vc);
  };
  // Coordinate ascent over the grid, from the current terms (rounded to the grid), with V
  // measured from the current joint line.
  std::vector<int> start(d, 0), grid(d, 0);
  double current[2] = {out.member[0].net_value, out.member[1].net_value};
  for (std::size_t k : managed) {
    start[k] = grid[k] = static_cast<int>(std::lround(clamp01(lambda[k]) * kSteps));
    for (int i = 0; i < 2; ++i) current[i] += delta[k][grid[k]][i];
  }
  for (int pass = 0; pass < 3; ++pass) {
    bool changed = false;
    for (std::size_t k : managed) {
      const double without[2] = {current[0] - delta[k][grid[k]][0], current[1] - delta[k][grid[k]][1]};
      int best = grid[k];
      double best_value = objective(current[0], current[1]);
      for (int g = 0; g <= kSteps; ++g) {
        const double v = objective(without[0] + delta[k][g][0], without[1] + delta[k][g][1]);
        if (v > best_value + 1e-12) {
          best_value = v;
          best = g;
        }
      }
      if (best != grid[k]) {
        changed = true;
        grid[k] = best;
        for (int i = 0; i < 2; ++i) current[i] = without[i] + delta[k][best][i];
      }
    }
    if (!changed) break;
  }
  for (std::size_t k : managed)
    if (grid[k] != start[k]) lambda[k] = grid[k] / static_cast<double>(kSteps);
  return lambda;
}

double target_support(const Parameters& p, double anchor, double public_value, double public_value0,
                      double winset_distance, double winset_distance0) {
  return logistic(logit(anchor) + p.rally * (public_value - public_value0) -
                  p.resentment * (winset_distance - winset_distance0));
}

double settle(const Parameters& p, double base, double target) {
  const double rho = 1 - std::exp2(-1 / p.public_half_life);
  return base + rho * (target - base);
}

double decayed_shock(const Parameters& p, double shock, double years) {
  return shock * std::exp2(-years / p.shock_half_life);
}

double decayed_credibility(const Parameters& p, double shift, double years) {
  return shift * std::exp2(-years / p.credibility_half_life);
}

}  // namespace entente::alliance
