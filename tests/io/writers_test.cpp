// Every result writer against names that break naive CSV: an actor, an issue, a policy, a
// cause group, an event and a claim text holding a comma, a double quote and a line break.
// Each CSV is read back with a strict RFC 4180 reader written here (independent of the
// writers' output layer) and with the project's own reader, text::split_csv; every record
// must have the header's width and every name must come back byte for byte. Each JSON is
// parsed with nlohmann and must hold the same names. Also: explain's causes come largest
// |Shapley value| first in every format.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "bargaining/model.h"
#include "io/analysis_io.h"
#include "io/forecast_io.h"
#include "io/run_io.h"
#include "io/text.h"
#include "store/export.h"
#include "store/records.h"
#include "store/store.h"
#include "support.h"

namespace entente {
namespace {

using nlohmann::json;
using Records = std::vector<std::vector<std::string>>;

const std::string kActor = "C, the \"client\"\nline2";
const std::string kIssue = "issue, \"one\"\r\nend";
const std::string kPolicy = "policy, \"p\"\nq";
const std::string kGroup = "role, \"reversal\"\nx";
const std::string kEvent = "event, \"e\"\nf";
const std::string kClaim = "strain is \"low\", really\nsecond line";
const std::string kSeries = "net_value." + kActor;

// RFC 4180 §2, strictly: records end in CRLF or LF (the last one too); a field is either
// unquoted (no comma, quote, CR or LF) or wholly quoted with "" for a quote. Anything else
// is a malformed file and throws.
Records read_rfc4180(const std::string& text) {
  Records records;
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  auto end_of_record = [&](std::size_t at) {
    if (text.compare(at, 2, "\r\n") == 0) return std::size_t{2};
    return text[at] == '\n' ? std::size_t{1} : std::size_t{0};
  };
  while (i < text.size()) {
    if (text[i] == '"') {
      for (++i;; ++i) {
        if (i >= text.size()) throw std::runtime_error("unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; continue; }
          ++i;
          break;
        }
        field += text[i];
      }
      if (i < text.size() && text[i] != ',' && end_of_record(i) == 0)
        throw std::runtime_error("text after a closing quote");
    } else {
      while (i < text.size() && text[i] != ',' && end_of_record(i) == 0) {
        if (text[i] == '"' || text[i] == '\r') throw std::runtime_error("a quote or CR in an unquoted field");
        field += text[i++];
      }
    }
    if (i >= text.size()) throw std::runtime_error("the last record does not end in a line break");
    record.push_back(std::move(field));
    field.clear();
    if (text[i] == ',') { ++i; continue; }
    i += end_of_record(i);
    records.push_back(std::move(record));
    record.clear();
  }
  return records;
}

// Reads a writer's CSV both ways; checks the header, that every record has its width, and
// that both readers agree. Returns the records without the header.
Records read_csv(const std::string& csv, const std::vector<std::string>& header) {
  Records all;
  try {
    all = read_rfc4180(csv);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not RFC 4180 (" << e.what() << "):\n" << csv;
    return {};
  }
  EXPECT_FALSE(all.empty());
  if (all.empty()) return {};
  EXPECT_EQ(all.front(), header);
  for (std::size_t r = 0; r < all.size(); ++r) EXPECT_EQ(all[r].size(), header.size()) << "record " << r;
  const auto rows = text::split_csv(csv, "writer.csv");
  EXPECT_EQ(rows.size(), all.size());
  for (std::size_t r = 0; r < std::min(rows.size(), all.size()); ++r)
    EXPECT_EQ(rows[r].fields, all[r]) << "split_csv reads record " << r << " differently";
  return Records(all.begin() + 1, all.end());
}

std::vector<std::string> column(const Records& records, std::size_t c) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.at(c));
  return out;
}

bool contains(const std::vector<std::string>& values, const std::string& wanted) {
  return std::find(values.begin(), values.end(), wanted) != values.end();
}

