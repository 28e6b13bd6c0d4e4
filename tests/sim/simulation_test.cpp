// The time-stepped mechanics on a small synthetic alliance: elections swap the state's
// stance, incidents lower public support which then recovers at the stated half-life,
// survival is the product of the years' 1 − hazard, a sampled run's alliance ends where its
// survival falls below the draw and later years run without it, renegotiation moves the terms
// toward the bargain, and time-stepped files are validated. On the Korean scenario: the
// bargaining model changes strain.
#include <gtest/gtest.h>

#include <algorithm>
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

sim::Run run_with(const TimeScenario& t, const std::string& model) {
  SimOptions o;
  o.model = model;
  return simulate(t, o);
}

const char* kQuiet = "  - {name: nothing, date: 2001, source: test, set: [{umbrella: 1}]}\n";

TEST(Simulation, RunsEveryYearWithTheDocumentedSeries) {
  const sim::Run r = run(load(tiny(kQuiet)));
  ASSERT_EQ(r.years.size(), 11u);
  EXPECT_EQ(r.years.front(), 2000);
  EXPECT_EQ(r.years.back(), 2010);
  for (const char* name : {"strain", "survival", "in_force", "strain.P", "strain.C", "security_gain.P", "security.C",
                           "policy_value.C", "regional_value.P", "autonomy_cost.C", "net_value.C", "public_support.C",
                           "public_value.C", "winset_distance.C", "divergence.goals", "divergence.strategies",
                           "s_score", "abandonment.C", "entrapment.C", "abandonment.P", "entrapment.P",
                           "disarmament.A", "disarmed.A", "forecast.strategy", "outcome_alone.aim",
                           "outcome_allied.aim", "position.C.strategy"})
    EXPECT_EQ(r.at(name).size(), 11u) << name;
  EXPECT_EQ(r.events.at(2001), std::vector<std::string>{"nothing"});
}

// Fears switched off, so that positions move only by events.
const char* kStill = "  parameters: {abandonment_response: 0, entrapment_response: 0}\n";

TEST(Simulation, AnElectionSwapsTheStatesStance) {
  const sim::Run r =
      run(load(tiny("  - {name: hawks-win, date: 2004-02-25, source: test, set: [{in_office: {state: C, faction: C-hawk}}]}\n", kStill)));
  EXPECT_EQ(r.value("position.C.strategy", 2003), 80);
  EXPECT_EQ(r.value("position.C.strategy", 2004), 25);
  EXPECT_EQ(r.value("position.C.aim", 2004), 35);
  // The hawks agree with the patron, so the client's autonomy cost falls.
  EXPECT_LT(r.value("autonomy_cost.C", 2004), r.value("autonomy_cost.C", 2003));
}

TEST(Simulation, AnIncidentLowersSupportWhichRecoversAtItsHalfLife) {
  const std::string shock = "  - {name: incident, date: 2005-06-13, source: test, set: [{public_shock: {member: C, size: -0.2}}]}\n";
  // With no win-set band (width 0) support does not feed back into the domestic term, so the
  // shock leaves the publics' base as it is.
  const std::string no_band = "  parameters: {shock_half_life: 1, winset_width: 0}\n";
  const sim::Run base = run(load(tiny(kQuiet, no_band)));
  const sim::Run hit = run(load(tiny(shock, no_band)));
  for (int y = 2000; y < 2005; ++y) EXPECT_EQ(hit.value("public_support.C", y), base.value("public_support.C", y));
  // The overlay is additive and decays by half each year.
  for (int y = 2005; y <= 2010; ++y)
    EXPECT_NEAR(hit.value("public_support.C", y) - base.value("public_support.C", y),
                -0.2 * std::exp2(-(y - 2005)), 1e-12) << y;
}

TEST(Survival, IsTheProductOfTheYearsOneMinusHazardAndNeverRises) {
  for (const char* model : {"median", "mean", "eu", "smp"}) {
    const sim::Run r = run_with(load(tiny(kQuiet)), model);
    double survival = 1;
    for (std::size_t i = 0; i < r.years.size(); ++i) {
      survival *= 1 - r.at("strain")[i];
      EXPECT_NEAR(r.at("survival")[i], survival, 1e-12) << model << " " << r.years[i];
      if (i > 0) {
        EXPECT_LE(r.at("survival")[i], r.at("survival")[i - 1]) << model;
      }
      EXPECT_NEAR(1 - r.at("strain")[i], (1 - r.at("strain.P")[i]) * (1 - r.at("strain.C")[i]), 1e-12);
    }
    EXPECT_FALSE(r.retreat_year.has_value()) << "a point run reports survival, it does not end the alliance";
  }
}

