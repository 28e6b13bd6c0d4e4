// KTAB's Spatial Model of Politics (src/bargaining/smp.cpp): each formula by hand, KTAB's own
// results on its sample inputs (docs/models/smp.md "Reference results" and "Details an exact
// match depends on"), input limits, and determinism across thread counts and seeds.
#include "bargaining/smp.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "bargaining/model.h"
#include "io/scenario_io.h"

namespace entente {
namespace {

const std::string kKtab = std::string(ENTENTE_REFERENCE_DIR) + "/ktab/";

smp::Run run_file(const std::string& file, const smp::Settings& settings = {}, RunOptions options = {}) {
  const Scenario s = load_scenario(kKtab + file);
  return smp::run(smp::actors_from(s), smp::unit_positions(s), settings, options);
}

// A small scenario typed in: n actors on `dims` issues of scale 0..top.
Scenario by_hand(std::size_t n, std::size_t dims, double top = 100) {
  Scenario s;
  s.name = "by-hand";
  s.provenance.file = "by-hand.csv";
  for (std::size_t k = 0; k < dims; ++k) s.issues.push_back(Issue{"i" + std::to_string(k), "", 0, top, "", ""});
  for (std::size_t a = 0; a < n; ++a) {
    s.actors.push_back({"a" + std::to_string(a), "", 10.0 + 7.0 * static_cast<double>(a % 5)});
    for (std::size_t k = 0; k < dims; ++k)
      s.stances.push_back({top * static_cast<double>((a * 37 + k * 11) % 101) / 100.0,
                           (0.2 + 0.1 * static_cast<double>((a + k) % 7)) / static_cast<double>(dims)});
  }
  return s;
}

// ----------------------------------------------------------------------------- Formulas

TEST(SmpFormula, BvDiffWeighsBySalienceAndNormalisesBySumOfSquares) {
  const double ideal[] = {0.2, 0.8}, pos[] = {0.5, 0.4}, sal[] = {0.3, 0.6};
  // ((−0.3·0.3)² + (0.4·0.6)²) / (0.3² + 0.6²)
  EXPECT_NEAR(smp::bv_diff(ideal, pos, sal, 2), std::sqrt((0.0081 + 0.0576) / 0.45), 1e-15);
  // One issue: the plain distance, whatever the salience.
  const double y[] = {0.7}, x[] = {0.25}, s[] = {0.05};
  EXPECT_NEAR(smp::bv_diff(y, x, s, 1), 0.45, 1e-15);
}

TEST(SmpFormula, BsUtil) {
  EXPECT_DOUBLE_EQ(smp::bs_util(0.25, 0.5), 0.75 * 1.125);
  EXPECT_DOUBLE_EQ(smp::bs_util(0.0, -0.5), 1.0);
  EXPECT_DOUBLE_EQ(smp::bs_util(1.0, 1.0), 0.0);
  EXPECT_DOUBLE_EQ(smp::bs_util(0.5, -0.5), 0.375);
  EXPECT_DOUBLE_EQ(smp::bs_util(1.5, 0.2), -0.5 * 1.2);  // beyond 1: (1 − d)(1 + R)
}

TEST(SmpFormula, VoteRules) {
  using smp::VotingRule;
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::Prop, 2, 0.7, 0.4), 2 * (0.7 - 0.4));
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::Binary, 2, 0.7, 0.4), 2);
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::Binary, 2, 0.4, 0.7), -2);
  EXPECT_NEAR(smp::vote(VotingRule::Binary, 2, 0.5 + 5e-9, 0.5), 1.0, 1e-6);  // clip(Δ/1e-8)
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::PropBin, 2, 0.7, 0.4), 2 * (0.8 * (0.7 - 0.4) + 0.2));
  const double du = 0.7 - 0.4;
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::PropCbc, 2, 0.7, 0.4), 2 * (0.5 * du + 0.5 * du * du * du));
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::Cubic, 2, 0.7, 0.4), 2 * du * du * du);
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::AsymProsp, 3, 0.7, 0.4), 2.0 * 3 * du / 3.0);  // gains × 2/3
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::AsymProsp, 3, 0.4, 0.7), -3 * du);            // losses in full
  EXPECT_DOUBLE_EQ(smp::vote(VotingRule::AsymProsp, 3, 0.4, 0.4), 0);
}

