// The alliance model's mechanics, each on a small synthetic alliance (issue 3's list):
// leadership and autonomy, troops and security, Morrow's H2 direction, bounded strain.
#include <gtest/gtest.h>

#include <random>

#include "alliance/alliance.h"

namespace entente::alliance {
namespace {

// Patron 0, client 1, adversary 2, one backer 3; issue 0 is managed and owned by the client
// (its strategy toward the adversary), issue 1 is a goal nobody manages.
struct Fixture {
  Setup setup;
  Parameters params;
  YearState year;
  Fixture() {
    setup.patron = 0;
    setup.client = 1;
    setup.adversary = 2;
    setup.backers = {3};
    setup.issues = {{IssueRole::Strategy, 1}, {IssueRole::Goal, -1}};
    year.capability = {0.15, 0.02, 0.01, 0.10};
    year.stances = {{20, 0.5}, {10, 0.3},   // patron: coercion, transformation
                    {80, 0.5}, {60, 0.3},   // client: engagement, coexistence
                    {90, 0.5}, {90, 0.3},   // adversary
                    {70, 0.5}, {70, 0.3}};  // backer
    year.leadership = {0.5, 0.5};
    year.troops = 37000;
    year.umbrella = 1;
    year.backer_weight = {0.5};
    year.democracy[0] = year.democracy[1] = 0.8;
  }
  AllianceYear eval() const { return evaluate(setup, params, year); }
};

TEST(Alliance, PatronLeadershipRaisesTheClientsAutonomyCostWhenIdealsDiffer) {
  Fixture f;
  f.year.leadership[0] = 0.2;
  const double low = f.eval().member[1].autonomy_cost;
  f.year.leadership[0] = 0.9;
  const AllianceYear high = f.eval();
  EXPECT_GT(high.member[1].autonomy_cost, low);
  // What the client loses the patron gains, each by its own saliences: here both 0.5 of 0.8.
  EXPECT_GT(high.member[0].autonomy_gain, 0);
  // z = 0.9·20 + 0.1·80 = 26: the client gives up 54 of 100 points on a 0.5/0.8 issue.
  EXPECT_NEAR(high.member[1].autonomy_transfer, 0.5 * 54 / (100 * 0.5), 1e-12);
  EXPECT_NEAR(high.joint_policy[0], 26, 1e-12);
}

TEST(Alliance, LeadershipChangesNothingWhenIdealsAgree) {
  Fixture f;
  f.year.stances[0] = f.year.stances[2];  // the patron adopts the client's strategy
  f.year.leadership[0] = 0.1;
  const AllianceYear a = f.eval();
  f.year.leadership[0] = 1.0;
  const AllianceYear b = f.eval();
  EXPECT_EQ(a.member[1].autonomy_cost, b.member[1].autonomy_cost);
  EXPECT_EQ(a.member[1].autonomy_cost, 0);
  EXPECT_EQ(a.strain, b.strain);
}

TEST(Alliance, CuttingTroopsLowersTheClientsSecurityGain) {
  Fixture f;
  const double before = f.eval().member[1].security_gain;
  f.year.troops = 25000;
  const AllianceYear after = f.eval();
  EXPECT_LT(after.member[1].security_gain, before);
  EXPECT_LT(after.credibility, 1.0);
}

TEST(Alliance, CapabilityShiftTowardTheClientLowersItsSecurityGain) {
  // Morrow (1991), H2: as the weak partner grows, what the alliance adds to its security falls.
  Fixture f;
  const double before = f.eval().member[1].security_gain;
  f.year.capability[1] *= 3;
  EXPECT_LT(f.eval().member[1].security_gain, before);
}

TEST(Alliance, StrainIsHalfExactlyWhereLossesEqualGains) {
  Fixture f;
  for (int i = 0; i < 200; ++i) {
    f.year.leadership[0] = i / 199.0;
    const AllianceYear y = f.eval();
    for (const auto& m : y.member) {
      EXPECT_EQ(m.strain >= 0.5, m.losses >= m.gains) << i;
      EXPECT_NEAR(m.net_value, m.gains - m.losses, 1e-15);
    }
  }
}

TEST(Alliance, StrainStaysWithinZeroAndOneWhateverTheInputs) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  Fixture f;
  for (int i = 0; i < 20000; ++i) {
    for (auto& c : f.year.capability) c = u(rng) < 0.05 ? 0 : std::pow(10, -4 * u(rng));
    for (auto& s : f.year.stances) s = {100 * u(rng), u(rng) / 2};
    f.year.leadership = {u(rng), u(rng)};
    f.year.troops = u(rng) < 0.1 ? 0 : 1e5 * u(rng);
    f.year.umbrella = u(rng);
    f.year.credibility_shift = 2 * u(rng) - 1;
    f.year.backer_weight = {u(rng)};
    f.year.public_support[0] = u(rng);
    f.year.public_support[1] = u(rng);
    f.year.contribution[0] = u(rng);
    f.params.contest_exponent = 0.5 + 2 * u(rng);
    const AllianceYear y = f.eval();
    ASSERT_TRUE(std::isfinite(y.strain));
    ASSERT_GE(y.strain, 0);
    ASSERT_LE(y.strain, 1);
    for (const auto& m : y.member) {
      ASSERT_GE(m.strain, 0);
      ASSERT_LE(m.strain, 1);
      ASSERT_TRUE(std::isfinite(m.net_value));
    }
    ASSERT_GE(y.s_score, -1);
    ASSERT_LE(y.s_score, 1);
  }
}

TEST(Alliance, ContestFunction) {
  EXPECT_DOUBLE_EQ(contest(1, 1, 1), 0.5);
  EXPECT_DOUBLE_EQ(contest(3, 1, 1), 0.75);
  EXPECT_DOUBLE_EQ(contest(3, 1, 2), 0.9);
  EXPECT_DOUBLE_EQ(contest(0, 0, 1), 0.5);
}

TEST(Alliance, DivergenceAndSScoreByHand) {
  Fixture f;
  const AllianceYear y = f.eval();
  // Strategy: |20 − 80| = 60 points with mean salience 0.5; goal: |10 − 60| = 50 with 0.3.
  EXPECT_NEAR(y.divergence_strategies, 0.6, 1e-12);
  EXPECT_NEAR(y.divergence_goals, 0.5, 1e-12);
  // S = 1 − 2 (0.5·60 + 0.3·50) / (0.8 · 100) = 1 − 2·45/80
  EXPECT_NEAR(y.s_score, 1 - 2 * 45.0 / 80, 1e-12);
}

TEST(Publics, IncidentShockHalvesEveryHalfLife) {
  Parameters p;
  p.shock_half_life = 1;
  EXPECT_DOUBLE_EQ(decayed_shock(p, -0.2, 0), -0.2);
  EXPECT_DOUBLE_EQ(decayed_shock(p, -0.2, 1), -0.1);
  EXPECT_DOUBLE_EQ(decayed_shock(p, -0.2, 3), -0.025);
  p.public_half_life = 2;
  // Settling toward a target closes half the gap in two years.
  const double one = settle(p, 0.2, 1.0);
  EXPECT_NEAR(settle(p, one, 1.0), 0.6, 1e-12);
}

}  // namespace
}  // namespace entente::alliance

