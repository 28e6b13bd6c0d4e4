// core and io: errors as Python exceptions with their place, the Scenario (read from any
// input format, or built in Python from dicts and DataFrames), and load().
#include <fmt/format.h>

#include <filesystem>

#include "alliance/alliance.h"
#include "bindings.h"
#include "io/files.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"

namespace entente::python {

namespace {

constexpr const char* kPythonFile = "<python>";

// The exception types, made once when the module is imported and alive as long as it is.
py::handle input_error_type, spec_error_type, diagnostic_type;

void register_errors(py::module_& m) {
  auto base = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
      "entente.Error", "What Entente raises for a user's mistake: InputError or SpecError.", PyExc_ValueError,
      nullptr));
  m.attr("Error") = base;
  input_error_type = py::exception<InputError>(m, "InputError", base.ptr()).release();
  input_error_type.attr("__doc__") =
      "An input that cannot be used: every problem found, each with its place.\n\n"
      "``diagnostics`` is a list of ``Diagnostic(file, line, field, message)`` (line 0 = no line, as\n"
      "for a scenario built in Python, where the field names the place).\n\n"
      "Example::\n\n"
      "    try:\n"
      "        entente.load('broken.yaml')\n"
      "    except entente.InputError as e:\n"
      "        for d in e.diagnostics:\n"
      "            print(d.file, d.line, d.field, d.message)\n";
  input_error_type.attr("diagnostics") = py::list();
  spec_error_type = py::exception<SpecError>(m, "SpecError", base.ptr()).release();
  spec_error_type.attr("__doc__") =
      "A model spec, parameter or option that cannot be used (unknown model, value out of range,\n"
      "a year outside the scenario).\n\n"
      "Example::\n\n"
      "    try:\n"
      "        entente.model('eu(rounds=0)')\n"
      "    except entente.SpecError as e:\n"
      "        print(e)\n";
  diagnostic_type = py::module_::import("collections")
                        .attr("namedtuple")("Diagnostic", py::make_tuple("file", "line", "field", "message"))
                        .release();
  diagnostic_type.attr("__module__") = "entente";
  diagnostic_type.attr("__doc__") = "One problem in an input: file, line (1-based; 0 = none), field, message.";
  m.attr("Diagnostic") = diagnostic_type;

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      py::list diagnostics;
      for (const auto& d : e.diagnostics()) diagnostics.append(diagnostic_type(d.file, d.line, d.field, d.message));
      py::object error = input_error_type(e.what());
      error.attr("diagnostics") = diagnostics;
      PyErr_SetObject(input_error_type.ptr(), error.ptr());
    } catch (const SpecError& e) {
      PyErr_SetString(spec_error_type.ptr(), e.what());
    }
  });
}

// ------------------------------------------------------------------- building in Python

// numpy scalars and arrays as the plain values json.dumps writes.
py::object plain(const py::handle& value) {
  if (py::hasattr(value, "tolist")) return value.attr("tolist")();
  if (py::hasattr(value, "item")) return value.attr("item")();
  throw SpecError(fmt::format("cannot use a {} in a scenario", py::str(value.get_type().attr("__name__")).cast<std::string>()));
}

// Long-form stances (actor or holder, issue, position, salience 0..100, reason) into each
// issue's `stances` table, the file's shape.
void merge_stances(py::list& issues, const py::list& stances) {
  for (const auto& row : stances) {
    auto cells = row.cast<py::dict>();
    const char* who_key = cells.contains("actor") ? "actor" : "holder";
    if (!cells.contains(who_key) || !cells.contains("issue"))
      throw InputError(kPythonFile, 0, "stances", "each stance needs an actor (or holder) and an issue");
    const py::object who = cells[who_key], issue = cells["issue"];
    py::dict stance;
    for (const auto& [k, v] : cells)
      if (k.cast<std::string>() != who_key && k.cast<std::string>() != "issue") stance[k] = v;
    bool found = false;
    for (const auto& item : issues) {
      auto i = item.cast<py::dict>();
      if (!i.contains("name") || !py::object(i["name"]).equal(issue)) continue;
      if (!i.contains("stances")) i["stances"] = py::dict();
      i["stances"][who] = stance;
      found = true;
    }
    if (!found)
      throw InputError(kPythonFile, 0, "stances." + py::str(issue).cast<std::string>(),
                       "unknown issue '" + py::str(issue).cast<std::string>() + "'");
  }
}

