// What the subcommands share: exit codes, output, thread defaults, progress, and the
// options of commands that run a time-stepped scenario.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/simulation.h"

namespace entente::cli {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInput = 3;

// Binds a subcommand to the function that runs it (returns the exit code).
void on_run(CLI::App* command, std::function<int()> action);
// Runs the subcommand the user chose. Throws InputError or SpecError for main to map.
int run_selected(CLI::App& app);

// Writes to `output` atomically, or to standard output when it is empty or "-".
void emit(const std::string& content, const std::string& output);
int hardware_threads();
// "a,b,c" and "a b c" alike.
std::vector<std::string> split_commas(const std::vector<std::string>& items);

// --quiet: no progress and no stage notes anywhere (results and errors still print).
void set_quiet(bool quiet);
bool quiet();

// One line of progress on standard error — done / total, rate, time left — redrawn in place
// and ended with a newline when done == total. Only when standard error is a terminal and
// not --quiet, so it never reaches a result file or a pipe; and only once the work has run
// for half a second, so quick commands print nothing. A call with done == 0, another total
// or a smaller done starts a new line. Safe to call from several threads.
void show_progress(std::uint64_t done, std::uint64_t total);
// The same progress with what is counted named ("coalitions", "runs").
std::function<void(std::uint64_t, std::uint64_t)> progress_of(std::string what);
// A note on what a long command is doing, e.g. "entente report: sweeping 200 runs…", under
// the same conditions as the progress.
void stage_note(const std::string& command, const std::string& what);

// "1 thread", "2 threads".
std::string count_of(std::uint64_t n, const std::string& singular, const std::string& plural);

// The options of every command that runs a time-stepped scenario.
struct TimeOptions {
  std::string file;
  std::string model;
  std::string format = "table";
  std::string output;
  int from = 0, to = 0;
  std::uint64_t seed = 0;
  bool seed_given = false;
  int threads = 0;  // 0 = every core
  std::string db;   // results database to record the run in ("" = none)
  std::string posterior;  // a posterior file of `entente calibrate` ("" = the scenario's parameters)
};

// The scenario of o.file, under the posterior of --posterior when given: point runs take its
// medians, sampled runs a draw each (evidence::apply_posterior).
sim::TimeScenario load_time_scenario(const TimeOptions& o);
// The same for a scenario already read.
void apply_posterior_option(sim::TimeScenario& t, const std::string& posterior);

// The threads a command spreads independent runs over.
int threads_of(const TimeOptions& o);

// Adds file, --model, --format, --output, --seed and --threads (not --from/--to, whose
// meaning differs by command).
void add_time_options(CLI::App* command, TimeOptions& o, const std::string& file_help);

// Simulation options from the command line and the scenario; throws SpecError on a bad
// --to or model spec.
sim::SimOptions sim_options(const TimeOptions& o, const sim::TimeScenario& t);

// The first year shown: --from, else the scenario's start; throws SpecError when it is
// before the start or after `to`.
int first_year(const TimeOptions& o, const sim::TimeScenario& t, int to);

// The series every run of the scenario records, in reporting order (no year is simulated).
std::vector<std::string> series_names(const sim::TimeScenario& t, const sim::SimOptions& options);
// Throws SpecError for a name that is not among them, with the nearest one.
void check_series(const sim::TimeScenario& t, const sim::SimOptions& options, const std::vector<std::string>& names);

// The help of --series, pointing to `entente series`.
extern const char* const kSeriesHelp;

}  // namespace entente::cli
