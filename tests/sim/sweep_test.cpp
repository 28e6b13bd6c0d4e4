// Sweeps: the same files for any thread count, for a sweep split in two and merged, and for
// a sweep interrupted midway and resumed; uncertain inputs drawn from counter-based streams.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "io/files.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "sim/sample.h"
#include "sim/sweep.h"
#include "support.h"

namespace entente::sim {
namespace {

namespace fs = std::filesystem;

const std::string kScenario = std::string("name: sweep\ntime: {start: 2000, end: 2006, horizon: 2008}\n") + test::kOneIssueAlliance + R"(events:
  - {name: lead, date: 2003, tags: [role], source: t, set: [{leadership: {issue: strategy, share: 0.8}}]}
  - {name: outcry, date: 2004, tags: [incidents], source: t, set: [{public_shock: {member: C, size: -0.3}}]}
policies:
  - {name: no-lead, drop: {tags: [role]}}
uncertain:
  - {position: {holder: P, issue: strategy}, shift: {normal: [0, 10]}}
  - {capability: A, factor: {uniform: [0.5, 2]}}
  - {event: lead, shift_years: {uniform_int: [-1, 1]}}
  - {parameter: resentment, value: {triangular: [2, 4, 8]}}
)";

std::string folder(const std::string& name) {
  const fs::path dir = fs::path(test::temp_file("x", "")).parent_path() / name;
  fs::remove_all(dir);
  return dir.string();
}

SweepOptions options(const std::string& dir, int threads) {
  SweepOptions o;
  o.runs = 600;
  o.seed = 11;
  o.threads = threads;
  o.policies = {"no-lead"};
  o.to_year = 2008;
  o.dir = dir;
  o.scenario_text = kScenario;
  return o;
}

TimeScenario load() { return read_timeline(kScenario, test::temp_file("sweep.yaml", kScenario)); }

void expect_same_files(const std::string& a, const std::string& b) {
  for (const char* f : {"runs.csv", "summary.csv", "retreat.csv", "sweep.json", "checkpoint.bin"}) {
    ASSERT_EQ(fs::exists(a + "/" + f), fs::exists(b + "/" + f)) << f;
    if (fs::exists(a + "/" + f)) {
      EXPECT_EQ(read_file(a + "/" + f), read_file(b + "/" + f)) << f;
    }
  }
}

TEST(Sweep, IdenticalFilesOnOneAndTwoThreads) {
  const auto t = load();
  const std::string one = folder("one"), two = folder("two");
  sweep_timeline(t, options(one, 1));
  sweep_timeline(t, options(two, 2));
  expect_same_files(one, two);
  const std::string rows = read_file(one + "/runs.csv");
  EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 1 + 600 * 2);
  const std::string summary = read_file(one + "/summary.csv");
  EXPECT_NE(summary.find("no-lead,2008,strain,"), std::string::npos);
}

TEST(Sweep, SplitInTwoAndMergedGivesTheSameFiles) {
  const auto t = load();
  const std::string whole = folder("whole"), a = folder("a"), b = folder("b"), merged = folder("merged");
  sweep_timeline(t, options(whole, 2));
  SweepOptions first = options(a, 1), second = options(b, 2);
  first.runs = 250;
  second.first = 250;
  second.runs = 350;
  sweep_timeline(t, first);
  sweep_timeline(t, second);
  merge_sweeps({b, a}, merged);
  expect_same_files(whole, merged);
  SweepOptions gap = options(folder("gap"), 1);
  gap.first = 300;
  gap.runs = 300;
  sweep_timeline(t, gap);
  EXPECT_THROW(merge_sweeps({a, gap.dir}, folder("bad")), std::runtime_error);
}

TEST(Sweep, InterruptedAndResumedGivesTheSameFiles) {
  const auto t = load();
  const std::string whole = folder("uninterrupted"), cut = folder("cut");
  sweep_timeline(t, options(whole, 1));
  SweepOptions o = options(cut, 2);
  o.checkpoint_seconds = 0;  // save after every block
  o.progress = [](std::uint64_t done, std::uint64_t) {
    if (done >= 512) throw std::runtime_error("interrupted");  // after two blocks of 256
  };
  EXPECT_THROW(sweep_timeline(t, o), std::runtime_error);
  EXPECT_FALSE(fs::exists(cut + "/summary.csv"));
  // Rows written after the last checkpoint are dropped and computed again.
  std::ofstream(cut + "/runs.csv", std::ios::app) << "999,garbage from a killed writer\n";
  o.progress = nullptr;
  EXPECT_THROW(sweep_timeline(t, o), std::runtime_error) << "refuses to overwrite without --resume";
  o.resume = true;
  sweep_timeline(t, o);
  expect_same_files(whole, cut);
  // A different sweep cannot resume this one.
  SweepOptions other = options(cut, 1);
  other.resume = true;
  other.seed = 12;
  EXPECT_THROW(sweep_timeline(t, other), std::runtime_error);
}

