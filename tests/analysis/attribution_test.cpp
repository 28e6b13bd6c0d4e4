// Shapley attribution: the formula against games worked out by hand, and on a small
// time-stepped scenario the values sum to the total change.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "analysis/attribution.h"
#include "core/error.h"
#include "io/timeline_io.h"
#include "support.h"

namespace entente::analysis {
namespace {

TEST(Shapley, AdditiveGameGivesEachPlayerItsOwnWorth) {
  // v(S) = Σ_{i∈S} w_i: no interaction, so φ_i = w_i.
  const double w[3] = {1.5, -2, 4};
  std::vector<double> v(8);
  for (unsigned m = 0; m < 8; ++m)
    for (int i = 0; i < 3; ++i)
      if (m & (1u << i)) v[m] += w[i];
  const auto phi = shapley_values(v, 3);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(phi[i], w[i], 1e-12);
  EXPECT_NEAR(shapley_interaction(v, 3, 0, 1), 0, 1e-12);
}

TEST(Shapley, GloveGameByHand) {
  // Player 0 holds a left glove, players 1 and 2 right gloves; a pair is worth 1.
  // φ = (2/3, 1/6, 1/6) (Shapley 1953's classic example).
  std::vector<double> v(8, 0.0);
  v[0b011] = v[0b101] = v[0b111] = 1;
  const auto phi = shapley_values(v, 3);
  EXPECT_NEAR(phi[0], 2.0 / 3, 1e-12);
  EXPECT_NEAR(phi[1], 1.0 / 6, 1e-12);
  EXPECT_NEAR(phi[2], 1.0 / 6, 1e-12);
  // Two players whose joint presence matters: v = 1 only when both are in.
  std::vector<double> both(4, 0.0);
  both[3] = 1;
  EXPECT_NEAR(shapley_interaction(both, 2, 0, 1), 1, 1e-12);
}

const char* kScenario = R"(name: small
time: {start: 2000, end: 2008}
actors:
  - {name: P, capability: 0.2, democracy: 0.9}
  - {name: C, capability: 0.02, democracy: 0.8}
  - {name: A, capability: 0.01}
issues:
  - name: strategy
    role: strategy
    owner: C
    stances:
      P: {position: 40, salience: 60}
      C: {position: 70, salience: 60}
      A: {position: 90, salience: 50}
  - name: aim
    role: goal
    owner: C
    stances:
      P: {position: 40, salience: 40}
      C: {position: 60, salience: 40}
      A: {position: 100, salience: 50}
alliance:
  patron: P
  client: C
  adversary: A
  troops: 30000
  umbrella: 1
  leadership: {strategy: 0.3, aim: 0.3}
  publics: {P: {anchor: 0.6}, C: {anchor: 0.7}}
  # Positions and terms move only by events here (no Snyder moves, no renegotiation), so
  # that a group with no path to a series gets exactly 0.
  parameters: {abandonment_response: 0, entrapment_response: 0, renegotiation_speed: 0}
events:
  - {name: early, date: 2001, tags: [role], source: t, set: [{leadership: {issue: aim, share: 0.4}}]}
  - {name: lead, date: 2003, tags: [role], source: t, set: [{leadership: {issue: strategy, share: 0.8}}]}
  - {name: hawk, date: 2004, tags: [strategies], source: t, set: [{stance: {holder: P, issue: strategy, position: 10}}]}
  - {name: goal, date: 2004, tags: [goals], source: t, set: [{stance: {holder: P, issue: aim, position: 10}}]}
  - {name: outcry, date: 2005, tags: [incidents], source: t, set: [{public_shock: {member: C, size: -0.3}}]}
  - {name: cut, date: 2006, tags: [troops], source: t, set: [{troops: 20000}, {credibility: -0.1}]}
  - {name: grow, date: 2005, tags: [ascendancy], source: t, set: [{capability: {actor: C, factor: 2}}]}
)";

TEST(Attribution, ValuesSumToTheTotalChange) {
  const auto t = read_timeline(kScenario, test::temp_file("small.yaml", kScenario));
  const auto groups = default_groups(t, 2002);
  ASSERT_EQ(groups.size(), 6u);  // role, strategies, goals, incidents, ascendancy, troops
  const auto result = attribute(t, sim::SimOptions{}, groups, 2002, 2007,
                                {"strain", "strain.C", "autonomy_cost.C", "public_support.C"});
  ASSERT_EQ(result.size(), 4u);
  for (const auto& a : result) {
    double sum = 0;
    for (const auto& [name, value] : a.shapley) sum += value;
    EXPECT_NEAR(sum, a.total_change, 1e-9) << a.series;
    EXPECT_NEAR(a.start_value + a.drift + a.total_change, a.v_all, 1e-12) << a.series;
  }
  // The baseline run gives v(all).
  sim::SimOptions to_2007;
  to_2007.to_year = 2007;
  const auto base = sim::simulate(t, to_2007);
  EXPECT_EQ(result[0].v_all, base.value("strain", 2007));
  // Groups with no effect on a series get exactly 0: an incident moves no autonomy cost.
  for (const auto& [name, value] : result[2].shapley)
    if (name == "incidents" || name == "troops" || name == "ascendancy") {
      EXPECT_EQ(value, 0) << name;
    }
  // The role event of 2003 raises the client's autonomy cost.
  EXPECT_GT(result[2].shapley[0].second, 0);
}

// A game the scenario makes linear, so that every v(S) is known by hand: P's position on
// strategy starts at 40; group a shifts it by −10, group b by −20 (in an event with two tags,
// its other change — the leadership share — going to c by its own cause), and an event
// tagged [a, c] whose change has no cause of its own shifts it by +6 only when both are on.
//   v(∅) = 40, v(a) = 30, v(b) = 20, v(c) = 40, v(ab) = 10, v(ac) = 36, v(bc) = 20, v(abc) = 16.
// Shapley: a = ½(−10) + ½(−10 + 6) = −7, b = −20, c = +3 (sum −24 = v(abc) − v(∅)).
// But-for: a = 16 − 20 = −4, b = 16 − 36 = −20, c = 16 − 10 = +6.
// Interaction a × c = 6 (the +6 is theirs jointly), a × b = b × c = 0.
const char kByChange[] = R"(name: by-change
time: {start: 2000, end: 2008}
actors:
  - {name: P, capability: 0.2, democracy: 0.9}
  - {name: C, capability: 0.02, democracy: 0.8}
  - {name: A, capability: 0.01}
issues:
  - name: strategy
    role: strategy
    owner: C
    stances:
      P: {position: 40, salience: 60}
      C: {position: 70, salience: 60}
      A: {position: 90, salience: 50}
alliance:
  patron: P
  client: C
  adversary: A
  troops: 30000
  umbrella: 1
  leadership: {strategy: 0.3}
  publics: {P: {anchor: 0.6}, C: {anchor: 0.7}}
  # No dynamics: the series move only by the events, so every coalition is known by hand.
  parameters: {abandonment_response: 0, entrapment_response: 0, renegotiation_speed: 0}
events:
  - {name: first, date: 2003, tags: [a], source: t, set: [{stance: {holder: P, issue: strategy, position: -10, shift: 1}}]}
  - name: two-issues
    date: 2004
    tags: [c, b]
    source: t
    set:
      - stance: {holder: P, issue: strategy, position: -20, shift: 1}
        cause: b
      - leadership: {issue: strategy, share: 0.8}
        cause: c
  - {name: joint, date: 2005, tags: [a, c], source: t, set: [{stance: {holder: P, issue: strategy, position: 6, shift: 1}}]}
)";

