// evidence: the alliance model calibrated on a library of cases (entente.calibrate), scored on
// them in sample, held out and on placebo codings (entente.backtest), and a scenario under a
// posterior (Scenario.with_posterior). The same library calls as `entente calibrate` and
// `entente backtest`, so the posterior file and the tables are the command line's own.
#include <fmt/format.h>

#include "bindings.h"
#include "evidence/backtest.h"
#include "evidence/calibration.h"
#include "io/files.h"
#include "output/document.h"

namespace entente::python {

namespace {

bool is_path(const py::handle& p) { return py::isinstance<py::str>(p) || py::hasattr(p, "__fspath__"); }
std::string path_of(const py::handle& p) { return py::str(py::module_::import("os").attr("fspath")(p)).cast<std::string>(); }

// A path, a PathLike, or a list of them: the case files and folders.
std::vector<std::string> case_paths(const py::object& cases) {
  if (is_path(cases)) return {path_of(cases)};
  std::vector<std::string> out;
  for (const auto& p : cases) out.push_back(path_of(p));
  if (out.empty()) throw SpecError("cases: expected a case file, a folder of them, or a list of these");
  return out;
}

evidence::CalibrationOptions calibration_options(std::uint64_t seed, int draws, int chains, const std::optional<int>& threads,
                                                 const py::object& model) {
  evidence::CalibrationOptions o;
  o.seed = seed;
  o.draws = draws;
  o.chains = chains;
  o.threads = threads_of(threads);
  o.model = spec_of(model);
  if (!o.model.empty()) load_model(o.model);  // a bad spec fails before any work
  return o;
}

// What entente.calibrate returns: the posterior with the cases it was fitted on.
struct Calibration {
  evidence::Posterior posterior;
  std::vector<evidence::Case> cases;
  std::string json() const { return output::render_json(evidence::posterior_json(posterior, cases)); }
};

Calibration calibrate(const py::object& cases, std::uint64_t seed, int draws, int chains, const std::optional<int>& threads,
                      const py::object& model) {
  Calibration c;
  c.cases = evidence::load_cases(case_paths(cases));
  const auto options = calibration_options(seed, draws, chains, threads, model);
  py::gil_scoped_release release;
  c.posterior = evidence::calibrate(c.cases, options);
  return c;
}

py::object summary_frame(const evidence::Posterior& p) {
  py::list name, median, q05, q95, ess, rhat;
  for (const auto& s : p.summary) {
    name.append(s.name);
    median.append(s.median);
    q05.append(s.q05);
    q95.append(s.q95);
    ess.append(s.ess);
    rhat.append(s.rhat ? py::object(py::float_(*s.rhat)) : py::object(py::none()));
  }
  py::dict c;
  c["parameter"] = name;
  c["median"] = median;
  c["q05"] = q05;
  c["q95"] = q95;
  c["ess"] = ess;
  c["rhat"] = rhat;
  return data_frame(c);
}

// Every kept draw: chain, log-likelihood, one column per fitted parameter.
py::object draws_frame(const evidence::Posterior& p) {
  py::dict c;
  c["chain"] = array(p.chain_of);
  c["log_likelihood"] = array(p.log_likelihood);
  for (std::size_t j = 0; j < p.draws.names.size(); ++j) {
    std::vector<double> column;
    for (const auto& d : p.draws.draws) column.push_back(d[j]);
    c[py::str(p.draws.names[j])] = array(column);
  }
  return data_frame(c);
}

// The posterior a call names: a Calibration, or a posterior file's path.
evidence::PosteriorFile posterior_arg(const py::object& posterior) {
  if (py::isinstance<Calibration>(posterior)) return evidence::posterior_file(posterior.cast<const Calibration&>().posterior);
  if (is_path(posterior)) return evidence::read_posterior(path_of(posterior));
  throw SpecError("posterior: expected what entente.calibrate returned or a posterior file's path");
}

struct Backtest {
  evidence::BacktestResult result;
  output::Document document() const { return evidence::backtest_document(result); }
};

Backtest backtest(const py::object& cases, const py::object& posterior, bool leave_one_out, bool placebo,
                  int placebo_draws, int runs,
                  std::uint64_t seed, int draws, int chains, const std::optional<int>& threads, const py::object& model) {
  evidence::BacktestOptions o;
  o.paths = case_paths(cases);
  o.leave_one_out = leave_one_out;
  o.placebo = placebo;
  o.placebo_draws = placebo_draws;
  if (runs < 1) throw SpecError("runs: at least one sampled run per case");
  o.runs = runs;
  o.calibration = calibration_options(seed, draws, chains, threads, model);
  if (!posterior.is_none()) o.posterior = posterior_arg(posterior);
  const auto loaded = evidence::load_cases(o.paths);
  Backtest b;
  py::gil_scoped_release release;
  b.result = evidence::backtest(loaded, o);
  return b;
}

ScenarioPtr with_posterior(const ScenarioHandle& h, const py::object& posterior) {
  sim::TimeScenario t = h.timeline("with_posterior");
  evidence::apply_posterior(t, posterior_arg(posterior));
  return std::make_shared<ScenarioHandle>(ScenarioHandle{std::move(t), h.file, h.text});
}

}  // namespace

void init_evidence(py::module_& m) {
  py::class_<Calibration>(m, "Posterior", R"doc(
What entente.calibrate returns: the alliance parameters' posterior on a library of cases.
``summary`` (per parameter: median, 5 % and 95 % quantiles, effective sample size, split
R-hat), ``draws`` (every kept draw, with its chain and log-likelihood), ``converged`` (every
R-hat at most 1.01 and every ESS at least 100 per chain), ``acceptance`` per chain, and
``to_json()``: the posterior file `entente calibrate` writes, byte for byte.
)doc")
      .def_property_readonly("summary", [](const Calibration& c) { return summary_frame(c.posterior); })
      .def_property_readonly("draws", [](const Calibration& c) { return draws_frame(c.posterior); })
      .def_property_readonly("converged", [](const Calibration& c) { return c.posterior.converged; })
      .def_property_readonly("acceptance", [](const Calibration& c) { return c.posterior.acceptance; })
      .def_property_readonly("cases", [](const Calibration& c) { return c.posterior.case_files; })
      .def("to_json", &Calibration::json, "The posterior file's text (format entente-posterior-1).")
      .def("save", [](const Calibration& c, const py::object& path) { write_file_atomically(path_of(path), c.json()); },
           py::arg("path"),
           "Writes the posterior file, for --posterior on the command line or Scenario.with_posterior.")
      .def("__repr__", [](const Calibration& c) {
        return fmt::format("<entente.Posterior: {} parameters on {} cases, {}>", c.posterior.summary.size(),
                           c.cases.size(), c.posterior.converged ? "converged" : "not converged");
      });

  m.def("calibrate", &calibrate, py::arg("cases"), py::kw_only(), py::arg("seed") = 1, py::arg("draws") = 40000,
        py::arg("chains") = 4, py::arg("threads") = py::none(), py::arg("model") = py::none(), R"doc(
Fits the alliance model's parameters to the outcomes and surveys of a library of cases (case
files with an `outcome:` block, or folders of them), as `entente calibrate` does
(docs/evidence.md): adaptive Metropolis, ``chains`` chains of ``draws`` kept draws after a
burn-in of as many. The same seed gives the same posterior on any thread count.

Example::

    post = entente.calibrate(["scenarios/cases", "scenarios/korea.yaml"], draws=500)
    post.summary            # median, q05, q95, ess, rhat per parameter
    post.converged          # False: 500 draws are too few here; the default is 40000
)doc");

