// Reading a scenario's partition of causes (`causes:`) and a change's own cause (`cause:`):
// the groups as written, and every mistake an InputError at the line of the field at fault
// (the lines are those of the markers planted in the file).
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "core/error.h"
#include "io/timeline_io.h"
#include "support.h"

namespace entente {
namespace {

int planted_line(const std::string& text, const std::string& id) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find("# planted: " + id) != std::string::npos) return n;
  ADD_FAILURE() << "no marker " << id;
  return -1;
}

std::string scenario(const std::string& events, const std::string& causes) {
  return std::string("name: partition\ntime: {start: 2000, end: 2006}\n") + test::kOneIssueAlliance +
         "events:\n" + events + causes;
}

const char kEvents[] = R"(  - name: turn
    date: 2003
    tags: [role, strategies]
    source: t
    set:
      - leadership: {issue: strategy, share: 0.8}
        cause: role
      - stance: {holder: P, issue: strategy, position: 10}
        cause: strategies
  - {name: outcry, date: 2004, tags: [incidents], source: t, set: [{public_shock: {member: C, size: -0.2}}]}
)";

TEST(Causes, ThePartitionAndEachChangesCauseAreRead) {
  const std::string text = scenario(kEvents, R"(causes:
  - {name: divergence, tags: [strategies, role], reason: "why"}
  - {name: symptom, tags: [incidents, ascendancy]}   # planted: symptom
)");
  const auto t = read_timeline(text, test::temp_file("partition.yaml", text));
  ASSERT_EQ(t.causes.size(), 2u);
  EXPECT_EQ(t.causes[0].name, "divergence");
  EXPECT_EQ(t.causes[0].tags, (std::vector<std::string>{"strategies", "role"}));
  EXPECT_EQ(t.causes[1].tags, (std::vector<std::string>{"incidents", "ascendancy"}));  // ascendancy: the capabilities
  EXPECT_EQ(t.causes[1].line, planted_line(text, "symptom"));
  const auto& turn = t.events.front();
  EXPECT_EQ(turn.effect_causes, (std::vector<std::string>{"role", "strategies"}));
  EXPECT_EQ(t.events.back().effect_causes, (std::vector<std::string>{""}));  // none of its own
}

struct BadPartition {
  std::string name, events, causes, id, mentions;
};
void PrintTo(const BadPartition& b, std::ostream* os) { *os << b.name; }

class Partition : public ::testing::TestWithParam<BadPartition> {};

TEST_P(Partition, MistakesAreInputErrorsAtTheirLine) {
  const BadPartition& b = GetParam();
  const std::string text = scenario(b.events, b.causes);
  try {
    read_timeline(text, test::temp_file("bad-partition.yaml", text));
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
    EXPECT_EQ(e.diagnostics().front().line, planted_line(text, b.id)) << e.what();
    EXPECT_NE(e.diagnostics().front().message.find(b.mentions), std::string::npos) << e.what();
  }
}

const std::string kCovering = "  - {name: rest, tags: [role, strategies, incidents]}\n";

const BadPartition kBad[] = {
    {"UnknownTag", kEvents,
     "causes:\n" + kCovering + "  - name: extra\n    tags:\n      - incidnts   # planted: tag\n", "tag",
     "no event carries the tag 'incidnts' (did you mean 'incidents'?)"},
    {"TagInTwoGroups", kEvents,
     "causes:\n" + kCovering + "  - name: again\n    tags:\n      - role   # planted: twice\n", "twice",
     "already in the group 'rest'"},
    {"TagInNoGroup", kEvents, "causes:\n  - {name: rest, tags: [role, strategies]}   # planted: list\n", "list",
     "the tag 'incidents' (event 'outcry'"},
    {"DuplicateName", kEvents,
     "causes:\n" + kCovering + "  - name: rest   # planted: name\n    tags: [ascendancy]\n", "name",
     "a second cause group named 'rest'"},
    {"CauseNotATagOfTheEvent",
     "  - name: turn\n    date: 2003\n    tags: [role]\n    source: t\n    set:\n"
     "      - leadership: {issue: strategy, share: 0.8}\n        cause: strategies   # planted: cause\n",
     "", "cause", "cause 'strategies' is not one of the event's tags"},
};

INSTANTIATE_TEST_SUITE_P(Causes, Partition, ::testing::ValuesIn(kBad),
                         [](const ::testing::TestParamInfo<BadPartition>& info) { return info.param.name; });

}  // namespace
}  // namespace entente
