// What the binding areas share: the scenario handle, model and option choices made the way
// the command line makes them, and the conversions to Python values, numpy and pandas.
#include <fmt/format.h>

#include <cmath>
#include <thread>

#include "bindings.h"

namespace entente::python {

const Scenario& ScenarioHandle::scenario() const {
  if (const auto* t = std::get_if<sim::TimeScenario>(&value)) return t->scenario;
  return std::get<Scenario>(value);
}

const sim::TimeScenario& ScenarioHandle::timeline(const char* what) const {
  if (const auto* t = std::get_if<sim::TimeScenario>(&value)) return *t;
  throw SpecError(fmt::format("{}: '{}' is a one-year scenario; {} needs a time-stepped one (a `time:` span)", what,
                              file, what));
}

const Scenario& ScenarioHandle::one_year(const char* what) const {
  if (const auto* s = std::get_if<Scenario>(&value)) return *s;
  throw SpecError(fmt::format("{}: '{}' is a time-stepped scenario; use entente.run, explain, compare or claims", what,
                              file));
}

std::string spec_of(const py::object& model) {
  if (model.is_none()) return "";
  if (py::isinstance<ModelHandle>(model)) return model.cast<const ModelHandle&>().model->spec();
  if (py::isinstance<py::str>(model)) return model.cast<std::string>();
  throw SpecError("model: expected a spec string such as 'smp' or 'eu(rounds=10)', or an entente.Model");
}

py::dict params_dict(const Params& params) {
  py::dict out;
  for (const auto& p : params.specs()) {
    const py::str name(p.name);
    switch (p.kind) {
      case ParamSpec::Kind::Choice: out[name] = params.choice(p.name); break;
      case ParamSpec::Kind::Integer: out[name] = params.integer(p.name); break;
      case ParamSpec::Kind::Real: out[name] = params.real(p.name); break;
    }
  }
  return out;
}

py::dict params_of_spec(const std::string& spec) { return params_dict(load_model(spec)->params()); }

int threads_of(const std::optional<int>& threads) {
  if (threads) {
    if (*threads < 1 || *threads > 1024) throw SpecError(fmt::format("threads: {} is not in 1..1024", *threads));
    return *threads;
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

sim::SimOptions sim_options(const sim::TimeScenario& t, const py::object& model, const std::optional<std::uint64_t>& seed,
                            const std::optional<int>& to_year) {
  sim::SimOptions options;
  options.model = choose_model(spec_of(model), t.scenario.model, ScenarioKind::TimeStepped);
  options.seed = seed ? *seed : t.scenario.seed;
  options.threads = 1;  // the yearly bargaining is small; analyses spread whole runs instead
  options.to_year = to_year && *to_year > 0 ? *to_year : t.end_year;
  if (options.to_year < t.start_year)
    throw SpecError(fmt::format("to_year {} is before the scenario starts ({})", options.to_year, t.start_year));
  if (options.to_year > t.horizon_year)
    throw SpecError(fmt::format("to_year {} is past the scenario's horizon ({}; set time.horizon to project further)",
                                options.to_year, t.horizon_year));
  load_model(options.model);  // a bad spec is reported before any work
  return options;
}

py::object data_frame(const py::dict& columns) { return py::module_::import("pandas").attr("DataFrame")(columns); }

py::object table_frame(const output::Table& table) {
  std::vector<py::list> columns(table.columns.size());
  for (const auto& row : table.rows)
    for (std::size_t j = 0; j < row.size(); ++j)
      std::visit([&](const auto& v) {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
          columns[j].append(py::none());
        else
          columns[j].append(v);
      }, row[j]);
  py::dict c;
  for (std::size_t j = 0; j < columns.size(); ++j) c[py::str(table.columns[j])] = columns[j];
  return data_frame(c);
}

namespace {

bool empty_cell(const py::handle& v) {
  return v.is_none() || (py::isinstance<py::float_>(v) && std::isnan(v.cast<double>()));
}

}  // namespace

py::list records(const py::object& rows) {
  py::list out;
  if (rows.is_none()) return out;
  py::object list = rows;
  if (py::hasattr(rows, "to_dict") && !py::isinstance<py::dict>(rows)) {
    list = rows.attr("to_dict")("records");
  } else if (py::isinstance<py::dict>(rows)) {  // {name: {field: value}} → [{name, field: value}]
    py::list named;
    for (const auto& [name, fields] : rows.cast<py::dict>()) {
      py::dict row;
      row["name"] = name;
      if (!py::isinstance<py::dict>(fields)) throw SpecError("expected {name: {field: value, …}}");
      for (const auto& [k, v] : fields.cast<py::dict>()) row[k] = v;
      named.append(row);
    }
    list = named;
  }
  for (const auto& row : list) {
    if (!py::isinstance<py::dict>(row)) throw SpecError("expected a DataFrame, a list of dicts or a dict of dicts");
    py::dict kept;
    for (const auto& [k, v] : row.cast<py::dict>())
      if (!empty_cell(v)) kept[k] = v;
    out.append(kept);
  }
  return out;
}

}  // namespace entente::python
