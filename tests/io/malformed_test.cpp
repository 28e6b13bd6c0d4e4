// A catalogue of malformed files. Each must be refused with an InputError that names the file
// and the line, never a crash, and through the CLI with exit code 3. Line-end and encoding
// variants of a good file must read exactly like the plain file.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/files.h"
#include "io/scenario_io.h"
#include "support.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

struct BadFile {
  std::string name;      // file name, its extension chooses the reader
  std::string content;
  int line;              // the line the first diagnostic must name (0 = any)
  std::string mentions;  // a word the message must contain
};

// The file's name only: its content may hold the raw bytes under test.
void PrintTo(const BadFile& bad, std::ostream* os) { *os << bad.name; }

const char kKtabHead[] = "s,desc,3,1,\nActor,Description,Power,P,S,\n";
const char kTableHead[] = "actor,capability,position,salience\n";

std::vector<BadFile> catalogue() {
  const std::string K = kKtabHead, T = kTableHead;
  return {
      {"empty.csv", "", 1, "empty"},
      {"blank.csv", "\n\n  \n", 1, "empty"},
      {"empty.yaml", "", 1, "empty"},
      {"ktab-wrong-count.csv", K + "a,d,1,50,50,\nb,d,1,50,50,\n", 4, "declares 3 actors"},
      {"ktab-bad-count.csv", "s,desc,three,1,\nActor,Description,Power,P,S,\n", 1, "numActors"},
      {"ktab-non-number.csv", K + "a,d,1,50,50,\nb,d,x1,50,50,\nc,d,1,50,50,\n", 4, "not a finite number"},
      {"ktab-out-of-range.csv", K + "a,d,1,50,50,\nb,d,1,150,50,\nc,d,1,50,50,\n", 4, "outside"},
      {"ktab-negative-cap.csv", K + "a,d,1,50,50,\nb,d,-3,50,50,\nc,d,1,50,50,\n", 4, "outside"},
      {"ktab-nan.csv", K + "a,d,1,50,50,\nb,d,1,nan,50,\nc,d,1,50,50,\n", 4, "not a finite number"},
      {"ktab-inf.csv", K + "a,d,1,50,50,\nb,d,1,50,inf,\nc,d,1,50,50,\n", 4, "not a finite number"},
      {"ktab-huge.csv", K + "a,d,1,50,50,\nb,d,1e999,50,50,\nc,d,1,50,50,\n", 4, "not a finite number"},
      {"ktab-duplicate.csv", K + "a,d,1,50,50,\nb,d,1,50,50,\na,d,1,50,50,\n", 5, "duplicate actor"},
      {"ktab-short-row.csv", K + "a,d,1,50,50,\nb,d,1,50\nc,d,1,50,50,\n", 4, "short row"},
      {"ktab-long-row.csv", K + "a,d,1,50,50,\nb,d,1,50,50,7\nc,d,1,50,50,\n", 4, "long row"},
      {"ktab-salience-total.csv",
       "s,desc,3,2,\nActor,Description,Power,P,S,Q,T,\na,d,1,50,60,50,50,\nb,d,1,50,50,50,50,\n"
       "c,d,1,50,10,50,10,\n",
       3, "over 100 in total"},
      {"ktab-zero-salience.csv", K + "a,d,1,50,50,\nb,d,1,50,0,\nc,d,1,50,50,\n", 4, "all 0"},
      {"ktab-binary.csv", std::string("s,desc,3,1\n\x01\x02\0\xff\xfe garbage", 25), 2, "binary"},
      {"ktab-unterminated.csv", K + "a,\"d,1,50,50,\nb,d,1,50,50,\n", 3, "unterminated quote"},
      {"table-non-number.csv", T + "a,1,4,50\nb,one,5,50\n", 3, "capability"},
      {"table-nan.csv", T + "a,1,4,50\nb,1,NaN,50\n", 3, "position"},
      {"table-over-100.csv", T + "a,1,4,50\nb,1,5,150\n", 3, "over 100"},
      {"table-short-row.csv", T + "a,1,4,50\nb,1,5\n", 3, "fields"},
      {"table-missing-column.csv", "actor,capability,position\na,1,4\n", 1, "salience"},
      {"table-duplicate.csv", T + "a,1,4,50\nb,1,5,50\na,1,6,50\n", 4, "duplicate actor"},
      {"table-zero-capability.csv", T + "a,1,4,50\nb,0,5,50\n", 3, "greater than 0"},
      {"bad-syntax.yaml", "name: x\nactors: [\n", 0, "YAML"},
      {"not-a-map.yaml", "- just\n- a list\n", 1, "expected a scenario"},
      {"unknown-key.yaml", "name: x\nactorz: []\n", 2, "unknown key"},
      {"yaml-binary.yaml", std::string("name: x\n\0\x01", 10), 1, "binary"},
      {"missing-stance.yaml",
       "name: x\nactors:\n  - {name: a, capability: 1}\n  - {name: b, capability: 1}\nissues:\n"
       "  - name: i\n    stances:\n      a: {position: 10, salience: 50}\n",
       8, "no stance for actor 'b'"},
      {"yaml-nan.yaml",
       "name: x\nactors:\n  - {name: a, capability: .nan}\n  - {name: b, capability: 1}\nissues:\n"
       "  - name: i\n    stances:\n      a: {position: 10, salience: 50}\n      b: {position: 10, salience: 50}\n",
       3, "finite number"},
      {"yaml-out-of-scale.yaml",
       "name: x\nactors:\n  - {name: a, capability: 1}\n  - {name: b, capability: 1}\nissues:\n"
       "  - name: i\n    stances:\n      a: {position: 101, salience: 50}\n      b: {position: 10, salience: 50}\n",
       8, "outside the issue's scale"},
      {"yaml-unknown-actor.yaml",
       "name: x\nactors:\n  - {name: a, capability: 1}\n  - {name: b, capability: 1}\nissues:\n"
       "  - name: i\n    stances:\n      a: {position: 1, salience: 50}\n      b: {position: 1, salience: 50}\n"
       "      zz: {position: 1, salience: 50}\n",
       10, "unknown actor"},
      {"one-actor.yaml",
       "name: x\nactors:\n  - {name: a, capability: 1}\nissues:\n  - name: i\n    stances:\n"
       "      a: {position: 1, salience: 50}\n",
       0, "at least two"},
      {"unknown.txt2", "whatever", 0, "unknown file type"},
  };
}

