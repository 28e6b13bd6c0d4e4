// The case library (scenarios/cases/*.yaml): every case file loads without a problem, and each
// keeps to the shape the library's cases share (docs/cases/; the coding brief): a patron, a
// client and an adversary that are three different actors, 4–6 actors, 3–4 issues among which
// a goal, a strategy and a posture issue (so the patron's stake is coded), and 8–25 events.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "alliance/alliance.h"
#include "core/error.h"
#include "io/timeline_io.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  const fs::path dir = fs::path(ENTENTE_SOURCE_DIR) / "scenarios" / "cases";
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") out.push_back(entry.path().string());
  std::sort(out.begin(), out.end());  // a stable order, so test names do not move between runs
  return out;
}

// "us-japan-1957.yaml" → "us_japan_1957": gtest names allow letters, digits and underscores.
std::string case_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

bool has_role(const sim::TimeScenario& t, alliance::IssueRole role) {
  return std::any_of(t.setup.issues.begin(), t.setup.issues.end(),
                     [role](const alliance::IssueSetup& i) { return i.role == role; });
}

TEST(CaseLibrary, HoldsCases) { EXPECT_FALSE(case_files().empty()) << "no scenarios/cases/*.yaml found"; }

class CaseFile : public testing::TestWithParam<std::string> {};

TEST_P(CaseFile, LoadsAndKeepsTheLibrarysShape) {
  sim::TimeScenario t;
  try {
    t = load_timeline(GetParam());
  } catch (const InputError& e) {
    FAIL() << e.what();
  }
  const auto& s = t.setup;
  EXPECT_NE(s.patron, s.client);
  EXPECT_NE(s.patron, s.adversary);
  EXPECT_NE(s.client, s.adversary);
  EXPECT_GE(t.scenario.num_actors(), 4u);
  EXPECT_LE(t.scenario.num_actors(), 6u);
  EXPECT_GE(t.scenario.num_issues(), 3u);
  EXPECT_LE(t.scenario.num_issues(), 4u);
  EXPECT_TRUE(has_role(t, alliance::IssueRole::Goal)) << "no goal issue";
  EXPECT_TRUE(has_role(t, alliance::IssueRole::Strategy)) << "no strategy issue";
  EXPECT_TRUE(has_role(t, alliance::IssueRole::Posture)) << "no posture issue (the patron's stake)";
  EXPECT_GE(t.events.size(), 8u);
  EXPECT_LE(t.events.size(), 25u);
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseFile, testing::ValuesIn(case_files()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CaseFile);

}  // namespace
}  // namespace entente
