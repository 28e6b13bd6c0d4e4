// bargaining: the model catalogue with every parameter, models loaded by spec string, and
// one-year forecasts with their whole history.
#include <fmt/format.h>

#include "bindings.h"
#include "io/forecast_io.h"

namespace entente::python {

namespace {

// A declared value (a default) as the Python value the parameter takes.
py::object typed(const ParamSpec& p, const std::string& text) {
  switch (p.kind) {
    case ParamSpec::Kind::Choice: return py::str(text);
    case ParamSpec::Kind::Integer: return py::int_(std::stol(text));
    case ParamSpec::Kind::Real: return py::float_(std::stod(text));
  }
  return py::none();
}

py::object bound(const ParamSpec& p, double value) {
  switch (p.kind) {
    case ParamSpec::Kind::Choice: return py::none();
    case ParamSpec::Kind::Integer: return py::int_(static_cast<long>(value));
    case ParamSpec::Kind::Real: return py::float_(value);
  }
  return py::none();
}

// Every parameter of the given models, one row each.
py::object parameters_frame(const std::vector<const ModelInfo*>& models) {
  py::list model, name, kind, def, lo, hi, choices, help;
  for (const ModelInfo* m : models)
    for (const auto& p : m->params) {
      model.append(m->name);
      name.append(p.name);
      kind.append(kind_name(p.kind));
      def.append(typed(p, p.default_value));
      lo.append(bound(p, p.min));
      hi.append(bound(p, p.max));
      choices.append(py::cast(p.choices));
      help.append(p.help);
    }
  py::dict c;
  c["model"] = model;
  c["parameter"] = name;
  c["kind"] = kind;
  c["default"] = def;
  c["min"] = lo;
  c["max"] = hi;
  c["choices"] = choices;
  c["help"] = help;
  return data_frame(c);
}

const ModelInfo& info_of(const std::string& name) {
  for (const ModelInfo* m : registered_models())
    if (m->name == name) return *m;
  throw SpecError("no model '" + name + "'");
}

// A forecast with what produced it: the library's record (scenario, canonical spec, seed,
// history) and the scenario handle it ran on.
struct ForecastResult {
  ForecastRecord record;
  ScenarioPtr scenario;
};

py::array_t<double> positions(const ForecastRecord& r) {
  const std::size_t turns = r.forecast.history.size(), n = r.scenario.num_actors(), d = r.scenario.num_issues();
  py::array_t<double> out({turns, n, d});
  auto v = out.mutable_unchecked<3>();
  for (std::size_t t = 0; t < turns; ++t)
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t k = 0; k < d; ++k) v(t, a, k) = r.forecast.history[t][a * d + k];
  return out;
}

py::object history_frame(const ForecastRecord& r) {
  const std::size_t turns = r.forecast.history.size(), n = r.scenario.num_actors(), d = r.scenario.num_issues();
  py::array_t<long> turn(static_cast<py::ssize_t>(turns * n * d));
  py::array_t<double> position(static_cast<py::ssize_t>(turns * n * d));
  py::list actor, issue;
  auto tv = turn.mutable_unchecked<1>();
  auto pv = position.mutable_unchecked<1>();
  py::ssize_t row = 0;
  for (std::size_t t = 0; t < turns; ++t)
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t k = 0; k < d; ++k, ++row) {
        tv(row) = static_cast<long>(t);
        actor.append(r.scenario.actors[a].name);
        issue.append(r.scenario.issues[k].name);
        pv(row) = r.forecast.history[t][a * d + k];
      }
  py::dict c;
  c["turn"] = turn;
  c["actor"] = actor;
  c["issue"] = issue;
  c["position"] = position;
  return data_frame(c);
}

