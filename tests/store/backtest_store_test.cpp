// Backtests in the results database (`entente backtest … --db`): what `show` prints is what the
// backtest printed; `rerun` reproduces it bit for bit from the database alone, the case, data
// and posterior files deleted; `export` gives its tidy tables; a damaged row is the file's
// error; a database of schema version 2 is upgraded on the first backtest saved to it.
#include <gtest/gtest.h>

#include <filesystem>

#include "io/files.h"
#include "store/store.h"
#include "store_support.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

const std::string kTestCases = std::string(ENTENTE_SOURCE_DIR) + "/tests/data/cases";

std::string quoted(const std::string& path) { return "'" + path + "'"; }

// A folder of its own in the scratch space, empty.
fs::path fresh_folder(const std::string& name) {
  const fs::path dir = fs::path(test::temp_file(name + ".marker", "")).parent_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

int line_count(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

TEST(BacktestStore, ShowPrintsWhatTheBacktestPrintedAndRerunReproducesIt) {
  const std::string db = test::fresh_db("backtest.db");
  const std::string args = "backtest " + quoted(kTestCases) + " --runs 20 --draws 20 --chains 2 --leave-one-out --seed 3";
  const auto printed = test::run_cli("-q " + args + " -f csv");
  ASSERT_EQ(printed.exit_code, 0) << printed.output;
  const auto recorded = test::run_cli("-q " + args + " -f csv --db " + quoted(db));
  ASSERT_EQ(recorded.exit_code, 0) << recorded.output;

  const auto runs = test::run_cli("runs --db " + quoted(db));
  EXPECT_NE(runs.output.find("backtest"), std::string::npos) << runs.output;
  const auto shown = test::run_cli("show --db " + quoted(db) + " 1 -f csv");
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_EQ(shown.output, printed.output);

  const auto rerun = test::run_cli("rerun --db " + quoted(db) + " 1");
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_NE(rerun.output.find("reproduced bit for bit"), std::string::npos) << rerun.output;

  // Two cases, each in sample and held out: four case rows; two scores; three fits.
  const auto cases = test::run_cli("export --db " + quoted(db) + " 1");
  ASSERT_EQ(cases.exit_code, 0) << cases.output;
  EXPECT_EQ(cases.output.rfind("run,case,file,fit,coding,shuffle,broke,year,window_first,window_last,p_break", 0), 0u)
      << cases.output;
  EXPECT_EQ(line_count(cases.output), 1 + 4) << cases.output;
  const auto scores = test::run_cli("export --db " + quoted(db) + " 1 --table backtest_scores");
  EXPECT_EQ(line_count(scores.output), 1 + 2) << scores.output;
  const auto fits = test::run_cli("export --db " + quoted(db) + " --table backtest_fits");
  EXPECT_EQ(line_count(fits.output), 1 + 3) << fits.output;

  const auto report = test::run_cli("report --db " + quoted(db) + " 1 -o " + quoted(db + ".html"));
  EXPECT_EQ(report.exit_code, 2) << report.output;
  EXPECT_NE(report.output.find("is a backtest"), std::string::npos) << report.output;
  {  // a row another program changed: the file's damage, exit 3 naming it
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE backtest_forecasts SET fit = 'bogus' WHERE idx = 0");
  }
  const auto damaged = test::run_cli("show --db " + quoted(db) + " 1");
  EXPECT_EQ(damaged.exit_code, 3) << damaged.output;
  EXPECT_NE(damaged.output.find("'bogus' is not one of in_sample|held_out"), std::string::npos) << damaged.output;
}

// A real case reads three world data files two folders up; with them, the case and the
// posterior deleted after recording, the rerun still reproduces the backtest.
TEST(BacktestStore, RerunNeedsNothingButTheDatabase) {
  const fs::path root = fresh_folder("backtest-alone");
  fs::create_directories(root / "scenarios/cases");
  fs::create_directories(root / "data/world");
  const std::string source = ENTENTE_SOURCE_DIR;
  fs::copy_file(source + "/scenarios/cases/us-japan-2006.yaml", root / "scenarios/cases/us-japan-2006.yaml");
  for (const char* f : {"nmc60_all.csv", "democracy_all.csv", "us_troops_all.csv"})
    fs::copy_file(source + "/data/world/" + f, root / "data/world" / f);
  fs::copy_file(source + "/data/posterior.json", root / "posterior.json");
  const std::string db = test::fresh_db("backtest-alone.db");
  const auto recorded = test::run_cli("-q backtest " + quoted((root / "scenarios/cases").string()) + " --posterior " +
                                      quoted((root / "posterior.json").string()) + " --runs 10 -f json --db " +
                                      quoted(db));
  ASSERT_EQ(recorded.exit_code, 0) << recorded.output;
  {
    store::Store s(db, store::Access::ReadOnly);
    const auto r = s.load(1);
    EXPECT_EQ(r.inputs.case_files.size(), 1u);
    EXPECT_EQ(r.inputs.data_files.size(), 3u);
    ASSERT_TRUE(r.inputs.posterior_file);
    ASSERT_TRUE(r.results.backtest);
    EXPECT_TRUE(r.results.backtest->fits.empty()) << "a given posterior: no fit";
    EXPECT_EQ(r.results.backtest->forecasts.size(), 1u);
  }
  fs::remove_all(root);
  const auto rerun = test::run_cli("rerun --db " + quoted(db) + " 1");
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_NE(rerun.output.find("reproduced bit for bit"), std::string::npos) << rerun.output;
}

// Version 2 had no backtest kind, no case or posterior files and no backtest tables.
TEST(StoreUpgrade, VersionTwoTakesABacktestAfterUpgrading) {
  const std::string db = test::fresh_db("version2.db");
  {
    store::Store s(db);
    s.save(test::forecast_record(test::kEcEmissions, "median"));
  }
  {  // back to version 2's layout
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA foreign_keys = OFF");
    const auto narrowed = [&](const std::string& table, const std::string& wide, const std::string& narrow) {
      std::string sql = raw.execAndGet("SELECT sql FROM sqlite_master WHERE name = '" + table + "'").getString();
      ASSERT_NE(sql.find(wide), std::string::npos) << sql;
      sql.replace(sql.find(wide), wide.size(), narrow);
      sql.replace(sql.find(table), table.size(), table + "_v2");
      raw.exec(sql);
      raw.exec("INSERT INTO " + table + "_v2 SELECT * FROM " + table + "; DROP TABLE " + table + "; ALTER TABLE " +
               table + "_v2 RENAME TO " + table);
    };
    narrowed("runs", ", 'backtest')", ")");
    narrowed("files", ", 'case', 'posterior')", ")");
    raw.exec("DROP TABLE backtest_fits; DROP TABLE backtest_forecasts; DROP TABLE backtest_scores;"
             "UPDATE schema_version SET version = 2");
  }
  const auto recorded = test::run_cli("-q backtest " + quoted(kTestCases) +
                                      " --runs 10 --draws 20 --chains 2 -f csv --db " + quoted(db));
  ASSERT_EQ(recorded.exit_code, 0) << recorded.output;
  store::Store s(db, store::Access::ReadOnly);
  EXPECT_EQ(s.database().execAndGet("SELECT version FROM schema_version").getInt(), store::kSchemaVersion);
  EXPECT_EQ(s.database().execAndGet("PRAGMA integrity_check").getString(), "ok");
  ASSERT_EQ(s.runs().size(), 2u);
  EXPECT_EQ(s.runs()[0].kind, "forecast");
  EXPECT_EQ(s.runs()[1].kind, "backtest");
  EXPECT_EQ(s.load(2).inputs.case_files.size(), 2u);
}

}  // namespace
}  // namespace entente
