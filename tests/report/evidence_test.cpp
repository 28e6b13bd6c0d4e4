// The report's evidence section, from a backtest's JSON and a posterior file as the user has
// them: the section is there with its tables (one row per record, the cases named), the
// reliability diagram with one point per non-empty bin and one ring per case of each fit, and
// one chart per posterior marginal; the page stays well-formed XML. The CLI reads both files,
// refuses bad ones with exit 3, and runs the scenario under the posterior it is given.
#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/report_data.h"
#include "evidence/backtest.h"
#include "evidence/diagrams.h"
#include "evidence/evidence_io.h"
#include "io/files.h"
#include "io/timeline_io.h"
#include "output/document.h"
#include "report/html.h"
#include "report/report_support.h"
#include "support.h"

namespace entente {
namespace {

using test::count_of;
using test::has;
using test::svg_with_id;
using test::svgs_of;
using test::xml_error;

const std::string kSource = ENTENTE_SOURCE_DIR;
const std::string kCases = kSource + "/tests/data/cases";

evidence::CalibrationOptions few_draws() {
  evidence::CalibrationOptions o;
  o.seed = 11;
  o.draws = 60;
  o.chains = 3;
  o.threads = 2;
  return o;
}

// The two test cases backtested in sample, left out and on placebo codings, written as
// `entente backtest -f json` writes them; their posterior written as `entente calibrate` does.
class EvidenceReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto cases = evidence::load_cases({kCases});
    evidence::BacktestOptions b;
    b.leave_one_out = b.placebo = true;
    b.runs = 10;
    b.calibration = few_draws();
    const evidence::BacktestResult result = evidence::backtest(cases, b);
    backtest_file_ = new std::string(
        test::temp_file("evidence-backtest.json", output::render(evidence::backtest_document(result), output::Format::Json)));
    posterior_file_ = new std::string(test::temp_file(
        "evidence-posterior.json", output::render_json(evidence::posterior_json(evidence::calibrate(cases, few_draws()), cases))));
    evidence_ = new report::Evidence;
    evidence_->backtest = evidence::read_backtest(*backtest_file_);
    evidence_->backtest_file = "bt.json";
    evidence_->marginals = evidence::read_marginals(*posterior_file_);
    evidence_->posterior_file = "posterior.json";
    analysis::ReportOptions o;
    o.source = "tests/data/cases/broke.yaml";
    o.sweep_runs = 2;
    o.claim_runs = 0;
    const auto data = analysis::timeline_report_data(load_timeline(kCases + "/broke.yaml"), o);
    html_ = new std::string(report::render(data, *evidence_));
    plain_ = new std::string(report::render(data));
  }
  static void TearDownTestSuite() {
    delete plain_;
    delete html_;
    delete evidence_;
    delete posterior_file_;
    delete backtest_file_;
  }
  static const report::Evidence& evidence() { return *evidence_; }
  static const std::string& html() { return *html_; }
  // The evidence section alone.
  static std::string section() {
    const auto at = html().find("<section id=\"evidence\">");
    return at == std::string::npos ? "" : html().substr(at, html().find("</section>", at) - at);
  }
  static inline std::string *backtest_file_ = nullptr, *posterior_file_ = nullptr, *html_ = nullptr, *plain_ = nullptr;
  static inline report::Evidence* evidence_ = nullptr;
};

TEST_F(EvidenceReport, IsASectionOfAWellFormedPage) {
  EXPECT_EQ(xml_error(html()), "");
  ASSERT_FALSE(section().empty());
  EXPECT_TRUE(has(html(), "<a href=\"#evidence\">"));
  EXPECT_FALSE(has(*plain_, "id=\"evidence\""));  // without evidence, no section
  for (const char* words : {"In sample", "Held out", "base rate", "<code>bt.json</code>", "<code>posterior.json</code>"})
    EXPECT_TRUE(has(section(), words)) << words;
}

TEST_F(EvidenceReport, TablesHoldEveryRecordWithItsCaseAndFit) {
  const auto& b = *evidence().backtest;
  ASSERT_FALSE(b.forecasts.empty());
  // Tables: the cases in sample, the cases held out, the scores, the fits; one <tr> per record,
  // the placebo's first shuffle standing for its others in the case tables.
  std::size_t shown = 0;
  for (const auto& f : b.forecasts) shown += f.shuffle <= 1;
  ASSERT_LT(shown, b.forecasts.size()) << "the test backtest has several placebo shuffles";
  EXPECT_EQ(count_of(section(), "<thead>"), 4u);
  EXPECT_EQ(count_of(section(), "<tr>") - count_of(section(), "<thead>"), shown + b.scores.size() + b.fits.size());
  EXPECT_TRUE(has(section(), "<h3>Per case, in sample (<code>in_sample</code>)</h3>"));
  EXPECT_TRUE(has(section(), "<h3>Per case, held out (<code>held_out</code>)</h3>"));
  std::size_t cases_in_sample = 0;
  for (const auto& f : b.forecasts) cases_in_sample += f.fit == evidence::Fit::InSample && f.shuffle <= 1;
  const auto held_out_table = section().find("<h3>Per case, held out");
  EXPECT_EQ(count_of(section().substr(0, held_out_table), "<tr>") - 1, cases_in_sample);
  for (const char* name : {"test-broke", "test-held"})
    EXPECT_EQ(count_of(section(), "<span class=\"nowrap\">" + std::string(name) + "</span>"), 4u) << name;  // 2 fits × 2 codings
  std::size_t scores_in_sample = 0;
  for (const auto& s : b.scores) scores_in_sample += s.fit == evidence::Fit::InSample;
  EXPECT_EQ(count_of(section(), "<td><code>in_sample</code></td>"), scores_in_sample);
  EXPECT_EQ(count_of(section(), "<td><code>held_out</code></td>"), b.scores.size() - scores_in_sample);
}

