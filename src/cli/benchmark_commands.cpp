// entente benchmark deu3: the bargaining models scored on real EU decisions.
#include <filesystem>
#include <optional>

#include "bargaining/model.h"
#include "cli/cluster.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "evidence/calibration.h"
#include "evidence/deu3.h"
#include "evidence/pacts_benchmark.h"
#include "io/files.h"
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

struct AlliancesOptions {
  std::string data = "data/world";
  int split = 1980;
  std::string model;
  std::string duration = "log";
  std::string format = "table";
  std::string output, posterior;
  int threads = 0;
  bool mpi = false;
};

AlliancesOptions alliances_opts;

// entente benchmark alliances: every ATOP defence pact 1946–2010, the base rate, the logit
// hazard and the alliance model scored on the years after the split.
int run_alliances() {
  const AlliancesOptions& o = alliances_opts;
  const output::Format format = output::parse_format(o.format);
  std::optional<Cluster> cluster;  // --mpi: the spells split over the ranks, joined on rank 0
  if (o.mpi) cluster.emplace();     // first: a program built without MPI hands over here
  stage_note("benchmark alliances", "reading " + o.data);
  const evidence::PactWorld world = evidence::load_pact_world(o.data);
  stage_note("benchmark alliances", "building the panel, fitting the logit, running one scenario per spell");
  evidence::PactBenchmarkOptions bo{.split = o.split, .model = o.model,
                                    .duration = evidence::kDurationTerms.parse(o.duration, "--duration"),
                                    .threads = o.threads > 0 ? o.threads : hardware_threads(),
                                    .progress = progress_of("spells")};
  if (!o.posterior.empty()) evidence::apply_medians(bo.params, evidence::read_posterior(o.posterior));
  if (cluster) {
    bo.part = cluster->rank();
    bo.parts = cluster->size();
    bo.join = [&](std::vector<std::vector<double>> mine) { return cluster->join(mine); };
    if (!cluster->root()) bo.progress = nullptr;
  }
  // The join is itself a collective, so the ranks are not run `together`: what can fail before
  // it (the split, the model) fails alike on every rank, and mpirun ends the job on any failure.
  const auto result = evidence::benchmark_pacts(world, bo);
  if (cluster && !cluster->root()) return kExitOk;
  const output::Document doc = evidence::pacts_document(result);
  if (!o.output.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.output, ec);  // a failure is reported by the first write
    const auto put = [&](const char* name, const output::Table& t) {
      write_file_atomically(o.output + "/" + name, output::render_csv(t));
    };
    put("scores.csv", evidence::pacts_scores_table(result));
    put("coefficients.csv", evidence::pacts_coefficients_table(result));
    put("calibration.csv", evidence::pacts_calibration_table(result));
    put("dyads.csv", evidence::pacts_dyads_table(result.panel));
    put("panel.csv", evidence::pacts_panel_table(result));
    stage_note("benchmark alliances", "wrote scores, coefficients, calibration, dyads and panel CSVs to " + o.output);
  }
  emit(output::render(doc, format), "");
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

  auto* alliances = benchmark->add_subcommand(
      "alliances", "Every ATOP 5.1 defence pact 1946–2010: the base rate, a logit hazard and the alliance model forecast "
                   "which pledges end, fitted up to the split year and scored after it (AUC, Brier, log score, "
                   "calibration, per decade)");
  alliances->add_option("--data", alliances_opts.data, "The world data folder (default: data/world, run from the repository)");
  alliances->add_option("--split", alliances_opts.split, "Last training year (default 1980); the test runs to 2010")
      ->check(CLI::Range(1947, 2009));
  alliances->add_option("-m,--model", alliances_opts.model, "Bargaining model of the alliance scenarios (default: the default)");
  alliances->add_option("--duration", alliances_opts.duration,
                        "The logit's time dependence: log (ln duration, the default) or cubic (Carter & Signorino 2010)")
      ->check(CLI::IsMember({"log", "cubic"}));
  alliances->add_option("-f,--format", alliances_opts.format, "Output: table, csv (the scores) or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  alliances->add_option("-o,--output", alliances_opts.output,
                        "Also write scores, coefficients, calibration, dyads (scored or left out, with why) and panel "
                        "CSVs into this folder");
  alliances->add_option("--posterior", alliances_opts.posterior,
                        "The alliance model's parameters at this posterior's medians (default: the shipped defaults, "
                        "which are data/posterior.json's)");
  alliances->add_option("-j,--threads", alliances_opts.threads, "Threads (default: every core); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  alliances->add_flag("--mpi", alliances_opts.mpi,
                       "Split the spells over the ranks of an MPI job (under mpirun or srun; docs/cluster.md)");
  on_run(alliances, run_alliances);
}

}  // namespace entente::cli