class Malformed : public ::testing::TestWithParam<BadFile> {};

TEST_P(Malformed, IsRefusedWithFileLineAndField) {
  const BadFile& bad = GetParam();
  const std::string path = test::temp_file(bad.name, bad.content);
  try {
    load_scenario(path);
    FAIL() << "accepted a malformed file";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    const Diagnostic& d = e.diagnostics().front();
    EXPECT_EQ(d.file, path);
    if (bad.line > 0) {
      EXPECT_EQ(d.line, bad.line) << e.what();
    }
    EXPECT_NE(std::string(e.what()).find(bad.mentions), std::string::npos) << e.what();
  }
}

TEST_P(Malformed, CliExitsWithCodeThreeAndWritesNothing) {
  const BadFile& bad = GetParam();
  const std::string path = test::temp_file(bad.name, bad.content);
  const std::string out = test::temp_file("out-" + bad.name + ".json", "");
  fs::remove(out);
  const auto r = test::run_cli("forecast '" + path + "' -m median --format json --output '" + out + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(path), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out));
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Malformed, ::testing::ValuesIn(catalogue()), [](const auto& info) {
  std::string n = info.param.name;
  for (auto& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
});

TEST(LineEnds, CrlfBomAndNoFinalNewlineReadAsThePlainFile) {
  const std::string plain = read_file(std::string(ENTENTE_REFERENCE_DIR) + "/ktab/dummyData_3Dim.csv");
  std::string crlf;
  for (char c : plain) crlf += (c == '\n') ? std::string("\r\n") : std::string(1, c);
  std::string no_newline = plain;
  while (!no_newline.empty() && no_newline.back() == '\n') no_newline.pop_back();
  const Scenario base = load_scenario(test::temp_file("plain.csv", plain));
  for (const std::string& variant : {crlf, "\xEF\xBB\xBF" + plain, no_newline, "\xEF\xBB\xBF" + crlf}) {
    const Scenario s = load_scenario(test::temp_file("variant.csv", variant));
    ASSERT_EQ(s.num_actors(), base.num_actors());
    EXPECT_EQ(s.name, base.name);
    EXPECT_EQ(s.issues.back().name, base.issues.back().name);
    for (std::size_t i = 0; i < s.stances.size(); ++i) {
      EXPECT_EQ(s.stances[i].position, base.stances[i].position);
      EXPECT_EQ(s.stances[i].salience, base.stances[i].salience);
    }
  }
}

TEST(LineEnds, ValidatorReportsEveryProblemAtOnce) {
  const std::string path = test::temp_file(
      "many.csv", std::string(kTableHead) + "a,0,4,50\nb,1,5,150\na,1,6,50\n");
  try {
    load_scenario(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_GE(e.diagnostics().size(), 3u) << e.what();
  }
}

}  // namespace
}  // namespace entente
