// The readers: each format read exactly, line ends and BOMs ignored, and every class of bad
// input rejected with the file, the line and the field.
#include <gtest/gtest.h>

#include "io/scenario_io.h"

namespace entente {
namespace {

const std::string kRef = ENTENTE_REFERENCE_DIR;

TEST(KtabCsv, ReadsSoePolComp) {
  const Scenario s = load_scenario(kRef + "/ktab/SOE-Pol-Comp.csv");
  ASSERT_EQ(s.num_actors(), 13u);
  ASSERT_EQ(s.num_issues(), 2u);
  EXPECT_EQ(s.issues[0].name, "Policy Position");
  EXPECT_EQ(s.issues[1].name, "Competitive Position");
  EXPECT_EQ(s.actors[0].name, "XJ");
  EXPECT_EQ(s.actors[0].description, "Xi Jinping");
  EXPECT_DOUBLE_EQ(s.actors[1].capability, 60.2);
  EXPECT_DOUBLE_EQ(s.stance(1, 0).position, 45);
  EXPECT_DOUBLE_EQ(s.stance(1, 0).salience, 0.447);
  EXPECT_DOUBLE_EQ(s.stance(1, 1).position, 65);
  EXPECT_EQ(s.actors[12].name, "WY");
}

TEST(KtabCsv, TrailingCommaOrNotReadsTheSame) {
  const Scenario a = load_scenario(kRef + "/ktab/dummyData_3Dim.csv");
  const Scenario b = load_scenario(kRef + "/ktab/dummyData_3Dim-no-final-comma.csv");
  ASSERT_EQ(a.num_actors(), 7u);
  ASSERT_EQ(a.num_issues(), 3u);
  ASSERT_EQ(a.stances.size(), b.stances.size());
  for (std::size_t i = 0; i < a.stances.size(); ++i) {
    EXPECT_EQ(a.stances[i].position, b.stances[i].position);
    EXPECT_EQ(a.stances[i].salience, b.stances[i].salience);
  }
  EXPECT_DOUBLE_EQ(a.actors[0].capability, 102.543);
}

TEST(KtabCsv, ReadsEverySample) {
  for (const char* f : {"SOE-Competitive.csv", "SOE-Policy.csv", "dummyData_6Dim.csv",
                        "dummyData-a040.csv", "dummyData-a080.csv", "dummyData-a160.csv"}) {
    SCOPED_TRACE(f);
    EXPECT_NO_THROW(load_scenario(kRef + "/ktab/" + f));
  }
  EXPECT_EQ(load_scenario(kRef + "/ktab/dummyData-a160.csv").num_actors(), 160u);
  EXPECT_EQ(load_scenario(kRef + "/ktab/dummyData_6Dim.csv").num_issues(), 6u);
}

TEST(PositionTable, ReadsEcEmissions) {
  const Scenario s = load_scenario(kRef + "/eu/ec-emissions.csv");
  ASSERT_EQ(s.num_actors(), 10u);
  ASSERT_EQ(s.num_issues(), 1u);
  EXPECT_EQ(s.issues[0].name, "ec-emissions");
  EXPECT_EQ(s.issues[0].scale_min, 4);
  EXPECT_EQ(s.issues[0].scale_max, 10);
  EXPECT_EQ(s.actors[1].name, "Belgium");
  EXPECT_DOUBLE_EQ(s.actors[1].capability, 0.08);
  EXPECT_DOUBLE_EQ(s.stance(1, 0).position, 7);
  EXPECT_DOUBLE_EQ(s.stance(1, 0).salience, 0.4);
}

}  // namespace
}  // namespace entente
