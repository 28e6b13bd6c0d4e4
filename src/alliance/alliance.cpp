#include "alliance/alliance.h"

#include <algorithm>
#include <cmath>

namespace entente::alliance {

namespace {

constexpr double kRange = 100;  // alliance issues use Entente's 0..100 scales

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

const Stance& stance_of(const Setup& s, const YearState& y, std::size_t actor, std::size_t k) {
  return y.stances[actor * s.issues.size() + k];
}

// Morrow (1991): the say a member gains or loses through the joint policy z_k, against the
// policy each issue's owner would set alone, weighted by the member's saliences
// (docs/models/alliance.md, "One year", step 2):
// ΔA_X = Σ_k s_Xk (|z_k − x_Xk| − |x_{o_k,k} − x_Xk|) / (100 Σ_k s_Xk).
double autonomy_transfer(const Setup& s, const YearState& y, const std::vector<double>& z, std::size_t x) {
  double weighted = 0, total = 0;
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    if (s.issues[k].owner < 0) continue;
    const Stance& own = stance_of(s, y, x, k);
    const double alone = stance_of(s, y, static_cast<std::size_t>(s.issues[k].owner), k).position;
    weighted += own.salience * (std::abs(z[k] - own.position) - std::abs(alone - own.position));
    total += own.salience;
  }
  return total > 0 ? std::clamp(weighted / (kRange * total), -1.0, 1.0) : 0.0;
}

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

// Snyder (1984): the client fears entrapment in a joint strategy more coercive than its own
// (strategy scales run coercion = 0 → engagement = 100), weighted by the issue's salience.
double entrapment(const Setup& s, const YearState& y, const std::vector<double>& z) {
  double fear = 0;
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    if (s.issues[k].role != IssueRole::Strategy || s.issues[k].owner < 0) continue;
    const Stance& c = stance_of(s, y, s.client, k);
    fear += c.salience * std::max(0.0, c.position - z[k]) / kRange;
  }
  return fear;
}

void settle_member(const Parameters& p, MemberYear& m) {
  m.autonomy_cost = std::max(0.0, m.autonomy_transfer);
  m.autonomy_gain = std::max(0.0, -m.autonomy_transfer);
  m.losses = m.autonomy_cost + std::max(0.0, -m.domestic);
  m.gains = m.security_gain + m.autonomy_gain + std::max(0.0, m.domestic) + m.contribution;
  // σ_X = L/(L + G): ½ exactly where losses equal gains; 0 when there is nothing at stake.
  const double stake = m.losses + m.gains;
  m.strain = stake > 0 ? clamp01(m.losses / stake) : 0.0;
  m.net_value = m.gains - m.losses;
  (void)p;
}

}  // namespace

const std::vector<ParameterInfo>& parameter_table() {
  static const std::vector<ParameterInfo> table = {
      {"kappa_treaty", &Parameters::kappa_treaty, 0, 1},
      {"kappa_umbrella", &Parameters::kappa_umbrella, 0, 1},
      {"kappa_troops", &Parameters::kappa_troops, 0, 1},
      {"troop_scale", &Parameters::troop_scale, 1, 1e7},
      {"contest_exponent", &Parameters::contest_exponent, 0.1, 10},
      {"domestic_weight", &Parameters::domestic_weight, 0, 10},
      {"rally", &Parameters::rally, 0, 100},
      {"resentment", &Parameters::resentment, 0, 100},
      {"public_half_life", &Parameters::public_half_life, 0.05, 100},
      {"shock_half_life", &Parameters::shock_half_life, 0.05, 100},
      {"contribution_weight", &Parameters::contribution_weight, 0, 10},
      {"strain_threshold", &Parameters::strain_threshold, 0.01, 0.99},
      {"dilemma_engagement", &Parameters::dilemma_engagement, 0, 100},
      {"dilemma_deterrence", &Parameters::dilemma_deterrence, 0, 100},
      {"dilemma_sensitivity", &Parameters::dilemma_sensitivity, 0, 100},
  };
  return table;
}