TEST(Sweep, ForecastSweepOfAOneYearScenario) {
  const Scenario s = load_scenario(std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea-2003.yaml");
  ASSERT_FALSE(s.uncertain.empty());
  const std::string one = folder("f1"), two = folder("f2");
  SweepOptions o;
  o.runs = 300;
  o.model = "eu";
  o.dir = one;
  o.threads = 1;
  sweep_forecast(s, o);
  o.dir = two;
  o.threads = 2;
  sweep_forecast(s, o);
  expect_same_files(one, two);
  EXPECT_NE(read_file(one + "/summary.csv").find("forecast.strategy,"), std::string::npos);
}

TEST(Sampling, StreamsDependOnlyOnSeedAndRun) {
  RandomStream a(5, 17), b(5, 17), c(5, 18), d(6, 17);
  for (int i = 0; i < 10; ++i) {
    const double x = a.uniform();
    EXPECT_EQ(x, b.uniform());
    EXPECT_NE(x, c.uniform());
    EXPECT_NE(x, d.uniform());
    EXPECT_GT(x, 0);
    EXPECT_LE(x, 1);
  }
}

TEST(Sampling, DrawsStayWithinTheirDistributions) {
  const auto t = load();
  std::set<int> lead_years;
  for (std::uint64_t run = 0; run < 400; ++run) {
    RandomStream rng(1, run);
    const TimeScenario s = sample(t, rng);
    EXPECT_GE(s.params.resentment, 2);
    EXPECT_LE(s.params.resentment, 8);
    const double factor = s.capability[2][0] / t.capability[2][0];
    EXPECT_GE(factor, 0.5);
    EXPECT_LE(factor, 2);
    for (const auto& ev : s.events)
      if (ev.name == "lead") lead_years.insert(ev.year);
    EXPECT_GE(s.holder_stances[0].position, 0);
    EXPECT_LE(s.holder_stances[0].position, 100);
  }
  EXPECT_EQ(lead_years, (std::set<int>{2002, 2003, 2004}));
}

}  // namespace
}  // namespace entente::sim

namespace entente::sim {
namespace {

// The CLI killed with SIGKILL in the middle of a sweep, then resumed: the same files as a
// sweep that was never interrupted.
TEST(SweepCli, KilledMidwayAndResumedGivesTheSameFiles) {
  const std::string korea = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml";
  const std::string whole = folder("cli-whole"), cut = folder("cli-cut");
  const std::string args = " --runs 3000 --seed 5 --to 2015 --checkpoint-seconds 0 --threads 2 --output ";
  ASSERT_EQ(test::run_cli("sweep '" + korea + "'" + args + "'" + whole + "'").exit_code, 0);

  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::execl(ENTENTE_CLI, ENTENTE_CLI, "sweep", korea.c_str(), "--runs", "3000", "--seed", "5", "--to", "2015",
            "--checkpoint-seconds", "0", "--threads", "2", "--output", cut.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Kill it once it has saved a checkpoint and before it finishes.
  bool killed_midway = false;
  for (int i = 0; i < 20000; ++i) {
    if (fs::exists(cut + "/summary.csv")) break;
    if (fs::exists(cut + "/checkpoint.bin") && fs::file_size(cut + "/runs.csv") > 100000) {
      ::kill(child, SIGKILL);
      killed_midway = true;
      break;
    }
    ::usleep(1000);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(killed_midway) << "the sweep finished before it could be killed";
  if (killed_midway) {
    EXPECT_TRUE(WIFSIGNALED(status));
    EXPECT_FALSE(fs::exists(cut + "/summary.csv"));
  }
  const auto resumed = test::run_cli("sweep '" + korea + "'" + args + "'" + cut + "' --resume");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  expect_same_files(whole, cut);
}

}  // namespace
}  // namespace entente::sim