TEST(SmpFormula, VictoryProbability) {
  using smp::VictoryModel;
  EXPECT_DOUBLE_EQ(smp::victory_prob(VictoryModel::Linear, 3, 1).first, 0.75);
  EXPECT_DOUBLE_EQ(smp::victory_prob(VictoryModel::Linear, 3, 1).second, 0.25);
  EXPECT_DOUBLE_EQ(smp::victory_prob(VictoryModel::Square, 3, 1).first, 0.9);
  EXPECT_DOUBLE_EQ(smp::victory_prob(VictoryModel::Quartic, 3, 1).first, 81.0 / 82.0);
  EXPECT_DOUBLE_EQ(smp::victory_prob(VictoryModel::Octic, 3, 1).first, 6561.0 / 6562.0);
  // Binary: a 10% edge wins all but 1e-6; an even contest is a coin toss; in between a ramp.
  EXPECT_DOUBLE_EQ(smp::victory_prob(VictoryModel::Binary, 1.1, 1).first, 1 / (1 + 1e-6));
  EXPECT_DOUBLE_EQ(smp::victory_prob(VictoryModel::Binary, 1, 1.2).second, 1 / (1 + 1e-6));
  EXPECT_NEAR(smp::victory_prob(VictoryModel::Binary, 1, 1).first, 0.5, 1e-12);
  const double r = 1.05 / 2.05;
  EXPECT_NEAR(smp::victory_prob(VictoryModel::Binary, 1.05, 1).first, (r * 2.1 - 1) / 0.1, 1e-12);
}

TEST(SmpFormula, CoalitionsAddEachVoteToTheSideItFavours) {
  // Two voters (weights 2, 1), two options; voter 0 prefers option 0 by 0.3, voter 1 option 1 by 0.2.
  const std::vector<double> w = {2, 1}, u = {0.9, 0.6, 0.3, 0.5};
  const auto c = smp::coalitions(smp::VotingRule::Prop, w, u, 2);
  EXPECT_DOUBLE_EQ(c[0], 1e-8);
  EXPECT_NEAR(c[1], 1e-8 + 2 * 0.3, 1e-15);  // C(0, 1): voter 0's support for option 0
  EXPECT_NEAR(c[2], 1e-8 + 0.2, 1e-15);      // C(1, 0): voter 1's support for option 1
  EXPECT_DOUBLE_EQ(c[3], 1e-8);
}

TEST(SmpFormula, CondPceIsTheNormalisedProductOfVictoryOdds) {
  const std::vector<double> pv = {0.5, 0.8, 0.6, 0.2, 0.5, 0.7, 0.4, 0.3, 0.5};
  const auto p = smp::cond_pce(pv, 3);
  const double a = 0.5 * 0.8 * 0.6, b = 0.2 * 0.5 * 0.7, c = 0.4 * 0.3 * 0.5;
  EXPECT_NEAR(p[0], a / (a + b + c), 1e-15);
  EXPECT_NEAR(p[1], b / (a + b + c), 1e-15);
  EXPECT_NEAR(p[2], c / (a + b + c), 1e-15);
}

TEST(SmpFormula, CondPceSurvivesUnderflow) {
  // 250 options that each lose most contests: every product underflows to 0 in doubles.
  const std::size_t m = 250;
  std::vector<double> pv(m * m, 0.05);
  for (std::size_t i = 0; i < m; ++i) pv[i * m + i] = 0.5;
  pv[0 * m + 1] = 0.95;
  pv[1 * m + 0] = 0.05;
  const auto p = smp::cond_pce(pv, m);
  double total = 0;
  for (double v : p) total += v;
  EXPECT_NEAR(total, 1, 1e-12);
  EXPECT_NEAR(p[0] / p[2], 0.95 / 0.05, 1e-9);
}

