// Claims attribute to the scenario's own partition of causes by default, and to the groups a
// term names when it names them. The game is the hand-computed one of attribution_test.cpp:
// v(∅) = 40, v(a) = 30, v(b) = 20, v(c) = 40, v(ab) = 10, v(ac) = 36, v(bc) = 20, v(abc) = 16.
#include <gtest/gtest.h>

#include <string>

#include "analysis/claims.h"
#include "core/error.h"
#include "io/timeline_io.h"
#include "support.h"

namespace entente::analysis {
namespace {

std::string scenario(const std::string& claims) {
  return std::string("name: partition-claims\ntime: {start: 2000, end: 2008}\n") + test::kOneIssueAlliance +
         R"(events:
  - {name: first, date: 2003, tags: [a], source: t, set: [{stance: {holder: P, issue: strategy, position: -10, shift: 1}}]}
  - name: two-issues
    date: 2004
    tags: [c, b]
    source: t
    set:
      - {stance: {holder: P, issue: strategy, position: -20, shift: 1}, cause: b}
      - {leadership: {issue: strategy, share: 0.8}, cause: c}
  - {name: joint, date: 2005, tags: [a, c], source: t, set: [{stance: {holder: P, issue: strategy, position: 6, shift: 1}}]}
causes:
  - {name: ab, tags: [a, b]}
  - {name: c, tags: [c]}
claims:
)" + claims;
}

sim::TimeScenario load(const std::string& claims) {
  const std::string text = scenario(claims);
  return read_timeline(text, test::temp_file("partition-claims.yaml", text));
}

TEST(ClaimsPartition, ShapleyTermsUseTheScenariosPartitionByDefault) {
  const auto t = load(R"(  - id: grouped
    text: "a and b together move P's position most"
    let:
      ab: {shapley: ab, series: position.P.strategy, from: 2002, to: 2006}
      c: {shapley: c, series: position.P.strategy, from: 2002, to: 2006}
      rank: {shapley_rank: c, series: position.P.strategy, from: 2002, to: 2006}
    holds: "ab < c"
  - id: by-tag
    text: "a term may name its own groups"
    let:
      a: {shapley: a, series: position.P.strategy, from: 2002, to: 2006, groups: [a, b, c]}
      ab: {shapley: ab, series: position.P.strategy, from: 2002, to: 2006, groups: [ab, c]}
    holds: "a == -7"
)");
  const auto results = evaluate_claims(t, {});
  ASSERT_EQ(results.size(), 2u);
  // ab = ½(v(ab) − v(∅)) + ½(v(abc) − v(c)) = ½(−30) + ½(−24) = −27; c = +3.
  EXPECT_NEAR(results[0].second.at("ab"), -27, 1e-12);
  EXPECT_NEAR(results[0].second.at("c"), 3, 1e-12);
  EXPECT_EQ(results[0].second.at("rank"), 1);  // +3 > −27
  EXPECT_TRUE(results[0].first);
  EXPECT_NEAR(results[1].second.at("a"), -7, 1e-12);
  EXPECT_NEAR(results[1].second.at("ab"), -27, 1e-12);  // a partition group named in groups:
  EXPECT_TRUE(results[1].first);
}

TEST(ClaimsPartition, AGroupOutsideThePartitionIsAnInputErrorAtTheClaim) {
  const auto t = load(R"(  - id: single
    text: "a alone"
    let:
      a: {shapley: a, series: position.P.strategy, from: 2002, to: 2006}
    holds: "a < 0"
)");
  try {
    evaluate_claims(t, {});
    ADD_FAILURE() << "a group the partition does not have was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no cause group 'a'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace entente::analysis
