#include "store/rerun.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "io/files.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "evidence/calibration.h"
#include "sim/sweep.h"

namespace entente::store {

namespace fs = std::filesystem;

namespace {

// How many folders above the scenario's own a relative path climbs ("../data/x" climbs one).
int climb(const fs::path& relative) {
  int up = 0, deepest = 0;
  for (const auto& part : relative.lexically_normal()) {
    up += part == ".." ? 1 : (part == "." || part.empty() ? 0 : -1);
    deepest = std::max(deepest, up);
  }
  return deepest;
}

fs::path fresh_root() {
  static std::atomic<int> counter{0};
  const fs::path root =
      fs::temp_directory_path() / fmt::format("entente-rerun-{}-{}", ::getpid(), counter.fetch_add(1));
  fs::remove_all(root);
  fs::create_directories(root);
  return root;
}

void write_bytes(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

sim::SimOptions sim_options(const Inputs& in) {
  sim::SimOptions o;
  o.model = in.model_spec;
  o.seed = in.seed;
  o.threads = 1;  // as the commands run it; results do not depend on it
  o.to_year = in.request.to;
  return o;
}

// A sweep is recomputed in memory: its result needs no folder.
Results recompute_sweep(const Inputs& in, const Workspace& w, int threads) {
  sim::SweepOptions o;
  o.runs = in.request.runs;
  o.first = in.request.first;
  o.seed = in.seed;
  o.threads = threads;
  o.model = in.model_spec;
  o.policies = in.request.policies;
  o.to_year = in.request.to;
  o.scenario_text = in.scenario_text;
  if (is_timeline(in.scenario_text)) {
    const sim::TimeScenario t = load_timeline(w.scenario_path());
    return sweep_results(t.scenario, sim::sweep_timeline(t, o));
  }
  const Scenario s = load_scenario(w.scenario_path());
  return sweep_results(s, sim::sweep_forecast(s, o));
}

// A report from its stored options: the same window, runs and seed, the same source named.
Results recompute_report(const Inputs& in, const Workspace& w, int threads) {
  analysis::ReportOptions o;
  o.source = in.scenario_file;
  o.scenario_text = in.scenario_text;
  o.model = in.model_spec;
  o.seed = in.seed;
  o.seed_given = true;
  o.sweep_runs = in.request.runs;
  o.claim_runs = in.request.claim_runs;
  o.from = in.request.from;
  o.to = in.request.to;
  o.threads = threads;
  if (is_timeline(in.scenario_text)) {
    const sim::TimeScenario t = load_timeline(w.scenario_path());
    return report_results(t.scenario, analysis::timeline_report_data(t, o));
  }
  const Scenario s = load_scenario(w.scenario_path());
  return report_results(s, analysis::forecast_report_data(s, in.model_spec, in.seed, o));
}

// A backtest from its stored cases, posterior and options; its forecasts name the case files
// by their stored paths, as the original run did, not by where the rerun placed them.
Results recompute_backtest(const Inputs& in, const Workspace& w, int threads) {
  std::vector<std::string> paths;
  for (const auto& f : in.case_files) paths.push_back(w.placed(f.path));
  evidence::BacktestOptions o;
  o.paths = paths;
  o.leave_one_out = in.request.leave_one_out;
  o.placebo = in.request.placebo;
  o.placebo_draws = in.request.placebo_draws;
  o.runs = static_cast<int>(in.request.runs);
  o.calibration.seed = in.seed;
  o.calibration.draws = in.request.draws;
  o.calibration.chains = in.request.chains;
  o.calibration.threads = threads;
  o.calibration.model = in.model_spec;
  if (in.posterior_file) o.posterior = evidence::read_posterior(w.placed(in.posterior_file->path));
  return backtest_results(evidence::backtest(evidence::load_cases(paths), o), paths, in);
}

}  // namespace

Workspace::Workspace(const Inputs& inputs) : root_(fresh_root()) {
  int depth = 0;
  for (const auto* files : {&inputs.data_files, &inputs.case_files})
    for (const auto& f : *files)
      if (!fs::path(f.path).is_absolute()) depth = std::max(depth, climb(f.path));
  if (inputs.posterior_file) depth = std::max(depth, climb(inputs.posterior_file->path));
  dir_ = root_;
  for (int i = 0; i < depth; ++i) dir_ /= fmt::format("d{}", i);
  const std::string name = fs::path(inputs.scenario_file).filename().string();
  scenario_path_ = (dir_ / (name.empty() ? "scenario.yaml" : name)).string();
  if (inputs.kind != Kind::Backtest) write_bytes(scenario_path_, inputs.scenario_text);
  for (const auto& f : inputs.case_files) write_bytes(placed(f.path), f.content);
  if (inputs.posterior_file) write_bytes(placed(inputs.posterior_file->path), inputs.posterior_file->content);
  for (const auto& f : inputs.data_files) {
    if (!fs::path(f.path).is_absolute()) {
      write_bytes(placed(f.path), f.content);
      continue;
    }
    std::string now;
    try {
      now = read_file(f.path);
    } catch (const InputError&) {
    }
    if (now != f.content)
      throw InputError(f.path, 0, "", "a rerun reads this absolute data path, which no longer holds the stored bytes");
  }
}

Workspace::~Workspace() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

Results recompute(const Inputs& in, int threads) {
  const Workspace w(in);
  const Request& q = in.request;
  switch (in.kind) {
    case Kind::Forecast: {
      const Scenario s = load_scenario(w.scenario_path());
      return forecast_results(s, load_model(in.model_spec)->forecast(s, RunOptions{in.seed, threads}));
    }
    case Kind::Sweep:
      return recompute_sweep(in, w, threads);
    case Kind::Report:
      return recompute_report(in, w, threads);
    case Kind::Backtest:
      return recompute_backtest(in, w, threads);
    case Kind::Run:
    case Kind::Explain:
    case Kind::Compare:
    case Kind::Claims:
      break;
  }
  const sim::TimeScenario t = load_timeline(w.scenario_path());
  const sim::SimOptions o = sim_options(in);
  switch (in.kind) {
    case Kind::Run:
      return run_results(t, sim::simulate(t, o));
    case Kind::Explain:
      return explain_results(t, sim::simulate(t, o),
                             analysis::attribute(t, o, q.groups, q.from, q.to, q.series, threads));
    case Kind::Compare:
      return compare_results(t, analysis::compare(t, o, q.policies), q);
    case Kind::Claims:
      return claims_results(t, analysis::check_claims(t, o, q.runs, in.seed, threads));
    case Kind::Forecast:
    case Kind::Sweep:
    case Kind::Report:
    case Kind::Backtest:
      break;
  }
  throw std::logic_error("a run kind without a recomputation");
}

RerunOutcome rerun(const RunRecord& stored, int threads) {
  RerunOutcome out;
  out.results = recompute(stored.inputs, threads);
  out.difference = first_difference(stored.results, out.results);
  return out;
}

}  // namespace entente::store