namespace entente::alliance {
namespace {

TEST(Dilemma, EngagementRaisesAndExposureLowersTheChanceOfDisarmament) {
  Parameters p;
  EXPECT_DOUBLE_EQ(disarmament_probability(p, 0.5, 0.5), 0.5);  // ε e = δ g: indifferent
  EXPECT_GT(disarmament_probability(p, 0.9, 0.5), disarmament_probability(p, 0.1, 0.5));
  EXPECT_LT(disarmament_probability(p, 0.5, 0.9), disarmament_probability(p, 0.5, 0.1));
  // In the alliance: a more engaging joint strategy makes disarmament likelier.
  alliance::Setup setup;
  setup.patron = 0;
  setup.client = 1;
  setup.adversary = 2;
  setup.issues = {{IssueRole::Strategy, 1}};
  YearState y;
  y.capability = {0.15, 0.02, 0.01};
  y.stances = {{10, 0.5}, {90, 0.5}, {90, 0.5}};
  y.leadership = {0.9};
  y.troops = 30000;
  const double coercive = evaluate(setup, p, y).disarmament;
  y.leadership = {0.1};
  const AllianceYear engaging = evaluate(setup, p, y);
  EXPECT_GT(engaging.disarmament, coercive);
  EXPECT_GT(engaging.adversary_exposure, 0);
  EXPECT_LT(engaging.adversary_exposure, 1);
}

}  // namespace
}  // namespace entente::alliance
