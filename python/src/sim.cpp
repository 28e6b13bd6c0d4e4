// sim: time-stepped runs (every named series, year by year), the catalogue of series, and
// sweeps over the uncertain inputs streamed to a folder.
#include <fmt/format.h>

#include <algorithm>

#include "bindings.h"
#include "io/run_io.h"

namespace entente::python {

namespace {

std::size_t row_of(const sim::Run& run, int year) {
  const auto it = std::find(run.years.begin(), run.years.end(), year);
  if (it == run.years.end())
    throw py::key_error(fmt::format("year {} is not in this run ({}–{})", year, run.years.front(), run.years.back()));
  return static_cast<std::size_t>(it - run.years.begin());
}

const std::vector<double>& series_of(const sim::Run& run, const std::string& name) {
  const auto it = run.series.find(name);
  if (it == run.series.end()) throw py::key_error("no series '" + name + "' in this run (see run.series_names)");
  return it->second;
}

// [year, series] in reporting order.
py::array_t<double> values(const sim::Run& run) {
  const std::size_t years = run.years.size(), n = run.series_names.size();
  py::array_t<double> out({years, n});
  auto v = out.mutable_unchecked<2>();
  for (std::size_t j = 0; j < n; ++j) {
    const auto& column = run.at(run.series_names[j]);
    for (std::size_t i = 0; i < years; ++i) v(i, j) = column[i];
  }
  return out;
}

// year, series, value: a row per series per year, as `entente run -f csv` writes them.
py::object series_frame(const sim::Run& run) {
  const std::size_t years = run.years.size(), n = run.series_names.size();
  py::array_t<long> year(static_cast<py::ssize_t>(years * n));
  py::array_t<double> value(static_cast<py::ssize_t>(years * n));
  py::list name;
  auto yv = year.mutable_unchecked<1>();
  auto vv = value.mutable_unchecked<1>();
  std::vector<const std::vector<double>*> columns;
  for (const auto& s : run.series_names) columns.push_back(&run.at(s));
  py::ssize_t row = 0;
  for (std::size_t i = 0; i < years; ++i)
    for (std::size_t j = 0; j < n; ++j, ++row) {
      yv(row) = run.years[i];
      name.append(run.series_names[j]);
      vv(row) = (*columns[j])[i];
    }
  py::dict c;
  c["year"] = year;
  c["series"] = name;
  c["value"] = value;
  return data_frame(c);
}

// One row per year, one column per series.
py::object wide_frame(const sim::Run& run) {
  py::dict c;
  for (const auto& s : run.series_names) c[py::str(s)] = array(run.at(s));
  py::object frame = data_frame(c);
  frame.attr("index") = py::module_::import("pandas").attr("Index")(array(run.years), py::arg("name") = "year");
  return frame;
}

py::object events_frame(const sim::Run& run) {
  py::list year, event;
  for (const auto& [y, names] : run.events)
    for (const auto& e : names) {
      year.append(y);
      event.append(e);
    }
  py::dict c;
  c["year"] = year;
  c["event"] = event;
  return data_frame(c);
}

std::string run_text(const RunResult& r, Format format, const std::optional<int>& from, const std::optional<int>& to) {
  const auto& t = r.scenario->timeline("Run");
  return write_run(t, r.run, format, from.value_or(r.run.years.front()), to.value_or(r.run.years.back()));
}

RunResult run(const py::object& scenario, const py::object& model, const std::optional<std::uint64_t>& seed,
              const std::optional<int>& to_year) {
  ScenarioPtr h = scenario_arg(scenario);
  const sim::TimeScenario& t = h->timeline("entente.run");
  const sim::SimOptions options = sim_options(t, model, seed, to_year);
  RunResult out{.run = {}, .scenario = h};
  {
    py::gil_scoped_release unlocked;
    out.run = sim::simulate(t, options);
  }
  return out;
}

py::object series_catalogue(const py::object& scenario) {
  ScenarioPtr h = scenario_arg(scenario);
  const sim::TimeScenario& t = h->timeline("entente.series");
  py::list name, description;
  const sim::Simulation unstarted(t, sim::SimOptions{});  // names its series before any year
  for (const auto& s : unstarted.record().series_names) {
    name.append(s);
    description.append(std::string(sim::describe_series(s)));
  }
  py::dict c;
  c["series"] = name;
  c["description"] = description;
  return data_frame(c);
}

}  // namespace

void init_sim(py::module_& m) {
  py::class_<RunResult>(m, "Run", R"doc(
The history of one time-stepped run (entente.run): one value per year for every named series
(strain, net_value.ROK, public_support.US, …; ``entente.series(scenario)`` says what each
measures), the events applied each year, the year the alliance retreats into history, and the
model spec, every parameter and the seed that made it.
)doc")
      .def_property_readonly("years", [](const RunResult& r) { return array(r.run.years); }, "numpy int array.")
      .def_property_readonly("series_names", [](const RunResult& r) { return r.run.series_names; },
                             "Every series, in reporting order.")
      .def_property_readonly("values", [](const RunResult& r) { return values(r.run); },
                             "numpy array [year, series], columns in series_names order.")
      .def_property_readonly("series", [](const RunResult& r) { return series_frame(r.run); },
                             "DataFrame, tidy long form: year, series, value (a row per series per year).")
      .def_property_readonly("wide", [](const RunResult& r) { return wide_frame(r.run); },
                             "DataFrame indexed by year with one column per series.")
      .def_property_readonly("events", [](const RunResult& r) { return events_frame(r.run); },
                             "DataFrame: year, event (the events applied, in order).")
      .def_property_readonly("retreat_year", [](const RunResult& r) { return r.run.retreat_year; },
                             "The year the alliance retreats into history, or None.")
      .def_property_readonly("model", [](const RunResult& r) { return r.run.model_spec; },
                             "The canonical spec of the bargaining model run each year.")
      .def_property_readonly("params", [](const RunResult& r) { return params_of_spec(r.run.model_spec); },
                             "The bargaining model's parameters.")
      .def_property_readonly("alliance_params",
                             [](const RunResult& r) { return alliance_params(r.scenario->timeline("Run")); },
                             "The alliance model's parameters the run used.")
      .def_property_readonly("seed", [](const RunResult& r) { return r.run.seed; })
      .def_property_readonly("scenario", [](const RunResult& r) { return r.scenario; })
      .def(
          "at", [](const RunResult& r, const std::string& name) { return array(series_of(r.run, name)); },
          py::arg("series"), "One series as a numpy array aligned with years. Also run[series].")
      .def("__getitem__", [](const RunResult& r, const std::string& name) { return array(series_of(r.run, name)); })
      .def(
          "value",
          [](const RunResult& r, const std::string& name, int year) { return series_of(r.run, name)[row_of(r.run, year)]; },
          py::arg("series"), py::arg("year"), "One series in one year.")
      .def(
          "to_json",
          [](const RunResult& r, std::optional<int> from, std::optional<int> to) {
            return run_text(r, Format::Json, from, to);
          },
          py::arg("from_year") = py::none(), py::arg("to_year") = py::none(),
          "The command line's JSON (`entente run -f json`) for the years from_year..to_year.")
      .def(
          "to_csv",
          [](const RunResult& r, std::optional<int> from, std::optional<int> to) {
            return run_text(r, Format::Csv, from, to);
          },
          py::arg("from_year") = py::none(), py::arg("to_year") = py::none(),
          "The command line's tidy CSV (year,series,value).")
      .def("__str__", [](const RunResult& r) { return run_text(r, Format::Table, std::nullopt, std::nullopt); })
      .def("__repr__", [](const RunResult& r) {
        return fmt::format("<entente.Run of '{}' {}–{}: {} series, model {}>", r.scenario->scenario().name,
                           r.run.years.front(), r.run.years.back(), r.run.series_names.size(), r.run.model_spec);
      });

  m.def("run", &run, py::arg("scenario"), py::arg("model") = py::none(), py::kw_only(), py::arg("seed") = py::none(),
        py::arg("to_year") = py::none(), R"doc(
Runs a time-stepped scenario year by year from its start, as ``entente run`` does: each year
its events, the bargaining ``model`` over all actors (a spec or an entente.Model; default: the
scenario's, else median), the alliance and the publics. ``to_year`` past the scenario's end
projects up to its horizon. The interpreter's lock is released while it runs.

Example::

    korea = entente.load("scenarios/korea.yaml")
    run = entente.run(korea)
    run.series.query("series == 'strain'").tail()
    run.wide[["strain", "net_value.ROK"]].loc[1990:2003]
    run.retreat_year
)doc");

  m.def("series", &series_catalogue, py::arg("scenario"), R"doc(
Every series a run of the time-stepped scenario records, in reporting order, with what it
measures (as ``entente series``): a DataFrame of series, description.

Example::

    entente.series("scenarios/korea.yaml").head(10)
)doc");
}

}  // namespace entente::python
