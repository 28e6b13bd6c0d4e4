// The alliance model's second form, one year at a time, on a small synthetic alliance: the
// joint line and the policy value by hand, the hazard's range and base rate, the properties
// the guide asks for (a member with no stake, doubled saliences, the alliance removed, zero
// fears), Kalai's bargain against its closed form, and the adversary's hazard.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "alliance/alliance.h"

namespace entente::alliance {
namespace {

// Patron 0, client 1, adversary 2, one backer 3. Issue 0: the client's strategy toward the
// adversary (national, managed, owned by the client). Issue 1: a regional goal (managed,
// settled by bargaining). Issue 2: a goal nobody manages.
struct Fixture {
  Setup setup;
  Parameters params;
  YearState year;
  Fixture() {
    setup.patron = 0;
    setup.client = 1;
    setup.adversary = 2;
    setup.backers = {3};
    setup.issues = {{.role = IssueRole::Strategy, .owner = 1, .scope = IssueScope::National, .alone = {}},
                    {.role = IssueRole::Goal, .owner = 1, .scope = IssueScope::Regional, .alone = {}},
                    {.role = IssueRole::Goal, .owner = -1, .scope = IssueScope::National, .alone = {}}};
    year.capability = {0.15, 0.02, 0.01, 0.10};
    year.stances = {{20, 0.4}, {10, 0.3}, {50, 0.1},   // patron: coercion, transformation
                    {80, 0.4}, {60, 0.3}, {50, 0.1},   // client: engagement, coexistence
                    {90, 0.4}, {90, 0.3}, {90, 0.1},   // adversary
                    {70, 0.4}, {70, 0.3}, {70, 0.1}};  // backer
    year.leadership = {0.5, 0.5, 0.5};
    year.troops = 37000;
    year.umbrella = 1;
    year.backer_weight = {0.5};
    year.democracy[0] = year.democracy[1] = 0.8;
    year.outcome_alone = {50, 40, 60};   // the bargaining runs, as the sim would give them
    year.outcome_allied = {50, 45, 60};
    for (int i = 0; i < 2; ++i) year.public_stances[i] = {year.stances[i * 3], year.stances[i * 3 + 1], year.stances[i * 3 + 2]};
  }
  AllianceYear eval() const { return evaluate(setup, params, year); }
};

TEST(JointLine, IsTheLeadershipWeightedCompromiseOnManagedIssues) {
  Fixture f;
  f.year.leadership = {0.9, 0.25, 0.5};
  const auto z = joint_line(f.setup, f.year);
  EXPECT_NEAR(z[0], 0.9 * 20 + 0.1 * 80, 1e-12);   // 26
  EXPECT_NEAR(z[1], 0.25 * 10 + 0.75 * 60, 1e-12);  // 47.5
}

TEST(PolicyValue, ByHandOnANationalAndARegionalIssue) {
  Fixture f;
  f.year.leadership = {0.9, 0.5, 0.5};
  const AllianceYear y = f.eval();
  // National issue 0: F⁰ = the owner's (client's) 80, F¹ = z = 26.
  EXPECT_DOUBLE_EQ(y.outcome_alone[0], 80);
  EXPECT_NEAR(y.outcome_allied[0], 26, 1e-12);
  // The client concedes 0.4·|80 − 26|/100 = 0.216; the patron gains 0.4·(60 − 6)/100 = 0.216.
  EXPECT_NEAR(y.member[1].national_value, -0.216, 1e-12);
  EXPECT_NEAR(y.member[0].national_value, 0.216, 1e-12);
  EXPECT_NEAR(y.member[1].autonomy_cost, 0.216, 1e-12);
  EXPECT_NEAR(y.member[0].autonomy_gain, 0.216, 1e-12);
  // Regional issue 1: F⁰ = 40, F¹ = 45 (the bargains): the client at 60 gains 0.3·5/100, the
  // patron at 10 loses as much. Unmanaged issue 2: F⁰ = F¹ = 60, nothing moves.
  EXPECT_NEAR(y.member[1].regional_value, 0.015, 1e-12);
  EXPECT_NEAR(y.member[0].regional_value, -0.015, 1e-12);
  for (const auto& m : y.member) EXPECT_NEAR(m.policy_value, m.national_value + m.regional_value, 1e-15);
}

TEST(PolicyValue, AStatedOutcomeAloneGivesBothMembersAStake) {
  // A posture issue owned by the patron whose outcome alone is 100 (no forces stationed):
  // both members want a forward presence (0), so both gain from the joint line.
  Fixture f;
  f.setup.issues[0] = {.role = IssueRole::Posture, .owner = 0, .scope = IssueScope::National, .alone = 100.0};
  f.year.stances[0] = {0, 0.4};
  f.year.stances[3] = {10, 0.4};
  f.year.leadership[0] = 0.8;  // z = 0.8·0 + 0.2·10 = 2
  const AllianceYear y = f.eval();
  EXPECT_NEAR(y.member[0].national_value, 0.4 * (100 - 2) / 100, 1e-12);
  EXPECT_NEAR(y.member[1].national_value, 0.4 * (90 - 8) / 100, 1e-12);
}

TEST(NetValue, IsTheSumOfItsTermsInOneUnit) {
  Fixture f;
  f.year.contribution[0] = 0.4;
  f.year.public_support[1] = 0.2;  // a narrow win-set: the joint line costs at home
  const AllianceYear y = f.eval();
  for (int i = 0; i < 2; ++i) {
    const MemberYear& m = y.member[i];
    EXPECT_NEAR(m.net_value, m.policy_value + m.security + m.contribution - m.domestic_cost, 1e-15);
    EXPECT_NEAR(m.security, f.params.security_weight * m.security_gain, 1e-15);
    EXPECT_NEAR(m.domestic_cost, f.params.domestic_weight * 0.8 * m.winset_distance, 1e-15);
  }
  EXPECT_NEAR(y.member[0].contribution, f.params.contribution_weight * 0.4, 1e-15);
  // The client's public at 80 on strategy with a ±25·0.2 = ±5 win-set; z = 50 lies 25 outside
  // (0.4·25/100); on issue 1 (public at 60, z = 35) 20 outside (0.3·20/100).
  EXPECT_NEAR(y.member[1].winset_distance, 0.4 * 25 / 100 + 0.3 * 20 / 100, 1e-12);
}

TEST(Credibility, IsANoisyOrOfTheGuaranteesPlusShifts) {
  Fixture f;
  const Parameters& p = f.params;
  const double trip = 1 - std::exp(-37000 / p.troop_scale);
  const double base = 1 - (1 - 0.4) * (1 - 0.3) * (1 - 0.3 * trip);
  EXPECT_NEAR(credibility(p, f.year), base, 1e-12);
  EXPECT_LT(base, 1);  // no guarantee is certain, so a positive shift still registers
  f.year.credibility_shift = 0.05;
  EXPECT_NEAR(credibility(p, f.year), base + 0.05, 1e-12);
  f.year.in_force = false;
  EXPECT_EQ(credibility(p, f.year), 0);
}

TEST(Hazard, IsTheBaseRateAtZeroValueAndFallsAsValueRises) {
  Parameters p;
  EXPECT_NEAR(hazard(p, 0), p.exit_base_rate, 1e-15);
  EXPECT_LT(hazard(p, 0.5), hazard(p, 0));
  EXPECT_GT(hazard(p, -0.5), hazard(p, 0));
  // A fall of V by 1/b multiplies the odds by e (the logistic link's slope).
  const auto odds = [&](double v) { return hazard(p, v) / (1 - hazard(p, v)); };
  EXPECT_NEAR(odds(-1 / p.hazard_slope) / odds(0), std::exp(1), 1e-9);
}

// The guide's property tests over random years: hazards in [0, 1], the alliance's hazard
// their union, every value finite.
TEST(Properties, HazardsLieInTheUnitIntervalWhateverTheInputs) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  Fixture f;
  for (int i = 0; i < 20000; ++i) {
    for (auto& c : f.year.capability) c = u(rng) < 0.05 ? 0 : std::pow(10, -4 * u(rng));
    for (auto& s : f.year.stances) s = {100 * u(rng), u(rng) / 3};
    for (int m = 0; m < 2; ++m)
      for (auto& s : f.year.public_stances[m]) s = {100 * u(rng), u(rng) / 3};
    f.year.leadership = {u(rng), u(rng), u(rng)};
    f.year.outcome_alone = {100 * u(rng), 100 * u(rng), 100 * u(rng)};
    f.year.outcome_allied = {100 * u(rng), 100 * u(rng), 100 * u(rng)};
    f.year.troops = u(rng) < 0.1 ? 0 : 1e5 * u(rng);
    f.year.umbrella = u(rng);
    f.year.credibility_shift = 2 * u(rng) - 1;
    f.year.backer_weight = {u(rng)};
    f.year.public_support[0] = u(rng);
    f.year.public_support[1] = u(rng);
    f.year.contribution[0] = u(rng);
    f.year.in_force = u(rng) > 0.1;
    f.params.contest_exponent = 0.5 + 2 * u(rng);
    f.params.hazard_slope = 20 * u(rng);
    const AllianceYear y = f.eval();
    ASSERT_GE(y.strain, 0);
    ASSERT_LE(y.strain, 1);
    ASSERT_NEAR(y.strain, 1 - (1 - y.member[0].strain) * (1 - y.member[1].strain), 1e-15);
    for (const auto& m : y.member) {
      ASSERT_GE(m.strain, 0);
      ASSERT_LE(m.strain, 1);
      ASSERT_TRUE(std::isfinite(m.net_value));
    }
    ASSERT_GE(y.disarmament, 0);
    ASSERT_LE(y.disarmament, 1);
    ASSERT_GE(y.s_score, -1);
    ASSERT_LE(y.s_score, 1);
  }
}

TEST(Properties, AMemberWithNoStakeHasNoStrainBeyondTheBaseRate) {
  Fixture f;
  for (int k = 0; k < 3; ++k) {
    f.year.stances[3 + k].salience = 0;         // the client cares about no issue
    f.year.public_stances[1][k].salience = 0;   // nor does its public
  }
  f.params.security_weight = 0;  // and security is worth nothing to it
  const AllianceYear y = f.eval();
  EXPECT_EQ(y.member[1].policy_value, 0);
  EXPECT_EQ(y.member[1].domestic_cost, 0);
  EXPECT_EQ(y.member[1].net_value, 0);
  EXPECT_NEAR(y.member[1].strain, f.params.exit_base_rate, 1e-15);
}

TEST(Properties, DoublingAMembersSaliencesKeepsItsPolicyValuesSign) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  Fixture f;
  for (int i = 0; i < 2000; ++i) {
    for (auto& s : f.year.stances) s = {100 * u(rng), u(rng) / 3};
    f.year.leadership = {u(rng), u(rng), u(rng)};
    f.year.outcome_alone = {100 * u(rng), 100 * u(rng), 100 * u(rng)};
    f.year.outcome_allied = {100 * u(rng), 100 * u(rng), 100 * u(rng)};
    const double once = f.eval().member[1].policy_value;
    Fixture g = f;
    for (int k = 0; k < 3; ++k) g.year.stances[3 + k].salience *= 2;
    // The joint line depends on positions and λ only, so the value doubles exactly.
    const double twice = g.eval().member[1].policy_value;
    ASSERT_EQ(once > 0, twice > 0) << i;
    ASSERT_EQ(once < 0, twice < 0) << i;
    ASSERT_NEAR(twice, 2 * once, 1e-12) << i;
  }
}

