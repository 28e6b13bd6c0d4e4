// The results database: round trips (write, read, rerun bit for bit), version refusal,
// exports read back, the size of an 80-actor forecast, and the --db option end to end.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/files.h"
#include "io/text.h"
#include "store/export.h"
#include "store/rerun.h"
#include "store/store.h"
#include "store_support.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

double number(const std::string& field) { return field.empty() ? std::nan("") : std::strtod(field.c_str(), nullptr); }

void expect_round_trip(const store::RunRecord& original, const std::string& db) {
  store::Store s(db);
  const std::int64_t id = s.save(original);
  const store::RunRecord loaded = s.load(id);
  EXPECT_EQ(store::first_difference(original.results, loaded.results), "");
  EXPECT_EQ(loaded.inputs.scenario_text, original.inputs.scenario_text);
  EXPECT_EQ(loaded.inputs.model_spec, original.inputs.model_spec);
  EXPECT_EQ(loaded.inputs.seed, original.inputs.seed);
  EXPECT_EQ(loaded.inputs.data_files.size(), original.inputs.data_files.size());
  EXPECT_EQ(loaded.entente_version, ENTENTE_VERSION);
  EXPECT_EQ(loaded.created_utc.size(), 20u) << loaded.created_utc;  // 2024-05-01T12:00:00Z
  const auto again = store::rerun(loaded, 2);
  EXPECT_TRUE(again.identical()) << again.difference;
}

TEST(Store, SmpForecastRoundTripsAndRerunsBitForBit) {
  const auto record = test::forecast_record(test::kKtab + "SOE-Pol-Comp.csv", "smp");
  ASSERT_GT(record.results.forecast->turns(), 0u);
  expect_round_trip(record, test::fresh_db("smp.db"));
}

TEST(Store, TimeRunRoundTripsAndRerunsBitForBit) {
  const auto record = test::time_run_record(test::kKorea);
  EXPECT_EQ(record.inputs.data_files.size(), 3u);  // cinc, polyarchy, troops
  expect_round_trip(record, test::fresh_db("korea.db"));
}

// The stored data files make a rerun independent of the original folder.
TEST(Store, RerunNeedsNeitherTheScenarioNorItsDataFiles) {
  const fs::path copy = fs::path(test::temp_file("placeholder", "")).parent_path() / "moved";
  fs::create_directories(copy / "scenarios");
  fs::copy(fs::path(ENTENTE_SOURCE_DIR) / "data", copy / "data", fs::copy_options::recursive);
  fs::copy_file(test::kKorea, copy / "scenarios" / "korea.yaml", fs::copy_options::overwrite_existing);
  const auto record = test::time_run_record((copy / "scenarios" / "korea.yaml").string());
  fs::remove_all(copy);
  store::Store s(test::fresh_db("moved.db"));
  const auto again = store::rerun(s.load(s.save(record)), 1);
  EXPECT_TRUE(again.identical()) << again.difference;
}

TEST(Store, ARerunThatDiffersSaysWhere) {
  auto record = test::forecast_record(test::kEcEmissions, "median");
  record.results.forecast->outcome[0] += 1e-12;
  const auto again = store::rerun(record, 1);
  EXPECT_FALSE(again.identical());
  EXPECT_NE(again.difference.find("outcome"), std::string::npos) << again.difference;
}

TEST(Store, RefusesANewerSchemaNamingTheFile) {
  const std::string db = test::fresh_db("newer.db");
  { store::Store s(db); s.save(test::forecast_record(test::kEcEmissions, "median")); }
  {
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE schema_version SET version = " + std::to_string(store::kSchemaVersion + 1));
  }
  try {
    store::Store s(db);
    FAIL() << "a newer schema was opened";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(db), std::string::npos) << what;
    EXPECT_NE(what.find("newer Entente"), std::string::npos) << what;
  }
  const auto r = test::run_cli("runs --db '" + db + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("schema version " + std::to_string(store::kSchemaVersion + 1)), std::string::npos)
      << r.output;
}

TEST(Store, RefusesFilesThatAreNotItsDatabases) {
  EXPECT_THROW(store::Store(test::temp_file("text.db", "not a database, just text\n")), InputError);
  const std::string other = test::fresh_db("other.db");
  { SQLite::Database raw(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE); raw.exec("CREATE TABLE t (x)"); }
  EXPECT_THROW(store::Store{other}, InputError);
}

TEST(Store, UnknownRunIsAnInputError) {
  store::Store s(test::fresh_db("empty.db"));
  EXPECT_THROW(s.load(42), InputError);
}

