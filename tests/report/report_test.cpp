// The HTML report: the page and every chart in it parse as XML (libxml2, no recovery), the
// charts carry titles, axis labels and legends, the expected series, events, cause groups,
// policies and claims are there, and nothing points outside the file.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <regex>
#include <set>

#include "analysis/attribution.h"
#include "analysis/report_data.h"
#include "bargaining/model.h"
#include "io/files.h"
#include "io/text.h"
#include "io/forecast_io.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "report/html.h"
#include "report/svg.h"
#include "sim/sweep.h"
#include "report/report_support.h"
#include "support.h"

namespace entente {
namespace {

const std::string kSource = ENTENTE_SOURCE_DIR;

using test::has;
using test::svg_with_id;
using test::svgs_of;
using test::xml_error;

void expect_well_formed_page(const std::string& html) {
  EXPECT_EQ(xml_error(html), "");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  const auto svgs = svgs_of(html);
  EXPECT_FALSE(svgs.empty());
  for (const auto& svg : svgs) {
    const std::string head = svg.substr(0, svg.find('>'));
    EXPECT_EQ(xml_error(svg), "") << head;
    EXPECT_TRUE(has(head, "viewBox=\"0 0 ")) << head;
    EXPECT_TRUE(has(head, "width=\"100%\"")) << head;
    EXPECT_TRUE(has(svg, "<title id=")) << head;               // accessible name
    EXPECT_TRUE(has(svg, "class=\"chart-title\"")) << head;    // visible title
    EXPECT_TRUE(has(svg, "<g class=\"legend\">\n<")) << head;  // a legend with entries
    EXPECT_TRUE(has(svg, "<g class=\"axes\"")) << head;
  }
}

void expect_self_contained(const std::string& html) {
  for (const char* outside : {"http", "src=", "<link", "<script", "url(", "@import", "<img", "<iframe"})
    EXPECT_FALSE(has(html, outside)) << outside;
  // Links only to anchors within the page.
  const std::regex href("href=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator(); ++it)
    EXPECT_EQ((*it)[1].str().substr(0, 1), "#") << (*it)[1].str();
}

// -------------------------------------------------------------------------- primitives

TEST(ReportSvg, LineChartIsWellFormedWithEscapedTextGapsAndSinglePoints) {
  report::LineChart c;
  c.id = "t";
  c.title = "A <chart> & \"quotes\" with a title long enough to wrap over more than one line of the chart";
  c.x = {"year", std::nullopt, std::nullopt, true};
  c.y = {"value (units)", std::nullopt, std::nullopt, false};
  c.lines.push_back({"a & b", {2000, 2001, 2002, 2003}, {0.1, NAN, 0.3, 0.2}, "#000000"});
  c.lines.push_back({"single", {2001}, {0.5}, "#0072B2"});
  c.bands.push_back({"band", {2000, 2003}, {0, 0.1}, {0.4, 0.6}, "#D55E00"});
  c.ticks.push_back({2001, "2001: <event>"});
  c.rules.push_back({0.5, "threshold"});
  c.points.push_back({2002, 0.3, "point", "#000000"});
  c.shade_from = 2002;
  const std::string svg = report::line_chart(c);
  EXPECT_EQ(xml_error(svg), "") << svg;
  EXPECT_TRUE(has(svg, "A &lt;chart&gt; &amp; &quot;quotes&quot;"));
  EXPECT_TRUE(has(svg, "2001: &lt;event&gt;"));
  EXPECT_TRUE(has(svg, "<circle"));  // the single value is drawn as a dot
  EXPECT_FALSE(has(svg, "nan"));
}

TEST(ReportSvg, WaterfallStepsAddUpAndNegativeValuesUseARealMinus) {
  report::Waterfall w{"w", "What moved it", "value (0–1)",
                      {{"start", 0.2, true}, {"up", 0.3, false}, {"down", -0.1, false}, {"end", 0.4, true}}};
  const std::string svg = report::waterfall_chart(w);
  EXPECT_EQ(xml_error(svg), "") << svg;
  for (const char* label : {"start", "+0.300", "\xE2\x88\x92" "0.100", "0.400", "raises the value", "lowers the value"})
    EXPECT_TRUE(has(svg, label)) << label;
  EXPECT_EQ(report::decimal(-0.0001, 2), "0.00");
  EXPECT_EQ(report::escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
}

// ------------------------------------------------------------------------- the reports

ForecastRecord korea_2003_forecast() {
  ForecastRecord r;
  r.scenario = load_scenario(kSource + "/scenarios/korea-2003.yaml");
  const auto model = load_model("median");
  r.model_spec = model->spec();
  r.forecast = model->forecast(r.scenario, RunOptions{0, 1});
  return r;
}

TEST(Report, ForecastShowsEveryIssueOverTurnsWithEveryActor) {
  const ForecastRecord r = korea_2003_forecast();
  analysis::ReportOptions o;
  o.source = "scenarios/korea-2003.yaml";
  const analysis::ReportData data = analysis::forecast_report_data(r.scenario, "median", 0, o);
  EXPECT_EQ(data.forecast->outcome, r.forecast.outcome);
  const std::string html = report::render(data);
  expect_well_formed_page(html);
  expect_self_contained(html);
  for (std::size_t k = 0; k < r.scenario.num_issues(); ++k) {
    const std::string svg = svg_with_id(html, "positions-" + std::to_string(k));
    ASSERT_FALSE(svg.empty()) << k;
    EXPECT_TRUE(has(svg, report::escape(r.scenario.issues[k].name) + ": positions over turns"));
    EXPECT_TRUE(has(svg, "turn (0 = the input)"));
    EXPECT_TRUE(has(svg, "forecast " + report::decimal(r.forecast.outcome[k], 1)));
    for (const auto& a : r.scenario.actors) EXPECT_TRUE(has(svg, ">" + report::escape(a.name) + "<")) << a.name;
  }
  for (const auto& i : r.scenario.issues) EXPECT_TRUE(has(html, report::escape(i.low_pole))) << i.name;
}

class TimelineReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    t_ = new sim::TimeScenario(load_timeline(kSource + "/scenarios/korea.yaml"));
    data_ = new analysis::ReportData(analysis::timeline_report_data(*t_, options(2)));
    html_ = new std::string(report::render(*data_));
  }
  static void TearDownTestSuite() {
    delete html_;
    delete data_;
    delete t_;
  }
  static analysis::ReportOptions options(int threads) {
    analysis::ReportOptions o;
    o.source = "scenarios/korea.yaml";
    o.sweep_runs = 6;
    o.claim_runs = 2;
    o.threads = threads;
    return o;
  }
  static const sim::TimeScenario& t() { return *t_; }
  static const analysis::ReportData& data() { return *data_; }
  static const std::string& html() { return *html_; }

 private:
  static inline sim::TimeScenario* t_ = nullptr;
  static inline analysis::ReportData* data_ = nullptr;
  static inline std::string* html_ = nullptr;
};

TEST_F(TimelineReport, IsWellFormedAndSelfContained) {
  expect_well_formed_page(html());
  expect_self_contained(html());
  EXPECT_TRUE(has(html(), "@media print"));
  EXPECT_TRUE(has(html(), "name=\"viewport\""));
}

TEST_F(TimelineReport, SummarisesTheScenario) {
  for (const auto& a : t().scenario.actors) EXPECT_TRUE(has(html(), "<td>" + report::escape(a.name) + "</td>")) << a.name;
  for (const auto& i : t().scenario.issues) {
    EXPECT_TRUE(has(html(), report::escape(i.low_pole))) << i.name;
    EXPECT_TRUE(has(html(), report::escape(i.high_pole))) << i.name;
  }
  for (const char* fact : {"1953–2010, projections to 2015", "<code>median</code>", "97 dated events"})
    EXPECT_TRUE(has(html(), fact)) << fact;
}

TEST_F(TimelineReport, StrainChartMarksEveryEventYearAndTheThreshold) {
  const std::string svg = svg_with_id(html(), "strain");
  ASSERT_FALSE(svg.empty());
  for (const char* part : {"Alliance strain, 1953–2010", "strain σ (0–1)", ">year<", "threshold 0.50", "strain of US",
                           "strain of ROK", "1993: npt-withdrawal (nuclear); npt-crisis-allied-response (goals, strategies); role-reversal (role)"})
    EXPECT_TRUE(has(svg, part)) << part;
  std::set<int> years;
  for (const auto& e : t().events) years.insert(e.year);
  for (int y : years) EXPECT_TRUE(has(svg, "<g><title>" + std::to_string(y) + ": ")) << y;
  for (const auto& e : t().events) EXPECT_TRUE(has(html(), "<td>" + e.name + "</td>")) << e.name;  // the list below
}

TEST_F(TimelineReport, ShowsEachMembersGainsLossesPublicsDivergenceAndDisarmament) {
  for (const char* m : {"US", "ROK"}) {
    const std::string svg = svg_with_id(html(), std::string("value-") + m);
    ASSERT_FALSE(svg.empty()) << m;
    for (const char* series : {"security gain", "autonomy cost", "net value (gains − losses)"})
      EXPECT_TRUE(has(svg, series)) << m << " " << series;
  }
  EXPECT_TRUE(has(svg_with_id(html(), "publics"), "Public support for the alliance"));
  const std::string divergence = svg_with_id(html(), "divergence");
  EXPECT_TRUE(has(divergence, ">goals<") && has(divergence, ">strategies<"));
  EXPECT_TRUE(has(svg_with_id(html(), "disarmament"), "Probability that DPRK gives up its programme"));
}

TEST_F(TimelineReport, AttributesTheClaimsWindowToEveryCauseGroup) {
  const std::string svg = svg_with_id(html(), "attribution");
  ASSERT_FALSE(svg.empty());
  EXPECT_TRUE(has(svg, "from 1992 to 2003"));
  EXPECT_TRUE(has(svg, "strain in 1992") && has(svg, "strain in 2003") && has(svg, "drift (no cause)"));
  for (const auto& g : analysis::default_groups(t(), 1992)) EXPECT_TRUE(has(svg, ">" + g.name + "<")) << g.name;
}

TEST_F(TimelineReport, ComparesEveryPolicyWithBands) {
  for (const auto& p : t().policies) {
    const std::string svg = svg_with_id(html(), "policy-" + p.name);
    ASSERT_FALSE(svg.empty()) << p.name;
    EXPECT_TRUE(has(svg, p.name + " 5–95 %") && has(svg, "baseline 5–95 %")) << p.name;
    EXPECT_TRUE(has(svg, "fill-opacity=\"0.18\"")) << p.name;  // the bands are drawn
    EXPECT_TRUE(has(html(), "<td><code>" + p.name + "</code></td>")) << p.name;
  }
  EXPECT_TRUE(has(html(), "band of 6 runs"));
}

TEST_F(TimelineReport, ListsEveryClaim) {
  EXPECT_TRUE(has(html(), "share of 2 runs"));
  for (const auto& c : t().claims) {
    EXPECT_TRUE(has(html(), "<td><code>" + c.id + "</code></td>")) << c.id;
    EXPECT_TRUE(has(html(), report::escape(c.holds))) << c.id;
  }
}

TEST_F(TimelineReport, SameInputsGiveTheSameBytesWhateverTheThreads) {
  EXPECT_EQ(report::render(analysis::timeline_report_data(t(), options(1))), html());
}

// The data hold what the page shows: the numbers of the policy table and of the attribution
// are the data's, rounded as printed.
TEST_F(TimelineReport, ShowsTheNumbersOfItsData) {
  const auto& sweep = *data().sweep;
  EXPECT_EQ(sweep.runs, 6u);
  EXPECT_EQ(sweep.seed, t().scenario.seed);
  EXPECT_EQ(sweep.to_year, t().horizon_year);
  for (const auto& x : sweep.retreats) {
    const sim::SweepCell last = sweep.cells_of(x.policy, "strain").back();
    const std::string row = "<td><code>" + x.policy + "</code></td><td class=\"num\">" + report::decimal(last.q50, 3) +
                            "</td><td class=\"num\">" + report::decimal(last.q05, 3) + "–" +
                            report::decimal(last.q95, 3) + "</td>";
    EXPECT_TRUE(has(html(), row)) << row;
  }
  ASSERT_EQ(data().attributions.size(), 1u);
  for (const auto& [group, value] : data().attributions.front().shapley)
    EXPECT_TRUE(has(html(), "<td>" + group + "</td>")) << group;
  EXPECT_TRUE(has(html(), "strain in " + std::to_string(data().attributions.front().to)));
  for (const auto& c : *data().claims) EXPECT_TRUE(has(html(), report::escape(c.text))) << c.id;
}

TEST(ReportWindow, ComesFromTheClaimsElseTheLastDecadeAndOptionsOverrideEitherEnd) {
  sim::TimeScenario t = load_timeline(kSource + "/scenarios/korea.yaml");
  analysis::ReportOptions o;
  EXPECT_EQ(analysis::attribution_window(t, o), std::pair(1992, 2003));
  o.to = 2005;
  EXPECT_EQ(analysis::attribution_window(t, o), std::pair(1992, 2005));
  t.claims.clear();
  o.to = 0;
  EXPECT_EQ(analysis::attribution_window(t, o), std::pair(2000, 2010));
}

// ------------------------------------------------------------------------------- the CLI

TEST(ReportCli, WritesAWellFormedReportForEachKindOfScenario) {
  const std::string forecast = test::temp_file("forecast-report.html", "");
  auto r = test::run_cli("report '" + kSource + "/scenarios/korea-2003.yaml' --model mean --output '" + forecast + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string one_year = read_file(forecast);
  EXPECT_EQ(xml_error(one_year), "");
  EXPECT_TRUE(has(one_year, "<code>mean</code>"));

  const std::string timeline = test::temp_file("timeline-report.html", "");
  r = test::run_cli("report '" + kSource + "/scenarios/korea.yaml' --runs 3 --claim-runs 1 -j 2 --from 1995 --to 2005 --output '" +
                    timeline + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string html = read_file(timeline);
  EXPECT_EQ(xml_error(html), "");
  EXPECT_TRUE(has(html, "from 1995 to 2005"));
  EXPECT_TRUE(has(html, "band of 3 runs"));
}

TEST(ReportCli, RejectsBadOptionsAndWritesNothing) {
  const std::string out = test::temp_file("never.html", "");
  std::filesystem::remove(out);
  const std::string korea = "'" + kSource + "/scenarios/korea.yaml'";
  EXPECT_EQ(test::run_cli("report " + korea).exit_code, 2);  // --output is required
  EXPECT_EQ(test::run_cli("report " + korea + " --from 2005 --to 1995 --output '" + out + "'").exit_code, 2);
  EXPECT_EQ(test::run_cli("report " + korea + " --to 2030 --output '" + out + "'").exit_code, 2);
  EXPECT_EQ(test::run_cli("report " + korea + " --model nosuch --output '" + out + "'").exit_code, 2);
  EXPECT_EQ(test::run_cli("report '" + kSource + "/scenarios/korea-2003.yaml' --from 1995 --output '" + out + "'").exit_code,
            2);
  EXPECT_EQ(test::run_cli("report /nonexistent.yaml --output '" + out + "'").exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

TEST(ReportCli, ReportsAStoredRunFromTheDatabase) {
  const std::string db = test::temp_file("report-store.db", "");
  std::filesystem::remove(db);
  const std::string korea = "'" + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml'";
  ASSERT_EQ(test::run_cli("run " + korea + " --db '" + db + "'").exit_code, 0);
  const std::string out = test::temp_file("stored-report.html", "");
  std::filesystem::remove(out);
  auto r = test::run_cli("report --db '" + db + "' 1 --output '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string html = read_file(out);
  EXPECT_EQ(xml_error(html), "");
  EXPECT_NE(html.find("korea"), std::string::npos);
  EXPECT_NE(html.find("<svg id=\"strain\""), std::string::npos);
  EXPECT_EQ(html.find("<svg id=\"attribution\""), std::string::npos) << "a run stores no attribution";
  EXPECT_EQ(test::run_cli("report --db '" + db + "' 1 --runs 8 --output '" + out + "-x'").exit_code, 2);
  EXPECT_EQ(test::run_cli("report --db '" + db + "' 99 --output '" + out + "-x'").exit_code, 3);
  EXPECT_EQ(test::run_cli("report --db '" + db + "' one --output '" + out + "-x'").exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(out + "-x"));
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

double parsed(const std::string& field) { return std::strtod(field.c_str(), nullptr); }

// The report's policy bands are what `entente sweep` computes with the same seed: without
// --seed both use the scenario's (korea.yaml: 1). The sweep of the issue's command (the
// baseline to the scenario's end) matches the report's baseline cell for cell, doubles with
// ==, and the sweep the report's own Reproduce section prints writes exactly the report's
// summary, retreat shares and sweep.json.
TEST(ReportCli, BandsAgreeWithEntenteSweepOfTheSameSeed) {
  const std::string korea = kSource + "/scenarios/korea.yaml";
  const sim::TimeScenario t = load_timeline(korea);
  analysis::ReportOptions o;
  o.source = korea;
  o.scenario_text = read_file(korea);
  o.sweep_runs = 200;
  o.claim_runs = 0;
  o.threads = 2;
  const analysis::ReportData data = analysis::timeline_report_data(t, o);
  ASSERT_TRUE(data.sweep);
  EXPECT_EQ(data.seed, 1u);

  const std::string a = std::filesystem::path(test::temp_file("x", "")).parent_path() / "report-sweep-A";
  std::filesystem::remove_all(a);
  auto r = test::run_cli("sweep '" + korea + "' --runs 200 -o '" + a + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto summary = text::split_csv(read_file(a + "/summary.csv"), "summary.csv");
  ASSERT_GT(summary.size(), 1u);
  std::size_t compared = 0;
  for (std::size_t i = 1; i < summary.size(); ++i) {
    const auto& f = summary[i].fields;  // policy,year,series,mean,q05,q50,q95
    for (const auto& c : data.sweep->cells)
      if (c.policy == f[0] && c.year == std::stoi(f[1]) && c.series == f[2]) {
        EXPECT_EQ(c.mean, parsed(f[3])) << f[1] << " " << f[2];
        EXPECT_EQ(c.q05, parsed(f[4])) << f[1] << " " << f[2];
        EXPECT_EQ(c.q50, parsed(f[5])) << f[1] << " " << f[2];
        EXPECT_EQ(c.q95, parsed(f[6])) << f[1] << " " << f[2];
        ++compared;
      }
  }
  EXPECT_EQ(compared, summary.size() - 1);  // every year of the baseline, 1953–2010, three series

  // The report's own sweep command, run from the scenario's folder as printed.
  const std::string b = std::filesystem::path(a).parent_path() / "report-sweep-B";
  std::filesystem::remove_all(b);
  const std::string& printed = data.commands.at(2);
  ASSERT_EQ(printed.rfind("entente sweep ", 0), 0u) << printed;
  const std::string args = printed.substr(std::string("entente ").size());
  r = test::run_cli(args.substr(0, args.rfind(" --output")) + " -o '" + b + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(read_file(b + "/summary.csv"), output::render_csv(sim::summary_table(*data.sweep)));
  EXPECT_EQ(read_file(b + "/retreat.csv"), output::render_csv(sim::retreat_table(*data.sweep)));
  EXPECT_EQ(read_file(b + "/sweep.json"), sim::sweep_json(*data.sweep));
}

}  // namespace
}  // namespace entente