  py::class_<Backtest>(m, "Backtest", R"doc(
What entente.backtest returns: ``cases`` (per case, fit and coding: P(break within the window),
the first break year in sampled runs against the record), ``scores`` (Brier and log scores
beside the ATOP base rate, the 2×2 table, the timing error) and ``fits`` (each fit's largest
R-hat and smallest ESS). ``str()`` is the command line's table.
)doc")
      .def_property_readonly("cases", [](const Backtest& b) { return table_frame(b.document().text.at(0)); })
      .def_property_readonly("scores", [](const Backtest& b) { return table_frame(b.document().text.at(1)); })
      .def_property_readonly("fits", [](const Backtest& b) {
        const auto d = b.document();
        return d.text.size() > 2 ? table_frame(d.text[2]) : py::none();
      })
      .def("__str__", [](const Backtest& b) { return output::render(b.document(), output::Format::Table); })
      .def("__repr__", [](const Backtest& b) {
        return fmt::format("<entente.Backtest: {} forecasts, {} scores>", b.result.forecasts.size(), b.result.scores.size());
      });

  m.def("backtest", &backtest, py::arg("cases"), py::kw_only(), py::arg("posterior") = py::none(),
        py::arg("leave_one_out") = false, py::arg("placebo") = false, py::arg("placebo_draws") = 20, py::arg("runs") = 200, py::arg("seed") = 1,
        py::arg("draws") = 10000, py::arg("chains") = 4, py::arg("threads") = py::none(), py::arg("model") = py::none(),
        R"doc(
Scores the alliance model's break forecasts on a library of cases, as `entente backtest` does:
under ``posterior`` (what entente.calibrate returned, or a posterior file), else calibrated on
the cases themselves (in sample); ``leave_one_out`` also calibrates on all cases but one and
forecasts it (held out); ``placebo`` also scores codings with the event dates shuffled
(``placebo_draws`` shuffles per case, each a row; the placebo scores are means over them).

Example::

    bt = entente.backtest("scenarios/cases", posterior="data/posterior.json")
    bt.scores[["fit", "coding", "brier", "brier_base"]]
)doc");

  // A method of entente.Scenario (core_io.cpp) defined here, beside the posterior it reads.
  py::object scenario = m.attr("Scenario");
  py::setattr(scenario, "with_posterior", py::cpp_function(&with_posterior, py::name("with_posterior"), py::is_method(scenario),
                                                          py::arg("posterior"), R"doc(
The same time-stepped scenario under a posterior (what entente.calibrate returned, or a
posterior file), as ``--posterior`` does on the command line: point runs take the posterior
medians, sampled runs (sweep, claims) one draw each.

Example::

    korea = entente.load("scenarios/korea.yaml").with_posterior("data/posterior.json")
    entente.sweep(korea, runs=200, output="/tmp/korea-sweep")
)doc"));
}

}  // namespace entente::python