TEST(SmpFormula, MarkovPces) {
  // Even odds everywhere: uniform. A dominant option: the most likely.
  const std::vector<double> even(9, 0.5);
  for (double v : smp::markov_uniform_pce(even, 3)) EXPECT_NEAR(v, 1.0 / 3, 1e-6);
  const std::vector<double> pv = {0.5, 0.8, 0.9, 0.2, 0.5, 0.6, 0.1, 0.4, 0.5};
  const std::vector<double> c = {1e-8, 4, 9, 1, 1e-8, 3, 1, 2, 1e-8};
  for (const auto& p : {smp::markov_uniform_pce(pv, 3), smp::markov_incentive_pce(c, pv, 3)}) {
    EXPECT_NEAR(p[0] + p[1] + p[2], 1, 1e-9);
    EXPECT_GT(p[0], p[1]);
    EXPECT_GT(p[1], p[2]);
  }
}

TEST(SmpFormula, BigRFromProbRanges) {
  const std::vector<double> p = {0.5, 0.3, 0.2};
  const auto lo = smp::big_r_from_prob(p, smp::RiskRange::Min);
  const auto mid = smp::big_r_from_prob(p, smp::RiskRange::Mid);
  const auto hi = smp::big_r_from_prob(p, smp::RiskRange::Max);
  EXPECT_NEAR(lo[0], 1, 1e-15);
  EXPECT_NEAR(lo[1], 1.0 / 3, 1e-15);
  EXPECT_NEAR(lo[2], 0, 1e-15);
  EXPECT_NEAR(mid[0], 1, 1e-15);
  EXPECT_NEAR(mid[1], 0, 1e-15);
  EXPECT_NEAR(mid[2], -0.5, 1e-15);
  EXPECT_NEAR(hi[0], 1, 1e-15);
  EXPECT_NEAR(hi[1], -1.0 / 3, 1e-15);
  EXPECT_NEAR(hi[2], -1, 1e-15);
  // All equally likely: KTAB would divide by zero; everyone is risk-neutral instead.
  for (double r : smp::big_r_from_prob(std::vector<double>(4, 0.25), smp::RiskRange::Mid)) EXPECT_EQ(r, 0);
}

TEST(SmpFormula, EstNra) {
  using smp::RiskAdjust;
  EXPECT_DOUBLE_EQ(smp::est_nra(1, -0.5, RiskAdjust::Full), -0.5);
  EXPECT_DOUBLE_EQ(smp::est_nra(1, -0.5, RiskAdjust::TwoThirds), 0);
  EXPECT_DOUBLE_EQ(smp::est_nra(1, -0.5, RiskAdjust::Half), 0.25);
  EXPECT_DOUBLE_EQ(smp::est_nra(1, -0.5, RiskAdjust::OneThird), 0.5);
  EXPECT_DOUBLE_EQ(smp::est_nra(1, -0.5, RiskAdjust::None), 1);
}

TEST(SmpFormula, Round4IsHalfUp) {
  EXPECT_DOUBLE_EQ(smp::round4(0.03125), 0.0313);  // exact half: up, not to even
  EXPECT_DOUBLE_EQ(smp::round4(0.03135), 0.0314);
  EXPECT_DOUBLE_EQ(smp::round4(0.123449), 0.1234);
  EXPECT_DOUBLE_EQ(smp::round4(0.123451), 0.1235);
  EXPECT_DOUBLE_EQ(smp::round4(0.0), 0.0);
  EXPECT_DOUBLE_EQ(smp::round4(1.0), 1.0);
}

TEST(SmpFormula, Interpolation) {
  using smp::Interp;
  // S2P2: w = s²p², both get (almost) the same point, rounded to 4 decimals.
  auto [b_i, b_j] = smp::interpolate(Interp::S2P2, 0.2, 0.5, 0.8, 0.6, 0.5, 0.2);
  EXPECT_DOUBLE_EQ(b_i, 0.2235);  // (0.160001·0.2 + 0.01·0.6) / 0.170001 = 0.22353
  EXPECT_DOUBLE_EQ(b_j, 0.2235);
  // S1P1: w = s p.
  std::tie(b_i, b_j) = smp::interpolate(Interp::S1P1, 0.2, 0.5, 0.8, 0.6, 0.5, 0.2);
  EXPECT_DOUBLE_EQ(b_i, 0.28);  // 0.1400002 / 0.500001
  EXPECT_DOUBLE_EQ(b_j, 0.28);
  // S2PMax: only the less likely winner (j) moves, by 0.6·0.25 / (0.6·0.25 + 1e-6 + 0.4·0.25).
  std::tie(b_i, b_j) = smp::interpolate(Interp::S2PMax, 0.2, 0.5, 0.8, 0.6, 0.5, 0.2);
  EXPECT_DOUBLE_EQ(b_i, 0.2);
  EXPECT_NEAR(b_j, 0.6 + (0.15 / 0.250001) * (0.2 - 0.6), 1e-15);
}

