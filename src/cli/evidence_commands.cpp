// entente calibrate, backtest: the alliance model fitted to and scored on the case library
// (docs/evidence.md).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <numeric>

#include "bargaining/model.h"
#include "cli/cluster.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/results_db.h"
#include "evidence/backtest.h"
#include "evidence/calibration.h"
#include "output/document.h"

namespace entente::cli {

namespace {

struct EvidenceOptions {
  std::vector<std::string> paths;
  std::string output, model, posterior, format = "table", db;
  std::uint64_t seed = 1;
  int draws = 40000, chains = 4, threads = 0, runs = 200, placebo_draws = 20;
  bool leave_one_out = false, placebo = false, mpi = false;
};
EvidenceOptions calibrate_opts, backtest_opts;

evidence::CalibrationOptions calibration_options(const EvidenceOptions& o) {
  evidence::CalibrationOptions c;
  c.seed = o.seed;
  c.draws = o.draws;
  c.chains = o.chains;
  c.threads = o.threads > 0 ? o.threads : hardware_threads();
  c.model = o.model;
  if (!o.model.empty()) load_model(o.model);  // a bad spec is a usage error before any work
  return c;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// What calibrate says on standard error once the file is written.
void report_calibration(const evidence::Posterior& p, std::size_t cases, const evidence::CalibrationOptions& c,
                        std::chrono::steady_clock::time_point start) {
  if (!quiet()) {
    std::cerr << fmt::format("calibrated on {} cases in {:.1f} s on {}\n", cases, seconds_since(start),
                             count_of(static_cast<std::uint64_t>(c.threads), "thread", "threads"));
    for (const auto& s : p.summary)
      std::cerr << fmt::format("  {:<20} median {:.4g}  90 % [{:.4g}, {:.4g}]  ESS {:.0f}{}\n", s.name, s.median, s.q05,
                               s.q95, s.ess, s.rhat ? fmt::format("  R-hat {:.3f}", *s.rhat) : "");
  }
  // Not converging is a finding about the draws, not an input error: the file is written and
  // says so (`converged: false`), and the warning is printed even under --quiet.
  if (!p.converged)
    std::cerr << fmt::format("warning: the chains have not converged (an R-hat above {} or an ESS below {}); "
                             "lengthen them with --draws before using this posterior\n",
                             evidence::kMaxRhat, evidence::kMinEssPerChain * c.chains);
}

// Under `mpirun … --mpi` the chains are split over the ranks in consecutive blocks, each rank
// runs its own on its threads, and rank 0 gathers their draws in chain order and writes the
// posterior: byte for byte the one-process file, as each chain depends on (seed, chain) only.
int run_calibrate() {
  const EvidenceOptions& o = calibrate_opts;
  std::optional<Cluster> cluster;
  if (o.mpi) cluster.emplace();
  const bool root = !cluster || cluster->root();
  const auto start = std::chrono::steady_clock::now();
  std::vector<evidence::Case> cases;
  evidence::CalibrationOptions c;
  std::vector<evidence::ChainDraws> chains;
  const auto compute = [&] {
    cases = evidence::load_cases(o.paths);
    c = calibration_options(o);
    if (root) c.progress = progress_of("likelihood evaluations");
    if (root) stage_note("entente calibrate", fmt::format("{} cases, {} chains of {} draws", cases.size(), c.chains, c.draws));
    const RunRange mine = cluster ? share_of(0, static_cast<unsigned long long>(c.chains), cluster->rank(), cluster->size())
                                  : RunRange{0, static_cast<unsigned long long>(std::max(c.chains, 0))};
    std::vector<int> which(mine.count);
    std::iota(which.begin(), which.end(), static_cast<int>(mine.first));
    chains = evidence::run_chains(cases, c, which);
  };
  if (!cluster) {
    compute();
  } else {
    cluster->together(compute);
    const auto parts = cluster->gather(evidence::chains_to_bytes(chains));
    if (!root) return kExitOk;
    chains.clear();
    for (const auto& part : parts)
      for (auto& chain : evidence::chains_from_bytes(part)) chains.push_back(std::move(chain));
  }
  const evidence::Posterior p = evidence::assemble_posterior(cases, c, chains);
  emit(output::render_json(evidence::posterior_json(p, cases)), o.output);
  report_calibration(p, cases.size(), c, start);
  return kExitOk;
}

int run_backtest() {
  const EvidenceOptions& o = backtest_opts;
  const output::Format format = output::parse_format(o.format);
  const auto start = std::chrono::steady_clock::now();
  evidence::BacktestOptions b;
  b.paths = o.paths;
  b.leave_one_out = o.leave_one_out;
  b.placebo = o.placebo;
  b.placebo_draws = o.placebo_draws;
  b.runs = o.runs;
  b.calibration = calibration_options(o);
  b.progress = progress_of("fits and forecasts");
  if (!o.posterior.empty()) b.posterior = evidence::read_posterior(o.posterior);
  const auto cases = evidence::load_cases(o.paths);
  const auto result = evidence::backtest(cases, b);
  record_backtest(o.db, cases, o.posterior, o.paths, b, result);
  emit(output::render(evidence::backtest_document(result), format), o.output);
  if (!quiet())
    std::cerr << fmt::format("backtest of {} cases in {:.1f} s on {}\n", cases.size(), seconds_since(start),
                             count_of(static_cast<std::uint64_t>(b.calibration.threads), "thread", "threads"));
  return kExitOk;
}

void add_fit_options(CLI::App* command, EvidenceOptions& o) {
  command->add_option("cases", o.paths, "Case files or folders of them (scenarios with an outcome: block)")->required();
  command->add_option("--seed", o.seed, "Seed: chain c draws from stream (seed, c) (default 1)");
  command->add_option("--draws", o.draws, "Draws kept per chain, after a burn-in of as many (default: calibrate 40000, backtest 10000 per fit)")
      ->check(CLI::Range(4, 1000000));
  command->add_option("--chains", o.chains, "Chains (default 4)")->check(CLI::Range(1, 64));
  command->add_option("-j,--threads", o.threads, "Threads (default: every core); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  command->add_option("-m,--model", o.model, "Bargaining model (default: each case's own, else median)");
}

}  // namespace

void add_evidence_commands(CLI::App& app) {
  auto* calibrate = app.add_subcommand("calibrate", "Fit the alliance parameters to the cases' outcomes and surveys (MCMC)");
  add_fit_options(calibrate, calibrate_opts);
  calibrate->add_option("-o,--output", calibrate_opts.output, "The posterior file (JSON)")->required();
  calibrate->add_flag("--mpi", calibrate_opts.mpi,
                      "Split the chains over the ranks of an MPI job (under mpirun or srun; docs/cluster.md)");
  on_run(calibrate, run_calibrate);

  auto* backtest = app.add_subcommand("backtest", "Score the model's break forecasts on the cases, in sample and held out");
  add_fit_options(backtest, backtest_opts);
  backtest_opts.draws = 10000;
  backtest->add_option("--posterior", backtest_opts.posterior, "Posterior file (default: calibrate on the cases)");
  backtest->add_flag("--leave-one-out", backtest_opts.leave_one_out, "Also calibrate on all cases but one and forecast it");
  backtest->add_flag("--placebo", backtest_opts.placebo, "Also score codings with event dates shuffled within each window");
  backtest->add_option("--placebo-draws", backtest_opts.placebo_draws,
                       "Shuffles per case under --placebo; the placebo scores are means over them (default 20)")
      ->check(CLI::Range(1, 10000));
  backtest->add_option("--runs", backtest_opts.runs, "Sampled runs per case (default 200)")->check(CLI::Range(1, 1000000));
  backtest->add_option("-f,--format", backtest_opts.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  backtest->add_option("-o,--output", backtest_opts.output, "Write here instead of standard output");
  add_db_option(backtest, backtest_opts.db);
  on_run(backtest, run_backtest);
}

}  // namespace entente::cli
