// Sweeps: the same files for any thread count, for a sweep split in two and merged, and for
// a sweep interrupted midway and resumed; the result value is what the files hold; runs.csv
// carries the drawn inputs; user mistakes are SpecError or InputError; uncertain inputs drawn
// from counter-based streams.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/error.h"
#include "io/files.h"
#include "io/scenario_io.h"
#include "io/text.h"
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
  EXPECT_THROW(merge_sweeps({a, gap.dir}, folder("bad")), InputError);
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
  EXPECT_THROW(sweep_timeline(t, o), SpecError) << "refuses to overwrite without --resume";
  o.resume = true;
  sweep_timeline(t, o);
  expect_same_files(whole, cut);
  // A different sweep cannot resume this one.
  SweepOptions other = options(cut, 1);
  other.resume = true;
  other.seed = 12;
  EXPECT_THROW(sweep_timeline(t, other), SpecError);
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

std::vector<text::Row> csv(const std::string& file) { return text::split_csv(read_file(file), file); }

double number(const std::string& field) {
  double x = 0;
  EXPECT_TRUE(text::parse_number(field, x)) << field;
  return x;
}

// The result is what summary.csv and retreat.csv hold (parsed back, doubles with ==), a
// sweep without a folder returns the same result, and a merge returns the whole's result.
TEST(Sweep, ResultIsWhatItsFilesHold) {
  const auto t = load();
  const std::string dir = folder("result");
  SweepOptions o = options(dir, 2);
  o.runs = 300;
  const SweepResult r = sweep_timeline(t, o);
  EXPECT_EQ(r.seed, 11u);
  EXPECT_EQ(r.runs, 300u);
  EXPECT_EQ(r.to_year, 2008);
  EXPECT_EQ(r.policies, std::vector<std::string>{"no-lead"});
  ASSERT_EQ(r.cells.size(), 2u * 9 * 3);  // policies × years 2000–2008 × series
  const auto summary = csv(dir + "/summary.csv");
  ASSERT_EQ(summary.size(), r.cells.size() + 1);
  EXPECT_EQ(summary[0].fields, (std::vector<std::string>{"policy", "year", "series", "mean", "q05", "q50", "q95"}));
  for (std::size_t i = 0; i < r.cells.size(); ++i) {
    const auto& f = summary[i + 1].fields;
    const SweepCell& c = r.cells[i];
    EXPECT_EQ(f[0], c.policy);
    EXPECT_EQ(number(f[1]), c.year);
    EXPECT_EQ(f[2], c.series);
    EXPECT_EQ(number(f[3]), c.mean) << i;
    EXPECT_EQ(number(f[4]), c.q05) << i;
    EXPECT_EQ(number(f[5]), c.q50) << i;
    EXPECT_EQ(number(f[6]), c.q95) << i;
    EXPECT_LE(c.q05, c.q50);
    EXPECT_LE(c.q50, c.q95);
  }
  const auto retreat = csv(dir + "/retreat.csv");
  ASSERT_EQ(retreat.size(), 3u);
  for (std::size_t p = 0; p < 2; ++p) {
    EXPECT_EQ(retreat[p + 1].fields[0], r.retreats[p].policy);
    EXPECT_EQ(number(retreat[p + 1].fields[2]), r.retreats[p].retreats);
    EXPECT_EQ(number(retreat[p + 1].fields[3]), r.retreats[p].probability);
    EXPECT_EQ(r.retreats[p].probability, static_cast<double>(r.retreats[p].retreats) / 300);
  }
  const auto meta = read_file(dir + "/sweep.json");
  for (const char* part : {"\"seed\": 11", "\"runs\": 300", "\"first_run\": 0", "\"to_year\": 2008", "\"no-lead\""})
    EXPECT_NE(meta.find(part), std::string::npos) << part;

  SweepOptions memory = o;
  memory.dir = "";
  const SweepResult in_memory = sweep_timeline(t, memory);
  ASSERT_EQ(in_memory.cells.size(), r.cells.size());
  for (std::size_t i = 0; i < r.cells.size(); ++i) {
    EXPECT_EQ(in_memory.cells[i].mean, r.cells[i].mean);
    EXPECT_EQ(in_memory.cells[i].q50, r.cells[i].q50);
  }

  SweepOptions a = options(folder("ra"), 1), b = options(folder("rb"), 1);
  a.runs = 100;
  b.first = 100;
  b.runs = 200;
  sweep_timeline(t, a);
  sweep_timeline(t, b);
  const SweepResult merged = merge_sweeps({a.dir, b.dir}, folder("rmerged"));
  EXPECT_EQ(merged.first, 0u);
  EXPECT_EQ(merged.runs, 300u);
  ASSERT_EQ(merged.cells.size(), r.cells.size());
  for (std::size_t i = 0; i < r.cells.size(); ++i) {
    EXPECT_EQ(merged.cells[i].mean, r.cells[i].mean) << i;
    EXPECT_EQ(merged.cells[i].q05, r.cells[i].q05) << i;
    EXPECT_EQ(merged.cells[i].q95, r.cells[i].q95) << i;
  }
  EXPECT_EQ(merged.retreats[1].retreats, r.retreats[1].retreats);
}

