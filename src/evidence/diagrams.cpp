#include "evidence/diagrams.h"

#include <algorithm>
#include <cmath>

namespace entente::evidence {

namespace {

// The bin of x in [0, 1] of `bins` equal bins, the last closed; −1 outside.
int bin_of(double x, int bins) {
  if (!(x >= 0 && x <= 1)) return -1;
  return std::min(bins - 1, static_cast<int>(std::floor(x * bins)));
}

}  // namespace

std::vector<ReliabilityBin> reliability(const std::vector<CaseForecast>& forecasts, Fit fit, Coding coding, int bins) {
  std::vector<ReliabilityBin> out(static_cast<std::size_t>(std::max(1, bins)));
  const int n = static_cast<int>(out.size());
  for (int k = 0; k < n; ++k) out[k].lo = static_cast<double>(k) / n, out[k].hi = static_cast<double>(k + 1) / n;
  for (const auto& f : forecasts) {
    if (f.fit != fit || f.coding != coding) continue;
    const int k = bin_of(f.p_break, n);
    if (k < 0) continue;
    ReliabilityBin& b = out[static_cast<std::size_t>(k)];
    ++b.cases;
    b.broke += f.broke;
    b.mean_forecast += f.p_break;
  }
  for (auto& b : out)
    if (b.cases > 0) b.mean_forecast /= b.cases;
  return out;
}

std::vector<int> histogram(const std::vector<double>& values, const Prior& prior, int bins) {
  std::vector<int> counts(static_cast<std::size_t>(std::max(1, bins)), 0);
  const int n = static_cast<int>(counts.size());
  for (double v : values) {
    if (!(v >= prior.min && v <= prior.max)) continue;
    const int k = bin_of(std::clamp(prior.unit(v), 0.0, 1.0), n);
    if (k >= 0) ++counts[static_cast<std::size_t>(k)];
  }
  return counts;
}

}  // namespace entente::evidence