TEST(Properties, TheTwoBargainsAreEqualWhenTheAllianceIsRemoved) {
  Fixture f;
  f.year.in_force = false;
  const auto z = joint_line(f.setup, f.year);
  // The run "with the alliance" uses the members' own stances: the same bargain.
  const auto stances = allied_stances(f.setup, f.year, z);
  ASSERT_EQ(stances.size(), f.year.stances.size());
  for (std::size_t i = 0; i < stances.size(); ++i) EXPECT_EQ(stances[i].position, f.year.stances[i].position);
  const AllianceYear y = f.eval();
  EXPECT_EQ(y.outcome_alone, y.outcome_allied);
  for (const auto& m : y.member) {
    EXPECT_EQ(m.policy_value, 0);
    EXPECT_EQ(m.security, 0);
    EXPECT_EQ(m.contribution, 0);
    EXPECT_EQ(m.strain, 0);
  }
  EXPECT_EQ(y.strain, 0);
  // In force, the members take the joint line on managed issues only.
  f.year.in_force = true;
  const auto allied = allied_stances(f.setup, f.year, z);
  EXPECT_EQ(allied[0 * 3 + 0].position, z[0]);
  EXPECT_EQ(allied[1 * 3 + 1].position, z[1]);
  EXPECT_EQ(allied[1 * 3 + 2].position, f.year.stances[1 * 3 + 2].position);
}

