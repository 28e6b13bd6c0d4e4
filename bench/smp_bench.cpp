// Speed of KTAB's Spatial Model of Politics (src/bargaining/smp.cpp): one turn and a full run
// (default `smp`, KTAB's stopping rule) on KTAB's samples — SOE-Pol-Comp (13 actors × 2
// issues) and dummyData-a040/a080/a160 (1 issue) — and on generated 250-actor scenarios with
// 1 and 6 issues. KTAB itself (-O2, 2 cores) takes 0.53 s, 5.8 s and 71 s on the first three
// (docs/models/smp.md, "Cost of KTAB's implementation").
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <string>

#include "bargaining/model.h"
#include "bargaining/smp.h"
#include "io/scenario_io.h"

namespace {

using entente::Scenario;

const char* const kFiles[] = {"SOE-Pol-Comp.csv", "dummyData-a040.csv", "dummyData-a080.csv", "dummyData-a160.csv"};

Scenario ktab_file(std::size_t index) {
  return entente::load_scenario(std::string(ENTENTE_SOURCE_DIR) + "/tests/data/reference/ktab/" + kFiles[index]);
}

// n actors on `issues` issues of 0..100, from a fixed seed so every run times the same work.
// Positions are whole points, as in KTAB's samples; saliences sum to at most 100 per actor.
Scenario generated(std::size_t n, std::size_t issues) {
  std::mt19937_64 rng(0xD67CC16FE69C185CULL);  // KTAB's default seed, dSeed
  std::uniform_real_distribution<double> unit(0, 1);
  Scenario s;
  s.name = "smp-bench";
  for (std::size_t k = 0; k < issues; ++k)
    s.issues.push_back(entente::Issue{"i" + std::to_string(k), "", 0, 100, "", ""});
  for (std::size_t a = 0; a < n; ++a) {
    s.actors.push_back({"a" + std::to_string(a), "", 10 + 190 * unit(rng)});
    const double total = 0.75 + 0.24 * unit(rng);
    for (std::size_t k = 0; k < issues; ++k)
      s.stances.push_back({std::round(100 * unit(rng)), total * (0.1 + 0.9 * unit(rng)) / static_cast<double>(issues)});
  }
  entente::require_valid(s);
  return s;
}

void one_turn(benchmark::State& state, const Scenario& s) {
  const auto actors = entente::smp::actors_from(s);
  const auto x = entente::smp::unit_positions(s);
  const int threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    auto next = entente::smp::step(actors, x, {}, 0, 0, threads);
    benchmark::DoNotOptimize(next.data());
  }
  state.counters["actors"] = static_cast<double>(actors.n);
}

void full_run(benchmark::State& state, const Scenario& s) {
  const auto model = entente::load_model("smp");
  const int threads = static_cast<int>(state.range(1));
  std::size_t turns = 0;
  for (auto _ : state) {
    const entente::Forecast f = model->forecast(s, {0, threads});
    turns = f.turns();
    benchmark::DoNotOptimize(f.outcome.data());
  }
  state.counters["actors"] = static_cast<double>(s.num_actors());
  state.counters["turns"] = static_cast<double>(turns);
}

// Args: (file index into kFiles, threads).
void SmpOneTurnKtab(benchmark::State& state) { one_turn(state, ktab_file(static_cast<std::size_t>(state.range(0)))); }
void SmpFullRunKtab(benchmark::State& state) { full_run(state, ktab_file(static_cast<std::size_t>(state.range(0)))); }
// Args: (issues, threads), 250 actors — KTAB's maximum.
void SmpOneTurn250(benchmark::State& state) { one_turn(state, generated(250, static_cast<std::size_t>(state.range(0)))); }
void SmpFullRun250(benchmark::State& state) { full_run(state, generated(250, static_cast<std::size_t>(state.range(0)))); }

BENCHMARK(SmpOneTurnKtab)->ArgsProduct({{0, 1, 2, 3}, {1}})->Args({3, 2})->Unit(benchmark::kMillisecond);
BENCHMARK(SmpFullRunKtab)->ArgsProduct({{0, 1, 2, 3}, {1}})->Args({3, 2})->Unit(benchmark::kMillisecond);
BENCHMARK(SmpOneTurn250)->ArgsProduct({{1, 6}, {1}})->Unit(benchmark::kMillisecond);
BENCHMARK(SmpFullRun250)->ArgsProduct({{1, 6}, {1}})->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