// An issue's scale may be given as two columns, scale_min and scale_max.
void scale_columns(py::list& issues) {
  for (const auto& item : issues) {
    auto i = item.cast<py::dict>();
    if (!i.contains("scale_min") && !i.contains("scale_max")) continue;
    const py::object lo = i.contains("scale_min") ? py::object(i.attr("pop")("scale_min")) : py::object(py::int_(0));
    const py::object hi = i.contains("scale_max") ? py::object(i.attr("pop")("scale_max")) : py::object(py::int_(100));
    i["scale"] = py::make_tuple(lo, hi);
  }
}

// A scenario document in the file's shape, read by the file's own reader (JSON is YAML), so a
// scenario built in Python meets every check a file meets. The document's line numbers mean
// nothing to its author, so diagnostics keep only the field.
std::shared_ptr<ScenarioHandle> from_document(py::dict doc, const py::object& base) {
  for (const char* key : {"actors", "issues", "events", "policies", "claims", "uncertain"})
    if (doc.contains(key)) doc[key] = records(doc[key]);
  if (doc.contains("stances")) {
    py::list issues = doc.contains("issues") ? py::list(doc["issues"]) : py::list();
    merge_stances(issues, records(doc.attr("pop")("stances")));
    doc["issues"] = issues;
  }
  if (doc.contains("issues")) {
    py::list issues = doc["issues"];
    scale_columns(issues);
  }
  const std::string file =
      base.is_none() ? kPythonFile
                     : (std::filesystem::path(py::str(py::module_::import("os").attr("fspath")(base)).cast<std::string>()) /
                        kPythonFile)
                           .string();
  auto handle = std::make_shared<ScenarioHandle>();
  handle->file = file;
  handle->text = py::module_::import("json")
                     .attr("dumps")(doc, py::arg("ensure_ascii") = false, py::arg("indent") = 1,
                                    py::arg("default") = py::cpp_function(plain))
                     .cast<std::string>();
  try {
    if (doc.contains("time"))
      handle->value = read_timeline(handle->text, file);
    else
      handle->value = read_yaml_scenario(handle->text, file);
  } catch (const InputError& e) {
    std::vector<Diagnostic> placed = e.diagnostics();
    for (auto& d : placed)
      if (d.file == file) d.line = 0;
    throw InputError(std::move(placed));
  }
  return handle;
}

std::shared_ptr<ScenarioHandle> build(const py::object& actors, const py::object& issues, const py::object& stances,
                                      const py::kwargs& sections) {
  py::dict doc;
  py::object base = py::none();
  for (const auto& [k, v] : sections) {
    if (k.cast<std::string>() == "base") base = py::reinterpret_borrow<py::object>(v);
    else doc[k] = v;
  }
  if (!doc.contains("name")) doc["name"] = "scenario";
  doc["actors"] = actors;
  doc["issues"] = issues;
  if (!stances.is_none()) doc["stances"] = stances;
  return from_document(doc, base);
}

// ------------------------------------------------------------------- reading a scenario

}  // namespace

py::dict alliance_params(const sim::TimeScenario& t) {
  py::dict out;
  for (const auto& p : alliance::parameter_table()) out[py::str(p.name)] = t.params.*p.field;
  out["retreat_years"] = t.params.retreat_years;
  return out;
}

