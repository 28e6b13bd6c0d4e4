// `entente series FILE`: exactly the series a run records, in the order runs report them,
// each with what it measures; and the --series help that points to it.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/simulation.h"
#include "support.h"

namespace entente {
namespace {

const std::string kKorea = "'" + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml'";

// The series column of `run --format csv` for one year: the run's own order.
std::vector<std::string> series_of_a_run() {
  const auto r = test::run_cli("run " + kKorea + " --format csv --from 2003 --to 2003");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::vector<std::string> names;
  std::istringstream in(r.output);
  std::string line;
  std::getline(in, line);  // header: year,series,value
  while (std::getline(in, line)) {
    const auto first = line.find(','), second = line.find(',', first + 1);
    names.push_back(line.substr(first + 1, second - first - 1));
  }
  return names;
}

TEST(SeriesCli, ListsExactlyTheSeriesOfARunInItsOrderEachDescribed) {
  const auto r = test::run_cli("series " + kKorea + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  std::vector<std::string> listed;
  for (const auto& row : j) {
    listed.push_back(row.at("series").get<std::string>());
    EXPECT_FALSE(row.at("description").get<std::string>().empty()) << listed.back() << " is not described";
  }
  EXPECT_EQ(listed, series_of_a_run());
  for (const char* name : {"strain", "strain.ROK", "net_value.US", "public_support.ROK", "divergence.goals", "threat"})
    EXPECT_NE(std::find(listed.begin(), listed.end(), name), listed.end()) << name;
}

TEST(SeriesCli, TheTableNamesEachSeries) {
  const auto r = test::run_cli("series " + kKorea);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("public_support.US"), std::string::npos);
  EXPECT_NE(r.output.find("public support for the alliance"), std::string::npos);
}

TEST(SeriesCli, SeriesHelpPointsToTheSeriesCommand) {
  for (const char* command : {"explain", "compare"}) {
    const auto r = test::run_cli(std::string(command) + " --help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.output.find("entente series FILE"), std::string::npos) << command;
  }
  EXPECT_NE(test::run_cli("--help").output.find("series"), std::string::npos);
}

TEST(SeriesDescriptions, WholeNamesBeforeFamilies) {
  // The alliance's strain and a member's strain are different quantities.
  EXPECT_NE(sim::describe_series("strain"), sim::describe_series("strain.US"));
  EXPECT_EQ(sim::describe_series("strain.US"), sim::describe_series("strain.ROK"));
  EXPECT_NE(sim::describe_series("divergence.goals"), sim::describe_series("divergence.strategies"));
  EXPECT_EQ(sim::describe_series("position.US.nuclear"), sim::describe_series("position.ROK.strategy"));
  EXPECT_TRUE(sim::describe_series("nonsense").empty());
  EXPECT_TRUE(sim::describe_series("nonsense.US").empty());
  // Every entry is a whole name or a family ending in '.', and none is listed twice.
  std::set<std::string_view> seen;
  for (const auto& f : sim::kSeriesFamilies) {
    EXPECT_TRUE(seen.insert(f.name).second) << f.name;
    EXPECT_FALSE(f.description.empty()) << f.name;
  }
}

}  // namespace
}  // namespace entente
