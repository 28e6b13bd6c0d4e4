// analysis: attribution of a change to its causes (exact Shapley values), counterfactual
// policies side by side, and the scenario's claims on the baseline and across draws.
#include <fmt/format.h>

#include "analysis/attribution.h"
#include "analysis/claims.h"
#include "analysis/compare.h"
#include "bindings.h"
#include "io/analysis_io.h"

namespace entente::python {

namespace {

// ------------------------------------------------------------------- explain

// Cause groups as the command line's --groups takes them ("TAG" or "NAME=TAG+TAG"), or as a
// dict {name: [tags]} (or {name: tag}).
std::vector<analysis::CauseGroup> parse_groups(const py::object& groups) {
  std::vector<analysis::CauseGroup> out;
  if (py::isinstance<py::dict>(groups)) {
    for (const auto& [name, tags] : groups.cast<py::dict>()) {
      analysis::CauseGroup g{.name = py::str(name).cast<std::string>(), .tags = {}};
      if (py::isinstance<py::str>(tags)) g.tags.push_back(tags.cast<std::string>());
      else g.tags = tags.cast<std::vector<std::string>>();
      if (g.name.empty() || g.tags.empty()) throw SpecError("groups: '" + g.name + "' needs a name and at least one tag");
      out.push_back(std::move(g));
    }
    return out;
  }
  for (const auto& spec : groups.cast<std::vector<std::string>>()) {
    analysis::CauseGroup g;
    const auto eq = spec.find('=');
    g.name = spec.substr(0, eq);
    const std::string tags = eq == std::string::npos ? spec : spec.substr(eq + 1);
    for (std::size_t start = 0; start <= tags.size();) {
      const auto plus = std::min(tags.find('+', start), tags.size());
      if (plus > start) g.tags.push_back(tags.substr(start, plus - start));
      start = plus + 1;
    }
    if (g.name.empty() || g.tags.empty()) throw SpecError("groups: '" + spec + "' is not TAG or NAME=TAG+TAG");
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<std::string> names_arg(const py::object& names) {
  if (py::isinstance<py::str>(names)) return {names.cast<std::string>()};
  return names.cast<std::vector<std::string>>();
}

struct Explanation {
  std::vector<analysis::Attribution> attributions;
  std::vector<analysis::CauseGroup> groups;
  std::string model_spec;
  std::uint64_t seed = 0;
  ScenarioPtr scenario;
};

Explanation explain(const py::object& scenario, int from_year, int to_year, const py::object& groups,
                    const py::object& series, const py::object& model, const std::optional<std::uint64_t>& seed,
                    const std::optional<int>& threads) {
  ScenarioPtr h = scenario_arg(scenario);
  const sim::TimeScenario& t = h->timeline("entente.explain");
  const sim::SimOptions options = sim_options(t, model, seed, to_year);
  if (from_year < t.start_year)
    throw SpecError(fmt::format("from_year {} is before the scenario starts ({})", from_year, t.start_year));
  if (from_year >= options.to_year)
    throw SpecError(fmt::format("from_year {} must come before to_year {}", from_year, options.to_year));
  Explanation out{.attributions = {},
                  .groups = groups.is_none() ? analysis::default_groups(t, from_year) : parse_groups(groups),
                  .model_spec = load_model(options.model)->spec(),
                  .seed = options.seed,
                  .scenario = h};
  if (out.groups.size() > 12)
    throw SpecError(fmt::format("{} cause groups: at most 12 (name them with groups=)", out.groups.size()));
  const auto names = names_arg(series);
  const int workers = threads_of(threads);
  py::gil_scoped_release unlocked;
  out.attributions = analysis::attribute(t, options, out.groups, from_year, options.to_year, names, workers);
  return out;
}

py::object shapley_frame(const Explanation& e) {
  py::list series, group, value;
  for (const auto& a : e.attributions)
    for (const auto& [g, v] : a.shapley) {
      series.append(a.series);
      group.append(g);
      value.append(v);
    }
  py::dict c;
  c["series"] = series;
  c["group"] = group;
  c["value"] = value;
  return data_frame(c);
}

py::object but_for_frame(const Explanation& e) {
  py::list series, group, value;
  for (const auto& a : e.attributions)
    for (const auto& [g, v] : a.but_for) {
      series.append(a.series);
      group.append(g);
      value.append(v);
    }
  py::dict c;
  c["series"] = series;
  c["group"] = group;
  c["value"] = value;
  return data_frame(c);
}

py::object interactions_frame(const Explanation& e) {
  py::list series, a, b, value;
  for (const auto& at : e.attributions)
    for (const auto& i : at.interactions) {
      series.append(at.series);
      a.append(i.a);
      b.append(i.b);
      value.append(i.value);
    }
  py::dict c;
  c["series"] = series;
  c["a"] = a;
  c["b"] = b;
  c["value"] = value;
  return data_frame(c);
}

py::object summary_frame(const Explanation& e) {
  py::list series, start, all, none, total, drift;
  for (const auto& a : e.attributions) {
    series.append(a.series);
    start.append(a.start_value);
    all.append(a.v_all);
    none.append(a.v_none);
    total.append(a.total_change);
    drift.append(a.drift);
  }
  py::dict c;
  c["series"] = series;
  c["start_value"] = start;
  c["v_all"] = all;
  c["v_none"] = none;
  c["total_change"] = total;
  c["drift"] = drift;
  return data_frame(c);
}

const analysis::Attribution& attribution_of(const Explanation& e, const std::string& series) {
  for (const auto& a : e.attributions)
    if (a.series == series) return a;
  throw py::key_error("no attribution of '" + series + "'");
}

// ------------------------------------------------------------------- compare

struct Comparison {
  std::vector<analysis::PolicyRun> runs;
  std::uint64_t seed = 0;
  ScenarioPtr scenario;
};

Comparison compare(const py::object& scenario, const py::object& policies, const py::object& model,
                   const std::optional<std::uint64_t>& seed, const std::optional<int>& to_year) {
  ScenarioPtr h = scenario_arg(scenario);
  const sim::TimeScenario& t = h->timeline("entente.compare");
  const sim::SimOptions options = sim_options(t, model, seed, to_year);
  const auto names = names_arg(policies);
  Comparison out{.runs = {}, .seed = options.seed, .scenario = h};
  py::gil_scoped_release unlocked;
  out.runs = analysis::compare(t, options, names);
  return out;
}

const sim::Run& run_of(const Comparison& c, const std::string& policy) {
  for (const auto& r : c.runs)
    if (r.policy == policy) return r.run;
  throw py::key_error("no policy '" + policy + "' in this comparison");
}

// policy, year, series, value for the series asked for (all when None).
py::object compare_frame(const Comparison& c, const py::object& series) {
  py::list policy, year, name, value;
  for (const auto& r : c.runs) {
    const auto names = series.is_none() ? r.run.series_names : names_arg(series);
    for (std::size_t i = 0; i < r.run.years.size(); ++i)
      for (const auto& s : names) {
        const auto it = r.run.series.find(s);
        if (it == r.run.series.end()) throw py::key_error("no series '" + s + "'");
        policy.append(r.policy);
        year.append(r.run.years[i]);
        name.append(s);
        value.append(it->second[i]);
      }
  }
  py::dict d;
  d["policy"] = policy;
  d["year"] = year;
  d["series"] = name;
  d["value"] = value;
  return data_frame(d);
}

py::object compare_wide(const Comparison& c, const std::string& series) {
  py::dict d;
  for (const auto& r : c.runs) {
    const auto it = r.run.series.find(series);
    if (it == r.run.series.end()) throw py::key_error("no series '" + series + "'");
    d[py::str(r.policy)] = array(it->second);
  }
  py::object frame = data_frame(d);
  frame.attr("index") =
      py::module_::import("pandas").attr("Index")(array(c.runs.front().run.years), py::arg("name") = "year");
  return frame;
}

std::string compare_text(const Comparison& c, Format format, const py::object& series, const std::optional<int>& from,
                         const std::optional<int>& to) {
  const auto& years = c.runs.front().run.years;
  return write_comparison(c.runs, names_arg(series), from.value_or(years.front()), to.value_or(years.back()), format);
}

// ------------------------------------------------------------------- claims

struct Claims {
  std::vector<analysis::ClaimResult> results;
  std::string model_spec;
  std::uint64_t seed = 0;
  ScenarioPtr scenario;
};

Claims claims(const py::object& scenario, std::uint64_t runs, const py::object& model,
              const std::optional<std::uint64_t>& seed, const std::optional<int>& to_year,
              const std::optional<int>& threads) {
  ScenarioPtr h = scenario_arg(scenario);
  const sim::TimeScenario& t = h->timeline("entente.claims");
  if (t.claims.empty()) throw SpecError(h->file + " states no claims (see docs/timeline-format.md)");
  const sim::SimOptions options = sim_options(t, model, seed, to_year);
  Claims out{.results = {}, .model_spec = load_model(options.model)->spec(), .seed = options.seed, .scenario = h};
  const int workers = threads_of(threads);
  py::gil_scoped_release unlocked;
  out.results = analysis::check_claims(t, options, runs, options.seed, workers);
  return out;
}

py::object claims_frame(const Claims& c) {
  py::list id, text, holds, baseline, runs, held, share;
  for (const auto& r : c.results) {
    id.append(r.id);
    text.append(r.text);
    holds.append(r.holds);
    baseline.append(r.holds_baseline);
    runs.append(r.runs);
    held.append(r.held);
    share.append(r.share_of_runs());
  }
  py::dict d;
  d["id"] = id;
  d["text"] = text;
  d["holds"] = holds;
  d["holds_baseline"] = baseline;
  d["runs"] = runs;
  d["held"] = held;
  d["share_of_runs"] = share;
  return data_frame(d);
}

py::object terms_frame(const Claims& c) {
  py::list id, term, value;
  for (const auto& r : c.results)
    for (const auto& [name, v] : r.baseline_terms) {
      id.append(r.id);
      term.append(name);
      value.append(v);
    }
  py::dict d;
  d["id"] = id;
  d["term"] = term;
  d["value"] = value;
  return data_frame(d);
}

}  // namespace

void init_analysis(py::module_& m) {
  py::class_<analysis::Attribution>(m, "Attribution", R"doc(
The attribution of one series' change over [from_year, to_year] to cause groups: the exact
Shapley value of each group (they sum to total_change = v_all − v_none), the drift with no
group's events, and the pairwise Shapley interaction indices, largest first.
)doc")
      .def_readonly("series", &analysis::Attribution::series)
      .def_readonly("from_year", &analysis::Attribution::from)
      .def_readonly("to_year", &analysis::Attribution::to)
      .def_readonly("start_value", &analysis::Attribution::start_value, "The series at from_year.")
      .def_readonly("v_all", &analysis::Attribution::v_all, "At to_year with every group on (the baseline).")
      .def_readonly("v_none", &analysis::Attribution::v_none, "At to_year with every group off.")
      .def_readonly("total_change", &analysis::Attribution::total_change, "v_all − v_none = the sum of the Shapley values.")
      .def_readonly("drift", &analysis::Attribution::drift, "v_none − start_value.")
      .def_property_readonly(
          "shapley",
          [](const analysis::Attribution& a) {
            py::dict d;
            for (const auto& [g, v] : a.shapley) d[py::str(g)] = v;
            return d;
          },
          "{group: Shapley value}, in group order.")
      .def_property_readonly(
          "but_for",
          [](const analysis::Attribution& a) {
            py::dict d;
            for (const auto& [g, v] : a.but_for) d[py::str(g)] = v;
            return d;
          },
          "{group: but-for effect}: v(all) − v(all without the group), in group order.")
      .def_property_readonly(
          "interactions",
          [](const analysis::Attribution& a) {
            py::list l;
            for (const auto& i : a.interactions) l.append(py::make_tuple(i.a, i.b, i.value));
            return l;
          },
          "[(group a, group b, interaction index)], largest |value| first.")
      .def("__repr__", [](const analysis::Attribution& a) {
        return fmt::format("<entente.Attribution of {} {}→{}: change {}>", a.series, a.from, a.to, a.total_change);
      });

  py::class_<Explanation>(m, "Explanation", R"doc(
What entente.explain returns: one Attribution per series, the cause groups, and the model spec,
parameters and seed of the runs.
)doc")
      .def_readonly("attributions", &Explanation::attributions)
      .def_property_readonly(
          "groups",
          [](const Explanation& e) {
            py::dict d;
            for (const auto& g : e.groups) d[py::str(g.name)] = g.tags;
            return d;
          },
          "{group: [event tags]}, in group order.")
      .def_property_readonly("from_year", [](const Explanation& e) { return e.attributions.front().from; })
      .def_property_readonly("to_year", [](const Explanation& e) { return e.attributions.front().to; })
      .def_readonly("model", &Explanation::model_spec)
      .def_property_readonly("params", [](const Explanation& e) { return params_of_spec(e.model_spec); })
      .def_readonly("seed", &Explanation::seed)
      .def_property_readonly("shapley", &shapley_frame, "DataFrame: series, group, value (group order).")
      .def_property_readonly("but_for", &but_for_frame,
                             "DataFrame: series, group, value — each group's but-for effect, v(all) − v(all "
                             "without it).")
      .def_property_readonly("interactions", &interactions_frame, "DataFrame: series, a, b, value.")
      .def_property_readonly("summary", &summary_frame,
                             "DataFrame: series, start_value, v_all, v_none, total_change, drift.")
      .def("__getitem__", &attribution_of, py::return_value_policy::reference_internal, py::arg("series"))
      .def(
          "to_json", [](const Explanation& e) { return write_attribution(e.attributions, e.model_spec, Format::Json); },
          "The command line's JSON (`entente explain -f json`).")
      .def(
          "to_csv", [](const Explanation& e) { return write_attribution(e.attributions, e.model_spec, Format::Csv); },
          "The command line's CSV (series,kind,name,value).")
      .def("__str__", [](const Explanation& e) { return write_attribution(e.attributions, e.model_spec, Format::Table); })
      .def("__repr__", [](const Explanation& e) {
        return fmt::format("<entente.Explanation {}→{}: {} series, {} groups>", e.attributions.front().from,
                           e.attributions.front().to, e.attributions.size(), e.groups.size());
      });

  m.def("explain", &explain, py::arg("scenario"), py::arg("from_year"), py::arg("to_year"), py::kw_only(),
        py::arg("groups") = py::none(), py::arg("series") = "strain", py::arg("model") = py::none(),
        py::arg("seed") = py::none(), py::arg("threads") = py::none(), R"doc(
Attributes the change of each series between from_year and to_year to cause groups, with
exact Shapley values over all 2^g coalitions, as ``entente explain`` does. ``groups``: a list
of "TAG" or "NAME=TAG+TAG" (or a dict {name: [tags]}); default: every tag of the window's
events plus ``ascendancy`` (the capabilities after from_year); at most 12. ``series``: a name or
a list (default "strain"). ``threads`` (default every core) never changes the result. The
interpreter's lock is released while it runs.

Example::

    e = entente.explain("scenarios/korea.yaml", 1992, 2003)
    e.shapley.sort_values("value", ascending=False)
    e["strain"].total_change
)doc");

  py::class_<Comparison>(m, "Comparison", R"doc(
What entente.compare returns: the baseline ("baseline") and each policy run to the same
horizon with the same model and seed.
)doc")
      .def_property_readonly(
          "policies",
          [](const Comparison& c) {
            std::vector<std::string> names;
            for (const auto& r : c.runs) names.push_back(r.policy);
            return names;
          },
          "'baseline' first, then the policies in the order asked.")
      .def_property_readonly(
          "runs",
          [](const Comparison& c) {
            py::dict d;
            for (const auto& r : c.runs) d[py::str(r.policy)] = RunResult{r.run, c.scenario};
            return d;
          },
          "{policy: entente.Run}.")
      .def(
          "run", [](const Comparison& c, const std::string& p) { return RunResult{run_of(c, p), c.scenario}; },
          py::arg("policy"), "One policy's entente.Run.")
      .def_property_readonly("model", [](const Comparison& c) { return c.runs.front().run.model_spec; })
      .def_property_readonly("params", [](const Comparison& c) { return params_of_spec(c.runs.front().run.model_spec); })
      .def_readonly("seed", &Comparison::seed)
      .def_property_readonly(
          "series", [](const Comparison& c) { return compare_frame(c, py::none()); },
          "DataFrame, long form: policy, year, series, value for every series.")
      .def("frame", &compare_frame, py::arg("series") = py::none(),
           "The long form for some series only: policy, year, series, value.")
      .def("wide", &compare_wide, py::arg("series") = "strain",
           "One series as a DataFrame indexed by year with a column per policy.")
      .def_property_readonly(
          "retreat",
          [](const Comparison& c) {
            py::list policy, year;
            for (const auto& r : c.runs) {
              policy.append(r.policy);
              year.append(py::cast(r.run.retreat_year));
            }
            py::dict d;
            d["policy"] = policy;
            d["retreat_year"] = py::module_::import("pandas").attr("array")(year, py::arg("dtype") = "Int64");
            return data_frame(d);
          },
          "DataFrame: policy, retreat_year (<NA> when the alliance holds).")
      .def(
          "to_json",
          [](const Comparison& c, const py::object& series, std::optional<int> from, std::optional<int> to) {
            return compare_text(c, Format::Json, series, from, to);
          },
          py::arg("series") = "strain", py::arg("from_year") = py::none(), py::arg("to_year") = py::none(),
          "The command line's JSON (`entente compare -f json`).")
      .def("__repr__", [](const Comparison& c) {
        return fmt::format("<entente.Comparison of {} runs to {}>", c.runs.size(), c.runs.front().run.years.back());
      });

  m.def("compare", &compare, py::arg("scenario"), py::arg("policies"), py::kw_only(), py::arg("model") = py::none(),
        py::arg("seed") = py::none(), py::arg("to_year") = py::none(), R"doc(
Runs the baseline and each named counterfactual policy of a time-stepped scenario to the same
horizon (``to_year``, up to the scenario's horizon) with the same model and seed, as
``entente compare`` does. ``policies``: a name or a list. The interpreter's lock is released
while it runs.

Example::

    c = entente.compare("scenarios/korea.yaml", ["no-role-reversal", "us-adjustment"], to_year=2015)
    c.wide("strain").loc[2000:]
    c.retreat
)doc");

  py::class_<analysis::ClaimResult>(m, "ClaimResult", "One claim: whether it holds on the baseline and in what share of draws.")
      .def_readonly("id", &analysis::ClaimResult::id)
      .def_readonly("text", &analysis::ClaimResult::text)
      .def_readonly("holds", &analysis::ClaimResult::holds, "The claim's expression.")
      .def_readonly("holds_baseline", &analysis::ClaimResult::holds_baseline)
      .def_readonly("baseline_terms", &analysis::ClaimResult::baseline_terms, "{term: value on the baseline}.")
      .def_readonly("runs", &analysis::ClaimResult::runs, "Draws checked (0 = the baseline only).")
      .def_readonly("held", &analysis::ClaimResult::held, "Draws in which it held.")
      .def_property_readonly("share_of_runs", &analysis::ClaimResult::share_of_runs)
      .def("__repr__", [](const analysis::ClaimResult& r) {
        return fmt::format("<entente.ClaimResult {}: {} on the baseline>", r.id, r.holds_baseline ? "holds" : "fails");
      });

  py::class_<Claims>(m, "Claims", "What entente.claims returns: one ClaimResult per claim, with the model and seed.")
      .def_readonly("results", &Claims::results)
      .def_readonly("model", &Claims::model_spec)
      .def_property_readonly("params", [](const Claims& c) { return params_of_spec(c.model_spec); })
      .def_readonly("seed", &Claims::seed)
      .def_property_readonly("table", &claims_frame,
                             "DataFrame: id, text, holds, holds_baseline, runs, held, share_of_runs.")
      .def_property_readonly("terms", &terms_frame, "DataFrame: id, term, value (on the baseline).")
      .def(
          "to_json", [](const Claims& c) { return write_claims(c.results, Format::Json); },
          "The command line's JSON (`entente claims -f json`).")
      .def("__str__", [](const Claims& c) { return write_claims(c.results, Format::Table); })
      .def("__repr__", [](const Claims& c) { return fmt::format("<entente.Claims: {} claims>", c.results.size()); });

  m.def("claims", &claims, py::arg("scenario"), py::arg("runs") = 0, py::kw_only(), py::arg("model") = py::none(),
        py::arg("seed") = py::none(), py::arg("to_year") = py::none(), py::arg("threads") = py::none(), R"doc(
Checks the claims a time-stepped scenario states (its ``claims:``) on the baseline and, with
``runs`` > 0, on that many draws of its uncertain inputs (draw i from stream (seed, i)), as
``entente claims --runs`` does. The result is the same for any ``threads``. The interpreter's
lock is released while it runs.

Example::

    c = entente.claims("scenarios/korea.yaml", runs=3)
    c.table[["id", "holds_baseline", "share_of_runs"]]
)doc");
}

}  // namespace entente::python
