// The capability×salience-weighted mean, μ_k = Σ c_i s_ik x_ik / Σ c_i s_ik: the other
// baseline every expected-utility paper reports (Bueno de Mesquita 1994; Scholz, Calbert &
// Smith 2011, the "mean" series of their trace).
#include "bargaining/model.h"

namespace entente {
namespace {

class WeightedMean final : public BargainingModel {
 public:
  using BargainingModel::BargainingModel;

  Forecast forecast(const Scenario& s, const RunOptions&) const override {
    Forecast f;
    std::vector<double> x;
    for (const auto& st : s.stances) x.push_back(st.position);
    f.history.push_back(std::move(x));
    for (std::size_t k = 0; k < s.num_issues(); ++k) {
      double weighted = 0, total = 0;
      for (std::size_t a = 0; a < s.num_actors(); ++a) {
        const double w = s.actors[a].capability * s.stance(a, k).salience;
        weighted += w * s.stance(a, k).position;
        total += w;
      }
      // An issue nobody cares about has no weighted mean; fall back to the plain mean.
      f.outcome.push_back(total > 0 ? weighted / total : plain_mean(s, k));
    }
    return f;
  }

 private:
  static double plain_mean(const Scenario& s, std::size_t k) {
    double sum = 0;
    for (std::size_t a = 0; a < s.num_actors(); ++a) sum += s.stance(a, k).position;
    return sum / static_cast<double>(s.num_actors());
  }
};

ENTENTE_REGISTER_MODEL(ModelInfo{
    .name = "mean",
    .summary = "capability x salience weighted mean position per issue (baseline)",
    .citation = "Bueno de Mesquita (1994); Scholz, Calbert & Smith (2011), mean series",
    .params = {},
    .make = [](const Params& p) { return std::make_unique<WeightedMean>(p); },
});

}  // namespace
}  // namespace entente
