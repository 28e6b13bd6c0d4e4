// Hostile inputs at the readers: nesting deep enough to exhaust yaml-cpp's recursion, anchors
// that would expand exponentially, inputs too large to hold, a device that never ends. Each is
// refused with an InputError naming the file (and the line where there is one), quickly.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "io/deu3.h"
#include "io/files.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "io/yaml_reader.h"
#include "support.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

// The first diagnostic of what `read` throws; fails the test when it throws nothing else.
template <class Read>
Diagnostic refusal(Read&& read) {
  try {
    read();
  } catch (const InputError& e) {
    if (!e.diagnostics().empty()) return e.diagnostics().front();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kScenarioTail =
    "actors:\n  - {name: a, capability: 1}\n  - {name: b, capability: 1}\nissues:\n"
    "  - name: i\n    stances:\n      a: {position: 10, salience: 50}\n      b: {position: 20, salience: 50}\n";

TEST(HostileYaml, DeepFlowNestingIsRefusedAtItsLine) {
  const std::string yaml = "name: x\ndescription: " + repeat("[", 100000) + "\n" + kScenarioTail;
  const Diagnostic d = refusal([&] { read_yaml_scenario(yaml, "deep.yaml"); });
  EXPECT_EQ(d.file, "deep.yaml");
  EXPECT_EQ(d.line, 2);
  EXPECT_NE(d.message.find("nested more than 100 deep"), std::string::npos) << d.message;
}

TEST(HostileYaml, DeepBlockNestingIsRefused) {
  // "- - - … x": each entry marker opens a sequence inside the one before.
  const Diagnostic dashes = refusal([&] { read_yaml_scenario("name: x\nactors: \n" + repeat("- ", 50000) + "x\n", "d.yaml"); });
  EXPECT_EQ(dashes.line, 3);
  EXPECT_NE(dashes.message.find("nested more than 100 deep"), std::string::npos) << dashes.message;
  // A map in a map in a map…, one indentation step per level: refused at the 100th level's line.
  const auto maps = [](int levels) {
    std::string text = "name: x\n";
    for (int i = 0; i < levels; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    return text;
  };
  // 3000 levels: yaml-cpp stops parsing (at its own bound), reported at its line.
  const Diagnostic parser = refusal([&] { read_yaml_scenario(maps(3000), "m.yaml"); });
  EXPECT_NE(parser.message.find("nested more than 100 deep"), std::string::npos) << parser.message;
  EXPECT_GT(parser.line, 100);
  // 150 levels: refused by the scan of the text at the 101st level's line; and by the walk of
  // the loaded tree (which bounds what the scan estimates) at the same place, under its key.
  const Diagnostic scanned = refusal([&] { read_yaml_scenario(maps(150), "m.yaml"); });
  EXPECT_NE(scanned.message.find("nested more than 100 deep"), std::string::npos) << scanned.message;
  EXPECT_EQ(scanned.line, 102);
  const Diagnostic walked = refusal([&] { yaml::check_shape(YAML::Load(maps(150)), "m.yaml"); });
  EXPECT_NE(walked.message.find("nested more than 100 deep"), std::string::npos) << walked.message;
  EXPECT_EQ(walked.field, "k");
  EXPECT_EQ(walked.line, 102);  // the value of the key on line 101, the first node past the bound
  // Just past the bound: 100 levels under the top-level map.
  const Diagnostic just =
      refusal([&] { read_yaml_scenario("name: x\nmodel: " + repeat("[", 100) + repeat("]", 100) + "\n", "j.yaml"); });
  EXPECT_NE(just.message.find("nested more than 100 deep"), std::string::npos) << just.message;
  EXPECT_EQ(just.line, 2);
}

TEST(HostileYaml, NestingHiddenBehindTextIsStillFound) {
  // An apostrophe or a bracket inside a plain scalar is text, not the start of a quoted scalar
  // or a collection: it must not hide the deep nesting on the following line.
  for (const std::string first : {"description: it's [not a list\n", "description: x[1\n", "description: 'a''b'\n"}) {
    const std::string yaml = "name: x\n" + first + "model: " + repeat("{a: ", 5000) + "\n";
    const Diagnostic d = refusal([&] { read_yaml_scenario(yaml, "hidden.yaml"); });
    EXPECT_EQ(d.line, 3) << first;
    EXPECT_NE(d.message.find("nested"), std::string::npos) << d.message;
  }
  // An anchor runs up to a flow indicator.
  const Diagnostic anchored = refusal([&] { read_yaml_scenario("name: &a" + repeat("[", 5000) + "\n", "a.yaml"); });
  EXPECT_NE(anchored.message.find("nested"), std::string::npos);
}

TEST(HostileYaml, OrdinaryDepthAndDeeplyIndentedTextPass) {
  // 99 levels under the top-level map (100 with it) is within the bound: the reader goes on to
  // the scenario's own problems (a model that is a list).
  const Diagnostic deep = refusal([&] {
    read_yaml_scenario("name: x\nmodel: " + repeat("[", 99) + repeat("]", 99) + "\n" + kScenarioTail, "ok.yaml");
  });
  EXPECT_EQ(deep.field, "model");
  EXPECT_EQ(deep.message.find("nested"), std::string::npos) << deep.message;
  // A block scalar's lines may be indented as deep as their author likes: they are text.
  std::string poem = "name: x\ndescription: |\n";
  for (int i = 1; i < 400; ++i) poem += std::string(static_cast<std::size_t>(i), ' ') + "line\n";
  EXPECT_EQ(read_yaml_scenario(poem + kScenarioTail, "poem.yaml").actors.size(), 2u);
  // Brackets inside quoted scalars are text.
  EXPECT_EQ(read_yaml_scenario("name: \"" + repeat("[", 1000) + "\"\ndescription: '" + repeat("{", 1000) + "'\n" + kScenarioTail,
                               "quoted.yaml").actors.size(), 2u);
  // Every shipped scenario passes.
  EXPECT_NO_THROW(load_scenario(std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea-2003.yaml"));
  EXPECT_NO_THROW(read_timeline(read_file(std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml"),
                                std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml"));
}

TEST(HostileYaml, TimeSteppedFilesAreCappedToo) {
  const std::string yaml = "name: x\ntime: {start: 2000, end: 2001}\nseries: " + repeat("[", 100000) + "\n";
  EXPECT_FALSE(is_timeline(yaml));  // not parsed: the reader that follows says why
  const Diagnostic d = refusal([&] { read_timeline(yaml, "deep-time.yaml"); });
  EXPECT_EQ(d.line, 3);
  EXPECT_NE(d.message.find("nested more than 100 deep"), std::string::npos) << d.message;
}

// Ten anchors, each a list of ten aliases of the one before: 10^10 nodes if expanded.
std::string billion_laughs() {
  std::string yaml = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    yaml += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + repeat(prev + ", ", 9) + prev + "]\n";
  }
  return yaml;
}

TEST(HostileYaml, ExponentialAnchorsAreRefusedQuickly) {
  const auto start = std::chrono::steady_clock::now();
  const std::string laughs = billion_laughs();
  const Diagnostic top = refusal([&] { read_yaml_scenario("name: x\n" + laughs + kScenarioTail, "lol.yaml"); });
  EXPECT_EQ(top.file, "lol.yaml");
  EXPECT_NE(top.message.find("expands to more than 1000000 values"), std::string::npos) << top.message;
  // The aliases where the reader looks: as the actors, as an issue's stances, as a name.
  refusal([&] { read_yaml_scenario(laughs + "name: x\nactors: *l9\nissues: *l9\n", "lol2.yaml"); });
  refusal([&] { read_yaml_scenario("x: &x " + laughs.substr(laughs.find('[')) + kScenarioTail, "lol3.yaml"); });
  const Diagnostic timeline =
      refusal([&] { read_timeline(laughs + "name: *l9\ntime: {start: 2000, end: 2001}\nactors: *l9\n", "lol4.yaml"); });
  EXPECT_NE(timeline.message.find("expands to more than"), std::string::npos) << timeline.message;
  EXPECT_GT(timeline.line, 0);
  // A few aliases used as they are meant to be (one stance table shared by two issues) pass.
  const std::string shared = "name: x\nactors:\n  - {name: a, capability: 1}\n  - {name: b, capability: 1}\nissues:\n"
                             "  - name: i\n    stances: &s\n      a: {position: 10, salience: 50}\n      b: {position: 20, salience: 50}\n"
                             "  - name: j\n    stances: *s\n";
  EXPECT_EQ(read_yaml_scenario(shared, "shared.yaml").issues.size(), 2u);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10);
}

TEST(HostileFiles, AFileOverTheLimitIsRefusedUnread) {
  // 1 GB without writing it: a sparse file (the size is refused before a byte is read).
  const std::string path = test::temp_file("huge.csv", "");
  fs::resize_file(path, std::uintmax_t{1} << 30);
  const auto start = std::chrono::steady_clock::now();
  const Diagnostic d = refusal([&] { load_scenario(path); });
  EXPECT_EQ(d.file, path);
  EXPECT_NE(d.message.find("larger than any input"), std::string::npos) << d.message;
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1);
  fs::remove(path);
}

TEST(HostileFiles, ADeviceThatNeverEndsIsReadOnlyUpToTheLimit) {
  if (!fs::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero";
  const Diagnostic d = refusal([&] { read_file("/dev/zero"); });
  EXPECT_NE(d.message.find("larger than any input"), std::string::npos) << d.message;
}

TEST(HostileFiles, ALongLineUnderTheLimitIsRefusedInBoundedTime) {
  // One 40 MB line for the tables (a KTAB file, a position table, a DEU III table), 8 MB for a
  // scenario file (yaml-cpp scans it character by character).
  const std::string line(40u << 20, 'x');
  const auto start = std::chrono::steady_clock::now();
  refusal([&] { read_ktab_csv(line, "line.csv"); });
  refusal([&] { read_position_table(line, "line.csv"); });
  refusal([&] { read_deu3(line, "line.tsv"); });
  refusal([&] { read_yaml_scenario(std::string_view(line).substr(0, 8u << 20), "line.yaml"); });
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 60);
}

TEST(HostileFiles, MillionsOfActorsOrIssuesDeclaredAreRefusedWithoutAllocatingThem) {
  const auto start = std::chrono::steady_clock::now();
  const Diagnostic actors = refusal([&] {
    read_ktab_csv("s,d,1000000,1,\nActor,Description,Power,P,S,\na,d,1,50,50,\nb,d,1,50,50,\nc,d,1,50,50,\n", "m.csv");
  });
  EXPECT_NE(actors.message.find("declares 1000000 actors"), std::string::npos) << actors.message;
  const Diagnostic issues = refusal([&] { read_ktab_csv("s,d,3,1000000,\nActor,Description,Power,P,S,\n", "i.csv"); });
  EXPECT_NE(issues.message.find("1000000 issues: at most 10000"), std::string::npos) << issues.message;
  EXPECT_EQ(issues.field, "numDims");
  // A million actor rows in a position table: refused at the first row past the bound.
  std::string table = "actor,capability,position,salience\n";
  for (int i = 0; i < 1'000'000; ++i) table += "a" + std::to_string(i) + ",1,50,50\n";
  const Diagnostic rows = refusal([&] { read_position_table(table, "rows.csv"); });
  EXPECT_EQ(rows.line, 10'002);
  EXPECT_NE(rows.message.find("more than 10000 actor rows"), std::string::npos) << rows.message;
  const Diagnostic more = refusal([&] { read_ktab_csv("s,d,10000000,1,\nActor,Description,Power,P,S,\n", "n.csv"); });
  EXPECT_EQ(more.field, "numActors");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5);
}

}  // namespace
}  // namespace entente
