// What the report's evidence figures show, computed here so the report only draws them: the
// bins of a reliability diagram and the histogram of a parameter's posterior draws.
#pragma once

#include <vector>

#include "evidence/backtest.h"
#include "evidence/calibration.h"

namespace entente::evidence {

// One bin of forecast probability in a reliability diagram (Murphy & Winkler 1977, "Reliability
// of subjective probability forecasts of precipitation and temperature", Applied Statistics
// 26(1)): the cases whose P(break) falls in [lo, hi), the mean of their forecasts and the share
// of them that broke. A perfectly reliable forecaster's bins lie on the diagonal.
struct ReliabilityBin {
  double lo = 0, hi = 0;
  int cases = 0, broke = 0;
  double mean_forecast = 0;  // 0 for an empty bin
  double observed() const { return cases > 0 ? static_cast<double>(broke) / cases : 0; }
};

// `bins` equal bins of [0, 1], the last closed ([0.9, 1] of ten), over the forecasts of one
// fit and coding; empty bins included.
std::vector<ReliabilityBin> reliability(const std::vector<CaseForecast>& forecasts, Fit fit, Coding coding, int bins = 10);

// Counts of `values` in `bins` equal bins of the prior's own coordinate (Prior::unit: the
// logarithm for a log-uniform prior), the last closed; values outside the prior's range are
// not counted. Bin k spans prior.at(k / bins) to prior.at((k + 1) / bins).
std::vector<int> histogram(const std::vector<double>& values, const Prior& prior, int bins);

}  // namespace entente::evidence
