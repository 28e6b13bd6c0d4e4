// Reading time-stepped and one-year YAML scenarios: every problem of a file reported in one
// pass, each at the line of the field at fault (the lines are those of the markers planted in
// the file, not of anything the reader computes); dates checked against the calendar; every
// kind of change read into its own alternative.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <variant>

#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "support.h"

namespace entente {
namespace {

// The 1-based line of the line that carries `# planted: ID`.
int planted_line(const std::string& text, const std::string& id) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find("# planted: " + id) != std::string::npos) return n;
  ADD_FAILURE() << "no marker " << id;
  return -1;
}

// One planted error: the id of its marker and a phrase its message must contain.
struct Planted {
  std::string id, mentions;
};

// The synthetic alliance of tests/sim/simulation_test.cpp with nine errors of different kinds.
const char kPlantedTimeline[] = R"(name: planted
descripton: a misspelt key                  # planted: unknown-key
time: {start: 2000, end: 2010}
actors:
  - {name: P, capability: 0.20, democracy: 0.9}
  - {name: C, capability: 0.02, democracy: 0.8, factions: [C-dove, C-hawk], in_office: C-dove}
  - {name: A, capability: 0.01}
  - {name: B, capability: lots}              # planted: bad-capability
issues:
  - name: strategy
    role: strategy
    owner: C
    stances:
      P: {position: 20, salience: 60}
      C-dove: {position: 80, salience: 60}
      C-hawk: {position: 25, salience: 60}
      A: {position: 90, salience: 50}
      B: {position: 70, salience: 40}
  - name: aim
    role: goal
    stances:
      P: {position: 30, salience: 70}        # planted: salience-total
      C-dove: {position: 70, salience: 40}
      C-hawk: {position: 35, salience: 40}
      A: {position: 100, salience: 50}
      B: {position: 80, salience: 60}
alliance:
  patron: P
  client: C
  adversary: A
  backers: {B: 0.5}
  troops: 30000
  umbrella: 1
  leadership: {strategy: 0.3}
  publics: {P: {anchor: 0.6}, C: {anchor: 0.7}}
events:
  - name: misspelt
    date: 2003
    source: s
    set:
      - stance: {holder: C-dovve, issue: aim, position: 5}   # planted: misspelt-holder
  - name: late
    date: 2020                               # planted: outside-span
    source: s
    set: [{umbrella: 1}]
  - name: impossible
    date: 2003-02-31                         # planted: impossible-date
    source: s
    set: [{troops: 20000}]
  - name: weird
    date: 2004
    source: s
    set:
      - teleport: {to: moon}                 # planted: unknown-kind
  - name: vague
    date: 2005
    source: s
    set:
      - leadership:
          issue: strategy
          share: high                        # planted: bad-number
  - name: overreach
    date: 2006
    source: s
    set:
      - credibility: 0.2
      - leadership: {issue: strategy, share: 1.5}            # planted: out-of-range
)";

const Planted kTimelineErrors[] = {
    {"unknown-key", "unknown key"},
    {"bad-capability", "found 'lots'"},
    {"salience-total", "over 100"},
    {"misspelt-holder", "unknown actor or faction 'C-dovve'"},
    {"outside-span", "outside the time span"},
    {"impossible-date", "not a day of the calendar"},
    {"unknown-kind", "unknown change 'teleport'"},
    {"bad-number", "found 'high'"},
    {"out-of-range", "outside 0..1"},
};

// Every planted error is among the diagnostics, at its marker's line, and nothing else is.
void expect_exactly(const std::vector<Diagnostic>& got, const std::string& text, const Planted* begin,
                    const Planted* end, const std::string& all) {
  for (const Planted* p = begin; p != end; ++p) {
    const int line = planted_line(text, p->id);
    const bool found = std::any_of(got.begin(), got.end(), [&](const Diagnostic& d) {
      return d.line == line && d.message.find(p->mentions) != std::string::npos;
    });
    EXPECT_TRUE(found) << p->id << ": no diagnostic at line " << line << " mentioning '" << p->mentions << "'\n" << all;
  }
  EXPECT_EQ(got.size(), static_cast<std::size_t>(end - begin)) << all;
}

TEST(TimelineDiagnostics, EveryPlantedErrorInOnePassAtItsLine) {
  const std::string path = test::temp_file("planted.yaml", kPlantedTimeline);
  try {
    read_timeline(kPlantedTimeline, path);
    FAIL() << "accepted a file with planted errors";
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) EXPECT_EQ(d.file, path);
    expect_exactly(e.diagnostics(), kPlantedTimeline, std::begin(kTimelineErrors), std::end(kTimelineErrors), e.what());
  }
}

