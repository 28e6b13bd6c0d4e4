// sim: time-stepped runs (every named series, year by year), the catalogue of series, and
// sweeps over the uncertain inputs streamed to a folder.
#include <fmt/format.h>

#include <algorithm>

#include "bindings.h"
#include "io/run_io.h"
#include "sim/sweep.h"

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

// ------------------------------------------------------------------- sweep

// A sweep's result with the folder its files went to ("" = none).
struct SweepHandle {
  sim::SweepResult result;
  std::string folder;
};

std::vector<std::string> policies_arg(const py::object& policies) {
  if (policies.is_none()) return {};
  if (py::isinstance<py::str>(policies)) return {policies.cast<std::string>()};
  return policies.cast<std::vector<std::string>>();
}

// The options chosen as `entente sweep` chooses them (cli/sweep_commands.cpp): the seed asked
// for, else the scenario's; the model asked for, else the sweep's own choice (the scenario's,
// else the default); policies and a horizon only for a time-stepped scenario.
SweepHandle sweep(const py::object& scenario, const py::object& folder, std::uint64_t runs, std::uint64_t first,
                  const std::optional<std::uint64_t>& seed, const py::object& model, const py::object& policies,
                  int to_year, bool resume, double checkpoint_seconds, const std::optional<int>& threads) {
  ScenarioPtr h = scenario_arg(scenario);
  if (runs < 1) throw SpecError("runs: at least 1");
  if (checkpoint_seconds < 0 || checkpoint_seconds > 3600) throw SpecError("checkpoint_seconds: 0..3600");
  sim::SweepOptions options;
  options.runs = runs;
  options.first = first;
  options.threads = threads_of(threads);
  options.model = spec_of(model);
  options.policies = policies_arg(policies);
  options.to_year = to_year;
  options.dir = folder.is_none() ? "" : py::str(py::module_::import("os").attr("fspath")(folder)).cast<std::string>();
  options.resume = resume;
  options.checkpoint_seconds = checkpoint_seconds;
  options.scenario_text = h->text;
  if (!options.model.empty()) load_model(options.model);
  SweepHandle out{.result = {}, .folder = options.dir};
  if (const auto* t = std::get_if<sim::TimeScenario>(&h->value)) {
    options.seed = seed ? *seed : t->scenario.seed;
    if (options.to_year > t->horizon_year)
      throw SpecError(fmt::format("to_year {} is past the scenario's horizon ({})", options.to_year, t->horizon_year));
    for (const auto& p : options.policies)
      if (std::none_of(t->policies.begin(), t->policies.end(), [&](const sim::Policy& x) { return x.name == p; }))
        throw SpecError("no policy '" + p + "' in " + h->file);
    py::gil_scoped_release unlocked;
    out.result = sim::sweep_timeline(*t, options);
    return out;
  }
  if (!options.policies.empty()) throw SpecError("policies need a time-stepped scenario");
  if (options.to_year != 0) throw SpecError("to_year needs a time-stepped scenario");
  const Scenario& s = h->scenario();
  options.seed = seed ? *seed : s.seed;
  py::gil_scoped_release unlocked;
  out.result = sim::sweep_forecast(s, options);
  return out;
}

// One series under one policy, indexed by year: mean and the 5/50/95 % quantiles.
py::object bands(const SweepHandle& h, const std::string& series, const std::string& policy) {
  const auto cells = h.result.cells_of(policy, series);
  if (cells.empty()) throw py::key_error("no series '" + series + "' under policy '" + policy + "' in this sweep");
  py::list year, mean, q05, q50, q95;
  for (const auto& c : cells) {
    year.append(c.year);
    mean.append(c.mean);
    q05.append(c.q05);
    q50.append(c.q50);
    q95.append(c.q95);
  }
  py::dict d;
  d["mean"] = mean;
  d["q05"] = q05;
  d["q50"] = q50;
  d["q95"] = q95;
  py::object frame = data_frame(d);
  frame.attr("index") = py::module_::import("pandas").attr("Index")(year, py::arg("name") = "year");
  return frame;
}

}  // namespace