// One column per uncertain input, holding the value drawn for that run: the sampled
// scenario shows the same value where the input lands, and every policy's row of a run
// repeats its draws (common random numbers).
TEST(Sweep, RunsCsvCarriesEveryDrawnInput) {
  const auto t = load();
  const std::string dir = folder("inputs");
  SweepOptions o = options(dir, 2);
  o.runs = 120;
  sweep_timeline(t, o);
  const auto rows = csv(dir + "/runs.csv");
  const std::vector<std::string> inputs{"input.position.P.strategy", "input.capability.A", "input.event_year.lead",
                                        "input.parameter.resentment"};
  const auto& header = rows.front().fields;
  ASSERT_EQ(header.size(), 7 + inputs.size());
  EXPECT_EQ(std::vector<std::string>(header.begin() + 7, header.end()), inputs);
  ASSERT_EQ(rows.size(), 1 + 2 * o.runs);
  std::set<double> shifts;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i].fields;
    ASSERT_EQ(f.size(), header.size()) << i;
    const auto run = static_cast<std::uint64_t>(number(f[0]));
    EXPECT_EQ(run, (i - 1) / 2);
    EXPECT_EQ(f[1], i % 2 ? "baseline" : "no-lead");
    if (i % 2 == 0) {
      EXPECT_EQ(std::vector<std::string>(f.begin() + 7, f.end()),
                std::vector<std::string>(rows[i - 1].fields.begin() + 7, rows[i - 1].fields.end()));
    }
    RandomStream rng(o.seed, run);
    const TimeScenario s = sample(t, rng);
    const double factor = number(f[8]), shift = number(f[9]), resentment = number(f[10]);
    EXPECT_GE(factor, 0.5);
    EXPECT_LE(factor, 2);
    EXPECT_EQ(s.capability[2][0], t.capability[2][0] * factor) << "run " << run;
    EXPECT_EQ(s.params.resentment, resentment) << "run " << run;  // in range, so not clamped
    shifts.insert(shift);
    for (const auto& ev : s.events) {
      if (ev.name == "lead") {
        EXPECT_EQ(ev.year, 2003 + static_cast<int>(shift)) << "run " << run;
      }
    }
  }
  EXPECT_EQ(shifts, (std::set<double>{-1, 0, 1}));
  EXPECT_EQ(drawn_input_names(t.scenario), inputs);
}

