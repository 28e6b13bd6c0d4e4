// The default scenario end to end: `entente run scenarios/korea.yaml --format json` must
// match the golden trace in tests/data/golden/korea-run.json, on one thread and on two.
// Regenerate only on purpose (`make golden`), saying why in the commit.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "io/files.h"
#include "support.h"

namespace entente {
namespace {

using nlohmann::json;

const std::string kSource = ENTENTE_SOURCE_DIR;

void expect_matches_golden(const std::string& args) {
  const auto r = test::run_cli("run '" + kSource + "/scenarios/korea.yaml' --format json " + args);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json got = json::parse(r.output);
  const json want = json::parse(read_file(kSource + "/tests/data/golden/korea-run.json"));
  EXPECT_EQ(got.at("years"), want.at("years"));
  EXPECT_EQ(got.at("events"), want.at("events"));
  EXPECT_EQ(got.at("retreat_year"), want.at("retreat_year"));
  EXPECT_EQ(got.at("model"), want.at("model"));
  ASSERT_EQ(got.at("series").size(), want.at("series").size());
  for (const auto& [name, values] : want.at("series").items()) {
    ASSERT_TRUE(got.at("series").contains(name)) << name;
    const auto& mine = got.at("series").at(name);
    ASSERT_EQ(mine.size(), values.size()) << name;
    for (std::size_t i = 0; i < values.size(); ++i)
      EXPECT_EQ(mine[i].get<double>(), values[i].get<double>()) << name << " year index " << i;
  }
}

TEST(Golden, KoreaRunMatchesTheGoldenTrace) { expect_matches_golden("--threads 1"); }
TEST(Golden, KoreaRunMatchesOnTwoThreads) { expect_matches_golden("--threads 2"); }

TEST(Golden, KoreaRunCoversTheDocumentedSeries) {
  const json want = json::parse(read_file(kSource + "/tests/data/golden/korea-run.json"));
  EXPECT_EQ(want.at("years").front(), 1953);
  EXPECT_EQ(want.at("years").back(), 2010);
  for (const char* name : {"strain", "security_gain.US", "security_gain.ROK", "autonomy_cost.ROK", "net_value.ROK",
                           "public_support.ROK", "divergence.goals", "divergence.strategies", "s_score",
                           "disarmament.DPRK"})
    EXPECT_TRUE(want.at("series").contains(name)) << name;
  for (const auto& v : want.at("series").at("strain")) {
    EXPECT_GE(v.get<double>(), 0);
    EXPECT_LE(v.get<double>(), 1);
  }
}

}  // namespace
}  // namespace entente