double contest(double a, double b, double m) {
  if (a <= 0 && b <= 0) return 0.5;
  const double am = std::pow(std::max(a, 0.0), m), bm = std::pow(std::max(b, 0.0), m);
  return am / (am + bm);
}

double credibility(const Parameters& p, const YearState& y) {
  if (!y.treaty) return 0;
  const double tripwire = 1 - std::exp(-std::max(0.0, y.troops) / p.troop_scale);
  return clamp01(p.kappa_treaty + p.kappa_umbrella * clamp01(y.umbrella) + p.kappa_troops * tripwire +
                 y.credibility_shift);
}

AllianceYear evaluate(const Setup& s, const Parameters& p, const YearState& y) {
  AllianceYear out;
  const std::size_t d = s.issues.size();
  out.joint_policy.assign(d, 0.0);
  for (std::size_t k = 0; k < d; ++k) {
    const double xp = stance_of(s, y, s.patron, k).position, xc = stance_of(s, y, s.client, k).position;
    const double lambda = s.issues[k].owner >= 0 ? clamp01(y.leadership[k]) : 0.5;
    out.joint_policy[k] = lambda * xp + (1 - lambda) * xc;  // z_k = λ x_P + (1 − λ) x_C
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
    const double pledge = i == 1 ? out.credibility : (y.treaty ? 1.0 : 0.0);
    const double alone = contest(own, out.threat, p.contest_exponent);
    const double allied = contest(own + pledge * partner, out.threat, p.contest_exponent);
    m.security_gain = allied - alone;
    m.dependence = allied > 0 ? 1 - alone / allied : 0.0;
    m.autonomy_transfer = autonomy_transfer(s, y, out.joint_policy, who[i]);
    m.contribution = p.contribution_weight * std::max(0.0, y.contribution[i]);
    // Putnam (1988): a democratic public's swing from its level at entry into the alliance.
    m.domestic = p.domestic_weight * clamp01(y.democracy[i]) * (y.public_support[i] - y.public_anchor[i]);
    settle_member(p, m);
  }
  out.strain = std::max(out.member[0].strain, out.member[1].strain);
  out.divergence_goals = divergence(s, y, IssueRole::Goal);
  out.divergence_strategies = divergence(s, y, IssueRole::Strategy);
  out.s_score = s_score(s, y);
  out.abandonment = out.member[1].dependence * (1 - out.credibility);
  out.entrapment = entrapment(s, y, out.joint_policy);
  // The adversary's exposure: its chance, with its backers, against the client and the
  // patron's credible commitment.
  const double backed = out.threat;
  const double allied = y.capability[s.client] + out.credibility * y.capability[s.patron];
  out.adversary_exposure = 1 - contest(backed, allied, p.contest_exponent);
  double engagement = 0.5, weight = 0;
  for (std::size_t k = 0; k < d; ++k)
    if (s.issues[k].role == IssueRole::Strategy && s.issues[k].owner >= 0) {
      engagement = (weight * engagement + out.joint_policy[k] / kRange) / (weight + 1);
      weight += 1;
    }
  out.disarmament = disarmament_probability(p, engagement, out.adversary_exposure);
  return out;
}

double disarmament_probability(const Parameters& p, double engagement, double exposure) {
  const double advantage = p.dilemma_engagement * engagement - p.dilemma_deterrence * exposure;
  return 1 / (1 + std::exp(-p.dilemma_sensitivity * advantage));
}

double target_support(const Parameters& p, double anchor, double security_gain, double security_gain0,
                      double autonomy_cost, double autonomy_cost0) {
  const double a = std::clamp(anchor, 1e-6, 1 - 1e-6);
  const double logit = std::log(a / (1 - a)) + p.rally * (security_gain - security_gain0) -
                       p.resentment * (autonomy_cost - autonomy_cost0);
  return 1 / (1 + std::exp(-logit));
}

double settle(const Parameters& p, double base, double target) {
  const double rho = 1 - std::exp2(-1 / p.public_half_life);
  return base + rho * (target - base);
}

double decayed_shock(const Parameters& p, double shock, double years) {
  return shock * std::exp2(-years / p.shock_half_life);
}

}  // namespace entente::alliance