// Under a posterior each run's draw is an input too: which draw, and the values it gave.
TEST(Sweep, RunsCsvCarriesThePosteriorDraw) {
  auto t = load();
  t.posterior = ParameterDraws{{"resentment", "rally"}, {{3.5, 0.25}, {6.0, 0.75}, {2.5, 0.5}}};
  const std::string dir = folder("posterior-inputs");
  SweepOptions o = options(dir, 2);
  o.runs = 60;
  o.policies = {};
  sweep_timeline(t, o);
  const auto rows = csv(dir + "/runs.csv");
  const auto& header = rows.front().fields;
  const std::vector<std::string> tail{"posterior.draw", "posterior.resentment", "posterior.rally"};
  ASSERT_EQ(header.size(), 7 + 4 + tail.size());
  EXPECT_EQ(std::vector<std::string>(header.end() - 3, header.end()), tail);
  std::set<double> draws;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i].fields;
    ASSERT_EQ(f.size(), header.size()) << i;
    const auto d = static_cast<std::size_t>(number(f[f.size() - 3]));
    ASSERT_LT(d, t.posterior->draws.size());
    draws.insert(static_cast<double>(d));
    EXPECT_EQ(number(f[f.size() - 2]), t.posterior->draws[d][0]) << i;
    EXPECT_EQ(number(f[f.size() - 1]), t.posterior->draws[d][1]) << i;
    RandomStream rng(o.seed, static_cast<std::uint64_t>(number(f[0])));
    EXPECT_EQ(sample(t, rng).params.resentment, t.posterior->draws[d][0]) << i;  // what the run used
  }
  EXPECT_EQ(draws.size(), 3u);  // 60 runs meet every one of 3 draws
}

TEST(Sweep, RepeatedTargetsGetNumberedColumns) {
  Scenario s;
  UncertainInput u;
  u.target = UncertainInput::Target::Capability;
  u.actor = "A";
  s.uncertain = {u, u, u};
  EXPECT_EQ(drawn_input_names(s),
            (std::vector<std::string>{"input.capability.A", "input.capability.A#2", "input.capability.A#3"}));
}