void init_sim(py::module_& m) {
  py::class_<RunResult>(m, "Run", R"doc(
The history of one time-stepped run (entente.run): one value per year for every named series
(strain, net_value.ROK, public_support.US, …; ``entente.series(scenario)`` says what each
measures), the events applied each year, the year the run records the alliance ending (if it
does), and the model spec, every parameter and the seed that made it.
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
                             "The year the run records the alliance ending (sim::Run::retreat_year), or None.")
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

  py::class_<SweepHandle>(m, "Sweep", R"doc(
What entente.sweep returns: the library's SweepResult — per policy, year and series the mean
and the 5/50/95 % quantiles across the runs, per policy the share of runs in which the alliance
ends (retreat.csv) — with the model spec, parameters, seed and run range, and the folder
the runs were streamed to.
)doc")
      .def_property_readonly("kind", [](const SweepHandle& h) { return sim::sweep_kind_name(h.result.kind); },
                             "'timeline' or 'forecast'.")
      .def_property_readonly("model", [](const SweepHandle& h) { return h.result.model; })
      .def_property_readonly("params", [](const SweepHandle& h) { return params_of_spec(h.result.model); })
      .def_property_readonly("seed", [](const SweepHandle& h) { return h.result.seed; })
      .def_property_readonly("first", [](const SweepHandle& h) { return h.result.first; })
      .def_property_readonly("runs", [](const SweepHandle& h) { return h.result.runs; })
      .def_property_readonly("policies", [](const SweepHandle& h) { return h.result.policies; },
                             "The policies run beside the baseline.")
      .def_property_readonly("to_year", [](const SweepHandle& h) { return h.result.to_year; })
      .def_property_readonly("inputs", [](const SweepHandle& h) { return h.result.inputs; },
                             "The drawn uncertain inputs, as runs.csv names its columns.")
      .def_property_readonly("scenario_hash", [](const SweepHandle& h) { return h.result.scenario_hash; })
      .def_property_readonly("folder", [](const SweepHandle& h) { return h.folder.empty() ? py::none() : py::cast(h.folder); })
      .def_property_readonly("summary", [](const SweepHandle& h) { return table_frame(sim::summary_table(h.result)); },
                             "DataFrame, what summary.csv holds: policy, year, series, mean, q05, q50, q95 "
                             "(a one-year scenario's: series, mean, q05, q50, q95).")
      .def_property_readonly("retreat", [](const SweepHandle& h) { return table_frame(sim::retreat_table(h.result)); },
                             "DataFrame, what retreat.csv holds: policy, runs, retreats, probability.")
      .def("bands", &bands, py::arg("series") = "strain", py::arg("policy") = "baseline",
           "One series under one policy, indexed by year: mean, q05, q50, q95.")
      .def(
          "read_runs",
          [](const SweepHandle& h) {
            if (h.folder.empty()) throw SpecError("this sweep wrote no folder: give entente.sweep a folder");
            return py::module_::import("pandas").attr("read_csv")(
                py::module_::import("os.path").attr("join")(h.folder, "runs.csv"));
          },
          "The per-run rows the sweep streamed to runs.csv (one per run and policy), read with pandas.")
      .def("to_json", [](const SweepHandle& h) { return sim::sweep_json(h.result); }, "What sweep.json holds.")
      .def("__repr__", [](const SweepHandle& h) {
        return fmt::format("<entente.Sweep {} runs {}–{} of model {}, seed {}>", sim::sweep_kind_name(h.result.kind),
                           h.result.first, h.result.first + h.result.runs - 1, h.result.model, h.result.seed);
      });

  m.def("sweep", &sweep, py::arg("scenario"), py::arg("folder") = py::none(), py::kw_only(), py::arg("runs") = 1000,
        py::arg("first") = 0, py::arg("seed") = py::none(), py::arg("model") = py::none(),
        py::arg("policies") = py::none(), py::arg("to_year") = 0, py::arg("resume") = false,
        py::arg("checkpoint_seconds") = 2.0, py::arg("threads") = py::none(), R"doc(
Runs the scenario ``runs`` times over its uncertain inputs, as ``entente sweep`` does: run i
draws from stream (seed, i), every policy sees the same draws, and the result is the same on
any number of ``threads`` (default every core). The runs are streamed to ``folder`` as they
finish (runs.csv, then summary.csv, retreat.csv, sweep.json; None = no files); ``resume=True``
continues an interrupted sweep there, and ``first`` starts at another run index (to split a
sweep). Returns the summary as an entente.Sweep. The interpreter's lock is released while it
runs.

Example::

    s = entente.sweep("scenarios/korea.yaml", out / "sweep", runs=50, seed=1, to_year=2015)
    s.bands("strain").loc[2000:2005]
    s.retreat
)doc");

  m.def("series", &series_catalogue, py::arg("scenario"), R"doc(
Every series a run of the time-stepped scenario records, in reporting order, with what it
measures (as ``entente series``): a DataFrame of series, description.

Example::

    entente.series("scenarios/korea.yaml").head(10)
)doc");
}

}  // namespace entente::python