std::map<std::string, double> by_name(const std::vector<std::pair<std::string, double>>& values) {
  return {values.begin(), values.end()};
}

TEST(Attribution, ATwoTagEventsChangesGoToTheirOwnGroups) {
  const auto t = read_timeline(kByChange, test::temp_file("by-change.yaml", kByChange));
  const std::vector<CauseGroup> groups = {{"a", {"a"}}, {"b", {"b"}}, {"c", {"c"}}};
  const auto r = attribute(t, {}, groups, 2002, 2006, {"position.P.strategy", "leadership.strategy"});
  const auto position = by_name(r[0].shapley);
  EXPECT_NEAR(position.at("a"), -7, 1e-12);
  EXPECT_NEAR(position.at("b"), -20, 1e-12);  // not c's, though c is the event's first tag
  EXPECT_NEAR(position.at("c"), 3, 1e-12);
  EXPECT_NEAR(r[0].v_none, 40, 1e-12);
  EXPECT_NEAR(r[0].v_all, 16, 1e-12);
  // The leadership share moves with c alone: 0.3 → 0.8.
  const auto share = by_name(r[1].shapley);
  EXPECT_NEAR(share.at("c"), 0.5, 1e-12);
  EXPECT_NEAR(share.at("a"), 0, 1e-12);
  EXPECT_NEAR(share.at("b"), 0, 1e-12);
}

