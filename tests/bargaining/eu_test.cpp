// The expected-utility model (Bueno de Mesquita 1994; Scholz, Calbert & Smith 2011): the
// reference trace of the EC emission-standards issue in the scholz variant, each formula by
// hand, and invariants of the paper variant.
#include "bargaining/eu.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "bargaining/model.h"
#include "io/scenario_io.h"

namespace entente {
namespace {

const std::string kEcFile = std::string(ENTENTE_REFERENCE_DIR) + "/eu/ec-emissions.csv";

enum Ec : std::size_t { NL, BE, LU, DE, FR, IT, UK, IE, DK, GR };

// Scholz et al. (2011), Table 1, typed in: a check of the model that does not go through a reader.
Scenario ec_by_hand() {
  struct Row {
    const char* name;
    double capability, position, salience;
  };
  const Row rows[] = {{"Netherlands", 0.08, 4, 80}, {"Belgium", 0.08, 7, 40}, {"Luxembourg", 0.03, 4, 20},
                      {"Germany", 0.16, 4, 80},     {"France", 0.16, 10, 60}, {"Italy", 0.16, 10, 60},
                      {"UK", 0.16, 10, 90},         {"Ireland", 0.05, 7, 10}, {"Denmark", 0.05, 4, 100},
                      {"Greece", 0.08, 7, 70}};
  Scenario s;
  s.name = "ec-emissions";
  s.issues = {Issue{"ec-emissions", "", 4, 10, "", ""}};
  for (const Row& r : rows) {
    s.actors.push_back({r.name, "", r.capability});
    s.stances.push_back({r.position, r.salience / 100});
  }
  require_valid(s);
  return s;
}

eu::IssueData issue_of(const Scenario& s, std::size_t k) {
  eu::IssueData d;
  for (std::size_t a = 0; a < s.num_actors(); ++a) {
    d.capability.push_back(s.actors[a].capability);
    d.position.push_back(s.stance(a, k).position);
    d.salience.push_back(s.stance(a, k).salience);
  }
  return d;
}

eu::Settings scholz_reference() {
  eu::Settings s;
  s.variant = eu::Variant::Scholz;
  s.rounds = 10;
  s.tol = 0;
  return s;
}

// ------------------------------------------------------------------- Reference trace (scholz)

// The mean after each round, Example.log (tests/data/reference/eu/README.md).
const double kMeans[] = {7.389955686853767,  7.461314378277189, 7.552500865855845, 7.590144997451547,
                         7.358130531334201,  7.3491739896752115, 7.414877545372958, 7.510457183677219,
                         7.5724470975503,    7.324989065683666, 7.242130958473938};

TEST(EuReference, ReaderAndHandTypedTableAgree) {
  const Scenario file = load_scenario(kEcFile), hand = ec_by_hand();
  ASSERT_EQ(file.num_actors(), hand.num_actors());
  for (std::size_t a = 0; a < hand.num_actors(); ++a) {
    EXPECT_EQ(file.actors[a].capability, hand.actors[a].capability);
    EXPECT_EQ(file.stances[a].position, hand.stances[a].position);
    EXPECT_DOUBLE_EQ(file.stances[a].salience, hand.stances[a].salience);
  }
}

TEST(EuReference, MeanSeriesOfTenRounds) {
  for (const Scenario& s : {load_scenario(kEcFile), ec_by_hand()}) {
    const Forecast f = load_model("eu(variant=scholz,rounds=10,tol=0)")->forecast(s, {});
    ASSERT_EQ(f.turns(), 10u);
    for (std::size_t t = 0; t <= 10; ++t) {
      double weighted = 0, total = 0;
      for (std::size_t a = 0; a < s.num_actors(); ++a) {
        const double w = s.actors[a].capability * s.stance(a, 0).salience;
        weighted += w * f.history[t][a];
        total += w;
      }
      EXPECT_NEAR(weighted / total, kMeans[t], 1e-9) << "round " << t;
    }
    EXPECT_NEAR(f.outcome[0], kMeans[10], 1e-9);
  }
}

TEST(EuReference, MedianAndMeanAtRoundZero) {
  const eu::Trace tr = eu::trace(issue_of(load_scenario(kEcFile), 0), scholz_reference());
  EXPECT_EQ(tr.range, 6.0);
  EXPECT_EQ(tr.rounds[0].median, 7.0);
  EXPECT_NEAR(tr.rounds[0].mean, 7.389955686853767, 1e-12);
  for (std::size_t t = 0; t <= 10; ++t) EXPECT_NEAR(tr.rounds[t].mean, kMeans[t], 1e-9) << "round " << t;
}

TEST(EuReference, RoundOneRisk) {
  struct Row {
    double danger, relative, exponent;
  };
  // Scholz et al. (2011) recomputed; docs/models/eu.md, "Round-1 risk values".
  const Row expected[] = {{-5.249283, -0.505874, 1.405653}, {1.428336, 0.420370, 0.754196},
                          {5.437679, 0.976502, 0.508864},   {-5.249283, -0.505874, 1.405653},
                          {-2.093933, -0.068199, 1.046524}, {-2.093933, -0.068199, 1.046524},
                          {-8.640899, -0.976322, 1.964898}, {5.607084, 1.000000, 0.500000},
                          {-8.811603, -1.000000, 2.000000}, {-2.750413, -0.159259, 1.112125}};
  const eu::Trace tr = eu::trace(issue_of(ec_by_hand(), 0), scholz_reference());
  const eu::Round& r1 = tr.rounds.at(1);
  ASSERT_EQ(r1.danger.size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(r1.danger[i], expected[i].danger, 1e-6);
    EXPECT_NEAR(r1.relative_risk[i], expected[i].relative, 1e-6);
    EXPECT_NEAR(r1.exponent[i], expected[i].exponent, 1e-6);
  }
}

struct ExpectedMove {
  std::size_t actor, target;
  eu::MoveType type;
  double e_ij, e_ji;  // NaN where the log prints none
  double position;
};

// Example.log, rounds 1–10 (docs/models/eu.md). A confrontation moves to the target's
// position, so "loses to BE → 8.415932…" is Belgium's full-digit position of the round before.
std::vector<std::vector<ExpectedMove>> reference_moves() {
  using eu::MoveType;
  const double none = std::nan("");
  const auto C = MoveType::Compromise, X = MoveType::Confrontation;
  const double be[] = {7,                 8.415932315426764, 9.610859134120188, 9.961979590401311,
                       4.800881140632622, 5.524237694197356, 7.47204636191629,  8.824593855262423,
                       9.671129769802048, 4.144849062500606, 4.291541224979646};
  return {
      {{BE, FR, C, -0.11483050, 0.24329659, be[1]}, {LU, BE, X, none, none, 7.0}, {IE, LU, X, none, none, 4.0}},
      {{BE, FR, C, -0.08372298, 0.11098828, be[2]}, {LU, BE, X, none, none, be[1]}, {IE, LU, X, none, none, 7.0}},
      {{BE, FR, C, none, none, be[3]}, {LU, BE, X, none, none, be[2]}, {IE, LU, X, none, none, be[1]}},
      {{BE, NL, C, -0.71533363, 0.82633660, be[4]}, {LU, BE, X, none, none, be[3]}, {IE, LU, X, none, none, be[2]}},
      {{BE, FR, C, none, none, be[5]}, {LU, BE, X, none, none, be[4]}, {IE, LU, X, none, none, be[3]}},
      {{BE, FR, C, none, none, be[6]}, {LU, BE, X, none, none, be[5]}, {IE, BE, X, none, none, be[5]}},
      {{BE, FR, C, none, none, be[7]}, {LU, BE, X, none, none, be[6]}, {IE, BE, X, none, none, be[6]}},
      {{BE, FR, C, none, none, be[8]}, {LU, BE, X, none, none, be[7]}, {IE, BE, X, none, none, be[7]}},
      {{BE, NL, C, none, none, be[9]}, {LU, BE, X, none, none, be[8]}, {IE, BE, X, none, none, be[8]}},
      {{BE, FR, C, none, none, be[10]}, {LU, BE, X, none, none, be[9]}, {IE, BE, X, none, none, be[9]}},
  };
}

TEST(EuReference, MoveListOfTenRounds) {
  const eu::Trace tr = eu::trace(issue_of(load_scenario(kEcFile), 0), scholz_reference());
  const auto expected = reference_moves();
  ASSERT_EQ(tr.rounds.size(), 11u);
  for (std::size_t t = 1; t <= 10; ++t) {
    SCOPED_TRACE("round " + std::to_string(t));
    const auto& moves = tr.rounds[t].moves;
    ASSERT_EQ(moves.size(), expected[t - 1].size()) << "only Belgium, Luxembourg and Ireland move";
    for (std::size_t i = 0; i < moves.size(); ++i) {
      const ExpectedMove& want = expected[t - 1][i];
      EXPECT_EQ(moves[i].actor, want.actor);
      EXPECT_EQ(moves[i].target, want.target);
      EXPECT_EQ(moves[i].type, want.type);
      if (!std::isnan(want.e_ij)) {
        EXPECT_NEAR(moves[i].e_ij, want.e_ij, 1e-8);
        EXPECT_NEAR(moves[i].e_ji, want.e_ji, 1e-8);
      }
      EXPECT_NEAR(moves[i].position, want.position, 1e-9);
    }
    // Nobody else moves.
    for (std::size_t a = 0; a < 10; ++a) {
      if (a == BE || a == LU || a == IE) continue;
      EXPECT_EQ(tr.rounds[t].positions[a], tr.rounds[0].positions[a]);
    }
  }
}

TEST(EuReference, ModelHistoryIsTheTracePositions) {
  const Scenario s = load_scenario(kEcFile);
  const Forecast f = load_model("eu(variant=scholz,rounds=10,tol=0)")->forecast(s, {});
  const eu::Trace tr = eu::trace(issue_of(s, 0), scholz_reference());
  ASSERT_EQ(f.history.size(), tr.rounds.size());
  for (std::size_t t = 0; t < f.history.size(); ++t) EXPECT_EQ(f.history[t], tr.rounds[t].positions);
}

// ------------------------------------------------------------------------------- Formulas

TEST(EuFormula, Vote) {
  // c s [(|x_k − x_b| / R)^r − (|x_k − x_a| / R)^r] with c s = .5, x_k = 4, R = 6.
  EXPECT_DOUBLE_EQ(eu::vote(0.5, 4, 1, 7, 10, 6), 0.5 * (1.0 - 0.5));
  EXPECT_DOUBLE_EQ(eu::vote(0.5, 4, 2, 7, 10, 6), 0.5 * (1.0 - 0.25));
  EXPECT_DOUBLE_EQ(eu::vote(0.5, 4, 2, 10, 7, 6), -0.375);
  EXPECT_EQ(eu::vote(0.5, 4, 1, 7, 7, 6), 0);
  EXPECT_EQ(eu::vote(0.5, 4, 1, 4, 4, 0), 0) << "no range, no preference, no NaN";
}

// Three voters at 0, .5 and 1 with weights c s = 1, 1, 2; R = 1 and every r = 1.
eu::IssueData three_voters() { return {{1, 2, 4}, {0, 0.5, 1}, {1, 0.5, 0.5}}; }

TEST(EuFormula, ProbabilityPaper) {
  const auto d = three_voters();
  const std::vector<double> r(3, 1.0);
  // v_k(0, 1) = 1·(1 − 0), 1·(.5 − .5), 2·(0 − 1) = 1, 0, −2: support 1 of 3 votes cast.
  EXPECT_DOUBLE_EQ(eu::probability(d, r, 1, eu::Variant::Paper, 0, 1), 1.0 / 3);
  EXPECT_DOUBLE_EQ(eu::probability(d, r, 1, eu::Variant::Paper, 1, 0), 2.0 / 3);
  EXPECT_EQ(eu::probability(d, r, 1, eu::Variant::Paper, 0.5, 0.5), 0);
  // A lone voter half-way between 0 and 1 prefers neither: no votes cast, even odds.
  const eu::IssueData middle{{1}, {0.5}, {1}};
  EXPECT_EQ(eu::probability(middle, std::vector<double>{1.0}, 1, eu::Variant::Paper, 0, 1), 0.5);
}

TEST(EuFormula, ProbabilityScholz) {
  const auto d = three_voters();
  const std::vector<double> r(3, 1.0);
  // Σ_a Σ_b |d_b − d_a| per voter: distances (0, .5, 1) → 4, (.5, 0, .5) → 2, (1, .5, 0) → 4;
  // weighted 1·4 + 1·2 + 2·4 = 14.
  EXPECT_DOUBLE_EQ(eu::probability(d, r, 1, eu::Variant::Scholz, 0, 1), 1.0 / 14);
  EXPECT_DOUBLE_EQ(eu::probability(d, r, 1, eu::Variant::Scholz, 1, 0), 2.0 / 14);
  EXPECT_EQ(eu::probability(d, r, 1, eu::Variant::Scholz, 1, 1), 0);
  // The voters' own exponents enter: voter 0 with r = 2 sees 0.5 at (.5)^2 = .25.
  const std::vector<double> r2{2, 1, 1};
  // v(0, .5) = 1·(.25 − 0), 1·(0 − .5), 2·(.5 − 1) → support .25; denominator 1·(2·(.25 + 1 + .75)) + 2 + 8.
  EXPECT_DOUBLE_EQ(eu::probability(d, r2, 1, eu::Variant::Scholz, 0, 0.5), 0.25 / 14);
}

TEST(EuFormula, BasicUtilities) {
  // r = 1: U_s = 2d, U_f = −2d, U_sq = 0, U_b = spread, U_w = −spread.
  EXPECT_DOUBLE_EQ(eu::utility_success(0.3, 1), 0.6);
  EXPECT_DOUBLE_EQ(eu::utility_failure(0.3, 1), -0.6);
  EXPECT_DOUBLE_EQ(eu::utility_status_quo(1), 0);
  EXPECT_DOUBLE_EQ(eu::utility_better(0.8, 1), 0.8);
  EXPECT_DOUBLE_EQ(eu::utility_worse(0.8, 1), -0.8);
  // r = 2: 2 − 4 (.25)^2, 2 − 4 (.75)^2, 2 − 4 (.5)^2.
  EXPECT_DOUBLE_EQ(eu::utility_success(0.5, 2), 1.75);
  EXPECT_DOUBLE_EQ(eu::utility_failure(0.5, 2), -0.25);
  EXPECT_DOUBLE_EQ(eu::utility_status_quo(2), 1);
  EXPECT_DOUBLE_EQ(eu::utility_status_quo(0.5), 2 - 4 * std::sqrt(0.5));
  // The far end of the range: success is worth 2, failure −2, for any r.
  for (double r : {0.5, 1.0, 2.0}) {
    EXPECT_DOUBLE_EQ(eu::utility_success(1, r), 2);
    EXPECT_DOUBLE_EQ(eu::utility_failure(1, r), -2);
    EXPECT_DOUBLE_EQ(eu::utility_success(0, r), eu::utility_status_quo(r));
  }
  EXPECT_FALSE(std::isnan(eu::utility_success(1 + 1e-16, 0.5))) << "an ulp past the range";
}

TEST(EuFormula, ExpectedUtility) {
  // s_j [P U_s + (1 − P) U_f] + (1 − s_j) U_s − Q U_sq − (1 − Q)[T U_b + (1 − T) U_w]
  EXPECT_DOUBLE_EQ(eu::expected_utility(0.5, 0.25, 1, -1, 0.5, 1, 1, 0.4, -0.2), -0.25);
  // −.25 + .5 − .25 − .5 (.5·.4 − .5·.2)
  EXPECT_DOUBLE_EQ(eu::expected_utility(0.5, 0.25, 1, -1, 0.5, 0.5, 0.5, 0.4, -0.2), -0.05);
}

TEST(EuFormula, RiskExponentRange) {
  EXPECT_DOUBLE_EQ(eu::relative_risk(5, 5, -3), 1);
  EXPECT_DOUBLE_EQ(eu::relative_risk(-3, 5, -3), -1);
  EXPECT_DOUBLE_EQ(eu::relative_risk(1, 5, -3), 0);
  EXPECT_EQ(eu::relative_risk(2, 2, 2), 0) << "equal dangers: neutral, not NaN";
  EXPECT_DOUBLE_EQ(eu::risk_exponent(-1), 2);
  EXPECT_DOUBLE_EQ(eu::risk_exponent(0), 1);
  EXPECT_DOUBLE_EQ(eu::risk_exponent(1), 0.5);
  double previous = 3;
  for (int i = 0; i <= 200; ++i) {
    const double r = eu::risk_exponent(-1 + i / 100.0);
    EXPECT_GE(r, 0.5);
    EXPECT_LE(r, 2);
    EXPECT_LT(r, previous) << "the more danger, the more risk-acceptant";
    previous = r;
  }
}

// ------------------------------------------------------------------------- Paper variant

// n actors on D issues, drawn from a fixed seed.
Scenario random_scenario(std::size_t n, std::size_t issues, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  Scenario s;
  s.name = "random";
  for (std::size_t k = 0; k < issues; ++k) s.issues.push_back(Issue{"i" + std::to_string(k), "", 0, 100, "", ""});
  for (std::size_t a = 0; a < n; ++a) {
    s.actors.push_back({"a" + std::to_string(a), "", 0.1 + unit(rng)});
    for (std::size_t k = 0; k < issues; ++k)
      s.stances.push_back({std::round(100 * unit(rng)), (0.05 + 0.95 * unit(rng)) / static_cast<double>(issues)});
  }
  require_valid(s);
  return s;
}

TEST(EuPaper, PositionsStayWithinTheInitialRange) {
  for (const Scenario& s : {ec_by_hand(), random_scenario(13, 3, 1), random_scenario(30, 2, 2)}) {
    const Forecast f = load_model("eu(rounds=60,tol=0)")->forecast(s, {});
    const std::size_t d = s.num_issues();
    for (std::size_t k = 0; k < d; ++k) {
      double lo = 1e300, hi = -1e300;
      for (std::size_t a = 0; a < s.num_actors(); ++a) {
        lo = std::min(lo, s.stance(a, k).position);
        hi = std::max(hi, s.stance(a, k).position);
      }
      for (const auto& turn : f.history)
        for (std::size_t a = 0; a < s.num_actors(); ++a) {
          ASSERT_GE(turn[a * d + k], lo);
          ASSERT_LE(turn[a * d + k], hi);
        }
      EXPECT_TRUE(std::isfinite(f.outcome[k]));
    }
  }
}

// Actor 2 at 10 expects to lose more by challenging 7 (|e_ij|) than actor 0 gains by
// challenging it (e_ji): it capitulates in the paper variant; the reference code never does.
TEST(EuPaper, CapitulationFires) {
  const eu::IssueData d{{0.6, 0.4, 0.6}, {7, 1, 10}, {0.8, 0.8, 0.9}};
  eu::Settings paper;
  paper.rounds = 1;
  const eu::Trace tr = eu::trace(d, paper);
  bool capitulated = false;
  for (const eu::Move& m : tr.rounds[1].moves) {
    if (m.type != eu::MoveType::Capitulation) continue;
    capitulated = true;
    EXPECT_EQ(m.actor, 2u);
    EXPECT_EQ(m.target, 0u);
    EXPECT_GT(m.e_ji, 0);
    EXPECT_LT(m.e_ij, 0);
    EXPECT_LT(m.e_ji, std::fabs(m.e_ij));
    EXPECT_EQ(m.position, 7);
  }
  EXPECT_TRUE(capitulated);
  eu::Settings scholz = paper;
  scholz.variant = eu::Variant::Scholz;
  for (const eu::Round& r : eu::trace(d, scholz).rounds)
    for (const eu::Move& m : r.moves) EXPECT_NE(m.type, eu::MoveType::Capitulation);
}

// The solver tallies votes per pair of distinct positions; the recorded E(U) of every move must
// equal the textbook formulas evaluated directly, in both variants.
TEST(EuPaper, MovesMatchTheFormulasEvaluatedDirectly) {
  const Scenario s = random_scenario(9, 1, 5);
  for (eu::Variant variant : {eu::Variant::Paper, eu::Variant::Scholz}) {
    eu::Settings set;
    set.variant = variant;
    set.rounds = 8;
    set.tol = 0;
    const eu::IssueData d = issue_of(s, 0);
    const eu::Trace tr = eu::trace(d, set);
    std::size_t checked = 0;
    for (std::size_t t = 1; t < tr.rounds.size(); ++t) {
      eu::IssueData before = d;
      before.position = tr.rounds[t - 1].positions;
      const auto& r = tr.rounds[t].exponent;
      for (const eu::Move& m : tr.rounds[t].moves) {
        const double xi = before.position[m.actor], xj = before.position[m.target];
        const double ri = r[m.actor], dd = std::fabs(xi - xj) / tr.range;
        const double u_s = eu::utility_success(dd, ri), u_f = eu::utility_failure(dd, ri);
        const double u_sq = eu::utility_status_quo(ri);
        const double p_ij = eu::probability(before, r, tr.range, variant, xi, xj);
        const double p_ji = eu::probability(before, r, tr.range, variant, xj, xi);
        EXPECT_NEAR(m.e_ij, eu::expected_utility(before.salience[m.target], p_ij, u_s, u_f, u_sq, 1, 1, 0, 0), 1e-12);
        EXPECT_NEAR(m.e_ji, eu::expected_utility(before.salience[m.actor], p_ji, u_s, u_f, u_sq, 1, 1, 0, 0), 1e-12);
        ++checked;
      }
    }
    EXPECT_GT(checked, 0u);
  }
}

TEST(EuPaper, DeterministicForAnyThreadCount) {
  const Scenario s = random_scenario(40, 4, 11);
  const auto model = load_model("eu(rounds=20)");
  const Forecast a = model->forecast(s, RunOptions{0, 1});
  const Forecast b = model->forecast(s, RunOptions{0, 1});
  const Forecast c = model->forecast(s, RunOptions{0, 2});
  const Forecast d = model->forecast(s, RunOptions{0, 3});
  EXPECT_EQ(a.history, b.history);
  EXPECT_EQ(a.history, c.history);
  EXPECT_EQ(a.history, d.history);
  EXPECT_EQ(a.outcome, c.outcome);
  EXPECT_EQ(a.outcome, d.outcome);
}

// ---------------------------------------------------------------------- Stopping and edges

TEST(EuStopping, ToleranceStopsEarlyAndZeroRunsEveryRound) {
  const Scenario s = random_scenario(8, 1, 3);
  const Forecast full = load_model("eu(rounds=300,tol=0)")->forecast(s, {});
  EXPECT_EQ(full.turns(), 300u);
  const Forecast loose = load_model("eu(rounds=300,tol=0.5)")->forecast(s, {});
  EXPECT_LT(loose.turns(), 300u);
  // The rounds played agree with the full run.
  for (std::size_t t = 0; t <= loose.turns(); ++t) EXPECT_EQ(loose.history[t], full.history[t]);
}

TEST(EuStopping, StoppedIssuesHoldTheirPositions) {
  // Issue 0: everyone agrees, so it stops after one round; issue 1 keeps going.
  Scenario s = random_scenario(6, 2, 9);
  for (std::size_t a = 0; a < 6; ++a) s.stance(a, 0).position = 50;
  const Forecast f = load_model("eu(rounds=50,tol=1e-3)")->forecast(s, {});
  const eu::Trace second = eu::trace(issue_of(s, 1), [] {
    eu::Settings t;
    t.rounds = 50;
    t.tol = 1e-3;
    return t;
  }());
  ASSERT_EQ(f.history.size(), second.rounds.size());
  EXPECT_GT(f.turns(), 1u);
  for (std::size_t t = 0; t < f.history.size(); ++t)
    for (std::size_t a = 0; a < 6; ++a) {
      EXPECT_EQ(f.history[t][a * 2 + 0], 50);
      EXPECT_EQ(f.history[t][a * 2 + 1], second.rounds[t].positions[a]);
    }
  EXPECT_DOUBLE_EQ(f.outcome[0], 50);  // a weighted mean of 50s, up to rounding
  EXPECT_EQ(f.outcome[1], second.rounds.back().mean);
}

TEST(EuEdges, AgreementMovesNobodyAndMakesNoNaN) {
  const eu::IssueData d{{1, 2, 3}, {5, 5, 5}, {0.5, 0.2, 0.9}};
  for (eu::Variant v : {eu::Variant::Paper, eu::Variant::Scholz}) {
    eu::Settings set;
    set.variant = v;
    set.rounds = 5;
    set.tol = 0;
    const eu::Trace tr = eu::trace(d, set);
    EXPECT_EQ(tr.range, 0);
    ASSERT_EQ(tr.rounds.size(), 6u);
    for (const eu::Round& r : tr.rounds) {
      EXPECT_TRUE(r.moves.empty());
      EXPECT_EQ(r.positions, d.position);
      EXPECT_DOUBLE_EQ(r.mean, 5);
      for (double e : r.exponent) EXPECT_EQ(e, 1);
    }
  }
}

TEST(EuEdges, EqualDangersAndZeroSaliencesMakeNoNaN) {
  // Two mirror-image actors: equal dangers, so R_i = 0 and r_i = 1 for both.
  const eu::IssueData mirror{{1, 1}, {0, 10}, {0.5, 0.5}};
  const eu::Trace tr = eu::trace(mirror, eu::Settings{});
  EXPECT_EQ(tr.rounds[1].relative_risk, (std::vector<double>{0, 0}));
  EXPECT_EQ(tr.rounds[1].exponent, (std::vector<double>{1, 1}));
  // Nobody cares: no votes are cast, and still no NaN.
  const eu::IssueData apathy{{1, 2, 3}, {0, 4, 10}, {0, 0, 0}};
  for (eu::Variant v : {eu::Variant::Paper, eu::Variant::Scholz}) {
    eu::Settings set;
    set.variant = v;
    set.rounds = 20;
    for (const eu::Round& r : eu::trace(apathy, set).rounds) {
      EXPECT_TRUE(std::isfinite(r.mean));
      for (double x : r.positions) EXPECT_TRUE(std::isfinite(x));
      for (double e : r.exponent) EXPECT_TRUE(std::isfinite(e));
    }
  }
}

TEST(EuModel, ParametersAndDefaults) {
  const auto model = load_model("eu");
  EXPECT_EQ(model->spec(), "eu(variant=paper,rounds=100,tol=1e-6,q=1,t=1)");
  EXPECT_THROW(load_model("eu(variant=bdm)"), SpecError);
  EXPECT_THROW(load_model("eu(rounds=0)"), SpecError);
  EXPECT_THROW(load_model("eu(rounds=10001)"), SpecError);
  EXPECT_THROW(load_model("eu(tol=2)"), SpecError);
  EXPECT_THROW(load_model("eu(q=-0.1)"), SpecError);
  for (const ModelInfo* info : registered_models()) {
    if (info->name != "eu") continue;
    for (const ParamSpec& p : info->params) EXPECT_FALSE(p.help.empty()) << p.name;
  }
}

TEST(EuModel, StatusQuoBelowOneRuns) {
  // Q < 1 brings in U_b and U_w; the run stays finite and inside the range.
  const Scenario s = random_scenario(10, 2, 4);
  const Forecast f = load_model("eu(q=0.5,t=0.3,rounds=30)")->forecast(s, {});
  for (const auto& turn : f.history)
    for (double x : turn) {
      EXPECT_GE(x, 0);
      EXPECT_LE(x, 100);
    }
  for (double o : f.outcome) EXPECT_TRUE(std::isfinite(o));
}

}  // namespace
}  // namespace entente
