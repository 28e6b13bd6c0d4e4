// The `outcome:` block of a time-stepped scenario: read into sim::Outcome as written, with the
// window defaulting to the time span, and every misuse reported at its line and field.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <sstream>

#include "io/timeline_io.h"
#include "sim/simulation.h"
#include "support.h"

namespace entente {
namespace {

std::string scenario(const std::string& outcome) {
  return std::string("name: outcome\ntime: {start: 1975, end: 1985}\n") + test::kOneIssueAlliance + outcome;
}

sim::TimeScenario load(const std::string& text) { return read_timeline(text, test::temp_file("outcome.yaml", text)); }

TEST(Outcome, BrokeIsReadAsWritten) {
  const auto t = load(scenario(R"(outcome:
  result: broke
  year: 1980
  what: treaty_ended
  window: [1975, 1981]
  reason: "the treaty lapsed a year after notice"
  source: "a treaty text"
)"));
  ASSERT_TRUE(t.outcome);
  EXPECT_TRUE(t.outcome->broke);
  EXPECT_EQ(t.outcome->year, 1980);
  EXPECT_EQ(t.outcome->kind, sim::OutcomeKind::TreatyEnded);
  EXPECT_EQ(t.outcome->window_first, 1975);
  EXPECT_EQ(t.outcome->window_last, 1981);
  EXPECT_EQ(t.outcome->window_years(), 7);
  EXPECT_EQ(t.outcome->reason, "the treaty lapsed a year after notice");
  EXPECT_EQ(t.outcome->source, "a treaty text");
}

TEST(Outcome, HeldWindowDefaultsToTheTimeSpan) {
  const auto t = load(scenario("outcome: {result: held, reason: r, source: s}\n"));
  ASSERT_TRUE(t.outcome);
  EXPECT_FALSE(t.outcome->broke);
  EXPECT_FALSE(t.outcome->kind);
  EXPECT_EQ(t.outcome->window_first, 1975);
  EXPECT_EQ(t.outcome->window_last, 1985);
}

TEST(Outcome, AbsentWhenNotWritten) { EXPECT_FALSE(load(scenario("")).outcome); }

TEST(Outcome, EveryKindIsSpelledOnce) {
  for (const auto& name : sim::kOutcomeKinds.names()) {
    const auto t = load(scenario("outcome: {result: broke, year: 1978, what: " + name + ", reason: r, source: s}\n"));
    ASSERT_TRUE(t.outcome && t.outcome->kind) << name;
    EXPECT_EQ(sim::kOutcomeKinds.name(*t.outcome->kind), name);
  }
}

// The model never reads the outcome: the point run is the same with and without it.
TEST(Outcome, TheModelNeverReadsIt) {
  const auto with = sim::simulate(load(scenario("outcome: {result: broke, year: 1978, what: command_left, reason: r, source: s}\n")), {});
  const auto without = sim::simulate(load(scenario("")), {});
  EXPECT_FALSE(with.series.empty());
  EXPECT_EQ(with.series, without.series);
}

struct BadOutcome {
  std::string name, block, field, mentions;
};
void PrintTo(const BadOutcome& b, std::ostream* os) { *os << b.name; }

class OutcomeErrors : public ::testing::TestWithParam<BadOutcome> {};

// Each misuse is one diagnostic, at the line of the field at fault (the block's lines are
// counted from the end of the shared alliance text).
TEST_P(OutcomeErrors, ReportedAtTheField) {
  const std::string text = scenario(GetParam().block);
  const int block_line = static_cast<int>(std::count(text.begin(), text.end() - static_cast<long>(GetParam().block.size()), '\n')) + 1;
  try {
    load(text);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.field, GetParam().field) << e.what();
    EXPECT_NE(d.message.find(GetParam().mentions), std::string::npos) << e.what();
    EXPECT_GE(d.line, block_line) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Outcome, OutcomeErrors,
    ::testing::Values(
        BadOutcome{"year_outside_window", "outcome:\n  result: broke\n  year: 1983\n  what: treaty_ended\n  window: [1975, 1981]\n  reason: r\n  source: s\n", "outcome.year", "within the window"},
        BadOutcome{"year_missing_when_broke", "outcome: {result: broke, what: treaty_ended, reason: r, source: s}\n", "outcome.year", "missing 'year'"},
        BadOutcome{"what_missing_when_broke", "outcome: {result: broke, year: 1980, reason: r, source: s}\n", "outcome.what", "missing 'what'"},
        BadOutcome{"what_when_held", "outcome:\n  result: held\n  what: treaty_ended\n  reason: r\n  source: s\n", "outcome.what", "only when the alliance broke"},
        BadOutcome{"year_when_held", "outcome:\n  result: held\n  year: 1980\n  reason: r\n  source: s\n", "outcome.year", "only when the alliance broke"},
        BadOutcome{"unknown_what", "outcome: {result: broke, year: 1980, what: divorce, reason: r, source: s}\n", "outcome.what", "treaty_ended"},
        BadOutcome{"unknown_result", "outcome: {result: wobbled, reason: r, source: s}\n", "outcome.result", "held or broke"},
        BadOutcome{"window_outside_span", "outcome:\n  result: held\n  window: [1970, 1980]\n  reason: r\n  source: s\n", "outcome.window", "within the scenario's years"},
        BadOutcome{"window_reversed", "outcome:\n  result: held\n  window: [1980, 1976]\n  reason: r\n  source: s\n", "outcome.window", "from ≤ to"},
        BadOutcome{"source_missing", "outcome: {result: held, reason: r}\n", "outcome.source", "missing 'source'"},
        BadOutcome{"unknown_key", "outcome: {result: held, reason: r, source: s, when: 1980}\n", "outcome.when", "unknown key"}),
    [](const ::testing::TestParamInfo<BadOutcome>& info) { return info.param.name; });

}  // namespace
}  // namespace entente
