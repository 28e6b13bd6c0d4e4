// The one interface every bargaining model implements, and the registry that loads models
// by name from a string with parameters, e.g. "smp(voting=prop,pce=conditional)" or
// "eu(variant=scholz,rounds=10)" (the way OpenSpiel loads games).
//
// To add a model: write one class deriving from BargainingModel in its own .cpp file in
// src/bargaining/, and register it there with ENTENTE_REGISTER_MODEL. Nothing central is
// edited; the CLI, scenario files and `entente models` pick it up by name.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/enum_table.h"
#include "core/scenario.h"

namespace entente {

// ---------------------------------------------------------------------------------------
// Parameters

// One declared parameter of a model, written with designated initializers as OpenSpiel
// writes its game parameters:
//   {.name = "rounds", .kind = Kind::Integer, .default_value = "100", .min = 1, .max = 10000,
//    .help = "maximum number of rounds"}
// An enum-valued parameter takes its choices from the EnumTable that also parses it
// (.choices = kVariants.names()), so what `entente models` lists is what the model accepts.
struct ParamSpec {
  enum class Kind { Choice, Integer, Real };
  // Every member has an initializer, so a spec may leave out those it does not need.
  std::string name{};
  Kind kind = Kind::Choice;
  std::string default_value{};         // as written in a spec string
  std::vector<std::string> choices{};  // for Kind::Choice, lower case
  double min = 0, max = 0;             // for Integer and Real, inclusive
  std::string help{};                  // one line: what it does and where it comes from
};

// The kind's name as front ends show it ("choice", "integer", "real").
inline const char* kind_name(ParamSpec::Kind kind) {
  switch (kind) {
    case ParamSpec::Kind::Choice: return "choice";
    case ParamSpec::Kind::Integer: return "integer";
    case ParamSpec::Kind::Real: return "real";
  }
  return "";
}

// A model's parameter values, complete (defaults filled in) and checked against its specs.
class Params {
 public:
  Params() = default;
  Params(std::vector<ParamSpec> specs, std::map<std::string, std::string> values);

  const std::string& choice(const std::string& name) const;
  // A Choice parameter as the member of its enum, through the table its choices came from.
  template <class E, std::size_t N>
  E choice(const std::string& name, const EnumTable<E, N>& table) const {
    return table.parse(choice(name), name);
  }
  long integer(const std::string& name) const;
  double real(const std::string& name) const;

  // Values in declaration order, as the canonical "name(k=v,...)" string shows them.
  const std::vector<ParamSpec>& specs() const { return specs_; }
  const std::string& raw(const std::string& name) const;

 private:
  std::vector<ParamSpec> specs_;
  std::map<std::string, std::string> values_;
};

// A spec string split into its parts: "eu(variant=scholz, rounds=10)" →
// {"eu", {{"variant","scholz"},{"rounds","10"}}}. Throws SpecError on malformed text.
struct ModelSpec {
  std::string name;
  std::map<std::string, std::string> args;
  static ModelSpec parse(const std::string& text);
};

// ---------------------------------------------------------------------------------------
// Models

struct RunOptions {
  std::uint64_t seed = 0;  // stochastic models draw only from this seed
  int threads = 1;         // at most this many threads; results must not depend on it
};

// What a model returns: every turn's positions, and the forecast outcome per issue.
struct Forecast {
  // history[t][a * D + k]: actor a's position on issue k after turn t (D issues, actors and
  // issues in the scenario's order), on the input's scale: the issue's own units, within
  // [scale_min, scale_max] and within the range of the input positions. history[0] is the
  // input positions, exactly as given.
  std::vector<std::vector<double>> history;
  // The model's single predicted outcome per issue, on the same scale and inside the range
  // of the input positions on that issue.
  std::vector<double> outcome;
  std::size_t turns() const { return history.empty() ? 0 : history.size() - 1; }
};

// A bargaining model: given actors (capabilities, raw and positive, only their ratios
// matter), issues (a position scale each) and every actor's stance on every issue (a
// position on that scale, a salience in [0, 1]), it forecasts how the positions move
// and where each issue ends. The battery (tests/bargaining/battery_test.cpp) checks every
// registered model against this contract.
//
// Concurrency: a model object holds only its parameters and is shared by the threads of a
// sweep, attribution or claims run, each calling forecast() on it at once. forecast() is
// therefore const and must be safe to call concurrently: no mutable members, no shared
// caches (thread_local scratch is fine).
class BargainingModel {
 public:
  virtual ~BargainingModel() = default;