TEST(SmpFormula, ProbEduChlgByHand) {
  // U^h for three actors; i = 0 challenges j = 1, effect on k = 0; S·c = (2, 1, 3); S_j = 0.5.
  const std::vector<double> rows = {1.0, 0.6, 0.7, 0.5, 1.0, 0.8, 0.4, 0.9, 1.0};
  const auto u = smp::Perspective::from_rows(3, rows);
  const std::vector<double> w = {2, 1, 3};
  // Principals: i gives 2·0.4 to i, j gives 1·0.5 to j. Third party 2: own vote 3·(0.4 − 0.9)
  // for j, so p_i = 0.8 / 2.8 = 2/7; joining i is worth (2/7)·1.8 + (5/7)·2.7, joining j
  // (2/7)·1.2 + (5/7)·2.8: a vote of 3·0.1 for i. φ = 1.1 / 1.6.
  auto e = smp::prob_edu_chlg(u, w, 0.5, 0, 0, 1, smp::VotingRule::Prop, smp::Commit::Semi);
  EXPECT_NEAR(e.win_prob, 1.1 / 1.6, 1e-9);
  // SQ 1.6, victory 2.0, contest φ·2 + (1 − φ)·1.2, challenge ½·2 + ½·contest.
  EXPECT_NEAR(e.gain, 0.5 * 2 + 0.5 * (0.6875 * 2 + 0.3125 * 1.2) - 1.6, 1e-9);
  // Without SemiCommit third parties stay out.
  e = smp::prob_edu_chlg(u, w, 0.5, 0, 0, 1, smp::VotingRule::Prop, smp::Commit::No);
  const double phi = 0.8 / 1.3;
  EXPECT_NEAR(e.win_prob, phi, 1e-9);
  EXPECT_NEAR(e.gain, 0.5 * 2 + 0.5 * (phi * 2 + (1 - phi) * 1.2) - 1.6, 1e-9);
  EXPECT_NEAR(smp::prob_edu_chlg(u, w, 0.5, 0, 0, 1, smp::VotingRule::Prop, smp::Commit::Full).win_prob, phi, 1e-9);
}

// ---------------------------------------------------------------------- KTAB reference

struct Final {
  const char* name;
  double x[3];
  double p;
};

TEST(SmpReference, SoePolCompMatchesKtab) {
  const Final expected[] = {
      {"XJ", {43.18, 43.30}, 0.2299},  {"LK", {43.23, 43.27}, 0.2299},  {"ZG", {38.66, 28.82}, 0.1104},
      {"MK", {38.57, 28.79}, 0.1104},  {"LH", {38.66, 28.82}, 0.1104},  {"XS", {38.59, 29.52}, 0.2202},
      {"NEA", {38.72, 28.97}, 0.2063}, {"MLR", {38.72, 28.97}, 0.2063}, {"MEP", {38.71, 28.95}, 0.2063},
      {"MOF", {38.82, 30.72}, 0.2330}, {"SHX", {38.82, 30.77}, 0.2330}, {"HLJ", {38.82, 30.77}, 0.2330},
      {"WY", {15.00, 60.00}, 0.0002}};
  const Scenario s = load_scenario(kKtab + "SOE-Pol-Comp.csv");
  const auto r = smp::run(smp::actors_from(s), smp::unit_positions(s), {}, {});
  ASSERT_EQ(r.states.size(), 28u);  // 27 turns
  const auto& x = r.states.back();
  for (std::size_t i = 0; i < 13; ++i) {
    SCOPED_TRACE(expected[i].name);
    EXPECT_EQ(s.actors[i].name, expected[i].name);
    for (std::size_t k = 0; k < 2; ++k) EXPECT_NEAR(100 * x[i * 2 + k], expected[i].x[k], 0.01);
    EXPECT_NEAR(r.final.actor_prob[i], expected[i].p, 5e-5);
  }
}