// A database path where no file exists yet.
std::string fresh_db(const std::string& name) {
  const std::string path = test::temp_file(name, "");
  std::filesystem::remove(path);
  return path;
}

// ---------------------------------------------------------------------------------------
// Fixtures: results built directly, as the analyses return them.

Scenario one_issue() {
  Scenario s;
  s.name = "writers";
  s.actors = {{"P", "the patron", 0.6}, {kActor, "the client", 0.4}};
  s.issues = {{kIssue, "", 0, 100, "low, \"pole\"", "high\npole"}};
  s.stances = {{30, 0.5}, {70, 0.8}};
  return s;
}

ForecastRecord forecast_with(const std::string& spec) {
  ForecastRecord r;
  r.scenario = one_issue();
  const auto model = load_model(spec);
  r.model_spec = model->spec();
  r.forecast = model->forecast(r.scenario, RunOptions{});
  return r;
}

sim::TimeScenario time_scenario() {
  sim::TimeScenario t;
  t.scenario = one_issue();
  t.scenario.actors.push_back({"A", "the adversary", 0.1});
  t.setup.patron = 0;
  t.setup.client = 1;
  t.start_year = 2000;
  t.end_year = 2002;
  return t;
}

// A run holding every series the yearly table shows, and one event named kEvent.
sim::Run run_of(const sim::TimeScenario& t, double shift) {
  sim::Run run;
  run.years = {2000, 2001, 2002};
  run.model_spec = "median";
  run.series_names = {"strain", "survival", "divergence.goals", "divergence.strategies"};
  for (const char* kind : {"strain.", "net_value.", "policy_value.", "security.", "public_support."})
    for (std::size_t a : {t.setup.patron, t.setup.client}) run.series_names.push_back(kind + t.scenario.actors[a].name);
  for (std::size_t k = 0; k < run.series_names.size(); ++k)
    run.series[run.series_names[k]] = {0.1 * static_cast<double>(k) + shift, -0.0, 1.0 / 3};
  run.events[2001] = {kEvent, "plain"};
  run.retreat_year = 2002;
  return run;
}

std::vector<analysis::Attribution> attributions() {
  analysis::Attribution a;
  a.series = kSeries;
  a.from = 2000;
  a.to = 2002;
  a.start_value = 0.25;
  a.shapley = {{"small", 0.01}, {kGroup, 0.2}, {"zero", 0.0}, {"ascendancy", -0.3}, {"tie", -0.01}};
  a.v_all = 0.15;
  a.v_none = 0.25;
  a.total_change = -0.1;
  a.drift = 0;
  a.interactions = {{kGroup, "ascendancy", 0.05}};
  return {a};
}

std::vector<analysis::PolicyRun> policies(const sim::TimeScenario& t) {
  return {{"baseline", run_of(t, 0)}, {kPolicy, run_of(t, 0.5)}};
}

std::vector<analysis::ClaimResult> claims() {
  analysis::ClaimResult c;
  c.id = "low-strain";
  c.text = kClaim;
  c.holds = "strain < 0.5";
  c.holds_baseline = true;
  c.baseline_terms = {{"strain", 0.25}};
  c.runs = 4;
  c.held = 3;
  analysis::ClaimResult unswept = c;
  unswept.id = "unswept";
  unswept.runs = unswept.held = 0;
  return {c, unswept};
}

// ---------------------------------------------------------------------------------------
// One test per writer

