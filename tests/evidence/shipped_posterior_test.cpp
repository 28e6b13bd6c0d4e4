// The posterior shipped in data/posterior.json (`make posterior`): its chains converged, it was
// fitted on the case files as they are now, the model's defaults are its medians, and under it
// the Korean alliance survives to 2010 in more than half of sampled runs (issue 10).
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "alliance/alliance.h"
#include "evidence/backtest.h"
#include "io/files.h"

namespace entente::evidence {
namespace {

const std::string kRoot = ENTENTE_SOURCE_DIR;
const std::string kPosterior = kRoot + "/data/posterior.json";

std::vector<std::string> library() { return {kRoot + "/scenarios/cases", kRoot + "/scenarios/korea.yaml"}; }

TEST(ShippedPosterior, ChainsConverged) {
  const auto j = nlohmann::json::parse(read_file(kPosterior));
  EXPECT_TRUE(j.at("converged").get<bool>());
  for (const auto& p : j.at("parameters")) {
    EXPECT_LE(p.at("rhat").get<double>(), kMaxRhat) << p.at("name");
    EXPECT_GE(p.at("ess").get<double>(), kMinEssPerChain * j.at("chains").get<double>()) << p.at("name");
  }
}

// A case recoded after the fit makes the file stale: regenerate it (`make posterior`) and say why.
TEST(ShippedPosterior, FittedOnTheCasesAsTheyAre) {
  const PosteriorFile f = read_posterior(kPosterior);
  std::vector<std::string> now;
  for (const Case& c : load_cases(library())) now.push_back(c.hash);
  EXPECT_EQ(f.case_hashes, now);
}

// Each default of a fitted parameter is the posterior median to three significant digits.
TEST(ShippedPosterior, DefaultsAreItsMedians) {
  const PosteriorFile f = read_posterior(kPosterior);
  const alliance::Parameters defaults;
  ASSERT_FALSE(f.draws.names.empty());
  for (std::size_t j = 0; j < f.draws.names.size(); ++j)
    for (const auto& row : alliance::parameter_table())
      if (f.draws.names[j] == row.name) {
        const double shipped = defaults.*(row.field);
        EXPECT_NEAR(shipped, f.medians[j], 5e-3 * std::abs(f.medians[j])) << row.name;
      }
}

TEST(ShippedPosterior, KoreaSurvivesTo2010InMostRuns) {
  const PosteriorFile f = read_posterior(kPosterior);
  const auto korea = load_cases({kRoot + "/scenarios/korea.yaml"});
  ASSERT_EQ(korea.front().outcome().window_last, 2010);
  const CaseForecast k = forecast_case(korea.front(), f, 400, 1, "", 2);
  EXPECT_EQ(k.runs, 400);
  EXPECT_LT(k.breaks, k.runs / 2);
  EXPECT_LT(k.p_break, 0.5);
}

}  // namespace
}  // namespace entente::evidence