// One filled point per non-empty bin of each fit's real coding, one ring per real case.
TEST_F(EvidenceReport, ReliabilityDiagramHasABinPointPerNonEmptyBinAndARingPerCase) {
  const std::string svg = svg_with_id(section(), "reliability");
  ASSERT_FALSE(svg.empty());
  EXPECT_EQ(xml_error(svg), "");
  EXPECT_TRUE(has(svg, "perfect reliability"));
  std::vector<std::size_t> expected;
  for (auto fit : {evidence::Fit::InSample, evidence::Fit::HeldOut}) {
    std::size_t bins = 0, cases = 0;
    for (const auto& bin : evidence::reliability(evidence().backtest->forecasts, fit, evidence::Coding::Real)) bins += bin.cases > 0;
    for (const auto& f : evidence().backtest->forecasts) cases += f.fit == fit && f.coding == evidence::Coding::Real;
    if (bins > 0) expected.insert(expected.end(), {bins, cases});
  }
  ASSERT_EQ(expected.size(), 4u);  // both fits have real cases
  std::vector<std::size_t> drawn;
  for (std::size_t at = svg.find("<g class=\"scatter\">"); at != std::string::npos; at = svg.find("<g class=\"scatter\">", at + 1))
    drawn.push_back(count_of(svg.substr(at, svg.find("</g>", at) - at), "<circle"));
  EXPECT_EQ(drawn, expected);
  // The caption says how many cases each point holds.
  EXPECT_TRUE(has(section(), "The cases each point holds: <code>in_sample</code>: "));
}

TEST_F(EvidenceReport, OneChartPerMarginalOnALogAxisWithItsPriorAndSummary) {
  ASSERT_FALSE(evidence().marginals.empty());
  std::size_t charts = 0;
  for (const auto& svg : svgs_of(section())) charts += svg.rfind("<svg id=\"marginal-", 0) == 0;
  EXPECT_EQ(charts, evidence().marginals.size());
  for (const auto& m : evidence().marginals) {
    const std::string svg = svg_with_id(section(), "marginal-" + m.prior.name);
    ASSERT_FALSE(svg.empty()) << m.prior.name;
    for (const char* part : {"(log scale)", "prior range", "90 % interval", "posterior draws", "median ", "the prior alone"})
      EXPECT_TRUE(has(svg, part)) << m.prior.name << ": " << part;
    EXPECT_TRUE(has(section(), "<code>" + m.prior.name + "</code> in 24 bins")) << m.prior.name;
  }
  EXPECT_TRUE(has(section(), "ESS ") && has(section(), "split R-hat "));
}

// --------------------------------------------------------------------------------- the CLI

TEST(EvidenceReportCli, DrawsTheSectionFromTheFilesAndRunsUnderThePosterior) {
  const std::string bt = test::temp_file("cli-backtest.json", "");
  auto r = test::run_cli("backtest '" + kCases + "' --draws 40 --chains 2 --runs 5 --placebo -f json -o '" + bt + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string posterior = kSource + "/data/posterior.json";
  const std::string out = test::temp_file("cli-evidence.html", "");
  r = test::run_cli("report '" + kCases + "/broke.yaml' --runs 2 --claim-runs 0 --backtest '" + bt + "' --posterior '" +
                    posterior + "' -o '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string html = read_file(out);
  EXPECT_EQ(xml_error(html), "");
  EXPECT_TRUE(has(html, "<section id=\"evidence\">"));
  EXPECT_FALSE(svg_with_id(html, "reliability").empty());
  EXPECT_FALSE(svg_with_id(html, "marginal-hazard_slope").empty());
  EXPECT_TRUE(has(html, "--posterior ")) << "the commands that reproduce the figures carry the posterior";

  // Either file alone.
  r = test::run_cli("report '" + kCases + "/broke.yaml' --runs 2 --claim-runs 0 --backtest '" + bt + "' -o '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(svg_with_id(read_file(out), "reliability").empty());
  EXPECT_TRUE(svg_with_id(read_file(out), "marginal-hazard_slope").empty());
}

TEST(EvidenceReportCli, RefusesFilesThatAreNotOnes) {
  const std::string out = test::temp_file("never-evidence.html", "");
  std::filesystem::remove(out);
  const std::string broke = "'" + kCases + "/broke.yaml' --runs 2 --claim-runs 0 -o '" + out + "'";
  const std::string not_backtest = test::temp_file("not-a-backtest.json", "{\"cases\": []}");
  auto r = test::run_cli("report " + broke + " --backtest '" + not_backtest + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_TRUE(has(r.output, "scores")) << r.output;
  EXPECT_EQ(test::run_cli("report " + broke + " --posterior '" + not_backtest + "'").exit_code, 3);
  EXPECT_EQ(test::run_cli("report " + broke + " --backtest /nonexistent.json").exit_code, 3);
  EXPECT_EQ(test::run_cli("report '" + kSource + "/scenarios/korea-2003.yaml' --posterior '" + kSource +
                          "/data/posterior.json' -o '" + out + "'")
                .exit_code,
            2);
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace entente
