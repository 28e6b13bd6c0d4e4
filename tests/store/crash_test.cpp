// The results database under crashes and contention: a writer killed with SIGKILL at random
// moments, hundreds of times, leaves a consistent database in which every run is complete and
// every acknowledged run is present; two processes writing at once both succeed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <thread>

#include "store/store.h"
#include "store_support.h"

namespace entente {
namespace {

std::string single(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, sql);
  return q.executeStep() ? q.getColumn(0).getString() : "";
}

std::int64_t count(SQLite::Database& db, const std::string& table, std::int64_t run) {
  SQLite::Statement q(db, "SELECT COUNT(*) FROM " + table + " WHERE run_id = ?");
  q.bind(1, run);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

// A forked child runs `body` and leaves with _exit, so no test-framework state is torn down
// twice. Exit status 0 when it returned, 1 when it threw.
template <typename Body>
pid_t spawn(Body body) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  int status = 0;
  try {
    body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "child %d: %s\n", ::getpid(), e.what());
    status = 1;
  }
  ::_exit(status);
}

// The rows each table must hold for a complete run of each record.
void expect_complete(SQLite::Database& db, std::int64_t id, const store::RunRecord& r) {
  const auto& res = r.results;
  EXPECT_EQ(count(db, "actors", id), static_cast<std::int64_t>(res.actors.size())) << "run " << id;
  EXPECT_EQ(count(db, "issues", id), static_cast<std::int64_t>(res.issues.size())) << "run " << id;
  EXPECT_EQ(count(db, "files", id), static_cast<std::int64_t>(1 + r.inputs.data_files.size())) << "run " << id;
  if (res.forecast) {
    const auto cells = res.forecast->history.size() * res.actors.size() * res.issues.size();
    EXPECT_EQ(count(db, "positions", id), static_cast<std::int64_t>(cells)) << "run " << id;
    EXPECT_EQ(count(db, "outcomes", id), static_cast<std::int64_t>(res.issues.size())) << "run " << id;
  }
  if (res.run) {
    EXPECT_EQ(count(db, "series", id), static_cast<std::int64_t>(res.run->series.size() * res.run->years.size()))
        << "run " << id;
  }
}

TEST(StoreCrash, SigkillLoopLeavesEveryRecordedRunComplete) {
  const std::string db = test::fresh_db("killed.db");
  // Small and larger writes alternate, so kills land in short and long transactions alike.
  const store::RunRecord small = test::forecast_record(test::kEcEmissions, "median");
  const store::RunRecord large = test::time_run_record(test::kKorea);
  int acks[2];
  ASSERT_EQ(::pipe(acks), 0);
  ::fcntl(acks[0], F_SETFL, O_NONBLOCK);
  std::set<std::int64_t> acknowledged;
  const auto drain = [&] {
    std::int64_t id;
    while (::read(acks[0], &id, sizeof id) == static_cast<ssize_t>(sizeof id)) acknowledged.insert(id);
  };

  { store::Store created(db); }  // opening an existing database is part of what gets killed; creating it once is not
  std::mt19937 rng(20240501);
  std::uniform_int_distribution<int> delay_us(0, 50000);
  const auto started = std::chrono::steady_clock::now();
  constexpr int kKills = 220;
  for (int kill = 0; kill < kKills; ++kill) {
    const pid_t child = spawn([&] {
      for (int i = 0;; ++i) {
        store::Store s(db);  // reopened now and then, so kills also land in opening and recovery
        for (int j = 0; j < 8; ++j) {
          const std::int64_t id = s.save((i + j) % 2 ? large : small);
          if (::write(acks[1], &id, sizeof id) != static_cast<ssize_t>(sizeof id)) ::_exit(2);
        }
      }
    });
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the writer ended by itself: " << status;
    drain();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ::close(acks[0]);
  ::close(acks[1]);

  store::Store s(db);
  EXPECT_EQ(single(s.database(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(single(s.database(), "PRAGMA foreign_key_check"), "");
  const auto runs = s.runs();
  std::set<std::int64_t> present;
  for (const auto& r : runs) {
    present.insert(r.id);
    const store::RunRecord& expected = r.kind == "forecast" ? small : large;
    expect_complete(s.database(), r.id, expected);
    EXPECT_EQ(store::first_difference(s.load(r.id).results, expected.results), "") << "run " << r.id;
  }
  for (std::int64_t id : acknowledged) EXPECT_TRUE(present.count(id)) << "acknowledged run " << id << " was lost";
  EXPECT_GT(runs.size(), 0u);
  std::cout << kKills << " SIGKILLs in " << seconds << " s; " << runs.size() << " complete runs recorded, "
            << acknowledged.size() << " acknowledged before a kill\n";
}

// Two processes open a database that does not exist yet and write to it at the same time.
TEST(StoreCrash, TwoWritersAtOnceBothSucceed) {
  const std::string db = test::fresh_db("shared.db");
  const store::RunRecord small = test::forecast_record(test::kEcEmissions, "median");
  const store::RunRecord large = test::time_run_record(test::kKorea);
  int go[2];
  ASSERT_EQ(::pipe(go), 0);
  constexpr int kEach = 25;
  std::vector<pid_t> writers;
  for (const store::RunRecord* record : {&small, &large})
    writers.push_back(spawn([&, record] {
      char start;
      if (::read(go[0], &start, 1) != 1) throw std::runtime_error("no start signal");
      for (int i = 0; i < kEach; ++i) store::Store(db).save(*record);
    }));
  ASSERT_EQ(::write(go[1], "gg", 2), 2);  // both start together
  for (pid_t w : writers) {
    int status = 0;
    ::waitpid(w, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a writer failed: " << status;
  }
  ::close(go[0]);
  ::close(go[1]);
  store::Store s(db);
  EXPECT_EQ(single(s.database(), "PRAGMA integrity_check"), "ok");
  const auto runs = s.runs();
  EXPECT_EQ(runs.size(), 2u * kEach);
  for (const auto& r : runs) expect_complete(s.database(), r.id, r.kind == "forecast" ? small : large);
}

// Two CLI processes recording into one database at once.
TEST(StoreCrash, TwoCliWritersAtOnceBothSucceed) {
  const std::string db = test::fresh_db("cli-shared.db");
  const std::string one = std::string(ENTENTE_CLI) + " forecast '" + test::kEcEmissions + "' -m median --db '" + db +
                          "' >/dev/null 2>&1";
  const std::string two = std::string(ENTENTE_CLI) + " run '" + test::kKorea + "' --db '" + db + "' >/dev/null 2>&1";
  std::vector<pid_t> writers;
  for (const std::string& command : {one, two})
    writers.push_back(spawn([&] {
      for (int i = 0; i < 10; ++i)
        if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
    }));
  for (pid_t w : writers) {
    int status = 0;
    ::waitpid(w, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  store::Store s(db);
  EXPECT_EQ(s.runs().size(), 20u);
}

}  // namespace
}  // namespace entente
