// entente benchmark deu3: the bargaining models scored on real EU decisions.
#include "bargaining/model.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "evidence/deu3.h"
#include "output/table.h"

namespace entente::cli {

namespace {

struct BenchmarkOptions {
  std::string file;
  std::vector<std::string> models;
  std::string format = "table";
  std::string output;
  std::uint64_t seed = 0;
  int threads = 0;
};

BenchmarkOptions deu3_opts;

int run_deu3() {
  const BenchmarkOptions& o = deu3_opts;
  const output::Format format = output::parse_format(o.format);
  const std::vector<std::string> specs = o.models.empty() ? evidence::every_model() : o.models;
  for (const auto& spec : specs) load_model(spec);  // a bad spec is reported before the file is read
  const Deu3Data data = load_deu3(o.file);
  stage_note("benchmark deu3", "running " + count_of(specs.size(), "model", "models") + " on " +
                                   count_of(data.issues.size(), "issue", "issues"));
  const auto result = evidence::benchmark_deu3(data, specs, {.seed = o.seed, .threads = o.threads > 0 ? o.threads : hardware_threads()});
  emit(evidence::write_deu3(data, result, format), o.output);
  return kExitOk;
}

}  // namespace

void add_benchmark_commands(CLI::App& app) {
  auto* benchmark = app.add_subcommand("benchmark", "Score the bargaining models on real decisions with recorded outcomes");
  benchmark->require_subcommand(1);
  on_run(benchmark, [benchmark] { return run_selected(*benchmark); });

  auto* deu3 = benchmark->add_subcommand(
      "deu3", "Every model on every DEU III issue with an outcome: mean and median absolute error, share within 10 "
              "points, failures and why (CSV: one row per model and issue)");
  deu3->add_option("file", deu3_opts.file, "The DEU III table (tab-separated, with the capability row), e.g. deu3.tsv")
      ->required();
  deu3->add_option("-m,--model", deu3_opts.models,
                   "Model spec to score (default: every registered model at its defaults); give it several times")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  deu3->add_option("-f,--format", deu3_opts.format, "Output: table (the summary), csv (per issue) or json (both)")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  deu3->add_option("-o,--output", deu3_opts.output, "Write here instead of standard output");
  deu3->add_option("--seed", deu3_opts.seed, "Seed for stochastic models (default 0)");
  deu3->add_option("-j,--threads", deu3_opts.threads, "Threads (default: every core); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  on_run(deu3, run_deu3);
}

}  // namespace entente::cli
