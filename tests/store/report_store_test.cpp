// Reports in the results database: a stored ReportData reads back equal to the one written
// (doubles with ==) and draws the same page; it draws with the scenario's stored text made
// unreadable, so nothing is recomputed; a stored run of every other kind draws the parts it
// keeps; a database of schema version 1 is read and upgraded.
#include <gtest/gtest.h>
#include <libxml/parser.h>

#include <cmath>
#include <filesystem>

#include "analysis/report_data.h"
#include "io/files.h"
#include "report/html.h"
#include "sim/sample.h"
#include "store/rerun.h"
#include "store/store.h"
#include "store/stored_report.h"
#include "store_support.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

bool well_formed(const std::string& text) {
  xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "report.xml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return false;
  xmlFreeDoc(doc);
  return true;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

analysis::ReportOptions small_options(const std::string& file) {
  analysis::ReportOptions o;
  o.source = file;
  o.scenario_text = read_file(file);
  o.sweep_runs = 8;
  o.claim_runs = 2;
  o.threads = 2;
  return o;
}

store::RunRecord report_record(const std::string& file, const analysis::ReportData& data, const Scenario& scenario,
                               store::Request request) {
  store::RunRecord r;
  r.inputs = store::read_inputs(store::Kind::Report, file, data.model_spec, data.seed, std::move(request), "test report");
  r.results = store::report_results(scenario, data);
  return r;
}

// The Korean report, computed once for the tests below.
class StoredReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const sim::TimeScenario t = load_timeline(test::kKorea);
    data_ = new analysis::ReportData(analysis::timeline_report_data(t, small_options(test::kKorea)));
    const auto& window = data_->attributions.front();
    record_ = new store::RunRecord(
        report_record(test::kKorea, *data_, t.scenario, {.from = window.from, .to = window.to, .runs = 8, .claim_runs = 2}));
  }
  static void TearDownTestSuite() {
    delete record_;
    delete data_;
  }
  static const analysis::ReportData& data() { return *data_; }
  static const store::RunRecord& record() { return *record_; }

 private:
  static inline analysis::ReportData* data_ = nullptr;
  static inline store::RunRecord* record_ = nullptr;
};

TEST_F(StoredReport, ReadsBackTheDataItWroteAndDrawsTheSamePage) {
  store::Store s(test::fresh_db("report.db"));
  const store::RunRecord loaded = s.load(s.save(record()));
  ASSERT_EQ(loaded.inputs.kind, store::Kind::Report);
  ASSERT_TRUE(loaded.results.report);
  const analysis::ReportData& back = *loaded.results.report;
  EXPECT_EQ(store::first_difference(data(), back), "");
  // Spot checks of the same, written out: every sweep cell and every baseline value, with ==.
  ASSERT_TRUE(back.sweep && back.baseline && back.claims);
  ASSERT_EQ(back.sweep->cells.size(), data().sweep->cells.size());
  for (std::size_t i = 0; i < back.sweep->cells.size(); ++i) {
    EXPECT_EQ(back.sweep->cells[i].q05, data().sweep->cells[i].q05) << i;
    EXPECT_EQ(back.sweep->cells[i].q95, data().sweep->cells[i].q95) << i;
    EXPECT_EQ(back.sweep->cells[i].mean, data().sweep->cells[i].mean) << i;
  }
  for (const auto& [name, values] : data().baseline->series)
    for (std::size_t y = 0; y < values.size(); ++y)
      if (!std::isnan(values[y])) {
        ASSERT_EQ(back.baseline->series.at(name).at(y), values[y]) << name << " " << y;
      }
  EXPECT_EQ(back.attributions.front().shapley, data().attributions.front().shapley);
  EXPECT_EQ(back.claims->size(), data().claims->size());
  EXPECT_EQ(report::render(back), report::render(data()));
}

