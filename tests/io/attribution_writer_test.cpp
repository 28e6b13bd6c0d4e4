// The explain writer shows each group's but-for effect beside its Shapley value, in every
// format, from the Attribution it is given (values set here, not computed).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "io/analysis_io.h"

namespace entente {
namespace {

analysis::Attribution example() {
  analysis::Attribution a;
  a.series = "strain";
  a.from = 1992;
  a.to = 2003;
  a.start_value = 0.1;
  a.v_all = 0.5;
  a.v_none = 0.2;
  a.total_change = 0.3;
  a.drift = 0.1;
  a.shapley = {{"goals", 0.1}, {"role", 0.2}};
  a.but_for = {{"goals", 0.05}, {"role", 0.25}};
  a.interactions = {{"goals", "role", 0.05}};
  return a;
}

TEST(AttributionWriter, JsonCarriesTheButForEffects) {
  const auto j = nlohmann::json::parse(write_attribution({example()}, "median", Format::Json));
  const auto& s = j.at("series").at("strain");
  EXPECT_EQ(s.at("but_for").at("goals").get<double>(), 0.05);
  EXPECT_EQ(s.at("but_for").at("role").get<double>(), 0.25);
  EXPECT_EQ(s.at("shapley").at("role").get<double>(), 0.2);
}

TEST(AttributionWriter, TidyCsvHasAButForRowPerGroup) {
  const std::string csv = write_attribution({example()}, "median", Format::Csv);
  EXPECT_NE(csv.find("strain,but_for,role,0.25\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("strain,but_for,goals,0.05\n"), std::string::npos) << csv;
}

TEST(AttributionWriter, TableShowsTheButForColumn) {
  const std::string text = write_attribution({example()}, "median", Format::Table);
  EXPECT_NE(text.find("but-for"), std::string::npos) << text;
  EXPECT_NE(text.find("0.2500"), std::string::npos) << text;  // role's but-for, 4 decimals
}

}  // namespace
}  // namespace entente