TEST(Survival, ASampledRunEndsTheAllianceWhereSurvivalFallsBelowTheDraw) {
  // A patron that takes over the client's strategy and withdraws its guarantees: the client's
  // value falls and its hazard rises, so survival falls below ½ within the run.
  const std::string takeover =
      "  - {name: takeover, date: 2003, source: test, set: [{leadership: {issue: strategy, share: 1}}, "
      "{troops: 0}, {umbrella: 0}]}\n";
  TimeScenario t = load(tiny(takeover, "  parameters: {kappa_treaty: 0.05, hazard_slope: 40, renegotiation_speed: 0}\n"));
  const sim::Run point = run(t);
  ASSERT_LT(point.at("survival").back(), 0.5);
  t.ending_draw = 0.5;
  const sim::Run sampled = run(t);
  // The first year whose survival falls below the draw, from the point run (same path until then).
  int expected = 0;
  for (std::size_t i = 0; i < point.years.size() && !expected; ++i)
    if (point.at("survival")[i] < 0.5) expected = point.years[i];
  ASSERT_TRUE(sampled.retreat_year.has_value());
  EXPECT_EQ(*sampled.retreat_year, expected);
  for (std::size_t i = 0; i < sampled.years.size(); ++i) {
    const int y = sampled.years[i];
    if (y <= expected) {
      EXPECT_EQ(sampled.at("strain")[i], point.at("strain")[i]) << y;
      EXPECT_EQ(sampled.at("in_force")[i], 1) << y;
      continue;
    }
    // Later years run without the alliance: no hazard, no value, one bargain.
    EXPECT_EQ(sampled.at("in_force")[i], 0) << y;
    EXPECT_EQ(sampled.at("strain")[i], 0) << y;
    EXPECT_EQ(sampled.at("net_value.C")[i], 0) << y;
    EXPECT_EQ(sampled.at("outcome_alone.aim")[i], sampled.at("outcome_allied.aim")[i]) << y;
  }
  // A draw of 0 lies below every year's survival: the alliance never ends.
  t.ending_draw = 0.0;
  EXPECT_FALSE(run(t).retreat_year.has_value());
}

TEST(Simulation, TheTwoBargainsAreEqualWithoutTheAlliance) {
  const std::string lapse = "  - {name: lapse, date: 2000, source: test, set: [{treaty: 0}]}\n";
  for (const char* model : {"mean", "smp"}) {
    const sim::Run r = run_with(load(tiny(lapse)), model);
    for (std::size_t i = 0; i < r.years.size(); ++i) {
      for (const char* issue : {"strategy", "aim"})
        EXPECT_EQ(r.at(std::string("outcome_alone.") + issue)[i], r.at(std::string("outcome_allied.") + issue)[i]);
      EXPECT_EQ(r.at("strain")[i], 0);
      EXPECT_EQ(r.at("survival")[i], 1);
    }
  }
}

TEST(Simulation, RenegotiationMovesTheTermsTowardTheStrainedClient) {
  // Full patron leadership over a client that disagrees and gains no security (no troops, no
  // umbrella, a weak treaty): the client's hazard exceeds the base rate, so λ falls toward
  // the bargain; with renegotiation switched off it stays.
  const std::string takeover =
      "  - {name: takeover, date: 2002, source: test, set: [{leadership: {issue: strategy, share: 1}}, "
      "{troops: 0}, {umbrella: 0}]}\n";
  const sim::Run moving = run(load(tiny(takeover, "  parameters: {kappa_treaty: 0.05}\n")));
  const sim::Run fixed = run(load(tiny(takeover, "  parameters: {kappa_treaty: 0.05, renegotiation_speed: 0}\n")));
  ASSERT_GT(moving.value("strain.C", 2002), alliance::hazard(alliance::Parameters{}, 0));
  EXPECT_EQ(fixed.value("leadership.strategy", 2010), 1);
  EXPECT_LT(moving.value("leadership.strategy", 2003), 1);
  EXPECT_LT(moving.value("leadership.strategy", 2010), moving.value("leadership.strategy", 2003));
  EXPECT_LT(moving.value("strain.C", 2010), fixed.value("strain.C", 2010));
}

