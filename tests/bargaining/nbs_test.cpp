// The Nash bargaining solution against solutions worked out by hand and against its own
// definition (the maximiser of Σ w_i log(u_i(x) − u_i(d)) over the agreements all prefer to d).
#include <gtest/gtest.h>

#include <cmath>

#include "bargaining/model.h"
#include "io/scenario_io.h"

namespace entente {
namespace {

struct Party {
  double capability, position, salience;  // salience 0..100
};

Scenario one_issue(const std::vector<Party>& parties, std::optional<double> status_quo) {
  Scenario s;
  s.provenance.file = "nbs-test";
  for (std::size_t i = 0; i < parties.size(); ++i) {
    s.actors.push_back({"a" + std::to_string(i), "", parties[i].capability});
    s.stances.push_back({parties[i].position, parties[i].salience / 100});
  }
  s.issues = {Issue{"x", "", 0, 100, "", ""}};
  s.issues[0].status_quo = status_quo;
  require_valid(s);
  return s;
}

double nbs(const std::string& spec, const Scenario& s) { return load_model(spec)->forecast(s, {}).outcome[0]; }

// The objective written out from the definition, −∞ where someone is no better off than at d.
double nash_log_product(const Scenario& s, double x, bool quadratic) {
  const double d = *s.issues[0].status_quo;
  double total = 0;
  for (std::size_t a = 0; a < s.num_actors(); ++a) {
    const auto& st = s.stance(a, 0);
    const double w = s.actors[a].capability * st.salience;
    if (w == 0) continue;
    const double gain = quadratic ? st.salience * (std::pow(d - st.position, 2) - std::pow(x - st.position, 2))
                                  : st.salience * (std::abs(d - st.position) - std::abs(x - st.position));
    if (!(gain > 0)) return -INFINITY;
    total += w * std::log(gain);
  }
  return total;
}

TEST(Nbs, TwoPartiesOnOneSideMatchTheClosedForm) {
  // d = 0, positions 40 and 60, weights 1 and 2 (capability × salience). On [40, 60] the
  // gains are 80 − x and x, so w1/(80 − x) = w2/x gives x = 80·w2/(w1 + w2) = 160/3.
  const Scenario s = one_issue({{2, 40, 50}, {4, 60, 50}}, 0.0);
  EXPECT_NEAR(nbs("nbs", s), 160.0 / 3, 1e-9);
}

TEST(Nbs, EqualWeightsStopAtTheNearerPosition) {
  // With weights 1 and 1 the derivative 1/x − 1/(80 − x) is 0 at 40 and negative beyond.
  const Scenario s = one_issue({{1, 40, 50}, {1, 60, 50}}, 0.0);
  EXPECT_NEAR(nbs("nbs", s), 40, 1e-9);
}

TEST(Nbs, MirroringTheIssueMirrorsTheSolution) {
  const Scenario s = one_issue({{2, 60, 50}, {4, 40, 50}}, 100.0);
  EXPECT_NEAR(nbs("nbs", s), 100 - 160.0 / 3, 1e-9);
}

TEST(Nbs, QuadraticSolutionMaximisesTheNashProduct) {
  const Scenario s = one_issue({{1, 30, 40}, {3, 55, 70}, {2, 80, 20}}, 10.0);
  const double x = nbs("nbs(utility=quadratic)", s);
  EXPECT_GT(x, 30);
  EXPECT_LT(x, 50);  // 2·30 − 10: beyond it the actor at 30 would rather keep d
  const double best = nash_log_product(s, x, true);
  ASSERT_TRUE(std::isfinite(best));
  for (double step : {1e-3, 1e-1, 1.0, 5.0}) {
    EXPECT_GE(best, nash_log_product(s, x - step, true)) << step;
    EXPECT_GE(best, nash_log_product(s, x + step, true)) << step;
  }
}

TEST(Nbs, LinearSolutionMaximisesTheNashProduct) {
  const Scenario s = one_issue({{1, 30, 40}, {3, 55, 70}, {2, 80, 20}, {5, 35, 10}}, 10.0);
  const double x = nbs("nbs", s);
  const double best = nash_log_product(s, x, false);
  ASSERT_TRUE(std::isfinite(best));
  for (double step : {1e-3, 1e-1, 1.0, 5.0}) {
    EXPECT_GE(best, nash_log_product(s, x - step, false)) << step;
    EXPECT_GE(best, nash_log_product(s, x + step, false)) << step;
  }
}

TEST(Nbs, StatusQuoBetweenThePositionsIsTheSolution) {
  // Any move away from d = 50 hurts the actor on the other side: no agreement beats d for all.
  EXPECT_EQ(nbs("nbs", one_issue({{1, 20, 50}, {1, 90, 50}}, 50.0)), 50);
  EXPECT_EQ(nbs("nbs(utility=quadratic)", one_issue({{1, 20, 50}, {1, 90, 50}}, 50.0)), 50);
}

TEST(Nbs, AnActorAtTheStatusQuoVetoesEveryMove) {
  EXPECT_EQ(nbs("nbs", one_issue({{1, 0, 50}, {5, 70, 50}, {5, 90, 50}}, 0.0)), 0);
}

TEST(Nbs, ActorsWithoutSalienceDoNotConstrain) {
  // a2 stands at the status quo of x but does not care about x (its attention is on y).
  Scenario s;
  s.actors = {{"a0", "", 2}, {"a1", "", 4}, {"a2", "", 9}};
  s.issues = {Issue{"x", "", 0, 100, "", ""}, Issue{"y", "", 0, 100, "", ""}};
  s.issues[0].status_quo = 0;
  s.issues[1].status_quo = 50;
  s.stances = {{40, 0.5}, {50, 0.5}, {60, 0.5}, {50, 0.5}, {0, 0}, {10, 1}};
  require_valid(s);
  EXPECT_NEAR(load_model("nbs")->forecast(s, {}).outcome[0], 160.0 / 3, 1e-9);
}

TEST(Nbs, RefusesAnIssueWithoutStatusQuoNamingIt) {
  const Scenario s = one_issue({{1, 40, 50}, {1, 60, 50}}, std::nullopt);
  try {
    nbs("nbs", s);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].field, "issues.x.status_quo");
    EXPECT_NE(std::string(e.what()).find("status quo"), std::string::npos) << e.what();
  }
}

TEST(Nbs, ReadsTheStatusQuoFromAScenarioFile) {
  const std::string yaml =
      "name: sq\nactors:\n  - {name: a, capability: 2}\n  - {name: b, capability: 4}\nissues:\n"
      "  - name: x\n    status_quo: 0\n    stances:\n      a: {position: 40, salience: 50}\n"
      "      b: {position: 60, salience: 50}\n";
  const Scenario s = read_yaml_scenario(yaml, "sq.yaml");
  ASSERT_TRUE(s.issues[0].status_quo.has_value());
  EXPECT_EQ(*s.issues[0].status_quo, 0);
  EXPECT_NEAR(nbs("nbs", s), 160.0 / 3, 1e-9);
}

TEST(Nbs, AStatusQuoOffTheScaleIsRefusedAtItsLine) {
  const std::string yaml =
      "name: sq\nactors:\n  - {name: a, capability: 2}\n  - {name: b, capability: 4}\nissues:\n"
      "  - name: x\n    status_quo: 120\n    stances:\n      a: {position: 40, salience: 50}\n"
      "      b: {position: 60, salience: 50}\n";
  try {
    read_yaml_scenario(yaml, "sq.yaml");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].line, 7);
    EXPECT_EQ(e.diagnostics()[0].field, "issues.x.status_quo");
  }
}

}  // namespace
}  // namespace entente
