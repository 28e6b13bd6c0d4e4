#include "cli/common.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <thread>

#include "bargaining/model.h"
#include "cli/results_db.h"
#include "io/files.h"

namespace entente::cli {

namespace {
std::map<CLI::App*, std::function<int()>>& actions() {
  static std::map<CLI::App*, std::function<int()>> table;
  return table;
}
}  // namespace

void on_run(CLI::App* command, std::function<int()> action) { actions()[command] = std::move(action); }

int run_selected(CLI::App& app) {
  for (auto* sub : app.get_subcommands())
    if (auto it = actions().find(sub); it != actions().end()) return it->second();
  return kExitUsage;
}

void emit(const std::string& content, const std::string& output) {
  if (output.empty() || output == "-") {
    std::cout << content;
    std::cout.flush();
  } else {
    write_file_atomically(output, content);
  }
}

int hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

std::vector<std::string> split_commas(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& list : items)
    for (std::size_t start = 0; start <= list.size();) {
      const auto comma = std::min(list.find(',', start), list.size());
      if (comma > start) out.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  return out;
}

void show_progress(std::uint64_t done, std::uint64_t total) {
  if (!::isatty(2)) return;
  const int width = 40, filled = static_cast<int>(width * done / std::max<std::uint64_t>(total, 1));
  std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done << "/" << total
            << (done == total ? "\n" : "") << std::flush;
}

int threads_of(const TimeOptions& o) { return o.threads > 0 ? o.threads : hardware_threads(); }

void add_time_options(CLI::App* command, TimeOptions& o, const std::string& file_help) {
  command->add_option("file", o.file, file_help)->required();
  command->add_option("-m,--model", o.model, "Bargaining model run each year (default: the file's model, else median)");
  command->add_option("-f,--format", o.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  command->add_option("-o,--output", o.output, "Write here instead of standard output");
  command->add_option("--seed", o.seed, "Seed for stochastic models (default: the file's seed)")
      ->each([&o](const std::string&) { o.seed_given = true; });
  command->add_option("-j,--threads", o.threads, "Threads (default: every core); results do not depend on it")->check(CLI::Range(1, 1024));
  add_db_option(command, o.db);
}

sim::SimOptions sim_options(const TimeOptions& o, const sim::TimeScenario& t) {
  sim::SimOptions options;
  options.model = choose_model(o.model, t.scenario.model, ScenarioKind::TimeStepped);
  options.seed = o.seed_given ? o.seed : t.scenario.seed;
  options.threads = 1;  // the yearly bargaining is small; commands spread whole runs instead
  options.to_year = o.to > 0 ? o.to : t.end_year;
  if (options.to_year < t.start_year)
    throw SpecError(fmt::format("--to {} is before the scenario starts ({})", options.to_year, t.start_year));
  if (options.to_year > t.horizon_year)
    throw SpecError(fmt::format("--to {} is past the scenario's horizon ({}; set time.horizon to project further)",
                                options.to_year, t.horizon_year));
  load_model(options.model);  // a bad spec is a usage error before any work
  return options;
}

}  // namespace entente::cli
