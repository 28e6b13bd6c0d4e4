// entente sweep, sweep-merge: Monte Carlo over uncertain inputs.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "bargaining/model.h"
#include "cli/cluster.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/results_db.h"
#include "io/files.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "sim/sweep.h"

namespace entente::cli {

namespace {

struct SweepCliOptions {
  std::string file, output, model;
  std::uint64_t runs = 1000, first = 0, seed = 0;
  bool seed_given = false;
  int threads = 0, to = 0;
  std::vector<std::string> policies;
  bool resume = false;
  double checkpoint_seconds = 2;
  std::vector<std::string> merge_dirs;
  std::string db;
  std::string posterior;
  bool mpi = false;
};
SweepCliOptions sweep_opts;

sim::SweepOptions library_options(const SweepCliOptions& o, const std::string& text) {
  sim::SweepOptions options;
  options.runs = o.runs;
  options.first = o.first;
  options.threads = o.threads > 0 ? o.threads : hardware_threads();
  options.model = o.model;
  options.policies = split_commas(o.policies);
  options.to_year = o.to;
  options.dir = o.output;
  options.resume = o.resume;
  options.checkpoint_seconds = o.checkpoint_seconds;
  options.scenario_text = text;
  options.progress = show_progress;
  if (!options.model.empty()) load_model(options.model);
  return options;
}

sim::SweepResult sweep_of(const SweepCliOptions& o, const std::string& text, sim::SweepOptions& options) {
  if (is_timeline(text)) {
    sim::TimeScenario t = read_timeline(text, o.file);
    apply_posterior_option(t, o.posterior);
    options.seed = o.seed_given ? o.seed : t.scenario.seed;  // as `run`, `claims` and `report` do
    if (options.to_year > t.horizon_year)
      throw SpecError(fmt::format("--to {} is past the scenario's horizon ({})", options.to_year, t.horizon_year));
    for (const auto& p : options.policies)
      if (std::none_of(t.policies.begin(), t.policies.end(), [&](const sim::Policy& x) { return x.name == p; }))
        throw SpecError("no policy '" + p + "' in " + o.file);
    return sim::sweep_timeline(t, options);
  }
  if (!options.policies.empty()) throw SpecError("--policies needs a time-stepped scenario");
  if (!o.posterior.empty()) throw SpecError("--posterior needs a time-stepped scenario");
  if (options.to_year != 0) throw SpecError("--to needs a time-stepped scenario");
  const Scenario s = load_scenario(o.file);
  options.seed = o.seed_given ? o.seed : s.seed;
  return sim::sweep_forecast(s, options);
}

// Under `mpirun … --mpi`: each rank sweeps its share of the runs into OUTPUT/shards/RANK,
// streaming and resumable as any sweep; rank 0 then merges the shards into OUTPUT (byte for
// byte a one-process sweep's files, as sweep-merge guarantees) and removes them. The output
// folder must be on a file system every rank sees.
int run_sweep_mpi() {
  const SweepCliOptions& o = sweep_opts;
  const Cluster cluster;
  if (o.runs < static_cast<std::uint64_t>(cluster.size()))
    throw SpecError(fmt::format("--runs {} is fewer than the {} MPI ranks", o.runs, cluster.size()));
  const std::string text = read_file(o.file);
  sim::SweepOptions options = library_options(o, text);
  const RunRange mine = share_of(o.first, o.runs, cluster.rank(), cluster.size());
  const auto shard = [&](int rank) { return (std::filesystem::path(o.output) / "shards" / fmt::format("{:04}", rank)).string(); };
  options.first = mine.first;
  options.runs = mine.count;
  options.dir = shard(cluster.rank());
  if (!cluster.root()) options.progress = nullptr;
  const auto started = std::chrono::steady_clock::now();
  cluster.together([&] { sweep_of(o, text, options); });
  if (!cluster.root()) return kExitOk;
  std::vector<std::string> shards;
  for (int r = 0; r < cluster.size(); ++r) shards.push_back(shard(r));
  const sim::SweepResult result = sim::merge_sweeps(shards, o.output);
  std::filesystem::remove_all(std::filesystem::path(o.output) / "shards");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  record_sweep(o.db, o.file, result, {.to = o.to, .policies = options.policies, .runs = o.runs, .first = o.first});
  std::cerr << fmt::format("{} runs on {} MPI ranks × {} thread{} in {:.2f} s → {}\n", o.runs, cluster.size(),
                           options.threads, options.threads == 1 ? "" : "s", seconds,
                           (std::filesystem::path(o.output) / "summary.csv").string());
  return kExitOk;
}

int run_sweep() {
  const SweepCliOptions& o = sweep_opts;
  if (o.mpi) return run_sweep_mpi();
  const std::string text = read_file(o.file);
  sim::SweepOptions options = library_options(o, text);
  const auto started = std::chrono::steady_clock::now();
  const sim::SweepResult result = sweep_of(o, text, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  record_sweep(o.db, o.file, result,
               {.to = o.to, .policies = options.policies, .runs = o.runs, .first = o.first});
  std::cerr << fmt::format("{} runs on {} thread{} in {:.2f} s → {}\n", o.runs, options.threads,
                           options.threads == 1 ? "" : "s", seconds,
                           (std::filesystem::path(o.output) / "summary.csv").string());
  return kExitOk;
}

int run_sweep_merge() {
  const sim::SweepResult merged = sim::merge_sweeps(sweep_opts.merge_dirs, sweep_opts.output);
  std::cerr << fmt::format("merged runs {}–{} into {}\n", merged.first, merged.first + merged.runs - 1,
                           sweep_opts.output);
  return kExitOk;
}

}  // namespace

void add_sweep_commands(CLI::App& app) {
  auto* sweep = app.add_subcommand("sweep", "Monte Carlo over the scenario's uncertain inputs, streamed to a folder");
  sweep->add_option("file", sweep_opts.file, "Scenario (one-year or time-stepped) with uncertain: inputs")->required();
  sweep->add_option("--runs", sweep_opts.runs, "Number of runs")->check(CLI::Range(1.0, 1e9));
  sweep->add_option("--first", sweep_opts.first, "First run index (split a sweep; join with sweep-merge)");
  sweep->add_option("--seed", sweep_opts.seed, "Seed: run i draws from stream (seed, i) (default: the file's seed)")
      ->each([](const std::string&) { sweep_opts.seed_given = true; });
  sweep->add_option("-j,--threads", sweep_opts.threads, "Threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  sweep->add_option("--policies", sweep_opts.policies, "Policies run beside the baseline (time-stepped)");
  sweep->add_option("--to", sweep_opts.to, "Horizon year (time-stepped)");
  sweep->add_option("-m,--model", sweep_opts.model, "Bargaining model");
  sweep->add_option("-o,--output", sweep_opts.output, "Output folder")->required();
  sweep->add_flag("--resume", sweep_opts.resume, "Continue an interrupted sweep in --output");
  sweep->add_option("--checkpoint-seconds", sweep_opts.checkpoint_seconds,
                    "How often the state is saved for --resume (default 2; 0 = after every block of 256 runs)")
      ->check(CLI::Range(0.0, 3600.0));
  add_db_option(sweep, sweep_opts.db);
  sweep->add_option("--posterior", sweep_opts.posterior,
                    "Posterior file of `entente calibrate`: each run takes one of its draws");
  sweep->add_flag("--mpi", sweep_opts.mpi,
                  "Split the runs over the ranks of an MPI job (under mpirun or srun; docs/cluster.md)");
  on_run(sweep, run_sweep);

  auto* merge = app.add_subcommand("sweep-merge", "Join sweeps of consecutive run ranges into one folder");
  merge->add_option("dirs", sweep_opts.merge_dirs, "Sweep folders")->required();
  merge->add_option("-o,--output", sweep_opts.output, "Output folder")->required();
  on_run(merge, run_sweep_merge);

}

}  // namespace entente::cli
