// Speed of the expected-utility model (src/bargaining/eu.cpp): one round and a full run
// (default `eu`: up to 100 rounds, stopping at tol = 1e-6) on generated scenarios of
// n = 13…250 actors and D = 1 or 6 issues, plus the 7-actor × 5-issue case of the
// million-run target. Scenarios come from a fixed seed, so every run times the same work.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "bargaining/model.h"

namespace {

using entente::Scenario;

Scenario generated(std::size_t n, std::size_t issues) {
  std::mt19937_64 rng(19940078);  // fixed: Bueno de Mesquita 1994, p. 78
  std::uniform_real_distribution<double> unit(0, 1);
  Scenario s;
  s.name = "bench";
  for (std::size_t k = 0; k < issues; ++k)
    s.issues.push_back(entente::Issue{"i" + std::to_string(k), "", 0, 100, "", ""});
  for (std::size_t a = 0; a < n; ++a) {
    s.actors.push_back({"a" + std::to_string(a), "", 0.05 + unit(rng)});
    for (std::size_t k = 0; k < issues; ++k)
      s.stances.push_back({std::round(100 * unit(rng)), (0.05 + 0.95 * unit(rng)) / static_cast<double>(issues)});
  }
  entente::require_valid(s);
  return s;
}

void run(benchmark::State& state, const std::string& spec) {
  const Scenario s = generated(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const auto model = entente::load_model(spec);
  std::size_t turns = 0;
  for (auto _ : state) {
    const entente::Forecast f = model->forecast(s, {});
    turns = f.turns();
    benchmark::DoNotOptimize(f.outcome.data());
  }
  state.counters["rounds"] = static_cast<double>(turns);
}

void EuOneRound(benchmark::State& state) { run(state, "eu(rounds=1,tol=0)"); }
void EuFullRun(benchmark::State& state) { run(state, "eu"); }
void EuFullRunScholz(benchmark::State& state) { run(state, "eu(variant=scholz)"); }

BENCHMARK(EuOneRound)->ArgsProduct({{13, 40, 80, 160, 250}, {1, 6}})->Unit(benchmark::kMicrosecond);
BENCHMARK(EuFullRun)->ArgsProduct({{13, 40, 80, 160, 250}, {1, 6}})->Unit(benchmark::kMillisecond);
// The million-run target: 7 actors × 5 issues.
BENCHMARK(EuOneRound)->Args({7, 5})->Unit(benchmark::kMicrosecond);
BENCHMARK(EuFullRun)->Args({7, 5})->Unit(benchmark::kMicrosecond);
BENCHMARK(EuFullRunScholz)->Args({7, 5})->Unit(benchmark::kMicrosecond);

}  // namespace