TEST(Writers, ForecastCsvAndJsonKeepAwkwardNames) {
  const ForecastRecord r = forecast_with("median");
  const auto rows = read_csv(write_forecast(r, Format::Csv), {"kind", "turn", "actor", "issue", "value"});
  ASSERT_EQ(rows.size(), r.forecast.history.size() * 2 + 1);
  EXPECT_TRUE(contains(column(rows, 2), kActor));
  for (const auto& issue : column(rows, 3)) EXPECT_EQ(issue, kIssue);
  EXPECT_EQ(rows.back(), (std::vector<std::string>{"forecast", std::to_string(r.forecast.turns()), "", kIssue,
                                                   output::number(r.forecast.outcome[0])}));

  const std::string text = write_forecast(r, Format::Json);
  const json j = json::parse(text);
  EXPECT_EQ(j.at("actors")[1], kActor);
  EXPECT_EQ(j.at("issues")[0], kIssue);
  EXPECT_TRUE(j.at("forecast").contains(kIssue));
  // The JSON reruns: it reads back to the same scenario and forecast.
  const ForecastRecord back = read_forecast_json(text, "writers.json");
  EXPECT_EQ(back.scenario.actors[1].name, kActor);
  EXPECT_EQ(back.scenario.issues[0].name, kIssue);
  EXPECT_EQ(back.scenario.issues[0].low_pole, "low, \"pole\"");
  EXPECT_EQ(back.forecast.history, r.forecast.history);
  EXPECT_EQ(back.forecast.outcome, r.forecast.outcome);
  EXPECT_EQ(back.model_spec, r.model_spec);
}

TEST(Writers, ForecastComparisonCsvAndJsonKeepAwkwardNames) {
  const std::vector<ForecastRecord> records = {forecast_with("median"), forecast_with("mean")};
  const auto rows = read_csv(write_comparison(records, Format::Csv), {"model", "issue", "forecast", "turns"});
  ASSERT_EQ(rows.size(), 2u);
  for (std::size_t m = 0; m < 2; ++m) {
    EXPECT_EQ(rows[m][0], records[m].model_spec);
    EXPECT_EQ(rows[m][1], kIssue);
    EXPECT_EQ(std::strtod(rows[m][2].c_str(), nullptr), records[m].forecast.outcome[0]);
  }
  const json j = json::parse(write_comparison(records, Format::Json));
  ASSERT_EQ(j.size(), 2u);
  for (const auto& record : j) {
    EXPECT_EQ(record.at("actors")[1], kActor);
    EXPECT_EQ(record.at("input").at("issues")[0].at("name"), kIssue);
  }
}

TEST(Writers, RunCsvAndJsonKeepAwkwardNames) {
  const auto t = time_scenario();
  const sim::Run run = run_of(t, 0);
  const auto rows = read_csv(write_run(t, run, Format::Csv, 2000, 2002), {"year", "series", "value"});
  ASSERT_EQ(rows.size(), run.years.size() * run.series_names.size());
  EXPECT_TRUE(contains(column(rows, 1), kSeries));
  for (const auto& r : rows)
    EXPECT_EQ(std::strtod(r[2].c_str(), nullptr), run.value(r[1], std::stoi(r[0]))) << r[1] << " " << r[0];

  const json j = json::parse(write_run(t, run, Format::Json, 2000, 2002));
  EXPECT_EQ(j.at("series").at(kSeries).size(), 3u);
  EXPECT_EQ(j.at("events").at("2001")[0], kEvent);
  EXPECT_EQ(j.at("retreat_year"), 2002);
}

TEST(Writers, AttributionCsvAndJsonKeepAwkwardNames) {
  const auto results = attributions();
  const auto rows = read_csv(write_attribution(results, "median", Format::Csv), {"series", "kind", "name", "value"});
  for (const auto& series : column(rows, 0)) EXPECT_EQ(series, kSeries);
  EXPECT_TRUE(contains(column(rows, 2), kGroup));
  EXPECT_TRUE(contains(column(rows, 2), kGroup + "+ascendancy"));

  const json j = json::parse(write_attribution(results, "median", Format::Json));
  EXPECT_EQ(j.at("series").at(kSeries).at("shapley").at(kGroup), 0.2);
  EXPECT_EQ(j.at("series").at(kSeries).at("interactions")[0].at("a"), kGroup);
}

