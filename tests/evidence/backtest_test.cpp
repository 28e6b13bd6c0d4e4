// The backtest: scores against hand computations, the placebo's permutation, forecasts'
// invariants, and the CLI writing byte-identical posteriors on one and two threads.
#include <gtest/gtest.h>

#include <set>

#include <algorithm>
#include <cmath>

#include "evidence/backtest.h"
#include "io/files.h"
#include "support.h"

namespace entente::evidence {
namespace {

const std::string kCases = std::string(ENTENTE_SOURCE_DIR) + "/tests/data/cases";

CaseForecast forecast(double p, bool broke, std::optional<double> median = std::nullopt, int year = 0) {
  CaseForecast f;
  f.p_break = p;
  f.p_base = 0.1;
  f.broke = broke;
  f.year = year;
  f.year_median = median;
  return f;
}

TEST(Score, BrierLogAndTheTwoByTwoByHand) {
  const std::vector<CaseForecast> fs = {forecast(0.8, true, 1981, 1980), forecast(0.3, false), forecast(0.6, false)};
  const Score s = score(fs, Fit::InSample, Coding::Real);
  EXPECT_EQ(s.cases, 3);
  EXPECT_NEAR(s.brier, (0.04 + 0.09 + 0.36) / 3, 1e-12);
  EXPECT_NEAR(s.brier_base, (0.81 + 0.01 + 0.01) / 3, 1e-12);
  EXPECT_NEAR(s.log_score, (std::log(0.8) + std::log(0.7) + std::log(0.4)) / 3, 1e-12);
  EXPECT_EQ(s.true_break, 1);
  EXPECT_EQ(s.false_break, 1);
  EXPECT_EQ(s.missed_break, 0);
  EXPECT_EQ(s.true_held, 1);
  ASSERT_TRUE(s.timing_error);
  EXPECT_DOUBLE_EQ(*s.timing_error, 1);
  EXPECT_EQ(score(fs, Fit::HeldOut, Coding::Real).cases, 0);
}

TEST(Placebo, PermutesTheWindowsEventYearsOnly) {
  const auto cases = load_cases({kCases + "/broke.yaml"});
  const Case& c = cases[0];
  auto years = [](const Case& x) {
    std::vector<int> y;
    for (const auto& e : x.scenario.events) y.push_back(e.year);
    std::sort(y.begin(), y.end());
    return y;
  };
  bool moved = false;
  for (std::uint64_t seed = 0; seed < 8; ++seed) {
    const Case p = placebo_case(c, seed, 0);
    EXPECT_EQ(years(p), years(c));  // the same dates, dealt to other events
    EXPECT_TRUE(std::is_sorted(p.scenario.events.begin(), p.scenario.events.end(),
                               [](const sim::Event& a, const sim::Event& b) { return a.year < b.year; }));
    for (std::size_t i = 0; i < p.scenario.events.size(); ++i)
      moved = moved || p.scenario.events[i].name != c.scenario.events[i].name;
    EXPECT_EQ(placebo_case(c, seed, 0).scenario.events.front().name, p.scenario.events.front().name);
  }
  EXPECT_TRUE(moved);
}

TEST(Forecast, ProbabilitiesAndYearsWithinTheWindow) {
  const auto cases = load_cases({kCases});
  CalibrationOptions o;
  o.draws = 40;
  o.chains = 2;
  const PosteriorFile post = posterior_file(calibrate(cases, o));
  for (const auto& c : cases) {
    const CaseForecast f = forecast_case(c, post, 50, 1, "", 2);
    EXPECT_GE(f.p_break, 0);
    EXPECT_LE(f.p_break, 1);
    EXPECT_EQ(f.runs, 50);
    EXPECT_EQ(f.p_base, 1 - std::pow(1 - alliance::Parameters{}.exit_base_rate, 2 * c.outcome().window_years()));
    if (f.year_median) {
      EXPECT_GE(*f.year_q05, c.outcome().window_first);
      EXPECT_LE(*f.year_q95, c.outcome().window_last);
    }
    EXPECT_EQ(f.hit.has_value(), c.outcome().broke);
    // The same on one thread.
    EXPECT_EQ(forecast_case(c, post, 50, 1, "", 1).p_break, f.p_break);
  }
}

TEST(Backtest, LeaveOneOutLabelsEveryCaseHeldOut) {
  const auto cases = load_cases({kCases});
  BacktestOptions o;
  o.leave_one_out = true;
  o.placebo = true;
  o.placebo_draws = 3;
  o.runs = 20;
  o.calibration.draws = 20;
  o.calibration.chains = 2;
  const auto r = backtest(cases, o);
  EXPECT_EQ(r.forecasts.size(), 16u);  // 2 cases × (in sample, held out) × (real, 3 placebo shuffles)
  EXPECT_EQ(r.scores.size(), 4u);
  for (const auto& s : r.scores) EXPECT_EQ(s.cases, s.coding == Coding::Real ? 2 : 6);
  std::set<std::pair<std::string, int>> shuffles;  // each case under shuffles 1, 2 and 3
  for (const auto& f : r.forecasts)
    if (f.fit == Fit::InSample && f.coding == Coding::Placebo) shuffles.insert({f.name, f.shuffle});
  EXPECT_EQ(shuffles.size(), 6u);
  const auto doc = backtest_document(r);
  EXPECT_EQ(doc.json["cases"].size(), 16u);
  EXPECT_EQ(doc.json["scores"].size(), 4u);
}

TEST(CalibrateCli, ByteIdenticalOnOneAndTwoThreads) {
  const std::string a = test::temp_file("post-1.json", ""), b = test::temp_file("post-2.json", "");
  const auto r1 = test::run_cli("-q calibrate '" + kCases + "' --draws 30 --chains 2 --seed 5 -j1 --output '" + a + "'");
  const auto r2 = test::run_cli("-q calibrate '" + kCases + "' --draws 30 --chains 2 --seed 5 -j2 --output '" + b + "'");
  ASSERT_EQ(r1.exit_code, 0) << r1.output;
  ASSERT_EQ(r2.exit_code, 0) << r2.output;
  EXPECT_FALSE(read_file(a).empty());
  EXPECT_EQ(read_file(a), read_file(b));
  const auto run = test::run_cli("run '" + kCases + "/broke.yaml' --posterior '" + a + "' --format csv");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const auto bt = test::run_cli("-q backtest '" + kCases + "' --posterior '" + a + "' --runs 20 --format csv");
  EXPECT_EQ(bt.exit_code, 0) << bt.output;
  EXPECT_NE(bt.output.find("in_sample,real,0,test-broke"), std::string::npos) << bt.output;
}

}  // namespace
}  // namespace entente::evidence
