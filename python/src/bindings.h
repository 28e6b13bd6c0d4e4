// The Python module `entente`: one binding file per area of the library, joined in
// module.cpp (the layout OpenSpiel's pyspiel uses). This header declares each area's init
// function and what the areas share: the scenario handle every function takes, the result
// holders, and the few conversions to numpy and pandas.
//
// Results stay the library's typed structs (Forecast, sim::Run, analysis::Attribution, …);
// numpy arrays and pandas DataFrames are made from them only when Python asks, so a call's
// cost is the library's own plus one move.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "bargaining/model.h"
#include "output/table.h"
#include "core/scenario.h"
#include "sim/simulation.h"
#include "sim/timeline.h"

namespace entente::python {

namespace py = pybind11;

// Each area adds its classes and functions to the module, in this order (later areas use the
// classes of earlier ones in their signatures).
void init_core_io(py::module_& m);     // errors, Scenario, load
void init_bargaining(py::module_& m);  // models, Model, forecast
void init_sim(py::module_& m);         // Run, run, sweep
void init_analysis(py::module_& m);    // explain, compare, claims
void init_evidence(py::module_& m);    // calibrate, backtest, Scenario.with_posterior

// ---------------------------------------------------------------------------------------
// The scenario every function takes: a one-year Scenario or a time-stepped TimeScenario,
// immutable once built, with the bytes it was read from (a sweep hashes them into sweep.json
// as the command line does).
struct ScenarioHandle {
  std::variant<Scenario, sim::TimeScenario> value;
  std::string file;  // as given to load(), or "<python>" for a scenario built in Python
  std::string text;  // the file's bytes, or the document built in Python

  bool time_stepped() const { return std::holds_alternative<sim::TimeScenario>(value); }
  const Scenario& scenario() const;  // the one-year scenario, or the start of a time-stepped one
  // The time-stepped scenario; throws SpecError naming `what` when this one is one-year.
  const sim::TimeScenario& timeline(const char* what) const;
  // The one-year scenario; throws SpecError naming `what` when this one is time-stepped.
  const Scenario& one_year(const char* what) const;
};
using ScenarioPtr = std::shared_ptr<ScenarioHandle>;  // never changed once built

// A scenario argument: an entente.Scenario, or a path (str or os.PathLike) to load.
ScenarioPtr scenario_arg(const py::object& scenario);
// Reads any input format (entente.load).
ScenarioPtr load_path(const std::string& path);
// The alliance model's parameters of a time-stepped scenario, by name.
py::dict alliance_params(const sim::TimeScenario& t);

// A model loaded from a spec string, shared by every forecast or run that uses it.
struct ModelHandle {
  std::shared_ptr<const BargainingModel> model;
};

// The model a call asked for: None, a spec string or a Model; "" for None.
std::string spec_of(const py::object& model);

// A model's parameters as a dict of Python values (int, float or str) in declaration order.
py::dict params_dict(const Params& params);
// The same for a canonical spec string.
py::dict params_of_spec(const std::string& spec);

// The threads a call spreads its work over: the caller's count, else every core.
int threads_of(const std::optional<int>& threads);

// The options of a time-stepped run, chosen as the command line chooses them
// (cli::sim_options): the model asked for, else the scenario's, else the default; the seed
// asked for, else the scenario's; to_year, else the scenario's end. Throws SpecError on a
// year out of the scenario's span or a bad spec.
sim::SimOptions sim_options(const sim::TimeScenario& t, const py::object& model, const std::optional<std::uint64_t>& seed,
                            const std::optional<int>& to_year);

// ---------------------------------------------------------------------------------------
// One time-stepped run with what produced it, shared by run(), compare() and the sweep.
struct RunResult {
  sim::Run run;
  ScenarioPtr scenario;
};

// ---------------------------------------------------------------------------------------
// Conversions

// pandas.DataFrame(columns), pandas imported on first use (so `import entente` does not pay
// for it and numpy-only use needs no pandas).
py::object data_frame(const py::dict& columns);

// A tidy table of the output layer as a DataFrame, column for column (a missing cell is None).
py::object table_frame(const output::Table& table);

template <class T>
py::array_t<T> array(const std::vector<T>& values) {
  return py::array_t<T>(static_cast<py::ssize_t>(values.size()), values.data());
}

// A table or list of rows given by Python — a pandas DataFrame, a list of dicts, or None —
// as a list of dicts, dropping cells that are None or NaN (a DataFrame's empty cells).
py::list records(const py::object& rows);

}  // namespace entente::python
