// The progress callbacks of the analyses: told 0 first, then each unit once in rising order,
// ending at the total; and results the same with a callback as without one.
#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/attribution.h"
#include "analysis/claims.h"
#include "analysis/compare.h"
#include "core/error.h"
#include "io/timeline_io.h"
#include "support.h"

namespace entente::analysis {
namespace {

const std::string kScenario = std::string("name: progress\ntime: {start: 2000, end: 2006, horizon: 2008}\n") +
                              test::kOneIssueAlliance + R"(events:
  - {name: lead, date: 2003, tags: [role], source: t, set: [{leadership: {issue: strategy, share: 0.8}}]}
  - {name: outcry, date: 2004, tags: [incidents], source: t, set: [{public_shock: {member: C, size: -0.3}}]}
policies:
  - {name: no-lead, drop: {tags: [role]}}
  - {name: no-outcry, drop: {events: [outcry]}}
uncertain:
  - {position: {holder: P, issue: strategy}, shift: {normal: [0, 10]}}
claims:
  - id: rises
    text: strain rises
    let:
      before: {series: strain, year: 2002}
      after: {series: strain, year: 2005}
      role: {shapley: role, series: strain, from: 2002, to: 2005}
    holds: "after > before && role > 0"
)";

sim::TimeScenario load() { return read_timeline(kScenario, test::temp_file("progress.yaml", kScenario)); }

// Records every call; the analyses promise never to call it from two threads at once.
struct Calls {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;
  ProgressFn fn() {
    return [this](std::uint64_t done, std::uint64_t total) { seen.emplace_back(done, total); };
  }
};

void expect_counts_to(const Calls& calls, std::uint64_t total) {
  ASSERT_EQ(calls.seen.size(), total + 1);
  for (std::uint64_t i = 0; i <= total; ++i) {
    EXPECT_EQ(calls.seen[i].first, i);
    EXPECT_EQ(calls.seen[i].second, total);
  }
}

TEST(AnalysisProgress, AttributionCountsEveryCoalitionOnAnyThreadCount) {
  const auto t = load();
  const auto groups = default_groups(t, 2002);  // role, incidents, ascendancy: 8 coalitions
  ASSERT_EQ(groups.size(), 3u);
  const auto plain = attribute(t, {}, groups, 2002, 2006, {"strain"}, 1);
  for (int threads : {1, 3}) {
    Calls calls;
    const auto told = attribute(t, {}, groups, 2002, 2006, {"strain"}, threads, calls.fn());
    expect_counts_to(calls, 8);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0].shapley, plain[0].shapley) << threads;
    EXPECT_EQ(told[0].v_all, plain[0].v_all);
  }
}

TEST(AnalysisProgress, CompareCountsTheBaselineAndEachPolicy) {
  const auto t = load();
  Calls calls;
  const auto runs = compare(t, {}, {"no-lead", "no-outcry"}, calls.fn());
  expect_counts_to(calls, 3);
  EXPECT_EQ(runs.size(), 3u);
}

TEST(AnalysisProgress, ClaimsCountEveryDrawAndNothingWithoutDraws) {
  const auto t = load();
  const auto plain = check_claims(t, {}, 5, 7, 2);
  Calls calls;
  const auto told = check_claims(t, {}, 5, 7, 2, calls.fn());
  expect_counts_to(calls, 5);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].held, plain[0].held);
  EXPECT_EQ(told[0].baseline_terms, plain[0].baseline_terms);
  Calls none;
  check_claims(t, {}, 0, 7, 2, none.fn());
  EXPECT_TRUE(none.seen.empty());
}

}  // namespace
}  // namespace entente::analysis
