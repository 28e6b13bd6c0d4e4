// The case library (scenarios/cases/*.yaml, EVIDENCE.md §1): every case file validates, runs,
// and keeps the shape the case brief asks of it — a recorded outcome inside the time span, a
// small set of actors and issues with a goal, a strategy and a posture issue, dated events in
// number 8–25 — so a case that drifts from it fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "alliance/alliance.h"
#include "io/timeline_io.h"
#include "sim/simulation.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(ENTENTE_SOURCE_DIR) / "scenarios" / "cases";

struct CaseFile {
  fs::path path;
};

void PrintTo(const CaseFile& c, std::ostream* os) { *os << c.path.filename().string(); }

// Every .yaml file in the library, sorted so the test names are stable.
std::vector<CaseFile> case_files() {
  std::vector<CaseFile> files;
  if (fs::is_directory(kCases))
    for (const auto& entry : fs::directory_iterator(kCases))
      if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back({entry.path()});
  std::sort(files.begin(), files.end(), [](const CaseFile& a, const CaseFile& b) { return a.path < b.path; });
  return files;
}

bool has_role(const sim::TimeScenario& t, alliance::IssueRole role) {
  return std::any_of(t.setup.issues.begin(), t.setup.issues.end(),
                     [role](const alliance::IssueSetup& i) { return i.role == role; });
}

// A gtest name from the file's stem: "us-japan-1957" → "us_japan_1957".
std::string case_name(const testing::TestParamInfo<CaseFile>& info) {
  std::string name = info.param.path.stem().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

TEST(CaseLibrary, HoldsCases) { EXPECT_FALSE(case_files().empty()) << "no case file in " << kCases; }

class CaseFileTest : public testing::TestWithParam<CaseFile> {};

TEST_P(CaseFileTest, Validates) {
  // load_timeline throws InputError listing every problem of the file at its line.
  EXPECT_NO_THROW(load_timeline(GetParam().path.string()));
}

TEST_P(CaseFileTest, RecordsAnOutcomeWithinItsSpan) {
  const sim::TimeScenario t = load_timeline(GetParam().path.string());
  ASSERT_TRUE(t.outcome) << "a case must end with an outcome: block";
  EXPECT_GE(t.outcome->window_first, t.start_year);
  EXPECT_LE(t.outcome->window_last, t.horizon_year);
  EXPECT_LE(t.outcome->window_first, t.outcome->window_last);
  EXPECT_FALSE(t.outcome->source.empty());
  EXPECT_FALSE(t.outcome->reason.empty());
  if (t.outcome->broke) {
    EXPECT_TRUE(t.outcome->kind);
    EXPECT_GE(t.outcome->year, t.outcome->window_first);
    EXPECT_LE(t.outcome->year, t.outcome->window_last);
  }
}

TEST_P(CaseFileTest, KeepsTheLibrarysShape) {
  // The brief: patron, client and adversary three different actors; 4–6 actors; 3–4 issues
  // among which a goal, a strategy and a posture issue (so the patron's stake is coded);
  // 8–25 dated events.
  const sim::TimeScenario t = load_timeline(GetParam().path.string());
  const auto& s = t.setup;
  EXPECT_NE(s.patron, s.client);
  EXPECT_NE(s.patron, s.adversary);
  EXPECT_NE(s.client, s.adversary);
  EXPECT_GE(t.scenario.num_issues(), 3u);
  EXPECT_LE(t.scenario.num_issues(), 4u);
  EXPECT_TRUE(has_role(t, alliance::IssueRole::Goal)) << "no goal issue";
  EXPECT_TRUE(has_role(t, alliance::IssueRole::Strategy)) << "no strategy issue";
  EXPECT_TRUE(has_role(t, alliance::IssueRole::Posture)) << "no posture issue (the patron's stake)";
  EXPECT_GE(t.scenario.num_actors(), 4u);
  EXPECT_LE(t.scenario.num_actors(), 6u);
  EXPECT_GE(t.events.size(), 8u);
  EXPECT_LE(t.events.size(), 25u);
}

TEST_P(CaseFileTest, RunsOverItsSpan) {
  const sim::TimeScenario t = load_timeline(GetParam().path.string());
  const sim::Run r = sim::simulate(t, sim::SimOptions{});
  ASSERT_EQ(r.years.size(), static_cast<std::size_t>(t.num_years()));
  EXPECT_EQ(r.years.front(), t.start_year);
  EXPECT_EQ(r.years.back(), t.end_year);
  // Survival is a probability that never rises (a product of yearly 1 − H).
  const auto& s = r.at("survival");
  for (std::size_t i = 0; i < s.size(); ++i) {
    EXPECT_GE(s[i], 0.0);
    EXPECT_LE(s[i], 1.0);
    if (i > 0) {
      EXPECT_LE(s[i], s[i - 1]);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseFileTest, testing::ValuesIn(case_files()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CaseFileTest);

}  // namespace
}  // namespace entente