TEST(Simulation, CredibilityShiftsFadeWithTheirHalfLife) {
  const std::string shake = "  - {name: shake, date: 2004, source: test, set: [{credibility: -0.2}]}\n";
  const std::string params = "  parameters: {credibility_half_life: 2}\n";
  const sim::Run base = run(load(tiny(kQuiet, params)));
  const sim::Run hit = run(load(tiny(shake, params)));
  // While κ is not clamped the shift shows as itself, halving every two years.
  for (int y = 2004; y <= 2010; ++y)
    EXPECT_NEAR(hit.value("credibility", y) - base.value("credibility", y), -0.2 * std::exp2(-(y - 2004) / 2.0), 1e-12) << y;
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
      {"  - {name: power, date: 2003, source: s, set: [{bargaining_power: 1.5}]}\n", "strictly between 0 and 1"},
      {"  - {name: camp, date: 2003, source: s, set: [{camp_weight: {faction: C-dove, weight: 2}}]}\n", "outside 0..1"},
      {"  - {name: camp, date: 2003, source: s, set: [{camp_weight: {faction: P, weight: 0.5}}]}\n", "not a faction"},
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

TEST(TimelineValidation, RejectsBadScopesOutcomesAloneAndPublics) {
  struct Case { std::string from, to, mentions; };
  const Case cases[] = {
      {"    owner: C\n", "    owner: C\n    scope: global\n", "national or regional"},
      {"    owner: C\n", "    owner: C\n    alone: 140\n", "outside the issue's scale"},
      {"    owner: C\n", "    owner: C\n    scope: regional\n    alone: 50\n", "regional issue"},
      {"    role: goal\n", "    role: goal\n    alone: 50\n", "give the issue an owner"},
      {"C: {anchor: 0.7}", "C: {anchor: 0.7, camps: {C-dove: 1.5}}", "camp weights"},
      {"C: {anchor: 0.7}", "C: {anchor: 0.7, camps: {P: 0.5}}", "not a faction of this member"},
      {"C: {anchor: 0.7}", "C: {anchor: 0.7, stances: {aim: {position: 120, salience: 10}}}", "outside the issue's scale"},
      {"C: {anchor: 0.7}", "C: {anchor: 0.7, surveys: [{item: x, year: 2003, value: 0.5, measures: mood, source: s}]}",
       "alliance_support or favourability"},
  };
  for (const auto& c : cases) {
    std::string yaml = tiny(kQuiet);
    const auto at = yaml.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    yaml.replace(at, c.from.size(), c.to);
    try {
      load(yaml);
      ADD_FAILURE() << "accepted: " << c.to;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(c.mentions), std::string::npos) << e.what();
    }
  }
}

TEST(Publics, AreTheirOwnStancesOrTheirCampsWeightedByVoteShare) {
  // The client's public built from its camps: with all the weight on the hawks (who agree with
  // the patron), the dovish government's joint line lies outside the public's win-set less
  // than with a dovish public.
  const auto with_camps = [](const std::string& camps) {
    std::string yaml = tiny(kQuiet, kStill);
    yaml.replace(yaml.find("C: {anchor: 0.7}"), 16, "C: {anchor: 0.7, camps: " + camps + "}");
    return run(load(yaml));
  };
  const sim::Run doves = with_camps("{C-dove: 1}"), hawks = with_camps("{C-hawk: 1}");
  const sim::Run own = run(load(tiny(kQuiet, kStill)));
  // A public of doves only stands where the dovish government stands.
  EXPECT_EQ(doves.at("winset_distance.C"), own.at("winset_distance.C"));
  EXPECT_NE(hawks.at("winset_distance.C"), doves.at("winset_distance.C"));
  EXPECT_NE(hawks.at("public_value.C"), doves.at("public_value.C"));
}

// The bargaining model decides: on the Korean scenario, smp and the weighted mean give
// different outcomes with the alliance and so different values and strain.
TEST(Korea, StrainDependsOnTheBargainingModel) {
  const TimeScenario t = load_timeline(std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml");
  const sim::Run smp = run_with(t, "smp"), mean = run_with(t, "mean");
  int strain_years = 0, value_years = 0;
  for (std::size_t i = 0; i < smp.years.size(); ++i) {
    if (std::abs(smp.at("strain")[i] - mean.at("strain")[i]) > 1e-5) ++strain_years;
    if (std::abs(smp.at("net_value.ROK")[i] - mean.at("net_value.ROK")[i]) > 0.01) ++value_years;
  }
  EXPECT_GE(strain_years, 10);
  EXPECT_GE(value_years, 10);
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
