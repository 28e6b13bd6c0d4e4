// The bargaining models scored on real decisions: every model forecasts every DEU III issue
// with a recorded outcome, and the absolute error |forecast − outcome| (points on the 0..100
// scale) is summarised per model (the test of Thomson, Stokman, Achen & König 2006, *The
// European Union Decides*, on the dataset's third edition).
//
// Weights are capability (GDP) × salience as each issue states them; an actor without a
// position, or with salience missing or 0, is left out of the issue (io/deu3.h). No parameter
// of any model is fitted to DEU III: each runs as its spec says, so every figure is out of
// sample.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/deu3.h"
#include "output/table.h"

namespace entente::evidence {

// One model on one issue: the forecast, or why the model refused the issue.
struct Deu3Forecast {
  std::optional<double> forecast;
  std::string failure;  // the model's message when it refused ("" when it forecast)
};

// Absolute errors summarised over a set of issues.
struct ErrorSummary {
  std::size_t issues = 0;
  double mean = 0;       // mean absolute error
  double median = 0;     // median absolute error (the mean of the middle two for an even count)
  double within_10 = 0;  // share of issues with |error| <= 10 points, 0..1
};

struct Deu3Score {
  std::string asked{};     // the spec as given, e.g. "eu(variant=scholz)"
  std::string model{};     // the canonical spec, every parameter spelled out
  ErrorSummary scored{};   // over the issues this model forecast
  ErrorSummary common{};   // over the issues every model forecast (the fair comparison)
  std::size_t failed = 0;
  std::vector<std::pair<std::string, std::size_t>> failures{};  // reason → issues, most frequent first
  std::size_t two_actor_forecast = 0, two_actor_failed = 0;  // on issues with exactly two actors
};

struct Deu3Benchmark {
  std::string file;
  std::uint64_t seed = 0;
  std::size_t rows = 0;           // issues in the file
  std::vector<std::size_t> used;  // indices into data.issues: those with an outcome
  std::size_t unusable = 0;       // of those, with fewer than two weighted actors (every model fails)
  std::size_t common = 0;         // issues every model forecast
  std::vector<std::size_t> two_actor;  // indices into data.issues: those with exactly two weighted actors
  std::vector<Deu3Score> scores;  // in the order of the specs asked for
  // forecasts[m][u]: model m on issue used[u].
  std::vector<std::vector<Deu3Forecast>> forecasts;
};

struct Deu3Options {
  std::uint64_t seed = 0;  // for stochastic models
  int threads = 1;         // issues run in parallel; results do not depend on it
};

// Runs each model spec on every issue of `data` with an outcome. Throws SpecError for a bad
// spec (before any work) and InputError when no issue has an outcome; a model refusing an
// issue (InputError) is recorded as that issue's failure, not thrown.
Deu3Benchmark benchmark_deu3(const Deu3Data& data, const std::vector<std::string>& specs, const Deu3Options& options);

// Every registered model at its defaults, in the registry's order.
std::vector<std::string> every_model();

// The summary for people (text), the per-issue table (CSV: issue, proposal, procedure,
// voting, actors, status quo, outcome, model, forecast, error, failure), or JSON with both.
std::string write_deu3(const Deu3Data& data, const Deu3Benchmark& result, output::Format format);

}  // namespace entente::evidence
