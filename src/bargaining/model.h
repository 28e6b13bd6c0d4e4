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

#include "core/scenario.h"

namespace entente {

// ---------------------------------------------------------------------------------------
// Parameters

// One declared parameter of a model: its name, its default, and what values it takes.
struct ParamSpec {
  enum class Kind { Choice, Integer, Real };
  std::string name;
  Kind kind = Kind::Choice;
  std::string default_value;         // as written in a spec string
  std::vector<std::string> choices;  // for Kind::Choice, lower case
  double min = 0, max = 0;           // for Integer and Real, inclusive
  std::string help;                  // one line: what it does and where it comes from
};

// A model's parameter values, complete (defaults filled in) and checked against its specs.
class Params {
 public:
  Params() = default;
  Params(std::vector<ParamSpec> specs, std::map<std::string, std::string> values);

  const std::string& choice(const std::string& name) const;
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
  int threads = 1;         // results must not depend on it
};

// What a model returns: every turn's positions, and the forecast outcome per issue.
struct Forecast {
  // history[t][a * D + k]: actor a's position on issue k after turn t, on the input's scale.
  // history[0] is the input.
  std::vector<std::vector<double>> history;
  // The model's single predicted outcome per issue, on the input's scale.
  std::vector<double> outcome;
  std::size_t turns() const { return history.empty() ? 0 : history.size() - 1; }
};

class BargainingModel {
 public:
  virtual ~BargainingModel() = default;


  // Runs the model on a valid scenario. Must be deterministic given (scenario, options.seed),
  // whatever options.threads is. Throws InputError if the scenario breaks a rule of the
  // model itself (e.g. too few actors).
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

struct ModelInfo {
  std::string name;      // what a spec string starts with, e.g. "smp"
  std::string summary;   // one line for `entente models`
  std::string citation;  // the paper (and equations) it implements
  std::vector<ParamSpec> params;
  std::function<std::unique_ptr<BargainingModel>(const Params&)> make;
};

// Registers a model; called from a static registrar in the model's own file.
bool register_model(ModelInfo info);

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
// Throws SpecError naming the model, the parameter and the values it accepts.
std::unique_ptr<BargainingModel> load_model(const std::string& spec);

#define ENTENTE_CONCAT_(a, b) a##b
#define ENTENTE_CONCAT(a, b) ENTENTE_CONCAT_(a, b)
#define ENTENTE_REGISTER_MODEL(...) \
  static const bool ENTENTE_CONCAT(entente_registered_, __LINE__) = \
      ::entente::register_model(__VA_ARGS__)

}  // namespace entente