TEST(Writers, PolicyComparisonCsvAndJsonKeepAwkwardNames) {
  const auto t = time_scenario();
  const auto runs = policies(t);
  const std::vector<std::string> series = {"strain", kSeries};
  const auto rows = read_csv(write_comparison(runs, series, 2000, 2002, Format::Csv), {"policy", "year", "series", "value"});
  ASSERT_EQ(rows.size(), 2u * 3 * 2);
  EXPECT_TRUE(contains(column(rows, 0), kPolicy));
  EXPECT_TRUE(contains(column(rows, 2), kSeries));

  const json j = json::parse(write_comparison(runs, series, 2000, 2002, Format::Json));
  EXPECT_EQ(j.at("policies").at(kPolicy).at("series").at(kSeries).size(), 3u);
}

TEST(Writers, ClaimsCsvAndJsonKeepAwkwardText) {
  const auto results = claims();
  const auto rows = read_csv(write_claims(results, Format::Csv), {"id", "holds_baseline", "share_of_runs", "runs", "text"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"low-strain", "true", "0.75", "4", kClaim}));
  EXPECT_EQ(rows[1][2], "");  // no sweep: no share

  const json j = json::parse(write_claims(results, Format::Json));
  EXPECT_EQ(j[0].at("text"), kClaim);
  EXPECT_EQ(j[0].at("share_of_runs"), 0.75);
  EXPECT_TRUE(j[1].at("share_of_runs").is_null());
}

// The text forms are for people: each row stays on one line, whatever the names hold.
TEST(Writers, TextTablesKeepOneRowPerLine) {
  const auto t = time_scenario();
  const std::string run = write_run(t, run_of(t, 0), Format::Table, 2000, 2002);
  EXPECT_NE(run.find("event, \"e\" f"), std::string::npos) << run;
  EXPECT_EQ(run.find("-0.000"), std::string::npos) << run;
  EXPECT_NE(run.find("ended in 2002"), std::string::npos) << run;
  const std::string text = write_claims(claims(), Format::Table);
  EXPECT_NE(text.find("strain is \"low\", really second line"), std::string::npos) << text;
  EXPECT_NE(write_forecast(forecast_with("median"), Format::Table).find("C, the \"client\" line2"), std::string::npos);
}

TEST(Writers, StoreExportsKeepAwkwardNames) {
  const auto t = time_scenario();
  const ForecastRecord f = forecast_with("median");
  store::RunRecord record;
  record.inputs.kind = store::Kind::Explain;
  record.inputs.scenario_file = "writers.yaml";
  record.inputs.scenario_text = "name: writers\n";
  record.inputs.model_spec = "median";
  record.results = store::explain_results(t, run_of(t, 0), attributions());
  record.results.forecast = f.forecast;
  record.results.policies = store::compare_results(t, policies(t), {.from = 2000, .to = 2002, .series = {kSeries}}).policies;
  record.results.claims = claims();
  record.results.sweep = sim::SweepResult{};
  record.results.sweep->cells = {{.policy = kPolicy, .year = 2001, .series = kSeries, .mean = 0.5, .q05 = 0.1, .q50 = 0.5, .q95 = 0.9}};
  store::Store s(fresh_db("writers.db"));
  const std::int64_t id = s.save(record);

  struct Expectation {
    store::Table table;
    std::vector<std::string> header;
    std::size_t column;
    std::string name;
  };
  for (const auto& e : std::vector<Expectation>{
           {store::Table::Positions, {"run", "turn", "actor", "issue", "position"}, 2, kActor},
           {store::Table::Positions, {"run", "turn", "actor", "issue", "position"}, 3, kIssue},
           {store::Table::Series, {"run", "year", "series", "value"}, 2, kSeries},
           {store::Table::Attributions, {"run", "series", "from", "to", "kind", "name", "value"}, 5, kGroup},
           {store::Table::Claims, {"run", "claim", "holds_baseline", "share_of_runs", "runs", "held", "text"}, 6, kClaim},
           {store::Table::Comparisons, {"run", "policy", "year", "series", "value"}, 1, kPolicy},
           {store::Table::Comparisons, {"run", "policy", "year", "series", "value"}, 3, kSeries},
           {store::Table::Sweeps, {"run", "policy", "year", "series", "mean", "q05", "q50", "q95"}, 1, kPolicy},
       }) {
    SCOPED_TRACE(e.header[e.column]);
    const auto rows = read_csv(store::export_table(s, e.table, id, output::Format::Csv), e.header);
    EXPECT_TRUE(contains(column(rows, e.column), e.name));
    const json records = json::parse(store::export_table(s, e.table, id, output::Format::Json));
    ASSERT_EQ(records.size(), rows.size());
    bool found = false;
    for (const auto& r : records) found = found || r.at(e.header[e.column]) == e.name;
    EXPECT_TRUE(found);
  }
}