TEST(SmpReference, DummyData3DimMatchesKtab) {
  const Final expected[] = {{"SActor-00", {78.56, 31.76, 74.05}, 0.3340}, {"SActor-01", {78.56, 31.76, 74.05}, 0.3340},
                            {"SActor-02", {82.45, 90.89, 0.07}, 0.0183},  {"SActor-03", {67.12, 50.12, 63.73}, 0.0957},
                            {"SActor-04", {78.60, 31.65, 74.11}, 0.1512}, {"SActor-05", {79.88, 34.37, 75.16}, 0.4009},
                            {"SActor-06", {78.60, 31.65, 74.11}, 0.1512}};
  const auto r = run_file("dummyData_3Dim.csv");
  ASSERT_EQ(r.states.size(), 11u);  // 10 turns
  const auto& x = r.states.back();
  for (std::size_t i = 0; i < 7; ++i) {
    SCOPED_TRACE(expected[i].name);
    for (std::size_t k = 0; k < 3; ++k) EXPECT_NEAR(100 * x[i * 3 + k], expected[i].x[k], 0.01);
    EXPECT_NEAR(r.final.actor_prob[i], expected[i].p, 5e-5);
  }
  // Turn 0: inferred risk attitudes, best targets and their Δu, as KTAB logs them.
  const double risk[] = {-0.500, -0.459, -0.499, -0.274, +1.000, -0.232, -0.430};
  const int target[] = {6, 0, 6, 0, 0, 1, 1};
  const double gain[] = {0.095, 0.281, 0.471, 0.284, 0.012, 0.299, 0.029};
  const auto& t0 = r.turns[0];
  for (std::size_t i = 0; i < 7; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(t0.risk[i], risk[i], 5e-4);
    EXPECT_EQ(t0.target[i], target[i]);
    EXPECT_NEAR(t0.gain[i], gain[i], 5e-4);
  }
  const double ratios[] = {0.9999, 0.7631, 0.1780, 0.0801, 0.0853, 0.0686, 0.0639, 0.1058, 0.0398, 0.0045};
  ASSERT_EQ(r.change_ratio.size(), 10u);
  for (std::size_t t = 0; t < 10; ++t) EXPECT_NEAR(r.change_ratio[t], ratios[t], 5e-5) << "turn " << t + 1;
}

TEST(SmpReference, NoFinalCommaFileGivesTheSameRun) {
  EXPECT_EQ(run_file("dummyData_3Dim-no-final-comma.csv").states, run_file("dummyData_3Dim.csv").states);
}

TEST(SmpReference, StateCountsMatchKtab) {
  EXPECT_EQ(run_file("dummyData_6Dim.csv").states.size(), 30u);
  EXPECT_EQ(run_file("SOE-Policy.csv").states.size(), 20u);
  EXPECT_EQ(run_file("dummyData-a040.csv").states.size(), 21u);
  EXPECT_EQ(run_file("dummyData-a080.csv").states.size(), 18u);
}

// ------------------------------------------------------------------- Through the registry

TEST(SmpModel, ForecastHistoryAndOutcome) {
  const auto model = load_model("smp");
  EXPECT_EQ(model->spec(),
            "smp(victory=linear,pce=conditional,transitions=deterministic,voting=prop,risk_adjust=one-third,"
            "risk_range=mid,commit=semi,interp=s2p2,bargain=init-only,max_turns=100)");
  const Scenario s = load_scenario(kKtab + "SOE-Pol-Comp.csv");
  const Forecast f = model->forecast(s, {});
  ASSERT_EQ(f.history.size(), 28u);
  EXPECT_EQ(f.turns(), 27u);
  for (std::size_t q = 0; q < s.stances.size(); ++q) EXPECT_EQ(f.history[0][q], s.stances[q].position);
  EXPECT_NEAR(f.history.back()[0], 43.18, 0.01);  // XJ, Policy
  // The outcome is Σ_r P_r x_r over the final position classes (found in position order),
  // on the input scale.
  const auto r = smp::run(smp::actors_from(s), smp::unit_positions(s), {}, {});
  const auto d = smp::distribution(smp::actors_from(s), r.states.back(), {}, 1, true);
  ASSERT_EQ(f.outcome.size(), 2u);
  double total = 0;
  for (double p : d.option_prob) total += p;
  EXPECT_NEAR(total, 1, 1e-12);
  for (std::size_t k = 0; k < 2; ++k) {
    double mean = 0;
    for (std::size_t o = 0; o < d.representatives.size(); ++o)
      mean += d.option_prob[o] * 100 * r.states.back()[d.representatives[o] * 2 + k];
    EXPECT_NEAR(f.outcome[k], mean, 1e-9);
  }
  // KTAB's own report scans in input order; the two differ only in which actor stands for
  // a class, so the outcomes agree to a small fraction of a point.
  for (std::size_t k = 0; k < 2; ++k) {
    double ktab = 0;
    for (std::size_t o = 0; o < r.final.representatives.size(); ++o)
      ktab += r.final.option_prob[o] * 100 * r.states.back()[r.final.representatives[o] * 2 + k];
    EXPECT_NEAR(f.outcome[k], ktab, 0.05);
  }
}

