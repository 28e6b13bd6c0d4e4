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
// A one-line progress bar on standard error, only when it is a terminal.
void show_progress(std::uint64_t done, std::uint64_t total);

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
};

// The threads a command spreads independent runs over.
int threads_of(const TimeOptions& o);

// Adds file, --model, --format, --output, --seed and --threads (not --from/--to, whose
// meaning differs by command).
void add_time_options(CLI::App* command, TimeOptions& o, const std::string& file_help);

// Simulation options from the command line and the scenario; throws SpecError on a bad
// --to or model spec.
sim::SimOptions sim_options(const TimeOptions& o, const sim::TimeScenario& t);

}  // namespace entente::cli