TEST(Properties, ZeroDynamicsWhenBothFearsAreZero) {
  Fixture f;
  f.year.stances[0].position = f.year.stances[3].position = 40;  // no strategy gap: no entrapment
  f.year.credibility_shift = 1;                                  // κ = 1: no abandonment
  const AllianceYear y = f.eval();
  for (const auto& m : y.member) {
    EXPECT_EQ(m.abandonment, 0);
    EXPECT_EQ(m.entrapment, 0);
  }
  const PositionMoves moves = position_moves(f.setup, f.params, f.year, y);
  for (const auto& member : moves.move)
    for (double m : member) EXPECT_EQ(m, 0);
}

TEST(Snyder, AbandonmentPullsTheClientTowardItsPatronAndEntrapmentPushesItAway) {
  Fixture f;
  f.year.troops = 0;
  f.year.umbrella = 0;  // κ = κ_treaty: the client doubts its patron
  f.year.stances[0].position = f.year.stances[3].position = 40;  // no entrapment
  AllianceYear y = f.eval();
  ASSERT_GT(y.member[1].abandonment, 0);
  PositionMoves moves = position_moves(f.setup, f.params, f.year, y);
  // On the regional goal the patron is at 10, the client at 60: the client moves down by
  // α_A·A·(10 − 60).
  EXPECT_NEAR(moves.move[1][1], f.params.abandonment_response * y.member[1].abandonment * (10 - 60), 1e-12);
  EXPECT_EQ(moves.move[1][2], 0);  // unmanaged issues do not move
  // A patron leading a more coercive strategy (20 against the client's 80) entraps the client.
  f.year.stances[0].position = 20;
  f.year.stances[3].position = 80;
  f.year.credibility_shift = 1;
  f.year.leadership[0] = 0.9;
  y = f.eval();
  ASSERT_EQ(y.member[1].abandonment, 0);
  const double alone = contest(0.02, y.threat, 1);
  EXPECT_NEAR(y.member[1].entrapment, (1 - alone) * 0.4 * 0.9 * 60 / 100, 1e-12);
  moves = position_moves(f.setup, f.params, f.year, y);
  EXPECT_GT(moves.move[1][0], 0);  // away from the patron's 20
}