TEST(SmpModel, WorksOnTheIssueScale) {
  // The same scenario on 0..10 and on 0..100 runs the same unit-scale trajectory.
  const Scenario s10 = by_hand(9, 2, 10), s100 = by_hand(9, 2, 100);
  const auto model = load_model("smp");
  const Forecast f10 = model->forecast(s10, {}), f100 = model->forecast(s100, {});
  ASSERT_EQ(f10.history.size(), f100.history.size());
  for (std::size_t q = 0; q < f10.history.back().size(); ++q)
    EXPECT_NEAR(10 * f10.history.back()[q], f100.history.back()[q], 1e-9);
  for (std::size_t k = 0; k < 2; ++k) EXPECT_NEAR(10 * f10.outcome[k], f100.outcome[k], 1e-9);
}

TEST(SmpModel, MaxTurnsCapsTheRun) {
  const Forecast f = load_model("smp(max_turns=3)")->forecast(load_scenario(kKtab + "SOE-Pol-Comp.csv"), {});
  EXPECT_EQ(f.history.size(), 4u);
  EXPECT_EQ(load_model("smp(max_turns=1)")->forecast(by_hand(5, 1), {}).history.size(), 2u);
}

TEST(SmpModel, EveryParameterValueRuns) {
  const Scenario s = load_scenario(kKtab + "dummyData_3Dim.csv");
  const char* specs[] = {"smp(victory=square)",        "smp(victory=quartic)",       "smp(victory=octic)",
                         "smp(victory=binary)",        "smp(pce=markov-incentive)",  "smp(pce=markov-uniform)",
                         "smp(transitions=stochastic)", "smp(voting=binary)",         "smp(voting=propbin)",
                         "smp(voting=propcbc)",        "smp(voting=cubic)",          "smp(voting=asymprosp)",
                         "smp(risk_adjust=none)",      "smp(risk_adjust=half)",      "smp(risk_adjust=two-thirds)",
                         "smp(risk_adjust=full)",      "smp(risk_range=min)",        "smp(risk_range=max)",
                         "smp(commit=no)",             "smp(commit=full)",           "smp(interp=s1p1)",
                         "smp(interp=s2pmax)",         "smp(bargain=init-rcvr)",     "smp(bargain=pw-comp)"};
  for (const char* spec : specs) {
    SCOPED_TRACE(spec);
    const Forecast f = load_model(spec)->forecast(s, {7, 1});
    ASSERT_GE(f.history.size(), 3u);
    EXPECT_LE(f.history.size(), 101u);
    for (double v : f.history.back()) {
      EXPECT_TRUE(std::isfinite(v));
      EXPECT_GE(v, 0);
      EXPECT_LE(v, 100);
    }
    for (double o : f.outcome) EXPECT_TRUE(std::isfinite(o));
  }
}

TEST(SmpModel, RejectsKtabsActorLimitsAndSalienceFreeActors) {
  auto expect_actors_error = [](const Scenario& s) {
    try {
      smp::actors_from(s);
      ADD_FAILURE() << "no InputError";
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u);
      EXPECT_EQ(e.diagnostics()[0].file, "by-hand.csv");
      EXPECT_EQ(e.diagnostics()[0].line, 0);
      EXPECT_EQ(e.diagnostics()[0].field, "actors");
    }
  };
  expect_actors_error(by_hand(2, 1));
  expect_actors_error(by_hand(251, 1));
  Scenario s = by_hand(4, 2);
  s.stance(2, 0).salience = 0;
  s.stance(2, 1).salience = 0;
  expect_actors_error(s);
  EXPECT_THROW(load_model("smp")->forecast(by_hand(2, 1), {}), InputError);
  EXPECT_NO_THROW(smp::actors_from(by_hand(3, 1)));
  EXPECT_NO_THROW(smp::actors_from(by_hand(250, 1)));
}