TEST(TimelineDiagnostics, ValidateCommandPrintsEveryOneWithFileAndLine) {
  const std::string path = test::temp_file("planted-cli.yaml", kPlantedTimeline);
  const auto r = test::run_cli("validate '" + path + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  for (const Planted& p : kTimelineErrors) {
    const std::string at = path + ":" + std::to_string(planted_line(kPlantedTimeline, p.id)) + ":";
    const auto pos = r.output.find(at);
    ASSERT_NE(pos, std::string::npos) << p.id << "\n" << r.output;
    const std::string line = r.output.substr(pos, r.output.find('\n', pos) - pos);
    EXPECT_NE(line.find(p.mentions), std::string::npos) << line;
  }
}

// The factions' saliences are checked like the actors': at the stance where the total passes 100.
TEST(TimelineDiagnostics, AFactionsSalienceTotalPointsAtItsStance) {
  std::string text = kPlantedTimeline;
  auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("P: {position: 30, salience: 70}        # planted: salience-total", "P: {position: 30, salience: 40}");
  replace("C-hawk: {position: 35, salience: 40}", "C-hawk: {position: 35, salience: 45}   # planted: faction-total");
  text.erase(text.find("events:"));
  const Planted errors[] = {{"unknown-key", "unknown key"}, {"bad-capability", "found 'lots'"},
                            {"faction-total", "C-hawk's saliences total 105"}};
  try {
    read_timeline(text, test::temp_file("faction-total.yaml", text));
    FAIL() << "accepted";
  } catch (const InputError& e) {
    expect_exactly(e.diagnostics(), text, std::begin(errors), std::end(errors), e.what());
  }
}

const char kPlantedForecast[] = R"(name: planted
model: median
actors:
  - {name: a, capability: 1}
  - {name: b, capability: one}                # planted: bad-number
  - {name: c, capability: 1, colour: red}     # planted: unknown-key
issues:
  - name: i
    stances:
      a: {position: 10, salience: 60}
      b: {position: 20, salience: 50}
      c: {position: 130, salience: 50}        # planted: out-of-scale
  - name: j
    stances:
      a: {position: 10, salience: 70}         # planted: salience-total
      b: {position: 20, salience: 50}
      c: {position: 30, salience: 50}
)";

TEST(ScenarioDiagnostics, OneYearFileReportsEveryProblemInOnePass) {
  const Planted errors[] = {{"bad-number", "finite number, found 'one'"},
                            {"unknown-key", "unknown key"},
                            {"out-of-scale", "outside the issue's scale"},
                            {"salience-total", "over 100 in total"}};
  const std::string path = test::temp_file("planted-forecast.yaml", kPlantedForecast);
  try {
    load_scenario(path);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    expect_exactly(e.diagnostics(), kPlantedForecast, std::begin(errors), std::end(errors), e.what());
  }
}

// ------------------------------------------------------------------------------ dates

struct DateCase {
  std::string date;
  bool valid;
};

void PrintTo(const DateCase& c, std::ostream* os) { *os << c.date << (c.valid ? " (valid)" : " (invalid)"); }

class Dates : public ::testing::TestWithParam<DateCase> {};

// The Gregorian rule: February has 29 days in years divisible by 4, except centuries not
// divisible by 400.
const DateCase kDates[] = {
    {"2003", true},        {"2003-02", true},     {"2003-02-28", true},  {"2004-02-29", true},
    {"2000-02-29", true},  {"2003-12-31", true},  {"2003-02-29", false}, {"1900-02-29", false},
    {"2003-02-31", false}, {"2003-04-31", false}, {"2003-13", false},    {"2003-00-10", false},
    {"2003-01-00", false}, {"2003-1-5", false},   {"03", false},         {"2003-02-28x", false},
    {"march 2003", false},
};

TEST_P(Dates, AreCheckedAgainstTheCalendarAtTheirLine) {
  const std::string text = std::string("name: d\ntime: {start: 2000, end: 2010}\n") + test::kOneIssueAlliance +
                           "events:\n  - name: e\n    source: s\n    date: \"" + GetParam().date +
                           "\"   # planted: date\n    set: [{umbrella: 1}]\n";
  const std::string path = test::temp_file("date.yaml", text);
  if (GetParam().valid) {
    const sim::TimeScenario t = read_timeline(text, path);
    ASSERT_EQ(t.events.size(), 1u);
    EXPECT_EQ(t.events[0].year, std::stoi(GetParam().date.substr(0, 4)));
    return;
  }
  try {
    read_timeline(text, path);
    FAIL() << "accepted " << GetParam().date;
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
    EXPECT_EQ(e.diagnostics()[0].line, planted_line(text, "date")) << e.what();
    EXPECT_EQ(e.diagnostics()[0].field, "events.e.date");
  }
}

