// The Nash bargaining solution with the status quo as the disagreement point: per issue, the
// agreement x that maximises the weighted Nash product Π_i (u_i(x) − u_i(d))^{w_i}, i.e.
//   max_x Σ_i w_i log(u_i(x) − u_i(d)),   w_i = c_i s_i,
// over the agreements every actor prefers to d (Nash 1950, Econometrica 18: 155–162; the
// asymmetric product as in Kalai 1977). The EU literature uses it with the reference point as
// d (Achen 2006, "Institutional realism and bargaining models", ch. 4 of Thomson, Stokman,
// Achen & König, eds., *The European Union Decides*; Schneider, Finke & Bailer 2010,
// Political Studies 58: 85–103).
//
// Utilities are u_i(x) = −s_i |x − p_i| (linear, the loss of the expected-utility models) or
// −s_i (x − p_i)² (quadratic, Achen's). Either way an actor gains from x exactly when x is
// nearer its position than d is. On one issue that makes two cases:
//  - every actor with weight stands on the same side of d, none at it: the gains are positive
//    on an interval beginning at d, the objective is strictly concave there, and its
//    maximum lies between the nearest and the farthest position; it is found by bisection on
//    the sign of the (right) derivative;
//  - some actor stands at d, or actors stand on both sides of it: every move away from d
//    hurts someone, so no agreement is better than d for all and the solution is d itself.
// Actors with salience 0 have weight 0 and no gain to lose; they do not constrain.
#include <algorithm>
#include <cmath>
#include <limits>

#include "bargaining/model.h"

namespace entente {
namespace {

enum class Utility { Linear, Quadratic };
inline constexpr auto kUtilities = enum_table<Utility>({
    {Utility::Linear, "linear"},
    {Utility::Quadratic, "quadratic"},
});

struct Party {
  double position = 0;  // measured away from d: > 0 for every party (mirrored when needed)
  double weight = 0;    // c_i s_i
};

// The right derivative of Σ w_i log(g_i(x)) at x, 0 < x < every 2·position, where g_i is the
// gain over d = 0 divided by s_i (a constant factor, which the logarithm turns into a constant
// term): |p| − |x − p| (linear) or p² − (x − p)² (quadratic).
double slope(const std::vector<Party>& parties, double x, Utility utility) {
  double total = 0;
  for (const Party& p : parties) {
    switch (utility) {
      case Utility::Linear: {
        const double gain = p.position - std::abs(x - p.position);
        total += p.weight * (x < p.position ? 1.0 : -1.0) / gain;
        break;
      }
      case Utility::Quadratic: {
        const double gain = p.position * p.position - (x - p.position) * (x - p.position);
        total += p.weight * 2 * (p.position - x) / gain;
        break;
      }
    }
  }
  return total;
}

// The maximiser when every party stands strictly on the positive side of d = 0.
double solve_one_side(const std::vector<Party>& parties, Utility utility) {
  double lo = std::numeric_limits<double>::infinity(), hi = 0, bound = lo;
  for (const Party& p : parties) {
    lo = std::min(lo, p.position);
    hi = std::max(hi, p.position);
    bound = std::min(bound, 2 * p.position);  // beyond 2p the party is worse off than at d
  }
  // Below the nearest position the objective rises, beyond the farthest it falls, and it
  // falls to −∞ at `bound`: the maximum lies in [lo, min(hi, bound)).
  double a = lo, b = std::min(hi, bound);
  for (int i = 0; i < 200 && a < b; ++i) {
    const double m = a + (b - a) / 2;
    if (m <= a || m >= b) break;  // adjacent doubles
    if (slope(parties, m, utility) > 0) a = m;
    else b = m;
  }
  return a + (b - a) / 2;
}

class NashBargaining final : public BargainingModel {
 public:
  explicit NashBargaining(Params p) : BargainingModel(p), utility_(p.choice("utility", kUtilities)) {}

  Forecast forecast(const Scenario& s, const RunOptions&) const override {
    Forecast f;
    std::vector<double> x;
    for (const auto& st : s.stances) x.push_back(st.position);
    f.history.push_back(std::move(x));
    for (std::size_t k = 0; k < s.num_issues(); ++k) f.outcome.push_back(solve(s, k));
    return f;
  }

 private:
  double solve(const Scenario& s, std::size_t k) const {
    const Issue& issue = s.issues[k];
    if (!issue.status_quo)
      throw InputError(s.provenance.file, s.provenance.line_of("issues." + issue.name + ".name"),
                       "issues." + issue.name + ".status_quo",
                       "nbs bargains from the status quo, and the issue gives none (add status_quo: a point on its "
                       "scale)");
    const double d = *issue.status_quo;
    std::vector<Party> above, below;
    bool at_d = false;
    for (std::size_t a = 0; a < s.num_actors(); ++a) {
      const Stance& st = s.stance(a, k);
      const double w = s.actors[a].capability * st.salience;
      if (!(w > 0)) continue;
      if (st.position > d) above.push_back({st.position - d, w});
      else if (st.position < d) below.push_back({d - st.position, w});
      else at_d = true;
    }
    if (at_d || (!above.empty() && !below.empty()) || (above.empty() && below.empty())) return d;
    if (!above.empty()) return d + solve_one_side(above, utility_);
    return d - solve_one_side(below, utility_);
  }

  Utility utility_;
};

ENTENTE_REGISTER_MODEL(ModelInfo{
    .name = "nbs",
    .summary = "Nash bargaining solution per issue, the status quo as disagreement point (baseline)",
    .citation = "Nash (1950), Econometrica 18: 155-162, weighted by capability x salience; reference point as "
                "disagreement point as in Achen (2006), The European Union Decides ch. 4, and Schneider, Finke & "
                "Bailer (2010), Political Studies 58",
    .params = {{.name = "utility",
                .kind = ParamSpec::Kind::Choice,
                .default_value = "linear",
                .choices = kUtilities.names(),
                .help = "each actor's loss: linear -s|x-p| (expected-utility models) or quadratic -s(x-p)^2 (Achen)"}},
    .make = [](const Params& p) { return std::make_unique<NashBargaining>(p); },
});

}  // namespace
}  // namespace entente