// The report of a stored `report` run reads nothing but its stored results: it draws with
// the scenario's text and data files in the database made unreadable, through the CLI too;
// a `run`, which keeps only its series, needs the scenario's text for the facts.
TEST_F(StoredReport, DrawsWithoutTheScenarioSoNothingIsRecomputed) {
  const std::string db = test::fresh_db("unreadable.db");
  std::int64_t report_id = 0, run_id = 0;
  {
    store::Store s(db);
    report_id = s.save(record());
    run_id = s.save(test::time_run_record(test::kKorea));
    s.database().exec("UPDATE blobs SET content = 'time: [this is not a scenario'");
  }
  store::Store s(db);
  EXPECT_THROW(store::rerun(s.load(report_id), 1), InputError);  // the scenario is gone indeed
  const std::string page = report::render(store::stored_report(s.load(report_id)));
  EXPECT_EQ(page, report::render(data()));
  const std::string out = test::temp_file("unreadable.html", "");
  const auto r = test::run_cli("report --db '" + db + "' " + std::to_string(report_id) + " -o '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(read_file(out), page);
  EXPECT_EQ(test::run_cli("report --db '" + db + "' " + std::to_string(run_id) + " -o '" + out + "-run'").exit_code, 3);
}

TEST_F(StoredReport, RerunsBitForBit) {
  store::Store s(test::fresh_db("rerun-report.db"));
  const auto again = store::rerun(s.load(s.save(record())), 2);
  EXPECT_TRUE(again.identical()) << again.difference;
}

TEST(StoredForecastReport, ReadsBackAndDrawsTheSamePage) {
  const std::string file = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea-2003.yaml";
  const Scenario s = load_scenario(file);
  const analysis::ReportData data = analysis::forecast_report_data(s, "smp", s.seed, small_options(file));
  store::Store db(test::fresh_db("forecast-report.db"));
  const store::RunRecord loaded = db.load(db.save(report_record(file, data, s, {})));
  EXPECT_EQ(store::first_difference(data, *loaded.results.report), "");
  EXPECT_EQ(loaded.results.report->forecast->outcome, data.forecast->outcome);
  EXPECT_EQ(report::render(*loaded.results.report), report::render(data));
  EXPECT_TRUE(store::rerun(loaded, 1).identical());
}

// Each kind recorded by its command draws the parts it stores, and only those.
TEST(StoredRunReport, EveryKindDrawsWhatItKeeps) {
  const std::string db = test::fresh_db("kinds.db");
  const std::string at = " --db '" + db + "'", korea = " '" + test::kKorea + "'";
  const std::string folder = fs::path(db).parent_path() / "kinds-sweep";
  fs::remove_all(folder);
  struct Kind {
    std::string command;
    std::vector<std::string> present, absent;
  };
  const std::vector<Kind> kinds{
      {"forecast '" + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea-2003.yaml' -m median",
       {"<svg id=\"positions-0\"", "Stances at the start"},
       {"<svg id=\"strain\""}},
      {"run" + korea + " --to 2012", {"<svg id=\"strain\"", "<svg id=\"value-ROK\"", "Alliance strain, 1953–2012"},
       {"<svg id=\"attribution\"", "id=\"claims\""}},
      {"explain" + korea + " --from 1992 --to 2003", {"<svg id=\"attribution\"", "from 1992 to 2003", "<svg id=\"strain\""},
       {"id=\"policies\""}},
      {"compare" + korea + " --policies no-role-reversal --to 2015", {"<svg id=\"compare-strain\"", ">no-role-reversal<"},
       {"<svg id=\"strain\""}},
      {"sweep" + korea + " --runs 20 --policies no-role-reversal -o '" + folder + "'",
       {"<svg id=\"policy-no-role-reversal\"", "band of 20 runs"},
       {"<svg id=\"strain\""}},
      {"claims" + korea + " --runs 2", {"id=\"claims\"", "share of 2 runs", "<code>divergence</code>"},
       {"<svg id=\"strain\""}},
  };
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const auto recorded = test::run_cli(kinds[i].command + at);
    ASSERT_EQ(recorded.exit_code, 0) << kinds[i].command << "\n" << recorded.output;
    const std::string out = test::temp_file("kind-" + std::to_string(i + 1) + ".html", "");
    const auto drawn = test::run_cli("report --db '" + db + "' " + std::to_string(i + 1) + " -o '" + out + "'");
    ASSERT_EQ(drawn.exit_code, 0) << kinds[i].command << "\n" << drawn.output;
    const std::string html = read_file(out);
    EXPECT_TRUE(well_formed(html)) << kinds[i].command;
    for (const auto& part : kinds[i].present) EXPECT_TRUE(has(html, part)) << kinds[i].command << ": " << part;
    for (const auto& part : kinds[i].absent) EXPECT_FALSE(has(html, part)) << kinds[i].command << ": " << part;
    EXPECT_TRUE(has(html, "<pre>" + std::string(ENTENTE_CLI) + " ")) << "the recorded command line";
  }
  // A stored run is drawn as computed: options that would compute anew are refused.
  EXPECT_EQ(test::run_cli("report --db '" + db + "' 2 --runs 5 -o '" + folder + ".html'").exit_code, 2);
  EXPECT_EQ(test::run_cli("report --db '" + db + "' 2 --seed 3 -o '" + folder + ".html'").exit_code, 2);
  EXPECT_FALSE(fs::exists(folder + ".html"));
}

