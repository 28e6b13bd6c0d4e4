// The evidence figures' numbers against hand computations: the reliability diagram's bins
// (Murphy & Winkler 1977) and the histogram of draws in a prior's coordinate.
#include <gtest/gtest.h>

#include <cmath>

#include "evidence/diagrams.h"

namespace entente::evidence {
namespace {

CaseForecast forecast(double p, bool broke, Fit fit = Fit::InSample, Coding coding = Coding::Real) {
  CaseForecast f;
  f.p_break = p;
  f.broke = broke;
  f.fit = fit;
  f.coding = coding;
  return f;
}

TEST(Reliability, BinsTenthsOfProbabilityForOneFitAndCoding) {
  const std::vector<CaseForecast> fs = {
      forecast(0.05, false), forecast(0.08, true), forecast(0.125, false), forecast(0.35, true),
      forecast(0.95, false), forecast(1.0, true),                                 // 1 falls in the last, closed bin
      forecast(0.05, true, Fit::HeldOut), forecast(0.5, true, Fit::InSample, Coding::Placebo)};  // other series
  const auto bins = reliability(fs, Fit::InSample, Coding::Real, 10);
  ASSERT_EQ(bins.size(), 10u);
  for (int k = 0; k < 10; ++k) {
    EXPECT_DOUBLE_EQ(bins[k].lo, k / 10.0);
    EXPECT_DOUBLE_EQ(bins[k].hi, (k + 1) / 10.0);
  }
  // By hand: [0, 0.1) holds 0.05 and 0.08, one broke; [0.1, 0.2) 0.125; [0.3, 0.4) 0.35;
  // [0.9, 1] 0.95 and 1.0, one broke.
  EXPECT_EQ(bins[0].cases, 2);
  EXPECT_EQ(bins[0].broke, 1);
  EXPECT_DOUBLE_EQ(bins[0].mean_forecast, 0.065);
  EXPECT_DOUBLE_EQ(bins[0].observed(), 0.5);
  EXPECT_EQ(bins[1].cases, 1);
  EXPECT_DOUBLE_EQ(bins[1].observed(), 0);
  EXPECT_EQ(bins[3].cases, 1);
  EXPECT_DOUBLE_EQ(bins[3].observed(), 1);
  EXPECT_EQ(bins[9].cases, 2);
  EXPECT_DOUBLE_EQ(bins[9].mean_forecast, 0.975);
  EXPECT_DOUBLE_EQ(bins[9].observed(), 0.5);
  int total = 0;
  for (int k : {2, 4, 5, 6, 7, 8}) EXPECT_EQ(bins[k].cases, 0) << k;
  for (const auto& b : bins) total += b.cases;
  EXPECT_EQ(total, 6);
  const auto held_out = reliability(fs, Fit::HeldOut, Coding::Real, 4);
  ASSERT_EQ(held_out.size(), 4u);
  EXPECT_EQ(held_out[0].cases, 1);
  EXPECT_DOUBLE_EQ(held_out[0].hi, 0.25);
}

TEST(Histogram, CountsInTheLogarithmOfALogUniformPrior) {
  Prior prior;
  prior.min = 0.01;
  prior.max = 100;
  prior.shape = PriorShape::LogUniform;
  // Four bins, one decade each: [0.01, 0.1), [0.1, 1), [1, 10), [10, 100]; 0.001 and 1000 lie outside.
  const auto counts = histogram({0.01, 0.05, 0.5, 5, 99, 100, 0.001, 1000}, prior, 4);
  EXPECT_EQ(counts, (std::vector<int>{2, 1, 1, 2}));
  EXPECT_NEAR(prior.at(0.25), 0.1, 1e-12);  // bin 0 ends at a decade
}

TEST(Histogram, CountsLinearlyForAUniformPrior) {
  Prior prior;
  prior.min = 0;
  prior.max = 10;
  const auto counts = histogram({1, 3, 3.5, 9, 10, -1}, prior, 5);
  EXPECT_EQ(counts, (std::vector<int>{1, 2, 0, 0, 2}));
}

}  // namespace
}  // namespace entente::evidence