// Kalai (1977) on one national issue owned by the client, against its closed form. With
// V_P = A + aλ, V_C = B − cλ (a = s_P D/100, c = s_C D/100, D = |x_P − x_C|) the asymmetric
// Nash product β ln V_P + (1 − β) ln V_C peaks at λ* = (βaB − (1 − β)cA)/(ac).
TEST(Renegotiation, FindsTheAsymmetricNashBargainOnOneIssue) {
  alliance::Setup s;
  s.patron = 0;
  s.client = 1;
  s.adversary = 2;
  s.issues = {{.role = IssueRole::Strategy, .owner = 1, .scope = IssueScope::National, .alone = {}}};
  Parameters p;
  p.security_weight = 0;
  p.contribution_weight = 1;
  YearState y;
  y.capability = {0.1, 0.02, 0.01};
  y.stances = {{20, 0.5}, {80, 0.5}, {90, 0.5}};
  y.leadership = {0.5};
  y.contribution[0] = 0.05;  // A = 0.05
  y.contribution[1] = 0.40;  // B = 0.40
  y.outcome_alone = y.outcome_allied = {50};
  for (int i = 0; i < 2; ++i) y.public_stances[i] = {y.stances[i]};
  const double a = 0.5 * 60 / 100, c = 0.5 * 60 / 100, A = 0.05, B = 0.40;
  for (double beta : {0.3, 0.5, 0.7}) {
    p.renegotiation_power = beta;
    const AllianceYear out = evaluate(s, p, y);
    const double expected = std::clamp((beta * a * B - (1 - beta) * c * A) / (a * c), 0.0, 1.0);
    EXPECT_NEAR(nash_leadership(s, p, y, out)[0], expected, 0.006) << beta;
  }
  // A member whose value is negative everywhere: the terms that leave it best off.
  y.contribution[1] = 0;
  p.renegotiation_power = 0.5;
  y.leadership = {0.9};
  EXPECT_NEAR(nash_leadership(s, p, y, evaluate(s, p, y))[0], 0, 1e-12);
}