// A database of schema version 1 (no sweeps or reports tables; a run's kind cannot be
// `report`): its sweeps read back from their summaries and the run's own columns, and the
// first save upgrades it in place, keeping every run.
TEST(StoreUpgrade, ReadsVersionOneAndUpgradesItOnTheFirstSave) {
  const std::string db = test::fresh_db("version1.db");
  const sim::TimeScenario t = load_timeline(test::kKorea);
  sim::SweepOptions o;
  o.runs = 12;
  o.seed = 4;
  o.policies = {"no-role-reversal"};
  o.to_year = 2012;
  o.scenario_text = read_file(test::kKorea);
  const sim::SweepResult sweep = sim::sweep_timeline(t, o);
  store::RunRecord r;
  r.inputs = store::read_inputs(store::Kind::Sweep, test::kKorea, sweep.model, sweep.seed,
                                {.to = 2012, .policies = o.policies, .runs = 12}, "test sweep");
  r.results = store::sweep_results(t.scenario, sweep);
  std::int64_t id = 0;
  {
    store::Store s(db);
    id = s.save(r);
    s.save(test::forecast_record(test::kEcEmissions, "median"));
  }
  {  // back to version 1's layout
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA foreign_keys = OFF");
    std::string runs = raw.execAndGet("SELECT sql FROM sqlite_master WHERE name = 'runs'").getString();
    const std::string wide = ", 'report', 'backtest')", narrow = ")";
    ASSERT_NE(runs.find(wide), std::string::npos) << runs;
    runs.replace(runs.find(wide), wide.size(), narrow);
    runs.replace(runs.find("runs"), 4, "runs_v1");
    raw.exec(runs);
    raw.exec("INSERT INTO runs_v1 SELECT * FROM runs; DROP TABLE runs; ALTER TABLE runs_v1 RENAME TO runs;"
             "DROP TABLE sweeps; DROP TABLE reports; DROP TABLE backtest_fits; DROP TABLE backtest_forecasts;"
             "DROP TABLE backtest_scores; UPDATE schema_version SET version = 1");
  }
  store::Store s(db);
  const auto old = s.load(id);
  ASSERT_TRUE(old.results.sweep);
  const sim::SweepResult& back = *old.results.sweep;
  EXPECT_EQ(back.model, sweep.model);
  EXPECT_EQ(back.seed, 4u);
  EXPECT_EQ(back.runs, 12u);
  EXPECT_EQ(back.to_year, 2012);
  EXPECT_EQ(back.policies, o.policies);
  EXPECT_EQ(back.scenario_hash, sweep.scenario_hash);
  ASSERT_EQ(back.cells.size(), sweep.cells.size());
  for (std::size_t i = 0; i < sweep.cells.size(); ++i) EXPECT_EQ(back.cells[i].q50, sweep.cells[i].q50) << i;
  EXPECT_EQ(back.retreats.size(), 2u);
  EXPECT_EQ(s.database().execAndGet("SELECT version FROM schema_version").getInt(), 1) << "reading changes nothing";

  const std::string korea2003 = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea-2003.yaml";
  const Scenario one_year = load_scenario(korea2003);
  const auto data = analysis::forecast_report_data(one_year, "median", 0, small_options(korea2003));
  const std::int64_t report = s.save(report_record(korea2003, data, one_year, {}));
  EXPECT_EQ(s.database().execAndGet("SELECT version FROM schema_version").getInt(), store::kSchemaVersion);
  EXPECT_EQ(s.database().execAndGet("PRAGMA integrity_check").getString(), "ok");
  EXPECT_EQ(s.runs().size(), 3u);
  EXPECT_EQ(store::first_difference(s.load(id).results, old.results), "");
  EXPECT_EQ(store::first_difference(*s.load(report).results.report, data), "");
}

}  // namespace
}  // namespace entente