  // Runs the model on a scenario that passed validation (require_valid). Must:
  //  - return history with at least one row (the input) and one outcome per issue, both on
  //    the input's scale (see Forecast);
  //  - be a pure function of (scenario, parameters, options.seed), the same bits for any
  //    options.threads;
  //  - not depend, beyond rounding, on the actors' names or the order they are listed in
  //    (history reordered alike), nor on the unit of capability (all scaled by one factor);
  //  - draw any randomness only from options.seed;
  //  - use at most options.threads threads, through parallel_for (core/parallel.h).
  // Throws InputError if the scenario breaks a rule of the model itself (e.g. too few
  // actors for smp). Thread-safe: may be called concurrently on one object.
  virtual Forecast forecast(const Scenario& scenario, const RunOptions& options) const = 0;

  const std::string& name() const { return name_; }
  const Params& params() const { return params_; }
  // The canonical spec with every parameter spelled out; loading it gives the same model.
  std::string spec() const;

  // Models receive their checked, complete parameters from the registry.
  explicit BargainingModel(Params params) : params_(std::move(params)) {}

 private:
  friend std::unique_ptr<BargainingModel> load_model(const std::string&);
  std::string name_;
  Params params_;
};

// ---------------------------------------------------------------------------------------
// Registry

// A model as the registry knows it, written with designated initializers:
//   ModelInfo{.name = "mean", .summary = "...", .citation = "...", .params = {...},
//             .make = [](const Params& p) { return std::make_unique<WeightedMean>(p); }}
struct ModelInfo {
  std::string name{};      // what a spec string starts with, e.g. "smp": [a-z0-9_-]+
  std::string summary{};   // one line for `entente models`
  std::string citation{};  // the paper (and equations) it implements
  std::vector<ParamSpec> params{};
  // Builds the model from checked, complete parameters. Called by load_model, possibly from
  // several threads at once.
  std::function<std::unique_ptr<BargainingModel>(const Params&)> make{};
};

// Adds a model to the registry. Throws std::logic_error, leaving the registry as it was, if
// the name is already taken, is not a valid spec name, or the parameters are malformed (two
// with one name, a default its own spec rejects, a choice with no choices, no `make`).
// These are mistakes in the code, not in a user's input. Not thread-safe: registration
// happens during static initialisation, before any model is loaded.
void register_model(ModelInfo info);

// What ENTENTE_REGISTER_MODEL calls from a static initialiser: register_model, or, if it
// refuses, a message on stderr and std::abort() — the program must not start with a model
// silently missing or shadowed. Returns true (the value the registrar's static holds).
bool register_model_or_abort(ModelInfo info) noexcept;

// Every registered model, sorted by name.
std::vector<const ModelInfo*> registered_models();

// The model run when neither the command line nor the scenario names one: KTAB's spatial
// model for a one-year forecast; the weighted median, cheap and assumption-light, each year
// of a time-stepped run. The only place either default is spelled.
enum class ScenarioKind { OneYear, TimeStepped };
std::string default_model(ScenarioKind kind);
// The spec to run: the command line's if given, else the scenario's, else the default.
std::string choose_model(const std::string& command_line, const std::string& scenario, ScenarioKind kind);

// Parses a spec string, fills in defaults, checks every value and builds the model.
// Throws SpecError naming the model, the parameter and the values it accepts. Thread-safe.
std::unique_ptr<BargainingModel> load_model(const std::string& spec);

#define ENTENTE_CONCAT_(a, b) a##b
#define ENTENTE_CONCAT(a, b) ENTENTE_CONCAT_(a, b)
#define ENTENTE_REGISTER_MODEL(...) \
  static const bool ENTENTE_CONCAT(entente_registered_, __LINE__) = \
      ::entente::register_model_or_abort(__VA_ARGS__)

}  // namespace entente
