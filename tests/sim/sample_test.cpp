// The uncertain inputs of coding judgements: start values of the alliance, the sizes of an
// event's changes, and optional events. Each draw lands where the input names and nowhere
// else, within its distribution and the quantity's valid range.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/error.h"
#include "io/timeline_io.h"
#include "sim/sample.h"
#include "support.h"

namespace entente::sim {
namespace {

std::string scenario(const std::string& uncertain) {
  return std::string("name: judgements\ntime: {start: 2000, end: 2005}\n") + test::kOneIssueAlliance +
         R"(  backers: {A: 0.5}
events:
  - {name: lead, date: 2001, tags: [role], source: t, set: [{leadership: {issue: strategy, share: 0.8}}, {credibility: -0.1}]}
  - {name: outcry, date: 2002, tags: [incidents], source: t, set: [{public_shock: {member: C, size: -0.2}}, {public_shock: {member: P, size: -0.1}}]}
  - {name: optional, date: 2003, tags: [role], source: t, set: [{leadership: {issue: strategy, share: 0.6}}]}
uncertain:
)" + uncertain;
}

TimeScenario load(const std::string& uncertain) {
  const std::string text = scenario(uncertain);
  return read_timeline(text, test::temp_file("judgements.yaml", text));
}

template <class T>
const T& change(const TimeScenario& t, const std::string& event, std::size_t i) {
  for (const auto& ev : t.events)
    if (ev.name == event) return std::get<T>(ev.effects.at(i));
  throw std::out_of_range(event);
}

TEST(SamplingJudgements, StartValuesTakeTheDrawWithinTheirRange) {
  const auto t = load(
      "  - {start: leadership.strategy, value: {uniform: [0.55, 0.8]}}\n"
      "  - {start: backing.A, value: {uniform: [0.3, 0.7]}}\n"
      "  - {start: public.C, value: {uniform: [0.65, 0.9]}}\n"
      "  - {start: umbrella, value: {uniform: [2, 3]}}\n");  // clamped to 1
  for (std::uint64_t run = 0; run < 200; ++run) {
    RandomStream rng(3, run);
    const TimeScenario s = sample(t, rng);
    EXPECT_GE(s.leadership[0], 0.55);
    EXPECT_LE(s.leadership[0], 0.8);
    EXPECT_GE(s.backer_weight[0], 0.3);
    EXPECT_LE(s.backer_weight[0], 0.7);
    EXPECT_GE(s.public_anchor[1], 0.65);
    EXPECT_LE(s.public_anchor[1], 0.9);
    EXPECT_EQ(s.public_anchor[0], t.public_anchor[0]);  // the patron's public is not drawn
    EXPECT_EQ(s.umbrella, 1);
  }
}

TEST(SamplingJudgements, ChangeSizesAreScaledShiftedOrSetOnlyWhereNamed) {
  const auto t = load(
      "  - {event: lead, change: credibility, factor: {uniform: [0.5, 1.5]}}\n"
      "  - {event: lead, change: leadership.strategy, shift: {normal: [0, 0.05]}}\n"
      "  - {event: outcry, change: public_shock.C, factor: {uniform: [0.5, 2]}}\n");
  bool moved = false;
  for (std::uint64_t run = 0; run < 200; ++run) {
    RandomStream rng(4, run);
    const TimeScenario s = sample(t, rng);
    const double credibility = change<effect::Credibility>(s, "lead", 1).shift;
    EXPECT_GE(credibility, -0.15);
    EXPECT_LE(credibility, -0.05);
    const double share = change<effect::Leadership>(s, "lead", 0).share;
    EXPECT_GE(share, 0);
    EXPECT_LE(share, 1);
    moved = moved || share != 0.8;
    const double client = change<effect::PublicShock>(s, "outcry", 0).size;
    EXPECT_GE(client, -0.4);
    EXPECT_LE(client, -0.1);
    // The patron's shock in the same event is not named by public_shock.C.
    EXPECT_EQ(change<effect::PublicShock>(s, "outcry", 1).size, -0.1);
    // Nor is the other event's leadership step.
    EXPECT_EQ(change<effect::Leadership>(s, "optional", 0).share, 0.6);
  }
  EXPECT_TRUE(moved);
}

TEST(SamplingJudgements, AnOptionalEventHappensInAboutHalfTheRuns) {
  const auto t = load("  - {event: optional, keep: {uniform_int: [0, 1]}}\n");
  int kept = 0;
  const int runs = 400;
  for (std::uint64_t run = 0; run < runs; ++run) {
    RandomStream rng(5, run);
    const TimeScenario s = sample(t, rng);
    const bool has = std::any_of(s.events.begin(), s.events.end(), [](const Event& e) { return e.name == "optional"; });
    kept += has ? 1 : 0;
    EXPECT_EQ(s.events.size(), t.events.size() - (has ? 0 : 1));
  }
  // Binomial(400, ½): the mean 200 with sd 10; ±50 is five sd.
  EXPECT_GT(kept, 150);
  EXPECT_LT(kept, 250);
}

// A name the scenario does not have is an InputError at the input's line.
TEST(SamplingJudgements, UnknownTargetsAreInputErrorsAtTheirLine) {
  const struct {
    const char* input;
    const char* message;
  } cases[] = {
      {"  - {start: leadership.aim, value: {uniform: [0, 1]}}\n", "no start value 'leadership.aim'"},
      {"  - {start: backing.P, value: {uniform: [0, 1]}}\n", "no start value 'backing.P'"},
      {"  - {event: lead, change: public_shock, factor: {uniform: [0, 1]}}\n", "has no change 'public_shock'"},
      {"  - {event: nothing, change: credibility, factor: {uniform: [0, 1]}}\n", "no event named 'nothing'"},
      {"  - {event: nothing, keep: {uniform_int: [0, 1]}}\n", "no event named 'nothing'"},
      {"  - {event: lead, change: credibility, factor: {uniform: [0, 1]}, shift: {uniform: [0, 1]}}\n",
       "one of value, shift or factor"},
  };
  for (const auto& c : cases) {
    const std::string text = scenario(c.input);
    const int line = static_cast<int>(std::count(text.begin(), text.end(), '\n'));  // the last line
    try {
      read_timeline(text, test::temp_file("bad-judgement.yaml", text));
      ADD_FAILURE() << "accepted " << c.input;
    } catch (const InputError& e) {
      ASSERT_FALSE(e.diagnostics().empty());
      EXPECT_EQ(e.diagnostics().front().line, line) << c.input;
      EXPECT_NE(e.diagnostics().front().message.find(c.message), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace entente::sim