namespace {

py::object actors_frame(const Scenario& s) {
  py::list name, description, capability;
  for (const auto& a : s.actors) {
    name.append(a.name);
    description.append(a.description);
    capability.append(a.capability);
  }
  py::dict c;
  c["name"] = name;
  c["description"] = description;
  c["capability"] = capability;
  return data_frame(c);
}

py::object issues_frame(const Scenario& s) {
  py::list name, description, lo, hi, low, high;
  for (const auto& i : s.issues) {
    name.append(i.name);
    description.append(i.description);
    lo.append(i.scale_min);
    hi.append(i.scale_max);
    low.append(i.low_pole);
    high.append(i.high_pole);
  }
  py::dict c;
  c["name"] = name;
  c["description"] = description;
  c["scale_min"] = lo;
  c["scale_max"] = hi;
  c["low"] = low;
  c["high"] = high;
  return data_frame(c);
}

// Every holder's stance (a time-stepped scenario's factions after its actors), salience on the
// files' 0..100 scale.
py::object stances_frame(const ScenarioHandle& h) {
  const Scenario& s = h.scenario();
  std::vector<std::string> holders;
  for (const auto& a : s.actors) holders.push_back(a.name);
  const std::vector<Stance>* stances = &s.stances;
  if (const auto* t = std::get_if<sim::TimeScenario>(&h.value)) {
    for (const auto& f : t->factions) holders.push_back(f.name);
    stances = &t->holder_stances;
  }
  py::list actor, issue, position, salience;
  for (std::size_t a = 0; a < holders.size(); ++a)
    for (std::size_t k = 0; k < s.num_issues(); ++k) {
      const Stance& st = (*stances)[a * s.num_issues() + k];
      actor.append(holders[a]);
      issue.append(s.issues[k].name);
      position.append(st.position);
      salience.append(st.salience * 100);
    }
  py::dict c;
  c["actor"] = actor;
  c["issue"] = issue;
  c["position"] = position;
  c["salience"] = salience;
  return data_frame(c);
}

py::object events_frame(const sim::TimeScenario& t) {
  py::list year, date, name, tags, source;
  for (const auto& e : t.events) {
    year.append(e.year);
    date.append(e.date);
    name.append(e.name);
    tags.append(py::cast(e.tags));
    source.append(e.source);
  }
  py::dict c;
  c["year"] = year;
  c["date"] = date;
  c["name"] = name;
  c["tags"] = tags;
  c["source"] = source;
  return data_frame(c);
}

std::string describe(const ScenarioHandle& h) {
  const Scenario& s = h.scenario();
  if (const auto* t = std::get_if<sim::TimeScenario>(&h.value))
    return fmt::format("<entente.Scenario '{}': time-stepped {}–{} (horizon {}), {} actors, {} issues, {} events>",
                       s.name, t->start_year, t->end_year, t->horizon_year, s.num_actors(), s.num_issues(),
                       t->events.size());
  return fmt::format("<entente.Scenario '{}': one year, {} actors, {} issues>", s.name, s.num_actors(), s.num_issues());
}

// The time-stepped part of a scenario, or None for a one-year one.
template <class F>
auto when_timeline(F f) {
  return [f](const ScenarioHandle& h) -> py::object {
    const auto* t = std::get_if<sim::TimeScenario>(&h.value);
    if (!t) return py::none();
    if constexpr (std::is_base_of_v<py::object, decltype(f(*t))>)
      return f(*t);
    else
      return py::cast(f(*t));
  };
}

}  // namespace

std::shared_ptr<ScenarioHandle> load_path(const std::string& path) {
  auto handle = std::make_shared<ScenarioHandle>();
  handle->file = path;
  handle->text = read_file(path);
  if (is_timeline(handle->text))
    handle->value = read_timeline(handle->text, path);
  else
    handle->value = load_scenario(path);
  return handle;
}

std::shared_ptr<ScenarioHandle> scenario_arg(const py::object& scenario) {
  if (py::isinstance<ScenarioHandle>(scenario)) return scenario.cast<std::shared_ptr<ScenarioHandle>>();
  if (py::isinstance<py::str>(scenario) || py::hasattr(scenario, "__fspath__"))
    return load_path(py::str(py::module_::import("os").attr("fspath")(scenario)).cast<std::string>());
  throw SpecError("scenario: expected an entente.Scenario or a path to a scenario file");
}

