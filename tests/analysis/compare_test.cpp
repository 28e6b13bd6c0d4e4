// Policies: named edits of a scenario's events, run beside the baseline to a horizon.
#include <gtest/gtest.h>

#include "analysis/compare.h"
#include "core/error.h"
#include "io/timeline_io.h"
#include "support.h"

namespace entente::analysis {
namespace {

const std::string kScenario = std::string("name: policies\ntime: {start: 2000, end: 2008, horizon: 2012}\n") + test::kOneIssueAlliance + R"(events:
  - {name: lead, date: 2003, tags: [role], source: t, set: [{leadership: {issue: strategy, share: 0.8}}]}
  - {name: outcry, date: 2005, tags: [incidents], source: t, set: [{public_shock: {member: C, size: -0.3}}]}
  - {name: cut, date: 2006, tags: [troops], source: t, set: [{troops: 20000}, {credibility: -0.1}]}
policies:
  - name: status-quo
    description: the scenario as written, projected to the horizon
  - name: no-lead
    drop: {tags: [role]}
  - name: no-incident
    drop: {events: [outcry]}
  - name: adjust
    description: from 2009 the client leads again
    add:
      - {name: hand-back, date: 2009, tags: [role], source: t, set: [{leadership: {issue: strategy, share: 0.2}}]}
)";

sim::TimeScenario load() { return read_timeline(kScenario, test::temp_file("policies.yaml", kScenario)); }

TEST(Compare, RunsEveryPolicyBesideTheBaselineToTheHorizon) {
  const auto t = load();
  sim::SimOptions to_2012;
  to_2012.to_year = 2012;
  const auto runs = compare(t, to_2012, {"status-quo", "no-lead", "no-incident", "adjust"});
  ASSERT_EQ(runs.size(), 5u);
  EXPECT_EQ(runs[0].policy, "baseline");
  for (const auto& r : runs) EXPECT_EQ(r.run.years.back(), 2012);
  // status-quo is the baseline.
  EXPECT_EQ(runs[1].run.series, runs[0].run.series);
  // Without the role event the client never loses its say: lower autonomy cost from 2003.
  EXPECT_LT(runs[2].run.value("autonomy_cost.C", 2004), runs[0].run.value("autonomy_cost.C", 2004));
  EXPECT_EQ(runs[2].run.value("autonomy_cost.C", 2002), runs[0].run.value("autonomy_cost.C", 2002));
  // Without the incident, public support differs only from 2005, and autonomy not at all.
  EXPECT_EQ(runs[3].run.value("public_support.C", 2004), runs[0].run.value("public_support.C", 2004));
  EXPECT_GT(runs[3].run.value("public_support.C", 2005), runs[0].run.value("public_support.C", 2005));
  EXPECT_EQ(runs[3].run.at("autonomy_cost.C"), runs[0].run.at("autonomy_cost.C"));
  // Handing the lead back in 2009 (a projected year) lowers the client's autonomy cost then.
  EXPECT_EQ(runs[4].run.value("strain", 2008), runs[0].run.value("strain", 2008));
  EXPECT_LT(runs[4].run.value("autonomy_cost.C", 2010), runs[0].run.value("autonomy_cost.C", 2010));
}

TEST(Compare, UnknownPolicyIsAClearError) {
  EXPECT_THROW(compare(load(), {}, {"nope"}), SpecError);
}

TEST(Compare, CliPrintsPoliciesSideBySide) {
  const std::string path = test::temp_file("policies.yaml", kScenario);
  auto r = test::run_cli("compare '" + path + "' --policies no-lead,adjust --to 2012 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.rfind("policy,year,series,value\n", 0), 0u);
  EXPECT_NE(r.output.find("adjust,2012,strain,"), std::string::npos);
  r = test::run_cli("compare '" + path + "' --policies nope");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = test::run_cli("compare '" + path + "' --policies adjust --to 2030");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("horizon"), std::string::npos);
}

}  // namespace
}  // namespace entente::analysis