ForecastResult forecast(const py::object& scenario, const py::object& model, const std::optional<std::uint64_t>& seed,
                        const std::optional<int>& threads) {
  ScenarioPtr h = scenario_arg(scenario);
  const Scenario& s = h->one_year("entente.forecast");
  std::shared_ptr<const BargainingModel> m;
  if (py::isinstance<ModelHandle>(model))
    m = model.cast<const ModelHandle&>().model;
  else
    m = load_model(choose_model(spec_of(model), s.model, ScenarioKind::OneYear));
  ForecastResult out{.record = {}, .scenario = h};
  out.record.seed = seed ? *seed : s.seed;
  out.record.model_spec = m->spec();
  const RunOptions options{out.record.seed, threads_of(threads)};
  {
    py::gil_scoped_release unlocked;
    out.record.forecast = m->forecast(s, options);
  }
  out.record.scenario = s;
  return out;
}

std::vector<std::string> names_of(const auto& items) {
  std::vector<std::string> out;
  for (const auto& x : items) out.push_back(x.name);
  return out;
}

}  // namespace

void init_bargaining(py::module_& m) {
  py::class_<ParamSpec>(m, "Parameter", "One declared parameter of a model: its kind, default and range.")
      .def_readonly("name", &ParamSpec::name)
      .def_property_readonly("kind", [](const ParamSpec& p) { return kind_name(p.kind); },
                             "'choice', 'integer' or 'real'.")
      .def_property_readonly("default", [](const ParamSpec& p) { return typed(p, p.default_value); })
      .def_readonly("choices", &ParamSpec::choices, "The values a choice accepts (empty for numbers).")
      .def_property_readonly("min", [](const ParamSpec& p) { return bound(p, p.min); }, "Inclusive; None for a choice.")
      .def_property_readonly("max", [](const ParamSpec& p) { return bound(p, p.max); }, "Inclusive; None for a choice.")
      .def_readonly("help", &ParamSpec::help)
      .def("__repr__", [](const ParamSpec& p) {
        return fmt::format("<entente.Parameter {}: {} = {}>", p.name, kind_name(p.kind), p.default_value);
      });

  py::class_<ModelInfo>(m, "ModelInfo", "A registered bargaining model: name, summary, citation, parameters.")
      .def_readonly("name", &ModelInfo::name)
      .def_readonly("summary", &ModelInfo::summary)
      .def_readonly("citation", &ModelInfo::citation, "The paper (and equations) the model implements.")
      .def_readonly("params", &ModelInfo::params, "Every parameter, as entente.Parameter, in declaration order.")
      .def_property_readonly("parameters", [](const ModelInfo& info) { return parameters_frame({&info}); },
                             "The parameters as a DataFrame: model, parameter, kind, default, min, max, choices, help.")
      .def("__repr__", [](const ModelInfo& info) { return "<entente.ModelInfo " + info.name + ">"; });

  m.def(
      "models", [] { return registered_models(); }, py::return_value_policy::reference, R"doc(
Every registered bargaining model, sorted by name, each with its summary, its citation and
every parameter with its default and range (``ModelInfo.params``, or ``.parameters`` as a
DataFrame). ``entente.model_parameters()`` gives all of them in one DataFrame.

Example::

    for info in entente.models():
        print(info.name, "-", info.summary)
    [p.name for p in entente.models()[0].params]
)doc");

  m.def(
      "model_parameters", [] { return parameters_frame(registered_models()); }, R"doc(
Every parameter of every model in one DataFrame: model, parameter, kind, default, min, max,
choices, help.

Example::

    p = entente.model_parameters()
    p[p.model == "eu"][["parameter", "default", "min", "max"]]
)doc");

  py::class_<ModelHandle>(m, "Model", R"doc(
A bargaining model loaded from a spec string (``entente.model``), with every parameter filled
in and checked. Pass it to ``entente.forecast`` or ``entente.run`` as ``model=``.
)doc")
      .def_property_readonly("name", [](const ModelHandle& h) { return h.model->name(); })
      .def_property_readonly("spec", [](const ModelHandle& h) { return h.model->spec(); },
                             "The canonical spec with every parameter spelled out; loading it gives the same model.")
      .def_property_readonly("params", [](const ModelHandle& h) { return params_dict(h.model->params()); },
                             "Every parameter's value, defaults included, in declaration order.")
      .def_property_readonly("info", [](const ModelHandle& h) { return &info_of(h.model->name()); },
                             py::return_value_policy::reference, "The model's entry in entente.models().")
      .def("__repr__", [](const ModelHandle& h) { return "<entente.Model " + h.model->spec() + ">"; });

  m.def(
      "model", [](const std::string& spec) { return ModelHandle{load_model(spec)}; }, py::arg("spec"), R"doc(
Loads a model by spec string, ``name(param=value, …)``: defaults are filled in and every value
is checked against the model's declaration (raising SpecError naming the model, the parameter
and what it accepts).

Example::

    eu = entente.model("eu(variant=scholz, rounds=10)")
    eu.spec      # every parameter spelled out
    eu.params["rounds"]   # 10
)doc");

  py::class_<ForecastResult>(m, "Forecast", R"doc(
A one-year forecast (entente.forecast): every actor's position after every turn and the
predicted outcome per issue, with the model spec, every parameter and the seed that made it.
)doc")
      .def_property_readonly("model", [](const ForecastResult& f) { return f.record.model_spec; },
                             "The canonical model spec, every parameter spelled out.")
      .def_property_readonly("params", [](const ForecastResult& f) { return params_of_spec(f.record.model_spec); })
      .def_property_readonly("seed", [](const ForecastResult& f) { return f.record.seed; })
      .def_property_readonly("scenario", [](const ForecastResult& f) { return f.scenario; })
      .def_property_readonly("turns", [](const ForecastResult& f) { return f.record.forecast.turns(); })
      .def_property_readonly("actors", [](const ForecastResult& f) { return names_of(f.record.scenario.actors); })
      .def_property_readonly("issues", [](const ForecastResult& f) { return names_of(f.record.scenario.issues); })
      .def_property_readonly("outcome", [](const ForecastResult& f) { return array(f.record.forecast.outcome); },
                             "numpy array: the predicted outcome per issue, on the issue's scale.")
      .def_property_readonly(
          "outcomes",
          [](const ForecastResult& f) {
            py::dict c;
            c["issue"] = names_of(f.record.scenario.issues);
            c["outcome"] = array(f.record.forecast.outcome);
            return data_frame(c);
          },
          "DataFrame: issue, outcome.")
      .def_property_readonly("positions", [](const ForecastResult& f) { return positions(f.record); },
                             "numpy array [turn, actor, issue]; turn 0 is the input.")
      .def_property_readonly("history", [](const ForecastResult& f) { return history_frame(f.record); },
                             "DataFrame, long form: turn, actor, issue, position (turn 0 is the input).")
      .def(
          "to_json", [](const ForecastResult& f) { return write_forecast(f.record, Format::Json); },
          "The command line's JSON (`entente forecast -f json`): input, model, seed and history; "
          "entente.load() of a file holding it reruns the forecast.")
      .def(
          "to_csv", [](const ForecastResult& f) { return write_forecast(f.record, Format::Csv); },
          "The command line's tidy CSV: kind,turn,actor,issue,value.")
      .def("__str__", [](const ForecastResult& f) { return write_forecast(f.record, Format::Table); })
      .def("__repr__", [](const ForecastResult& f) {
        return fmt::format("<entente.Forecast {} of '{}': {} turns>", f.record.model_spec, f.record.scenario.name,
                           f.record.forecast.turns());
      });

  m.def("forecast", &forecast, py::arg("scenario"), py::arg("model") = py::none(), py::kw_only(),
        py::arg("seed") = py::none(), py::arg("threads") = py::none(), R"doc(
Forecasts where bargaining over each issue of a one-year scenario lands, as ``entente
forecast`` does: ``model`` (a spec string or an entente.Model; default: the scenario's, else
smp), ``seed`` (default: the scenario's), ``threads`` (default: every core; the result is the
same for any count). The interpreter's lock is released while the model runs.

Example::

    ktab = entente.load("tests/data/reference/ktab/SOE-Pol-Comp.csv")
    f = entente.forecast(ktab, "smp", seed=0)
    f.outcomes            # issue, outcome
    f.history.query("turn == @f.turns")   # the last turn's positions
)doc");
}

}  // namespace entente::python