// What a user gets wrong is a SpecError (usage, exit 2) or an InputError (a file, exit 3),
// and no message doubles a slash when the folder is given with a trailing one.
TEST(Sweep, UserMistakesAreSpecOrInputErrors) {
  const auto t = load();
  const std::string dir = folder("mistakes") + "/";
  SweepOptions o = options(dir, 1);
  o.runs = 20;
  sweep_timeline(t, o);
  auto message = [&](auto&& call) -> std::string {
    try {
      call();
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_THROW(sweep_timeline(t, o), SpecError);  // already holds a sweep
  SweepOptions other = o;
  other.resume = true;
  other.runs = 30;
  EXPECT_THROW(sweep_timeline(t, other), SpecError);  // a different sweep
  EXPECT_THROW(merge_sweeps({dir}, dir), SpecError);   // into a folder that holds a sweep

  const std::string cut = folder("incomplete");
  SweepOptions partial = options(cut, 1);
  partial.first = 20;
  partial.checkpoint_seconds = 0;
  partial.progress = [](std::uint64_t done, std::uint64_t) {
    if (done >= 256) throw std::runtime_error("interrupted");
  };
  EXPECT_THROW(sweep_timeline(t, partial), std::runtime_error);
  EXPECT_THROW(merge_sweeps({dir, cut}, folder("m1")), InputError);  // not complete

  SweepOptions gap = options(folder("gap2"), 1);
  gap.first = 25;
  gap.runs = 10;
  sweep_timeline(t, gap);
  const std::string join = message([&] { merge_sweeps({dir, gap.dir}, folder("m2")); });
  EXPECT_NE(join.find("do not join"), std::string::npos) << join;
  EXPECT_THROW(merge_sweeps({dir, gap.dir}, folder("m3")), InputError);

  std::ofstream(dir + "checkpoint.bin", std::ios::binary | std::ios::trunc) << "ENTSWP03 and then garbage";
  other.runs = 20;
  const std::string damaged = message([&] { sweep_timeline(t, other); });
  EXPECT_THROW(sweep_timeline(t, other), InputError);
  EXPECT_NE(damaged.find("checkpoint"), std::string::npos) << damaged;
  EXPECT_THROW(merge_sweeps({folder("nothing-here")}, folder("m4")), InputError);
  for (const auto& m : {join, damaged}) EXPECT_EQ(m.find("//"), std::string::npos) << m;
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

// A sweep draws every run into one reused copy: each draw must equal a fresh one, whatever the
// draws before it left in the copy.
TEST(Sampling, DrawingIntoAReusedCopyGivesAFreshDraw) {
  const Scenario s = load_scenario(std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea-2003.yaml");
  ASSERT_FALSE(s.uncertain.empty());
  Scenario reused = s;
  for (std::uint64_t run = 0; run < 50; ++run) {
    RandomStream fresh_rng(7, run), reused_rng(7, run);
    std::vector<double> fresh_drawn, reused_drawn;
    const Scenario fresh = sample(s, fresh_rng, &fresh_drawn);
    sample_into(s, reused_rng, reused, &reused_drawn);
    EXPECT_EQ(reused_drawn, fresh_drawn) << "run " << run;
    ASSERT_EQ(reused.stances.size(), fresh.stances.size());
    for (std::size_t q = 0; q < fresh.stances.size(); ++q) {
      EXPECT_EQ(reused.stances[q].position, fresh.stances[q].position) << "run " << run << " stance " << q;
      EXPECT_EQ(reused.stances[q].salience, fresh.stances[q].salience) << "run " << run << " stance " << q;
    }
    for (std::size_t a = 0; a < fresh.actors.size(); ++a)
      EXPECT_EQ(reused.actors[a].capability, fresh.actors[a].capability) << "run " << run << " actor " << a;
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

// Without --seed a sweep uses the scenario's `seed:` (korea.yaml says 1), as run, claims
// and report do.
TEST(SweepCli, UsesTheScenariosSeedUnlessOneIsGiven) {
  const std::string korea = "'" + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml'";
  const std::string unseeded = folder("cli-seed-default"), one = folder("cli-seed-1"), zero = folder("cli-seed-0");
  for (const auto& [dir, seed] : {std::pair{unseeded, ""}, std::pair{one, " --seed 1"}, std::pair{zero, " --seed 0"}}) {
    const auto r = test::run_cli("sweep " + korea + " --runs 30 --to 2012 -j 2" + seed + " -o '" + dir + "'");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output.find("//"), std::string::npos) << r.output;
  }
  EXPECT_NE(read_file(unseeded + "/sweep.json").find("\"seed\": 1,"), std::string::npos);
  EXPECT_EQ(read_file(unseeded + "/summary.csv"), read_file(one + "/summary.csv"));
  EXPECT_EQ(read_file(unseeded + "/runs.csv"), read_file(one + "/runs.csv"));
  EXPECT_NE(read_file(unseeded + "/runs.csv"), read_file(zero + "/runs.csv"));
}

// Usage mistakes exit 2, a damaged folder exits 3.
TEST(SweepCli, MistakesExitTwoOrThree) {
  const std::string korea = "'" + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml'";
  const std::string dir = folder("cli-mistakes");
  ASSERT_EQ(test::run_cli("sweep " + korea + " --runs 5 --to 1960 -o '" + dir + "'").exit_code, 0);
  EXPECT_EQ(test::run_cli("sweep " + korea + " --runs 5 --to 1960 -o '" + dir + "'").exit_code, 2);
  EXPECT_EQ(test::run_cli("sweep " + korea + " --runs 6 --to 1960 --resume -o '" + dir + "'").exit_code, 2);
  std::ofstream(dir + "/checkpoint.bin", std::ios::trunc) << "not a checkpoint";
  const auto damaged = test::run_cli("sweep " + korea + " --runs 5 --to 1960 --resume -o '" + dir + "'");
  EXPECT_EQ(damaged.exit_code, 3) << damaged.output;
  EXPECT_EQ(test::run_cli("sweep-merge '" + dir + "' '" + folder("cli-nothing") + "' -o '" + folder("cli-m") + "'").exit_code, 3);
}

}  // namespace
}  // namespace entente::sim
