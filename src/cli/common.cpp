#include "cli/common.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "bargaining/model.h"
#include "cli/results_db.h"
#include "core/spelling.h"
#include "evidence/calibration.h"
#include "io/timeline_io.h"
#include "io/files.h"

namespace entente::cli {

namespace {
std::map<CLI::App*, std::function<int()>>& actions() {
  static std::map<CLI::App*, std::function<int()>> table;
  return table;
}

// An --output that names the command's own input (its file or its --db), even through another
// path or a link, would replace the input with the result: refused before any work.
void check_output_is_not_input(const CLI::App& command) {
  const CLI::Option* out = command.get_option_no_throw("--output");
  if (!out || out->count() == 0) return;
  const std::string output = out->as<std::string>();
  if (output.empty() || output == "-") return;
  for (const char* name : {"file", "--db"}) {
    const CLI::Option* in = command.get_option_no_throw(name);
    if (!in || in->count() == 0) continue;
    const std::string input = in->as<std::string>();
    std::error_code ec;
    if (std::filesystem::equivalent(input, output, ec))
      throw SpecError("cannot write '" + output + "': it is the input '" + input + "' (name another file)");
  }
}

}  // namespace

void on_run(CLI::App* command, std::function<int()> action) { actions()[command] = std::move(action); }

int run_selected(CLI::App& app) {
  for (auto* sub : app.get_subcommands())
    if (auto it = actions().find(sub); it != actions().end()) {
      check_output_is_not_input(*sub);
      return it->second();
    }
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

namespace {

bool quiet_flag = false;

using Clock = std::chrono::steady_clock;

// The progress line on screen, shared by every caller (there is one standard error).
struct ProgressLine {
  std::mutex mutex;
  std::uint64_t total = 0, first_done = 0, last_done = 0;
  std::string what;
  Clock::time_point started, drawn;
  bool open = false;  // drawn and not yet ended with a newline
};

ProgressLine& progress_line() {
  static ProgressLine line;
  return line;
}

bool for_a_person() { return !quiet_flag && ::isatty(2); }

// "0:07", "12:30", "1:02:03".
std::string clock_text(double seconds) {
  const auto s = static_cast<std::uint64_t>(std::max(0.0, seconds) + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60) : fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string rate_text(double per_second) {
  if (per_second >= 10) return fmt::format("{:.0f}/s", per_second);
  if (per_second >= 1) return fmt::format("{:.1f}/s", per_second);
  return fmt::format("{:.1f} s each", 1 / per_second);
}

std::string progress_text(const ProgressLine& p, std::uint64_t done, double elapsed) {
  constexpr int kWidth = 24;
  const std::uint64_t total = std::max<std::uint64_t>(p.total, 1);
  const auto filled = static_cast<std::size_t>(kWidth * std::min(done, total) / total);
  std::string line = p.what.empty() ? "" : p.what + " ";
  line += "[" + std::string(filled, '#') + std::string(kWidth - filled, ' ') + "] " +
          fmt::format("{}/{}", done, p.total);
  if (done >= p.total) return line + "  in " + clock_text(elapsed);
  const double counted = static_cast<double>(done - p.first_done);
  if (counted <= 0 || elapsed <= 0) return line;
  const double rate = counted / elapsed;
  return line + "  " + rate_text(rate) + "  " + clock_text(static_cast<double>(p.total - done) / rate) + " left";
}

void draw_progress(std::uint64_t done, std::uint64_t total, const std::string& what) {
  constexpr double kFirstDraw = 0.5, kRedraw = 0.1;  // seconds
  ProgressLine& p = progress_line();
  std::lock_guard lock(p.mutex);
  const auto now = Clock::now();
  if (done == 0 || total != p.total || done < p.last_done || what != p.what) {
    if (p.open) std::cerr << "\n";
    p.open = false;
    p.total = total;
    p.first_done = p.last_done = done;
    p.what = what;
    p.started = now;
  }
  p.last_done = done;
  const double elapsed = std::chrono::duration<double>(now - p.started).count();
  const bool finished = done >= total;
  if (finished) {
    if (p.open) std::cerr << "\r" << progress_text(p, done, elapsed) << "\033[K\n" << std::flush;
    p.open = false;
    p.total = 0;  // the next call starts a new line
    return;
  }
  if (elapsed < kFirstDraw || (p.open && std::chrono::duration<double>(now - p.drawn).count() < kRedraw)) return;
  std::cerr << "\r" << progress_text(p, done, elapsed) << "\033[K" << std::flush;
  p.drawn = now;
  p.open = true;
}

}  // namespace

void set_quiet(bool quiet) { quiet_flag = quiet; }
bool quiet() { return quiet_flag; }

void show_progress(std::uint64_t done, std::uint64_t total) {
  if (for_a_person()) draw_progress(done, total, "");
}

std::function<void(std::uint64_t, std::uint64_t)> progress_of(std::string what) {
  return [what = std::move(what)](std::uint64_t done, std::uint64_t total) {
    if (for_a_person()) draw_progress(done, total, what);
  };
}

void stage_note(const std::string& command, const std::string& what) {
  if (!for_a_person()) return;
  ProgressLine& p = progress_line();
  std::lock_guard lock(p.mutex);
  if (p.open) std::cerr << "\n";
  p.open = false;
  std::cerr << "entente " << command << ": " << what << "…\n" << std::flush;
}

std::string count_of(std::uint64_t n, const std::string& singular, const std::string& plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
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
  command->add_option("--posterior", o.posterior,
                      "Posterior file of `entente calibrate`: point runs take its medians, sampled runs a draw each");
}

void apply_posterior_option(sim::TimeScenario& t, const std::string& posterior) {
  if (!posterior.empty()) evidence::apply_posterior(t, evidence::read_posterior(posterior));
}

sim::TimeScenario load_time_scenario(const TimeOptions& o) {
  sim::TimeScenario t = load_timeline(o.file);
  apply_posterior_option(t, o.posterior);
  return t;
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

int first_year(const TimeOptions& o, const sim::TimeScenario& t, int to) {
  if (o.from == 0) return t.start_year;
  if (o.from < t.start_year)
    throw SpecError(fmt::format("--from {} is before the scenario starts ({})", o.from, t.start_year));
  if (o.from > to) throw SpecError(fmt::format("--from {} is after --to {}", o.from, to));
  return o.from;
}

std::vector<std::string> series_names(const sim::TimeScenario& t, const sim::SimOptions& options) {
  return sim::Simulation(t, options).record().series_names;
}

void check_series(const sim::TimeScenario& t, const sim::SimOptions& options, const std::vector<std::string>& names) {
  const auto known = series_names(t, options);
  for (const auto& name : names)
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw SpecError(fmt::format("no series '{}'{}; `entente series {}` lists them", name, did_you_mean(name, known),
                                  t.scenario.provenance.file));
}

const char* const kSeriesHelp =
    "Series, e.g. strain, net_value.ROK, public_support.US (default: strain; `entente series FILE` lists them all)";

}  // namespace entente::cli
