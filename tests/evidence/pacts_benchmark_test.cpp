// The benchmark's scores worked out by hand on a few points: AUC (with ties), Brier score,
// log score and the calibration deciles; and the command on the repository's data.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "alliance/alliance.h"
#include "evidence/pacts_benchmark.h"
#include "support.h"

namespace entente {
namespace {

TEST(PactScores, AucBrierAndLogScoreByHand) {
  const std::vector<double> p = {0.1, 0.4, 0.35, 0.8};
  const std::vector<int> y = {0, 0, 1, 1};
  const auto s = evidence::score_forecasts(p, y);
  EXPECT_EQ(s.n, 4u);
  EXPECT_EQ(s.events, 2u);
  // Event–non-event pairs: 0.35 > 0.1, 0.35 < 0.4, 0.8 > 0.1, 0.8 > 0.4: 3 of 4.
  ASSERT_TRUE(s.auc);
  EXPECT_DOUBLE_EQ(*s.auc, 0.75);
  EXPECT_NEAR(s.brier, (0.01 + 0.16 + 0.4225 + 0.04) / 4, 1e-15);
  EXPECT_NEAR(s.log_score, (std::log(0.9) + std::log(0.6) + std::log(0.35) + std::log(0.8)) / 4, 1e-15);
}

TEST(PactScores, TiesCountHalfAndOneClassHasNoAuc) {
  EXPECT_DOUBLE_EQ(*evidence::auc({0.5, 0.5}, {0, 1}), 0.5);
  // Events at 0.2 and 0.5, non-events at 0.2, 0.5, 0.1: pairs 0.2 vs (0.2 tie, 0.5 lose,
  // 0.1 win) = 1.5, 0.5 vs (win, tie, win) = 2.5; 4 of 6.
  EXPECT_DOUBLE_EQ(*evidence::auc({0.2, 0.5, 0.2, 0.5, 0.1}, {1, 1, 0, 0, 0}), 4.0 / 6.0);
  EXPECT_FALSE(evidence::auc({0.1, 0.2}, {0, 0}));
  EXPECT_FALSE(evidence::score_forecasts({0.3}, {1}).auc);
}

TEST(PactScores, CalibrationBinsByRankOfTheForecast) {
  const std::vector<double> p = {0.4, 0.1, 0.3, 0.2};
  const std::vector<int> y = {1, 0, 0, 1};
  const auto bins = evidence::calibration(p, y, 2);
  ASSERT_EQ(bins.size(), 2u);
  EXPECT_EQ(bins[0].n, 2u);  // 0.1 (no), 0.2 (yes)
  EXPECT_NEAR(bins[0].mean_forecast, 0.15, 1e-15);
  EXPECT_DOUBLE_EQ(bins[0].observed, 0.5);
  EXPECT_DOUBLE_EQ(bins[0].lowest, 0.1);
  EXPECT_DOUBLE_EQ(bins[0].highest, 0.2);
  EXPECT_NEAR(bins[1].mean_forecast, 0.35, 1e-15);  // 0.3 (no), 0.4 (yes)
  EXPECT_EQ(bins[1].events, 1u);
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

// The whole benchmark on the repository's data: three forecasters, train and test rows and
// one per test decade; every ATOP defence dyad of 1946–2010 listed, scored or left out with
// its reason.
TEST(PactBenchmarkCli, ScoresEveryForecasterAndListsEveryDyad) {
  namespace fs = std::filesystem;
  const fs::path out = fs::path(test::temp_file("pacts-cli-marker", "")).parent_path() / "pacts-cli";
  const auto r = test::run_cli("benchmark alliances --quiet --format csv --data " + std::string(ENTENTE_SOURCE_DIR) +
                               "/data/world -o " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* row : {"base_rate,train,1946,1980,", "logit,test,1981,2010,", "alliance_model,test,2001,2010,"})
    EXPECT_NE(r.output.find(row), std::string::npos) << row;
  std::ifstream dyads(out / "dyads.csv");
  std::string line;
  std::getline(dyads, line);
  EXPECT_EQ(line, "ccode_a,ccode_b,first,last,spells,pledge_years,scored_years,terminations,scored_terminations,status,reason");
  std::size_t rows = 0, left_out = 0;
  while (std::getline(dyads, line)) {
    ++rows;
    if (line.find(",left_out,") != std::string::npos) {
      ++left_out;
      EXPECT_NE(line.back(), ',') << "a dyad left out without a reason: " << line;
    } else {
      EXPECT_NE(line.find(",scored,"), std::string::npos) << line;
    }
  }
  // 1880 undirected pairs carry atop_defense = 1 in some year 1946–2010 (python3 csv count of
  // the source file, data/world/atop51_ddy_all.csv).
  EXPECT_EQ(rows, 1880u);
  EXPECT_GT(left_out, 0u);
  EXPECT_LT(left_out, rows);
}


// --posterior sets the alliance model at that posterior's medians: a posterior whose median is
// the default gives the same scores to the bit, another median other alliance-model scores and
// the same base-rate and logit rows; a file that is not a posterior is an input error.
TEST(PactBenchmarkCli, PosteriorSetsTheAllianceModelsParameters) {
  const std::string root = ENTENTE_SOURCE_DIR;
  const std::string base = "benchmark alliances --quiet --format csv --data " + root + "/data/world";
  const auto posterior = [](double slope) {
    const nlohmann::json j = {{"format", "entente-posterior-1"},
                              {"parameters", {{{"name", "hazard_slope"}, {"median", slope}}}},
                              {"draws", {{"names", {"hazard_slope"}}, {"values", {{slope}}}}},
                              {"cases", nlohmann::json::array()}};
    return test::temp_file("slope-" + std::to_string(slope) + ".json", j.dump());
  };
  const auto plain = test::run_cli(base);
  const auto same = test::run_cli(base + " --posterior " + posterior(alliance::Parameters{}.hazard_slope));
  const auto other = test::run_cli(base + " --posterior " + posterior(4));
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  EXPECT_EQ(same.output, plain.output);
  ASSERT_EQ(other.exit_code, 0) << other.output;
  std::istringstream a(plain.output), b(other.output);
  std::string la, lb;
  while (std::getline(a, la) && std::getline(b, lb)) {
    if (la.rfind("alliance_model,", 0) == 0)
      EXPECT_NE(la, lb);
    else
      EXPECT_EQ(la, lb);
  }
  const auto bad = test::run_cli(base + " --posterior " + root + "/scenarios/korea.yaml");
  EXPECT_EQ(bad.exit_code, 3) << bad.output;
  EXPECT_NE(bad.output.find("korea.yaml"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace entente
