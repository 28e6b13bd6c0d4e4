// Calibration: the hazard and survey likelihoods against hand computations, the chain
// diagnostics against invariants, the posterior file reproducible on any thread count and read
// back, and posterior draws taken by sampled runs.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>

#include "core/uncertainty.h"
#include "evidence/calibration.h"
#include "io/files.h"
#include "sim/sample.h"
#include "support.h"

namespace entente::evidence {
namespace {

const std::string kCases = std::string(ENTENTE_SOURCE_DIR) + "/tests/data/cases";

sim::Outcome outcome(bool broke, int year, int first, int last) {
  sim::Outcome o;
  o.broke = broke;
  o.year = year;
  o.window_first = first;
  o.window_last = last;
  return o;
}

// Box-Steffensmeier & Jones (2004), eq. 5.4, by hand.
TEST(HazardLikelihood, HeldIsTheSurvivalOfEveryYear) {
  const std::vector<double> h = {0.1, 0.2, 0.3};
  EXPECT_NEAR(outcome_log_likelihood(h, outcome(false, 0, 2000, 2002)), std::log(0.9 * 0.8 * 0.7), 1e-12);
}

TEST(HazardLikelihood, BrokeIsSurvivalToTheYearThenTheHazard) {
  const std::vector<double> h = {0.1, 0.2, 0.3};
  EXPECT_NEAR(outcome_log_likelihood(h, outcome(true, 2001, 2000, 2002)), std::log(0.9) + std::log(0.2), 1e-12);
  EXPECT_NEAR(outcome_log_likelihood(h, outcome(true, 2000, 2000, 2002)), std::log(0.1), 1e-12);
}

TEST(HazardLikelihood, ZeroHazardStaysFinite) {
  EXPECT_TRUE(std::isfinite(outcome_log_likelihood({0.0, 0.0}, outcome(true, 2001, 2000, 2001))));
}

TEST(HazardLikelihood, BreakProbabilityIsOneMinusSurvival) {
  EXPECT_NEAR(break_probability({0.1, 0.2, 0.3}), 1 - 0.9 * 0.8 * 0.7, 1e-12);
  EXPECT_EQ(break_probability({}), 0);
}

// The held test case observes C's support in 1995 (alliance_support) and its favourability of
// P (not support, never used).
TEST(SurveyLikelihood, OnlySupportItemsCountOnTheLogitScale) {
  const auto cases = load_cases({kCases + "/held.yaml"});
  sim::TimeScenario t = cases[0].scenario;
  const sim::Run run = sim::simulate(t, {});
  const double p = run.value("public_support.C", 1995);
  auto& surveys = t.publics[1].surveys;
  ASSERT_EQ(surveys.size(), 2u);
  ASSERT_EQ(surveys[0].measures, sim::SurveyMeasure::AllianceSupport);
  surveys[0].value = p;  // observed = modelled: the density's peak, −log σ − log √(2π)
  EXPECT_NEAR(survey_log_likelihood(t, run), -std::log(kSurveySigma) - 0.5 * std::log(2 * M_PI), 1e-9);
  surveys[1].value = 0.01;  // favourability moves nothing
  EXPECT_NEAR(survey_log_likelihood(t, run), -std::log(kSurveySigma) - 0.5 * std::log(2 * M_PI), 1e-9);
  const double lp = std::log(p / (1 - p)), lo = std::log(0.5 / 0.5);
  surveys[0].value = 0.5;
  const double z = (lo - lp) / kSurveySigma;
  EXPECT_NEAR(survey_log_likelihood(t, run), -0.5 * z * z - std::log(kSurveySigma) - 0.5 * std::log(2 * M_PI), 1e-9);
}

TEST(Priors, SupportParametersOnlyWhenSupportIsObserved) {
  auto names = [](const std::vector<Prior>& ps) {
    std::set<std::string> out;
    for (const auto& p : ps) out.insert(p.name);
    return out;
  };
  const auto broke = names(calibrated_parameters(load_cases({kCases + "/broke.yaml"})));
  EXPECT_EQ(broke, (std::set<std::string>{"hazard_slope", "security_weight", "contribution_weight", "domestic_weight"}));
  const auto both = names(calibrated_parameters(load_cases({kCases})));
  EXPECT_TRUE(both.count("rally") && both.count("resentment"));
  EXPECT_FALSE(both.count("exit_base_rate"));
}

// Every fitted parameter is a scale: log-uniform, strictly positive, inside what the model
// accepts, and each with its reason.
TEST(Priors, LogUniformInsideTheModelsRangeWithAReason) {
  for (const Prior& p : calibrated_parameters(load_cases({kCases}))) {
    EXPECT_EQ(p.shape, PriorShape::LogUniform) << p.name;
    EXPECT_GT(p.min, 0) << p.name;
    EXPECT_FALSE(p.why.empty()) << p.name;
    for (const auto& row : alliance::parameter_table())
      if (p.name == row.name) {
        EXPECT_GE(p.min, row.min) << p.name;
        EXPECT_LE(p.max, row.max) << p.name;
      }
  }
}

TEST(Priors, UnitCoordinatesRoundTrip) {
  const Prior u{"x", nullptr, 0, 10, PriorShape::Uniform, ""};
  const Prior l{"y", nullptr, 1e-4, 1, PriorShape::LogUniform, ""};
  EXPECT_DOUBLE_EQ(u.at(0.25), 2.5);
  EXPECT_NEAR(l.at(0.5), 1e-2, 1e-15);
  EXPECT_NEAR(l.unit(l.at(0.3)), 0.3, 1e-12);
}

TEST(Diagnostics, QuantileIsHyndmanFanType7) {
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_NEAR(quantile({1, 2, 3, 4}, 0.05), 1.15, 1e-12);
  EXPECT_DOUBLE_EQ(quantile({1, 2, 3, 4}, 1), 4);
}

// Chains drawn from the same values: no between-chain variance, R̂ = √((n − 1)/n).
TEST(Diagnostics, RhatOfAlikeChains) {
  EXPECT_NEAR(rhat({{1, 2, 3, 4}, {4, 3, 2, 1}}), std::sqrt(0.75), 1e-12);
  EXPECT_GT(rhat({{1, 2, 1, 2}, {11, 12, 11, 12}}), 3);
}

// A chain that repeats each value ten times carries about a tenth of the information.
TEST(Diagnostics, EssFallsWithAutocorrelation) {
  RandomStream rng(3, 0);
  std::vector<double> iid, sticky;
  for (int i = 0; i < 400; ++i) iid.push_back(rng.uniform());
  for (int i = 0; i < 40; ++i) {
    const double x = rng.uniform();
    for (int k = 0; k < 10; ++k) sticky.push_back(x);
  }
  EXPECT_GT(effective_sample_size({iid}), 200);
  EXPECT_LT(effective_sample_size({sticky}), 100);
}

// A narrow ridge, as when two weights trade off: a normal at (½, ½) with standard deviations
// 0.1 and correlation 0.98. The adaptive proposal must find the ridge and recover its moments.
TEST(Sampler, AdaptiveMetropolisRecoversACorrelatedNormal) {
  constexpr double sd = 0.1, rho = 0.98;
  const Density ridge = [&](const std::vector<double>& u) {
    const double a = (u[0] - 0.5) / sd, b = (u[1] - 0.5) / sd;
    return DensityPoint{-(a * a - 2 * rho * a * b + b * b) / (2 * (1 - rho * rho)), {}};
  };
  RandomStream rng(5, 0);
  int ticks = 0;
  const Chain c = adaptive_metropolis(ridge, 2, 4000, 20000, rng, [&] { ++ticks; });
  EXPECT_EQ(ticks, 24001);
  ASSERT_EQ(c.u.size(), 20000u);
  double m0 = 0, m1 = 0;
  for (const auto& u : c.u) {
    m0 += u[0] / 20000;
    m1 += u[1] / 20000;
  }
  double v0 = 0, v1 = 0, cov = 0;
  for (const auto& u : c.u) {
    v0 += (u[0] - m0) * (u[0] - m0) / 20000;
    v1 += (u[1] - m1) * (u[1] - m1) / 20000;
    cov += (u[0] - m0) * (u[1] - m1) / 20000;
  }
  EXPECT_NEAR(m0, 0.5, 0.02);
  EXPECT_NEAR(m1, 0.5, 0.02);
  EXPECT_NEAR(std::sqrt(v0), sd, 0.015);
  EXPECT_NEAR(cov / std::sqrt(v0 * v1), rho, 0.01);
  // Tuned toward ¼; a proposal blind to the ridge would be accepted far less often at this step.
  EXPECT_GT(c.acceptance, 0.15);
  EXPECT_LT(c.acceptance, 0.4);
}

// Nothing outside the unit cube is ever kept, even when the density's mass sits on an edge.
TEST(Sampler, StaysInsideTheCube) {
  const Density edge = [](const std::vector<double>& u) { return DensityPoint{-20 * u[0], {u[0]}}; };
  RandomStream rng(6, 0);
  const Chain c = adaptive_metropolis(edge, 1, 500, 2000, rng, [] {});
  for (std::size_t i = 0; i < c.u.size(); ++i) {
    EXPECT_GE(c.u[i][0], 0);
    EXPECT_LE(c.u[i][0], 1);
    EXPECT_EQ(c.extra[i][0], c.u[i][0]);  // what is kept beside a draw is the draw's own
  }
  // An exponential of rate 20 truncated to [0, 1] has mean ≈ 1/20.
  double mean = 0;
  for (const auto& u : c.u) mean += u[0] / static_cast<double>(c.u.size());
  EXPECT_NEAR(mean, 0.05, 0.015);
}

CalibrationOptions small(int threads) {
  CalibrationOptions o;
  o.seed = 11;
  o.draws = 60;
  o.chains = 3;
  o.threads = threads;
  return o;
}

TEST(Calibrate, SameSeedSamePosteriorOnAnyThreadCount) {
  const auto cases = load_cases({kCases});
  const auto one = posterior_json(calibrate(cases, small(1)), cases).dump();
  const auto two = posterior_json(calibrate(cases, small(2)), cases).dump();
  EXPECT_EQ(one, two);
  auto other = small(2);
  other.seed = 12;
  EXPECT_NE(one, posterior_json(calibrate(cases, other), cases).dump());
}

TEST(Calibrate, DrawsWithinPriorsAndSummariesConsistent) {
  const auto cases = load_cases({kCases});
  const Posterior p = calibrate(cases, small(2));
  ASSERT_EQ(p.draws.draws.size(), 180u);
  for (const auto& d : p.draws.draws)
    for (std::size_t j = 0; j < d.size(); ++j) {
      EXPECT_GE(d[j], p.priors[j].min);
      EXPECT_LE(d[j], p.priors[j].max);
    }
  for (const auto& s : p.summary) {
    EXPECT_LE(s.q05, s.median);
    EXPECT_LE(s.median, s.q95);
    EXPECT_TRUE(s.rhat.has_value());
  }
  for (double a : p.acceptance) {
    EXPECT_GE(a, 0);
    EXPECT_LE(a, 1);
  }
  // In sample, the case that broke is given a higher chance of breaking than the one that held.
  double broke = 0, held = 0;
  ASSERT_EQ(cases[0].scenario.scenario.name, "test-broke");
  for (const auto& pb : p.p_break) {
    broke += pb[0];
    held += pb[1];
  }
  EXPECT_GT(broke, held);
}

TEST(PosteriorFile, ReadBackAndApplied) {
  const auto cases = load_cases({kCases});
  const Posterior p = calibrate(cases, small(2));
  const std::string path = test::temp_file("posterior.json", posterior_json(p, cases).dump());
  const PosteriorFile f = read_posterior(path);
  EXPECT_EQ(f.draws.names, p.draws.names);
  EXPECT_EQ(f.draws.draws, p.draws.draws);
  ASSERT_EQ(f.medians.size(), p.summary.size());
  EXPECT_EQ(f.medians[0], p.summary[0].median);
  EXPECT_EQ(f.case_hashes, p.case_hashes);
  sim::TimeScenario t = cases[0].scenario;
  apply_posterior(t, f);
  EXPECT_EQ(t.params.hazard_slope, p.summary[0].median);
  // A sampled run takes one of the draws, whole.
  for (std::uint64_t run = 0; run < 5; ++run) {
    RandomStream rng(1, run);
    const sim::TimeScenario s = sim::sample(t, rng);
    bool found = false;
    for (const auto& d : f.draws.draws)
      found = found || (d[0] == s.params.hazard_slope && d[1] == s.params.security_weight);
    EXPECT_TRUE(found) << run;
  }
}

TEST(PosteriorFile, NotOneIsAnInputError) {
  EXPECT_THROW(read_posterior(test::temp_file("bad.json", "{\"format\": \"other\"}")), InputError);
  EXPECT_THROW(read_posterior(test::temp_file("bad2.json", "not json")), InputError);
}

TEST(Cases, FolderTakesFilesWithOutcomesInNameOrder) {
  const auto cases = load_cases({kCases});
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_LT(cases[0].file, cases[1].file);
  EXPECT_EQ(cases[0].hash, content_hash(read_file(cases[0].file)));
  EXPECT_EQ(content_hash(""), "cbf29ce484222325");  // FNV-1a 64 offset basis: the hash of nothing
  EXPECT_THROW(load_cases({std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea-2003.yaml"}), InputError);
}

}  // namespace
}  // namespace entente::evidence

namespace entente::evidence {
namespace {

// The chains of one calibration run apart (as `calibrate --mpi` runs them on different ranks)
// and assembled give the posterior of calibrate() itself, byte for byte in its file, also
// after a round trip through the bytes the ranks send.
TEST(ChainsApart, AssembleToTheSamePosteriorFile) {
  const auto cases = load_cases({kCases});
  CalibrationOptions o;
  o.draws = 12;
  o.chains = 3;
  o.seed = 4;
  const std::string whole = posterior_json(calibrate(cases, o), cases).dump();
  std::vector<ChainDraws> chains = run_chains(cases, o, {0});
  for (auto& c : chains_from_bytes(chains_to_bytes(run_chains(cases, o, {1, 2})))) chains.push_back(std::move(c));
  EXPECT_EQ(posterior_json(assemble_posterior(cases, o, chains), cases).dump(), whole);
  EXPECT_THROW(assemble_posterior(cases, o, run_chains(cases, o, {0})), std::logic_error);
}

TEST(ChainsApart, BytesCutShortOrPaddedAreRefused) {
  const auto cases = load_cases({kCases});
  CalibrationOptions o;
  o.draws = 4;
  o.chains = 1;
  const std::string bytes = chains_to_bytes(run_chains(cases, o, {0}));
  EXPECT_THROW(chains_from_bytes(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
  EXPECT_THROW(chains_from_bytes(bytes + "x"), std::runtime_error);
  EXPECT_THROW(chains_from_bytes(std::string(8, '\xff')), std::runtime_error);
}

}  // namespace
}  // namespace entente::evidence
