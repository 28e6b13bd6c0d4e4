// The DEU III reader: the layout of the shipped file, the actors each issue keeps, and every
// malformed table refused with its line and column.
#include <gtest/gtest.h>

#include "io/deu3.h"

namespace entente {
namespace {

// A small table in the dataset's layout: three actors, a capability row, then issues.
const std::string kHeader = "\"isnr\"\t\"prname\"\t\"proc\"\t\"counvte\"\t\"pcom\"\t\"pep\"\t\"pat\"\t\"scom\"\t\"sep\"\t\"sat\"\t\"rp\"\t\"out\"\n";
const std::string kCapability = "\t\t\t\t\"4.1\"\t\"4.1\"\t\"0.48\"\t\t\t\t\t\n";

std::string table(const std::string& issues) { return kHeader + kCapability + issues; }

TEST(Deu3Reader, ReadsActorsCapabilitiesAndIssues) {
  const Deu3Data d = read_deu3(table("i1\tdocs\tCOD\tQMV\t100\t40\t0\t50\t20\t80\t0\t100\n"), "t.tsv");
  EXPECT_EQ(d.actors, (std::vector<std::string>{"COM", "EP", "AT"}));
  EXPECT_EQ(d.capability, (std::vector<double>{4.1, 4.1, 0.48}));
  ASSERT_EQ(d.issues.size(), 1u);
  const Deu3Issue& i = d.issues[0];
  EXPECT_EQ(i.id, "i1");
  EXPECT_EQ(i.proposal, "docs");
  EXPECT_EQ(i.procedure, "COD");
  EXPECT_EQ(i.voting, "QMV");
  EXPECT_EQ(i.line, 3);
  EXPECT_EQ(i.outcome, 100);
  ASSERT_TRUE(i.scenario.has_value());
  const Scenario& s = *i.scenario;
  ASSERT_EQ(s.num_actors(), 3u);
  EXPECT_EQ(s.actors[2].name, "AT");
  EXPECT_EQ(s.actors[2].capability, 0.48);
  EXPECT_EQ(s.stance(1, 0).position, 40);
  EXPECT_DOUBLE_EQ(s.stance(2, 0).salience, 0.8);
  EXPECT_EQ(s.issues[0].status_quo, 0);
  EXPECT_EQ(s.issues[0].scale_min, 0);
  EXPECT_EQ(s.issues[0].scale_max, 100);
}

TEST(Deu3Reader, LeavesOutActorsWithoutPositionOrSalience) {
  // EP has no position; AT a position but no salience; the reference point is missing.
  const Deu3Data d = read_deu3(table("i1\tp\tCOD\tQMV\t100\t\t0\t50\t20\t\t\t60\n"
                                     "i2\tp\tCOD\tQMV\t100\t40\t0\t50\t0\t30\t\t\n"),
                               "t.tsv");
  ASSERT_EQ(d.issues.size(), 2u);
  EXPECT_FALSE(d.issues[0].scenario.has_value()) << "one weighted actor is not a bargain";
  EXPECT_NE(d.issues[0].unusable.find("fewer than two"), std::string::npos);
  EXPECT_EQ(d.issues[0].positions, 2u);
  EXPECT_EQ(d.issues[0].without_salience, 1u);
  const Deu3Issue& second = d.issues[1];
  ASSERT_TRUE(second.scenario.has_value());
  EXPECT_EQ(second.scenario->num_actors(), 2u);  // EP's salience 0 leaves it out
  EXPECT_EQ(second.scenario->actors[1].name, "AT");
  EXPECT_FALSE(second.scenario->issues[0].status_quo.has_value());
  EXPECT_FALSE(second.outcome.has_value());
}

struct BadTable {
  const char* name;
  std::string content;
  int line;
  const char* field;  // the first diagnostic's field starts with this
};

void PrintTo(const BadTable& b, std::ostream* os) { *os << b.name; }

std::vector<BadTable> bad_tables() {
  return {
      {"MissingColumn", "\"isnr\"\t\"pcom\"\t\"scom\"\t\"pep\"\t\"sep\"\n\t1\t\t1\t\n", 1, "prname"},
      {"NoActors", "isnr\tprname\tproc\tcounvte\trp\tout\n\t\t\t\t\t\n", 1, ""},
      {"NonNumberPosition", table("i1\tp\tCOD\tQMV\tlots\t40\t0\t50\t20\t80\t0\t100\n"), 3, "pcom (i1)"},
      {"PositionAbove100", table("i1\tp\tCOD\tQMV\t100\t140\t0\t50\t20\t80\t0\t100\n"), 3, "pep (i1)"},
      {"NegativeSalience", table("i1\tp\tCOD\tQMV\t100\t40\t0\t50\t-20\t80\t0\t100\n"), 3, "sep (i1)"},
      {"NanOutcome", table("i1\tp\tCOD\tQMV\t100\t40\t0\t50\t20\t80\t0\tnan\n"), 3, "out (i1)"},
      {"ShortRow", table("i1\tp\tCOD\tQMV\t100\t40\n"), 3, "row"},
      {"ZeroCapability", kHeader + "\t\t\t\t4.1\t0\t0.48\t\t\t\t\t\n", 2, "pep"},
      {"DuplicateIssue", table("i1\tp\tCOD\tQMV\t100\t40\t0\t50\t20\t80\t0\t100\n"
                               "i1\tp\tCOD\tQMV\t100\t40\t0\t50\t20\t80\t0\t100\n"),
       4, "isnr"},
      {"OnlyAHeader", kHeader, 1, ""},
  };
}

class Deu3Malformed : public testing::TestWithParam<BadTable> {};

TEST_P(Deu3Malformed, IsRefusedAtItsLineAndColumn) {
  const BadTable& b = GetParam();
  try {
    read_deu3(b.content, "bad.tsv");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.file, "bad.tsv");
    EXPECT_EQ(d.line, b.line) << e.what();
    EXPECT_EQ(d.field.rfind(b.field, 0), 0u) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Deu3Malformed, testing::ValuesIn(bad_tables()),
                         [](const testing::TestParamInfo<BadTable>& info) { return std::string(info.param.name); });

TEST(Deu3Reader, ManyProblemsAreSummarisedNotListedEndlessly) {
  std::string rows;
  for (int i = 0; i < 500; ++i) rows += "i" + std::to_string(i) + "\tp\tCOD\tQMV\tx\tx\tx\tx\tx\tx\tx\tx\n";
  try {
    read_deu3(table(rows), "bad.tsv");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_LE(e.diagnostics().size(), 51u);
    EXPECT_NE(e.diagnostics().back().message.find("more problems"), std::string::npos);
  }
}

TEST(Deu3Reader, TheShippedFileHasItsDocumentedShape) {
  const Deu3Data d = load_deu3(std::string(ENTENTE_REFERENCE_DIR) + "/deu3/deu3.tsv");
  EXPECT_EQ(d.actors.size(), 30u);  // the Commission, the Parliament, 28 member states
  EXPECT_EQ(d.issues.size(), 364u);
  std::size_t with_outcome = 0;
  for (const auto& i : d.issues) with_outcome += i.outcome.has_value();
  EXPECT_EQ(with_outcome, 353u);
}

}  // namespace
}  // namespace entente