TEST(Renegotiation, LeavesTermsAloneWithoutAnAlliance) {
  Fixture f;
  f.year.in_force = false;
  f.year.leadership = {0.7, 0.3, 0.5};
  EXPECT_EQ(nash_leadership(f.setup, f.params, f.year, f.eval()), f.year.leadership);
}

TEST(Dilemma, TheAdversarysHazardIsItsBaseRateWhenIndifferent) {
  Parameters p;
  EXPECT_NEAR(disarmament_hazard(p, 0.5, 0.5), p.dilemma_base_rate, 1e-15);  // ε e = δ g
  EXPECT_GT(disarmament_hazard(p, 0.9, 0.5), disarmament_hazard(p, 0.1, 0.5));
  EXPECT_LT(disarmament_hazard(p, 0.5, 0.9), disarmament_hazard(p, 0.5, 0.1));
  // In the alliance: a more engaging joint strategy makes disarmament likelier.
  Fixture f;
  f.year.leadership[0] = 0.9;
  const double coercive = f.eval().disarmament;
  f.year.leadership[0] = 0.1;
  const AllianceYear engaging = f.eval();
  EXPECT_GT(engaging.disarmament, coercive);
  EXPECT_GT(engaging.adversary_exposure, 0);
  EXPECT_LT(engaging.adversary_exposure, 1);
}

TEST(Contest, ByHand) {
  EXPECT_DOUBLE_EQ(contest(1, 1, 1), 0.5);
  EXPECT_DOUBLE_EQ(contest(3, 1, 1), 0.75);
  EXPECT_DOUBLE_EQ(contest(3, 1, 2), 0.9);
  EXPECT_DOUBLE_EQ(contest(0, 0, 1), 0.5);
}

TEST(Divergence, AndSScoreByHand) {
  Fixture f;
  const AllianceYear y = f.eval();
  // Strategy: |20 − 80| = 60 with mean salience 0.4; goals: |10 − 60| = 50 (0.3), 0 (0.1).
  EXPECT_NEAR(y.divergence_strategies, 0.6, 1e-12);
  EXPECT_NEAR(y.divergence_goals, (0.3 * 50) / (100 * 0.4), 1e-12);
  EXPECT_NEAR(y.s_score, 1 - 2 * (0.4 * 60 + 0.3 * 50) / (0.8 * 100), 1e-12);
}

TEST(Publics, ShocksAndCredibilityShiftsHalveEveryHalfLife) {
  Parameters p;
  p.shock_half_life = 1;
  EXPECT_DOUBLE_EQ(decayed_shock(p, -0.2, 0), -0.2);
  EXPECT_DOUBLE_EQ(decayed_shock(p, -0.2, 1), -0.1);
  EXPECT_DOUBLE_EQ(decayed_shock(p, -0.2, 3), -0.025);
  p.credibility_half_life = 3;
  EXPECT_DOUBLE_EQ(decayed_credibility(p, -0.1, 3), -0.05);
  EXPECT_DOUBLE_EQ(decayed_credibility(p, -0.1, 6), -0.025);
  p.public_half_life = 2;
  // Settling toward a target closes half the gap in two years.
  const double one = settle(p, 0.2, 1.0);
  EXPECT_NEAR(settle(p, one, 1.0), 0.6, 1e-12);
  // Support's target is the anchor when the public's value and the win-set are as at entry.
  EXPECT_NEAR(target_support(p, 0.7, 0.3, 0.3, 0.1, 0.1), 0.7, 1e-12);
  EXPECT_GT(target_support(p, 0.7, 0.5, 0.3, 0.1, 0.1), 0.7);
  EXPECT_LT(target_support(p, 0.7, 0.3, 0.3, 0.2, 0.1), 0.7);
}

}  // namespace
}  // namespace entente::alliance