TEST(SmpModel, EqualProbabilitiesGiveRiskNeutralActors) {
  // Three actors on one point: every position is equally likely, R = 0 for all, nobody moves.
  Scenario s = by_hand(3, 1);
  for (auto& st : s.stances) st.position = 40;
  const auto r = smp::run(smp::actors_from(s), smp::unit_positions(s), {}, {});
  for (double v : r.turns[0].risk) EXPECT_EQ(v, 0);
  EXPECT_EQ(r.states.back(), r.states.front());
}

// --------------------------------------------------------------------------- Determinism

TEST(SmpDeterminism, ThreadCountDoesNotChangeAnything) {
  for (const char* file : {"dummyData_6Dim.csv", "dummyData-a040.csv"}) {
    SCOPED_TRACE(file);
    const auto one = run_file(file, {}, {0, 1});
    const auto two = run_file(file, {}, {0, 2});
    const auto five = run_file(file, {}, {0, 5});
    EXPECT_EQ(one.states, two.states);
    EXPECT_EQ(one.states, five.states);
    EXPECT_EQ(one.change_ratio, two.change_ratio);
    EXPECT_EQ(one.final.actor_prob, two.final.actor_prob);
    ASSERT_EQ(one.turns.size(), two.turns.size());
    for (std::size_t t = 0; t < one.turns.size(); ++t) {
      EXPECT_EQ(one.turns[t].risk, two.turns[t].risk);
      EXPECT_EQ(one.turns[t].target, two.turns[t].target);
      EXPECT_EQ(one.turns[t].gain, two.turns[t].gain);
      EXPECT_EQ(one.turns[t].adopted, two.turns[t].adopted);
    }
  }
}

TEST(SmpDeterminism, AvxAndBaselineBuildsGiveTheSameBits) {
  if (!smp::wide_vectors(true)) GTEST_SKIP() << "this CPU has no AVX2: only the baseline build runs";
  using smp::VotingRule;
  for (const char* file : {"dummyData_6Dim.csv", "dummyData-a040.csv"})
    for (VotingRule rule : {VotingRule::Prop, VotingRule::Binary, VotingRule::PropCbc, VotingRule::AsymProsp}) {
      smp::Settings settings;
      settings.voting = rule;
      smp::wide_vectors(true);
      const auto wide = run_file(file, settings);
      smp::wide_vectors(false);
      const auto narrow = run_file(file, settings);
      smp::wide_vectors(true);
      EXPECT_EQ(wide.states, narrow.states) << file << " " << smp::kVotingRules.name(rule);
      EXPECT_EQ(wide.forecast, narrow.forecast) << file;
      ASSERT_EQ(wide.turns.size(), narrow.turns.size()) << file;
      for (std::size_t t = 0; t < wide.turns.size(); ++t) {
        EXPECT_EQ(wide.turns[t].gain, narrow.turns[t].gain) << file << " turn " << t;
        EXPECT_EQ(wide.turns[t].win_prob, narrow.turns[t].win_prob) << file << " turn " << t;
      }
    }
}

TEST(SmpDeterminism, StochasticRunsRepeatFromTheSeed) {
  smp::Settings st;
  st.transitions = smp::Transitions::Stochastic;
  const auto a = run_file("SOE-Pol-Comp.csv", st, {42, 1});
  const auto b = run_file("SOE-Pol-Comp.csv", st, {42, 2});
  const auto c = run_file("SOE-Pol-Comp.csv", st, {43, 1});
  EXPECT_EQ(a.states, b.states);
  EXPECT_NE(a.states, c.states);
  // The registry path too.
  const auto model = load_model("smp(transitions=stochastic)");
  const Scenario s = load_scenario(kKtab + "dummyData_6Dim.csv");
  EXPECT_EQ(model->forecast(s, {5, 1}).history, model->forecast(s, {5, 2}).history);
}

}  // namespace
}  // namespace entente
