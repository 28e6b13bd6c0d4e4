// The time-stepped commands end to end on the default scenario: run, explain, compare,
// claims and sweep, their formats and exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/files.h"
#include "support.h"

namespace entente {
namespace {

using nlohmann::json;

const std::string kKorea = "'" + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml'";

TEST(TimelineCli, RunPrintsTheYearlyTableWithEvents) {
  const auto r = test::run_cli("run " + kKorea + " --from 2000 --to 2004");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* text : {"hazard", "survival", "2002", "acquittals", "axis-of-evil", "Survival of the alliance to 2004"})
    EXPECT_NE(r.output.find(text), std::string::npos) << text;
  EXPECT_EQ(r.output.find("1999 "), std::string::npos);
}

TEST(TimelineCli, RunCsvIsTidy) {
  const auto r = test::run_cli("run " + kKorea + " --format csv --from 2003 --to 2003");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output.rfind("year,series,value\n2003,strain,", 0), 0u);
}

TEST(TimelineCli, ExplainJsonSumsToTheTotalChange) {
  const auto r = test::run_cli("explain " + kKorea + " --from 1992 --to 2003 --format json --series strain net_value.ROK");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json j = json::parse(r.output);
  for (const char* series : {"strain", "net_value.ROK"}) {
    const json& a = j.at("series").at(series);
    double sum = 0;
    for (const auto& [group, value] : a.at("shapley").items()) sum += value.get<double>();
    EXPECT_NEAR(sum, a.at("total_change").get<double>(), 1e-9) << series;
  }
  EXPECT_TRUE(j.at("series").at("strain").at("shapley").contains("role"));
  EXPECT_TRUE(j.at("series").at("strain").at("shapley").contains("ascendancy"));
}

TEST(TimelineCli, ExplainWithNamedGroups) {
  const auto r = test::run_cli("explain " + kKorea +
                               " --from 1992 --to 2003 --groups role symptom=incidents divergence=goals+strategies "
                               "--format json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json j = json::parse(r.output);
  EXPECT_EQ(j.at("series").at("strain").at("shapley").size(), 3u);
  EXPECT_EQ(test::run_cli("explain " + kKorea + " --from 2003 --to 1992").exit_code, 2);
  EXPECT_EQ(test::run_cli("explain " + kKorea + " --from 1992 --to 2003 --series nonsense").exit_code, 2);
}

TEST(TimelineCli, CompareJsonHasEveryPolicy) {
  const auto r = test::run_cli("compare " + kKorea +
                               " --policies status-quo,no-role-reversal,us-adjustment,no-troop-cut,no-incident "
                               "--to 2015 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json j = json::parse(r.output);
  EXPECT_EQ(j.at("years").back(), 2015);
  for (const char* p : {"baseline", "status-quo", "no-role-reversal", "us-adjustment", "no-troop-cut", "no-incident"})
    EXPECT_EQ(j.at("policies").at(p).at("series").at("strain").size(), j.at("years").size()) << p;
}

TEST(TimelineCli, ClaimsJsonListsEachClaim) {
  const auto r = test::run_cli("claims " + kKorea + " --runs 6 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json j = json::parse(r.output);
  ASSERT_EQ(j.size(), 5u);
  for (const auto& c : j) {
    EXPECT_TRUE(c.at("holds_baseline").is_boolean());
    const double share = c.at("share_of_runs").get<double>();
    EXPECT_GE(share, 0);
    EXPECT_LE(share, 1);
    EXPECT_FALSE(c.at("text").get<std::string>().empty());
  }
  // The same draws on any thread count.
  EXPECT_EQ(test::run_cli("claims " + kKorea + " --runs 6 --format json --threads 1").output, r.output);
}

TEST(TimelineCli, SweepWritesItsFilesAndRefusesToOverwrite) {
  const std::string dir = std::filesystem::path(test::temp_file("x", "")).parent_path() / "cli-sweep";
  std::filesystem::remove_all(dir);
  auto r = test::run_cli("sweep " + kKorea + " --runs 40 --policies us-adjustment --to 2015 --output '" + dir + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* f : {"runs.csv", "summary.csv", "retreat.csv", "sweep.json"})
    EXPECT_TRUE(std::filesystem::exists(dir + "/" + f)) << f;
  EXPECT_NE(read_file(dir + "/summary.csv").find("us-adjustment,2015,strain,"), std::string::npos);
  r = test::run_cli("sweep " + kKorea + " --runs 40 --output '" + dir + "'");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--resume"), std::string::npos);
}

TEST(TimelineCli, ValidateReportsATimelineAndItsErrors) {
  auto r = test::run_cli("validate " + kKorea);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("events"), std::string::npos);
  const std::string bad = test::temp_file("bad-time.yaml", "name: x\ntime: {start: 2000, end: 1990}\nactors: []\n");
  r = test::run_cli("validate '" + bad + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(bad + ":2"), std::string::npos) << r.output;
  r = test::run_cli("forecast " + kKorea);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("entente run"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace entente
