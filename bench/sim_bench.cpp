// Speed of the alliance simulation and of what sweeps repeat: one year-by-year run of the
// default scenario (1953–2015) under each bargaining model (two bargaining runs a year: without
// and with the alliance), one sampled run of it, one exact attribution (1992→2003), and one
// sampled one-year forecast of korea-2003 with eu and smp (the unit of the million-run sweep).
#include <benchmark/benchmark.h>

#include "analysis/attribution.h"
#include "bargaining/model.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "sim/sample.h"
#include "sim/simulation.h"

namespace {

const std::string kSource = ENTENTE_SOURCE_DIR;

const entente::sim::TimeScenario& korea() {
  static const auto t = entente::load_timeline(kSource + "/scenarios/korea.yaml");
  return t;
}

void KoreaRun1953To2015(benchmark::State& state, const std::string& spec) {
  entente::sim::SimOptions o;
  o.to_year = 2015;
  o.model = spec;
  for (auto _ : state) benchmark::DoNotOptimize(entente::sim::simulate(korea(), o).years.size());
}

void KoreaSampledRun(benchmark::State& state) {
  entente::sim::SimOptions o;
  o.to_year = 2015;
  std::uint64_t run = 0;
  for (auto _ : state) {
    entente::RandomStream rng(1, run++);
    benchmark::DoNotOptimize(entente::sim::simulate(entente::sim::sample(korea(), rng), o).years.size());
  }
}

void KoreaAttribution1992To2003(benchmark::State& state) {
  const auto groups = entente::analysis::default_groups(korea(), 1992);
  state.counters["coalitions"] = static_cast<double>(1u << groups.size());
  for (auto _ : state)
    benchmark::DoNotOptimize(entente::analysis::attribute(korea(), {}, groups, 1992, 2003, {"strain"}).size());
}

void Korea2003SampledForecast(benchmark::State& state, const std::string& spec) {
  static const auto s = entente::load_scenario(kSource + "/scenarios/korea-2003.yaml");
  const auto model = entente::load_model(spec);
  std::uint64_t run = 0;
  for (auto _ : state) {
    entente::RandomStream rng(1, run++);
    benchmark::DoNotOptimize(model->forecast(entente::sim::sample(s, rng), {}).outcome.data());
  }
}

}  // namespace

BENCHMARK_CAPTURE(KoreaRun1953To2015, median, std::string("median"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(KoreaRun1953To2015, mean, std::string("mean"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(KoreaRun1953To2015, eu, std::string("eu"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(KoreaRun1953To2015, smp, std::string("smp"))->Unit(benchmark::kMillisecond);
BENCHMARK(KoreaSampledRun)->Unit(benchmark::kMillisecond);
BENCHMARK(KoreaAttribution1992To2003)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Korea2003SampledForecast, eu, std::string("eu"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Korea2003SampledForecast, smp, std::string("smp"))->Unit(benchmark::kMicrosecond);