// ---------------------------------------------------------------------------------------
// explain: causes largest |Shapley value| first

// By |value|: ascendancy (−0.3), kGroup (0.2), then small and tie (|0.01|, in group order), zero.
const std::vector<std::string> kBySize = {"ascendancy", kGroup, "small", "tie", "zero"};

TEST(Writers, ExplainListsCausesLargestFirstInEveryFormat) {
  const auto results = attributions();
  std::vector<std::string> csv_order;
  for (const auto& r : read_csv(write_attribution(results, "median", Format::Csv), {"series", "kind", "name", "value"}))
    if (r[1] == "shapley") csv_order.push_back(r[2]);
  EXPECT_EQ(csv_order, kBySize);

  // Keys in the order written.
  const auto j = nlohmann::ordered_json::parse(write_attribution(results, "median", Format::Json));
  std::vector<std::string> json_order;
  for (const auto& [group, value] : j.at("series").at(kSeries).at("shapley").items()) json_order.push_back(group);
  EXPECT_EQ(json_order, kBySize);

  const std::string text = write_attribution(results, "median", Format::Table);
  std::size_t last = 0;
  for (const auto& group : {std::string("ascendancy"), std::string("role, \"reversal\" x"), std::string("small"),
                            std::string("tie"), std::string("zero")}) {
    const std::size_t at = text.find("\n" + group + " ");
    ASSERT_NE(at, std::string::npos) << group << "\n" << text;
    EXPECT_GT(at, last) << group;
    last = at;
  }
}

TEST(Writers, StoredAttributionsExportLargestFirst) {
  const auto t = time_scenario();
  store::RunRecord record;
  record.inputs.kind = store::Kind::Explain;
  record.inputs.scenario_text = "name: writers\n";
  record.results = store::explain_results(t, run_of(t, 0), attributions());
  store::Store s(fresh_db("writers-order.db"));
  const std::int64_t id = s.save(record);
  std::vector<std::string> order;
  for (const auto& r : read_csv(store::export_table(s, store::Table::Attributions, id, output::Format::Csv),
                                {"run", "series", "from", "to", "kind", "name", "value"}))
    if (r[4] == "shapley") order.push_back(r[5]);
  EXPECT_EQ(order, kBySize);
}

// ---------------------------------------------------------------------------------------
// The project's CSV reader on what the writers produce

TEST(SplitCsv, KeepsLineBreaksInsideQuotedFieldsAndCountsLines) {
  const auto rows = text::split_csv("a,b\n\"x\ny\",\"say \"\"hi\"\"\"\r\nlast,\"\"\n", "t.csv");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"x\ny", "say \"hi\""}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[2].line, 4);  // the quoted line break counts
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"last", ""}));
}

TEST(SplitCsv, IgnoresBlanksAroundAQuotedField) {
  const auto rows = text::split_csv(" \"a, b\"  ,c\n", "t.csv");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a, b", "c"}));
}

}  // namespace
}  // namespace entente
