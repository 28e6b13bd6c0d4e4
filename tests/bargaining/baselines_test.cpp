// The weighted median and mean against values worked out by hand.
#include <gtest/gtest.h>

#include "bargaining/model.h"
#include "io/scenario_io.h"

namespace entente {
namespace {

TEST(Baselines, EcEmissionsMedianAndMeanAtRoundZero) {
  const Scenario s = load_scenario(std::string(ENTENTE_REFERENCE_DIR) + "/eu/ec-emissions.csv");
  // Weights c·s: at 4: .064+.006+.128+.05 = .248; at 7: .032+.005+.056 = .093;
  // at 10: .096+.096+.144 = .336; half of .677 is first reached at 7.
  EXPECT_EQ(load_model("median")->forecast(s, {}).outcome[0], 7.0);
  // Scholz, Calbert & Smith (2011) trace, round 0.
  EXPECT_NEAR(load_model("mean")->forecast(s, {}).outcome[0], 7.389955686853767, 1e-12);
}

TEST(Baselines, MedianFollowsTheWeightNotTheHeadcount) {
  Scenario s;
  s.actors = {{"a", "", 1}, {"b", "", 1}, {"c", "", 10}};
  s.issues = {Issue{"x", "", 0, 100, "", ""}};
  s.stances = {{10, 0.5}, {20, 0.5}, {90, 0.5}};
  require_valid(s);
  EXPECT_EQ(load_model("median")->forecast(s, {}).outcome[0], 90);
  // (1·.5·10 + 1·.5·20 + 10·.5·90) / (.5 + .5 + 5) = 465 / 6
  EXPECT_NEAR(load_model("mean")->forecast(s, {}).outcome[0], 465.0 / 6, 1e-12);
}

}  // namespace
}  // namespace entente