// The CSV and JSON exports hold exactly the stored doubles.
TEST(Store, ExportsReadBackToTheStoredValues) {
  store::Store s(test::fresh_db("export.db"));
  const auto forecast = test::forecast_record(test::kKtab + "SOE-Pol-Comp.csv", "smp");
  const auto korea = test::time_run_record(test::kKorea);
  const std::int64_t f = s.save(forecast), k = s.save(korea);

  const auto positions = text::split_csv(export_table(s, store::Table::Positions, f, store::ExportFormat::Csv), "p");
  ASSERT_EQ(positions.front().fields, (std::vector<std::string>{"run", "turn", "actor", "issue", "position"}));
  const Forecast& fc = *forecast.results.forecast;
  const std::size_t actors = forecast.results.actors.size(), issues = forecast.results.issues.size();
  ASSERT_EQ(positions.size() - 1, fc.history.size() * actors * issues);
  for (std::size_t i = 1; i < positions.size(); ++i) {
    const std::size_t row = i - 1, turn = row / (actors * issues), at = row % (actors * issues);
    ASSERT_EQ(positions[i].fields[2], forecast.results.actors[at / issues].name);
    ASSERT_EQ(positions[i].fields[3], forecast.results.issues[at % issues].name);
    ASSERT_EQ(number(positions[i].fields[4]), fc.history[turn][at]) << "row " << i;
  }

  const auto series = text::split_csv(export_table(s, store::Table::Series, k, store::ExportFormat::Csv), "s");
  const sim::Run& run = *korea.results.run;
  ASSERT_EQ(series.size() - 1, run.series.size() * run.years.size());
  for (std::size_t i = 1; i < series.size(); ++i) {
    const auto& f4 = series[i].fields;
    const double stored = run.value(f4[2], std::stoi(f4[1]));
    if (std::isnan(stored))
      EXPECT_TRUE(f4[3].empty());
    else
      ASSERT_EQ(number(f4[3]), stored) << f4[2] << " " << f4[1];
  }

  const auto records = nlohmann::json::parse(export_table(s, store::Table::Series, k, store::ExportFormat::Json));
  ASSERT_EQ(records.size(), series.size() - 1);
  for (const auto& r : records)
    if (!r["value"].is_null()) {
      ASSERT_EQ(r["value"].get<double>(), run.value(r["series"].get<std::string>(), r["year"].get<int>())) << r.dump();
    }

  // Every run when none is named.
  const auto all = text::split_csv(export_table(s, store::Table::Positions, std::nullopt, store::ExportFormat::Csv), "a");
  EXPECT_EQ(all.size(), positions.size());
}

// Measured here: KTAB writes about 1 GB of per-pair tables for the same run.
TEST(Store, EightyActorSmpForecastStaysUnderFiveMegabytes) {
  const std::string db = test::fresh_db("a080.db");
  const auto record = test::forecast_record(test::kKtab + "dummyData-a080.csv", "smp");
  ASSERT_EQ(record.results.actors.size(), 80u);
  { store::Store s(db); s.save(record); }
  std::uintmax_t bytes = fs::file_size(db);
  for (const char* side : {"-wal", "-shm"})
    if (fs::exists(db + side)) bytes += fs::file_size(db + side);
  std::cout << "80-actor SMP forecast (" << record.results.forecast->turns() << " turns): " << bytes << " bytes\n";
  EXPECT_LT(bytes, 5u * 1024 * 1024);
}

// --db on each command, then runs, show, rerun and export through the CLI.
TEST(StoreCli, EveryCommandRecordsAndReruns) {
  const std::string db = test::fresh_db("cli.db");
  const std::string at = " --db '" + db + "'", korea = " '" + test::kKorea + "'";
  const std::string folder = fs::path(db).parent_path() / "cli-sweep";
  fs::remove_all(folder);
  for (const std::string& command :
       {"forecast '" + test::kKtab + "SOE-Pol-Comp.csv' -m smp -m median", "run" + korea + " --to 2012",
        "explain" + korea + " --from 1992 --to 2003", "compare" + korea + " --policies no-role-reversal --to 2015",
        "claims" + korea + " --runs 2", "sweep" + korea + " --runs 20 --policies no-role-reversal -o '" + folder + "'"}) {
    const auto r = test::run_cli(command + at);
    ASSERT_EQ(r.exit_code, 0) << command << "\n" << r.output;
    EXPECT_NE(r.output.find("recorded as run"), std::string::npos) << command;
  }
  const auto list = test::run_cli("runs" + at);
  ASSERT_EQ(list.exit_code, 0) << list.output;
  for (const char* kind : {"forecast", "run", "explain", "compare", "claims", "sweep"})
    EXPECT_NE(list.output.find(kind), std::string::npos) << kind;
  for (int id = 1; id <= 7; ++id) {
    const auto r = test::run_cli("rerun" + at + " " + std::to_string(id));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("reproduced bit for bit"), std::string::npos) << r.output;
    EXPECT_EQ(test::run_cli("show" + at + " " + std::to_string(id) + " --format json").exit_code, 0) << id;
  }
  const auto show = test::run_cli("show" + at + " 3");
  EXPECT_NE(show.output.find("model median"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("--to 2012"), std::string::npos) << show.output;  // the command line
  const std::string out = fs::path(db).parent_path() / "claims.csv";
  ASSERT_EQ(test::run_cli("export" + at + " 6 --output '" + out + "'").exit_code, 0);
  EXPECT_EQ(read_file(out).rfind("run,claim,holds_baseline,share_of_runs,runs,held,text\n", 0), 0u);
  EXPECT_EQ(test::run_cli("export" + at + " 99").exit_code, 3);
  EXPECT_EQ(test::run_cli("export" + at + " --table nosuch").exit_code, 2);
}

TEST(StoreCli, WithoutDbNothingIsRecorded) {
  const auto r = test::run_cli("forecast '" + test::kEcEmissions + "' -m median");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output.find("recorded"), std::string::npos);
}

}  // namespace
}  // namespace entente
