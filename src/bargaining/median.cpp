// The capability×salience-weighted median: the baseline every expected-utility paper reports
// beside its forecast (Black 1948's median voter, weighted as in Bueno de Mesquita 1994,
// p. 78). Per issue: the smallest position at which the cumulative weight c_i·s_i of the
// actors at or below it reaches half the total weight.
#include <algorithm>
#include <numeric>

#include "bargaining/model.h"

namespace entente {
namespace {

class WeightedMedian final : public BargainingModel {
 public:
  using BargainingModel::BargainingModel;

  Forecast forecast(const Scenario& s, const RunOptions&) const override {
    Forecast f;
    f.history.push_back(initial_positions(s));
    for (std::size_t k = 0; k < s.num_issues(); ++k) f.outcome.push_back(median_of(s, k));
    return f;
  }

 private:
  static std::vector<double> initial_positions(const Scenario& s) {
    std::vector<double> x;
    for (const auto& st : s.stances) x.push_back(st.position);
    return x;
  }

  static double weight(const Scenario& s, std::size_t a, std::size_t k) {
    return s.actors[a].capability * s.stance(a, k).salience;
  }

  static double median_of(const Scenario& s, std::size_t k) {
    std::vector<std::size_t> order(s.num_actors());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return s.stance(a, k).position < s.stance(b, k).position;
    });
    double total = 0;
    for (std::size_t a = 0; a < s.num_actors(); ++a) total += weight(s, a, k);
    // An issue nobody cares about has no weighted median; count every actor once instead.
    const bool headcount = !(total > 0);
    if (headcount) total = static_cast<double>(s.num_actors());
    double cumulative = 0;
    for (std::size_t a : order) {
      cumulative += headcount ? 1.0 : weight(s, a, k);
      if (cumulative >= total / 2) return s.stance(a, k).position;
    }
    return s.stance(order.back(), k).position;
  }
};

ENTENTE_REGISTER_MODEL(ModelInfo{
    .name = "median",
    .summary = "capability x salience weighted median position per issue (baseline)",
    .citation = "Black (1948); weighted as in Bueno de Mesquita (1994), p. 78",
    .params = {},
    .make = [](const Params& p) { return std::make_unique<WeightedMedian>(p); },
});

}  // namespace
}  // namespace entente