INSTANTIATE_TEST_SUITE_P(Calendar, Dates, ::testing::ValuesIn(kDates), [](const auto& info) {
  std::string n = info.param.date;
  for (auto& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n + (info.param.valid ? "_valid" : "_invalid");
});

// ------------------------------------------------------------------------------ kinds

// One change of every kind, in the order of sim::Effect: each is read into its own
// alternative with the values written.
TEST(Changes, EveryKindIsReadIntoItsOwnAlternative) {
  const std::string text = std::string("name: k\ntime: {start: 2000, end: 2010}\n") +
                           "actors:\n"
                           "  - {name: P, capability: 0.2, democracy: 0.9}\n"
                           "  - {name: C, capability: 0.02, democracy: 0.8, factions: [C-dove, C-hawk], in_office: C-dove}\n"
                           "  - {name: A, capability: 0.01}\n"
                           "  - {name: B, capability: 0.05}\n"
                           "issues:\n"
                           "  - name: strategy\n    role: strategy\n    owner: C\n    stances:\n"
                           "      P: {position: 40, salience: 60}\n      C-dove: {position: 70, salience: 60}\n"
                           "      C-hawk: {position: 30, salience: 60}\n      A: {position: 90, salience: 50}\n"
                           "      B: {position: 80, salience: 50}\n"
                           "alliance: {patron: P, client: C, adversary: A, backers: {B: 0.5}, troops: 30000}\n"
                           "events:\n  - name: all\n    date: 2003-06\n    source: s\n    set:\n"
                           "      - stance: {holder: C-hawk, issue: strategy, salience: 5, shift: 1}\n"
                           "      - capability: {actor: A, factor: 1.5}\n"
                           "      - in_office: {state: C, faction: C-hawk}\n"
                           "      - leadership: {issue: strategy, share: 0.8}\n"
                           "      - umbrella: 0.25\n"
                           "      - credibility: -0.1\n"
                           "      - backing: {backer: B, weight: 0.2}\n"
                           "      - public_shock: {member: C, size: -0.3}\n"
                           "      - contribution: {member: P, item: vietnam, share: 0.5}\n"
                           "      - troops: 37000\n"
                           "      - treaty: 0\n"
                           "      - bargaining_power: 0.3\n"
                           "      - camp_weight: {faction: C-dove, weight: 0.4}\n";
  const sim::TimeScenario t = read_timeline(text, test::temp_file("kinds.yaml", text));
  ASSERT_EQ(t.events.size(), 1u);
  const auto& e = t.events[0].effects;
  ASSERT_EQ(e.size(), std::variant_size_v<sim::Effect>);
  for (std::size_t i = 0; i < e.size(); ++i) EXPECT_EQ(e[i].index(), i);
  namespace fx = sim::effect;
  const auto& stance = std::get<fx::Stance>(e[0]);
  EXPECT_EQ(stance.holder, 5u);  // after the 4 actors and C-dove
  EXPECT_FALSE(stance.position.has_value());
  EXPECT_DOUBLE_EQ(*stance.salience, 0.05);
  EXPECT_TRUE(stance.shift);
  EXPECT_EQ(std::get<fx::Capability>(e[1]).actor, 2u);
  EXPECT_EQ(std::get<fx::Capability>(e[1]).factor, 1.5);
  EXPECT_EQ(std::get<fx::InOffice>(e[2]).state, 1u);
  EXPECT_EQ(std::get<fx::InOffice>(e[2]).faction, 1u);
  EXPECT_EQ(std::get<fx::Leadership>(e[3]).share, 0.8);
  EXPECT_EQ(std::get<fx::Umbrella>(e[4]).level, 0.25);
  EXPECT_EQ(std::get<fx::Credibility>(e[5]).shift, -0.1);
  EXPECT_EQ(std::get<fx::Backing>(e[6]).backer, 0u);
  EXPECT_EQ(std::get<fx::Backing>(e[6]).weight, 0.2);
  EXPECT_EQ(std::get<fx::PublicShock>(e[7]).member, 1u);
  EXPECT_EQ(std::get<fx::PublicShock>(e[7]).size, -0.3);
  EXPECT_EQ(std::get<fx::Contribution>(e[8]).member, 0u);
  EXPECT_EQ(std::get<fx::Contribution>(e[8]).item, "vietnam");
  EXPECT_EQ(std::get<fx::Troops>(e[9]).level, 37000);
  EXPECT_FALSE(std::get<fx::Treaty>(e[10]).in_force);
  EXPECT_EQ(std::get<fx::BargainingPower>(e[11]).share, 0.3);
  EXPECT_EQ(std::get<fx::CampWeight>(e[12]).member, 1u);
  EXPECT_EQ(std::get<fx::CampWeight>(e[12]).faction, 0u);
  EXPECT_EQ(std::get<fx::CampWeight>(e[12]).weight, 0.4);
  // Each change's line is kept for the checks that run on the whole timeline.
  ASSERT_EQ(t.events[0].effect_lines.size(), e.size());
  for (std::size_t i = 1; i < e.size(); ++i) EXPECT_EQ(t.events[0].effect_lines[i], t.events[0].effect_lines[i - 1] + 1);
}

}  // namespace
}  // namespace entente