void init_core_io(py::module_& m) {
  register_errors(m);

  py::class_<ScenarioHandle, std::shared_ptr<ScenarioHandle>>(m, "Scenario", R"doc(
A scenario: actors, the issues they bargain over and each actor's stance on each, for one year
or (with a `time:` span) through the years with data series, an alliance and dated events.
Immutable. Read one with ``entente.load(path)`` or build one here from DataFrames or dicts:

- ``actors``: rows of ``name``, ``capability`` [, ``description``] (a DataFrame, a list of
  dicts, or ``{name: {field: value}}``);
- ``issues``: rows of ``name`` [, ``low``, ``high``, ``description``, ``scale_min``, ``scale_max``
  (default 0..100), and for a time-stepped scenario ``role``, ``owner``];
- ``stances``: long form, rows of ``actor``, ``issue``, ``position``, ``salience`` (0..100, an
  actor's total at most 100, as in files) [, ``reason``];
- keyword sections, each in the file format's shape (docs/scenario-format.md,
  docs/timeline-format.md): ``name``, ``description``, ``model``, ``seed``, ``uncertain``, and for
  a time-stepped scenario ``time``, ``series``, ``alliance``, ``events`` (a DataFrame or list of
  dicts: name, date, tags, source, set), ``policies``, ``claims``; ``base`` is the folder data
  files are found in.

The scenario passes every check a file passes; problems raise ``entente.InputError`` naming
each field.

Example::

    import pandas as pd
    s = entente.Scenario(
        actors=pd.DataFrame({"name": ["A", "B", "C"], "capability": [1.0, 2.0, 3.0]}),
        issues=[{"name": "tax", "low": "none", "high": "high"}],
        stances=pd.DataFrame({"actor": ["A", "B", "C"], "issue": "tax",
                              "position": [10, 50, 90], "salience": [50, 60, 70]}),
        name="toy")
    entente.forecast(s, model="mean").outcome   # array([60.])
)doc")
      .def(py::init(&build), py::arg("actors"), py::arg("issues"), py::arg("stances") = py::none())
      .def_static(
          "from_dict", [](const py::dict& doc, const py::object& base) { return from_document(py::dict(doc), base); },
          py::arg("doc"), py::arg("base") = py::none(), R"doc(
A scenario from a whole document in the file format's shape (what a YAML file holds), with
DataFrames allowed for its lists and a long-form ``stances`` table allowed beside ``issues``.
``base``: the folder its data files (``series:``) are found in.

Example::

    s = entente.Scenario.from_dict({
        "name": "toy",
        "actors": [{"name": "A", "capability": 1}, {"name": "B", "capability": 2}],
        "issues": [{"name": "tax", "stances": {"A": {"position": 0, "salience": 50},
                                                "B": {"position": 100, "salience": 50}}}]})
    s.actors
)doc")
      .def_property_readonly("name", [](const ScenarioHandle& h) { return h.scenario().name; })
      .def_property_readonly("description", [](const ScenarioHandle& h) { return h.scenario().description; })
      .def_property_readonly(
          "kind", [](const ScenarioHandle& h) { return h.time_stepped() ? "time-stepped" : "one-year"; },
          "'one-year' (entente.forecast) or 'time-stepped' (entente.run, explain, compare, claims).")
      .def_property_readonly("file", [](const ScenarioHandle& h) { return h.file; }, "The file read, or '<python>'.")
      .def_property_readonly("source", [](const ScenarioHandle& h) { return h.text; },
                             "The text it was read from: the file's bytes, or the document built in Python.")
      .def_property_readonly("model", [](const ScenarioHandle& h) { return h.scenario().model; },
                             "The model spec the scenario asks for ('' = the default).")
      .def_property_readonly("seed", [](const ScenarioHandle& h) { return h.scenario().seed; })
      .def_property_readonly("actors", [](const ScenarioHandle& h) { return actors_frame(h.scenario()); },
                             "DataFrame: name, description, capability (at the start for a time-stepped scenario).")
      .def_property_readonly("issues", [](const ScenarioHandle& h) { return issues_frame(h.scenario()); },
                             "DataFrame: name, description, scale_min, scale_max, low, high.")
      .def_property_readonly("stances", &stances_frame,
                             "DataFrame, long form: actor, issue, position, salience (0..100); a time-stepped "
                             "scenario's factions follow its actors, with their stances at the start.")
      .def_property_readonly("start_year", when_timeline([](const sim::TimeScenario& t) { return t.start_year; }))
      .def_property_readonly("end_year", when_timeline([](const sim::TimeScenario& t) { return t.end_year; }))
      .def_property_readonly("horizon_year", when_timeline([](const sim::TimeScenario& t) { return t.horizon_year; }),
                             "The last year policies and projections may reach (None for a one-year scenario).")
      .def_property_readonly("events", when_timeline(&events_frame),
                             "DataFrame: year, date, name, tags, source of the scenario's own events.")
      .def_property_readonly("policies", when_timeline([](const sim::TimeScenario& t) {
                               std::vector<std::string> names;
                               for (const auto& p : t.policies) names.push_back(p.name);
                               return names;
                             }),
                             "The names of the counterfactual policies (for entente.compare and sweep).")
      .def_property_readonly("claims", when_timeline([](const sim::TimeScenario& t) {
                               std::vector<std::string> ids;
                               for (const auto& c : t.claims) ids.push_back(c.id);
                               return ids;
                             }),
                             "The ids of the claims the scenario states (for entente.claims).")
      .def_property_readonly("alliance_params", when_timeline(&alliance_params),
                             "The alliance model's parameters as the scenario sets them.")
      .def("__repr__", &describe);

  m.def(
      "load", [](const py::object& path) { return scenario_arg(path); }, py::arg("path"), R"doc(
Reads a scenario from any input format Entente reads, chosen by extension and content:
Entente YAML (one-year, or time-stepped with a `time:` span), KTAB's SMP CSV, the
actor,capability,position,salience table of expected-utility studies, or an Entente forecast
JSON (its input, model and seed, to rerun it). Raises InputError naming file, line and field
of every problem.

Example::

    korea = entente.load("scenarios/korea.yaml")
    korea.kind          # 'time-stepped'
    entente.load("tests/data/reference/ktab/SOE-Pol-Comp.csv").actors.head()
)doc");
}

}  // namespace entente::python
