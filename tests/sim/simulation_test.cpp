// The time-stepped mechanics on a small synthetic alliance: elections swap the state's
// stance, incidents lower public support which then recovers at the stated half-life, the
// alliance is reported as retreating into history after the stated run of strained years
// and not before, and time-stepped files are validated.
#include <gtest/gtest.h>

#include <cmath>

#include "io/timeline_io.h"
#include "sim/simulation.h"
#include "support.h"

namespace entente::sim {
namespace {

// A patron P, a client C with two factions, an adversary A and its backer B, 2000–2010.
std::string tiny(const std::string& events, const std::string& parameters = "") {
  return R"(name: tiny
time: {start: 2000, end: 2010}
actors:
  - {name: P, capability: 0.20, democracy: 0.9}
  - {name: C, capability: 0.02, democracy: 0.8, factions: [C-dove, C-hawk], in_office: C-dove}
  - {name: A, capability: 0.01}
  - {name: B, capability: 0.05}
issues:
  - name: strategy
    role: strategy
    owner: C
    low: coercion
    high: engagement
    stances:
      P: {position: 20, salience: 60}
      C-dove: {position: 80, salience: 60}
      C-hawk: {position: 25, salience: 60}
      A: {position: 90, salience: 50}
      B: {position: 70, salience: 40}
  - name: aim
    role: goal
    low: transformation
    high: coexistence
    stances:
      P: {position: 30, salience: 40}
      C-dove: {position: 70, salience: 40}
      C-hawk: {position: 35, salience: 40}
      A: {position: 100, salience: 50}
      B: {position: 80, salience: 60}
alliance:
  patron: P
  client: C
  adversary: A
  backers: {B: 0.5}
  troops: 30000
  umbrella: 1
  leadership: {strategy: 0.3}
  publics: {P: {anchor: 0.6}, C: {anchor: 0.7}}
)" + parameters + "events:\n" + events;
}

TimeScenario load(const std::string& yaml) { return read_timeline(yaml, test::temp_file("tiny.yaml", yaml)); }

sim::Run run(const TimeScenario& t) { return simulate(t, SimOptions{}); }

const char* kQuiet = "  - {name: nothing, date: 2001, source: test, set: [{umbrella: 1}]}\n";

TEST(Simulation, RunsEveryYearWithTheDocumentedSeries) {
  const sim::Run r = run(load(tiny(kQuiet)));
  ASSERT_EQ(r.years.size(), 11u);
  EXPECT_EQ(r.years.front(), 2000);
  EXPECT_EQ(r.years.back(), 2010);
  for (const char* name : {"strain", "security_gain.P", "security_gain.C", "autonomy_cost.C", "net_value.C",
                           "public_support.C", "divergence.goals", "divergence.strategies", "s_score",
                           "abandonment.C", "entrapment.C", "forecast.strategy", "position.C.strategy"})
    EXPECT_EQ(r.at(name).size(), 11u) << name;
  EXPECT_EQ(r.events.at(2001), std::vector<std::string>{"nothing"});
}

TEST(Simulation, AnElectionSwapsTheStatesStance) {
  const sim::Run r = run(load(tiny("  - {name: hawks-win, date: 2004-02-25, source: test, set: [{in_office: {state: C, faction: C-hawk}}]}\n")));
  EXPECT_EQ(r.value("position.C.strategy", 2003), 80);
  EXPECT_EQ(r.value("position.C.strategy", 2004), 25);
  EXPECT_EQ(r.value("position.C.aim", 2004), 35);
  // The hawks agree with the patron, so the client's autonomy cost falls.
  EXPECT_LT(r.value("autonomy_cost.C", 2004), r.value("autonomy_cost.C", 2003));
}

TEST(Simulation, AnIncidentLowersSupportWhichRecoversAtItsHalfLife) {
  const std::string shock = "  - {name: incident, date: 2005-06-13, source: test, set: [{public_shock: {member: C, size: -0.2}}]}\n";
  const sim::Run base = run(load(tiny(kQuiet)));
  const sim::Run hit = run(load(tiny(shock, "  parameters: {shock_half_life: 1}\n")));
  for (int y = 2000; y < 2005; ++y) EXPECT_EQ(hit.value("public_support.C", y), base.value("public_support.C", y));
  // The overlay is additive and decays by half each year; the publics' base is unaffected.
  for (int y = 2005; y <= 2010; ++y)
    EXPECT_NEAR(hit.value("public_support.C", y) - base.value("public_support.C", y),
                -0.2 * std::exp2(-(y - 2005)), 1e-12) << y;
}

TEST(Simulation, RetreatsIntoHistoryAfterTheStatedRunAndNotBefore) {
  // Full US leadership from 2003 against a dovish client, and a public that resents it: the
  // client's losses outweigh its gains from 2003 on.
  const std::string takeover =
      "  - {name: takeover, date: 2003, source: test, set: [{leadership: {issue: strategy, share: 1}}, "
      "{troops: 0}, {umbrella: 0}, {treaty: 0}]}\n";
  const TimeScenario t = load(tiny(takeover, "  parameters: {retreat_years: 3}\n"));
  const sim::Run r = run(t);
  std::vector<int> strained;
  for (std::size_t i = 0; i < r.years.size(); ++i)
    if (r.at("strain")[i] >= 0.5) strained.push_back(r.years[i]);
  ASSERT_GE(strained.size(), 3u);
  // The retreat year is the third consecutive strained year, whatever the series says.
  int run_length = 0, expected = 0;
  for (std::size_t i = 0; i < r.years.size() && !expected; ++i) {
    run_length = r.at("strain")[i] >= 0.5 ? run_length + 1 : 0;
    if (run_length == 3) expected = r.years[i];
  }
  ASSERT_TRUE(r.retreat_year.has_value());
  EXPECT_EQ(*r.retreat_year, expected);
  const sim::Run calm = run(load(tiny(kQuiet)));
  EXPECT_FALSE(calm.retreat_year.has_value());
}

TEST(Simulation, DeterministicAndIndependentOfThreads) {
  const TimeScenario t = load(tiny(kQuiet));
  SimOptions one, two;
  one.model = two.model = "smp";
  two.threads = 2;
  const sim::Run a = simulate(t, one), b = simulate(t, two);
  EXPECT_EQ(a.series, b.series);
}

TEST(TimelineValidation, RejectsEventsOutsideTheSpanUnknownNamesAndOverlaps) {
  struct Case { std::string events; std::string mentions; };
  const Case cases[] = {
      {"  - {name: late, date: 2020, source: s, set: [{umbrella: 1}]}\n", "outside the time span"},
      {"  - {name: who, date: 2003, source: s, set: [{stance: {holder: Z, issue: aim, position: 5}}]}\n", "unknown actor or faction"},
      {"  - {name: what, date: 2003, source: s, set: [{leadership: {issue: nope, share: 1}}]}\n", "unknown issue"},
      {"  - {name: a, date: 2003-01-01, source: s, set: [{umbrella: 1}]}\n"
       "  - {name: b, date: 2003-05-01, source: s, set: [{umbrella: 0}]}\n", "sets the same thing"},
      {"  - {name: bad, date: 2003-13-01, source: s, set: [{umbrella: 1}]}\n", "YYYY"},
      {"  - {name: nosource, date: 2003, set: [{umbrella: 1}]}\n", "source"},
      {"  - {name: state, date: 2003, source: s, set: [{stance: {holder: C, issue: aim, position: 5}}]}\n", "has factions"},
      {"  - {name: range, date: 2003, source: s, set: [{leadership: {issue: strategy, share: 1.5}}]}\n", "outside 0..1"},
      {"  - {name: nomember, date: 2003, source: s, set: [{public_shock: {member: A, size: -0.1}}]}\n", "not a member"},
      {"  - {name: weird, date: 2003, source: s, set: [{teleport: 1}]}\n", "unknown change"},
      {"  - {name: louder, date: 2003, source: s, set: [{stance: {holder: C-dove, issue: strategy, salience: 80}}]}\n",
       "over 100"},
  };
  for (const auto& c : cases) {
    try {
      load(tiny(c.events));
      ADD_FAILURE() << "accepted: " << c.events;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(c.mentions), std::string::npos) << e.what();
      EXPECT_GT(e.diagnostics().front().line, 0) << e.what();
    }
  }
}

TEST(TimelineValidation, AnUnknownPolicyIsAUsageError) {
  const TimeScenario t = load(tiny(kQuiet));
  try {
    with_policy(t, "nope");
    FAIL() << "accepted an unknown policy";
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find("no policy 'nope'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(test::run_cli("compare '" + t.scenario.provenance.file + "' --policies nope").exit_code, 2);
}

// The checks of each kind of change apply to a policy's events as to the scenario's own.
TEST(TimelineValidation, APolicysEventsAreCheckedLikeTheScenarios) {
  const std::string policy =
      "policies:\n  - name: p\n    add:\n      - {name: x, date: 2004, source: s, set: [{umbrella: 2}]}\n";
  try {
    load(tiny(kQuiet) + policy);
    FAIL() << "accepted an umbrella of 2";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
    EXPECT_EQ(e.diagnostics()[0].field, "policies.p.add.x.set.umbrella");
    EXPECT_NE(e.diagnostics()[0].message.find("outside 0..1"), std::string::npos);
  }
}

}  // namespace
}  // namespace entente::sim