TEST(Attribution, ButForEffectsAndTheJointChangesInteractionByHand) {
  const auto t = read_timeline(kByChange, test::temp_file("by-change.yaml", kByChange));
  const std::vector<CauseGroup> groups = {{"a", {"a"}}, {"b", {"b"}}, {"c", {"c"}}};
  const auto r = attribute(t, {}, groups, 2002, 2006, {"position.P.strategy"}).front();
  const auto but_for = by_name(r.but_for);
  EXPECT_NEAR(but_for.at("a"), -4, 1e-12);
  EXPECT_NEAR(but_for.at("b"), -20, 1e-12);
  EXPECT_NEAR(but_for.at("c"), 6, 1e-12);
  ASSERT_EQ(r.interactions.size(), 3u);
  EXPECT_EQ(r.interactions[0].a + "×" + r.interactions[0].b, "a×c");  // the largest first
  EXPECT_NEAR(r.interactions[0].value, 6, 1e-12);
  EXPECT_NEAR(r.interactions[1].value, 0, 1e-12);
  EXPECT_NEAR(r.interactions[2].value, 0, 1e-12);
}

// Without a partition, the default groups are every cause tag the window's changes carry.
TEST(Attribution, DefaultGroupsAreTheChangesTagsOrTheScenariosPartition) {
  auto t = read_timeline(kByChange, test::temp_file("by-change.yaml", kByChange));
  std::vector<std::string> names;
  for (const auto& g : default_groups(t, 2002)) names.push_back(g.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c", "ascendancy"}));
  t.causes = {{"ab", {"a", "b"}}, {"c", {"c"}}};
  names.clear();
  for (const auto& g : default_groups(t, 2002)) names.push_back(g.name);
  EXPECT_EQ(names, (std::vector<std::string>{"ab", "c"}));
  // Grouped: v(∅) = 40, v(ab) = 10, v(c) = 40, v(ab c) = 16 → Shapley ab = ½(−30) + ½(−24) = −27, c = 3.
  const auto r = attribute(t, {}, default_groups(t, 2002), 2002, 2006, {"position.P.strategy"}).front();
  EXPECT_NEAR(by_name(r.shapley).at("ab"), -27, 1e-12);
  EXPECT_NEAR(by_name(r.shapley).at("c"), 3, 1e-12);
}

// A user's window, grouping or series: usage errors (exit 2), never an internal error.
TEST(Attribution, RejectsBadWindowsGroupsAndSeriesAsSpecErrors) {
  const auto t = read_timeline(kScenario, test::temp_file("small.yaml", kScenario));
  EXPECT_THROW(attribute(t, {}, default_groups(t, 2002), 2005, 2003, {"strain"}), SpecError);
  EXPECT_THROW(attribute(t, {}, default_groups(t, 2002), t.start_year - 1, 2003, {"strain"}), SpecError);
  EXPECT_THROW(attribute(t, {}, default_groups(t, 2002), 2002, t.horizon_year + 1, {"strain"}), SpecError);
  EXPECT_THROW(attribute(t, {}, std::vector<CauseGroup>(13, CauseGroup{"x", {"x"}}), 2002, 2005, {"strain"}),
               SpecError);
  EXPECT_THROW(attribute(t, {}, {}, 2002, 2005, {"strain"}), SpecError);
  try {
    attribute(t, {}, default_groups(t, 2002), 2002, 2005, {"strian"});
    ADD_FAILURE() << "an unknown series was accepted";
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'strain'?"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace entente::analysis
