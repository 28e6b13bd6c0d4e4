#include "evidence/calibration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <filesystem>
#include <numeric>

#include "bargaining/model.h"
#include "core/error.h"
#include "core/parallel.h"
#include "core/uncertainty.h"
#include "io/files.h"
#include "io/timeline_io.h"
#include "sim/simulation.h"

namespace entente::evidence {

namespace fs = std::filesystem;

std::string content_hash(const std::string& bytes) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;  // FNV prime
  }
  return fmt::format("{:016x}", h);
}

// A case's own events may end the alliance (the US–ROC treaty's termination, 1 January 1980):
// that is the outcome itself, which the model must forecast from its hazard, not be told. Such
// events (any with a `treaty: 0` effect) are left out of the case as calibration and backtests
// run it; the events leading up to the break stay.
namespace {
void drop_scripted_breaks(sim::TimeScenario& t) {
  const auto ends_alliance = [](const sim::Event& ev) {
    return std::any_of(ev.effects.begin(), ev.effects.end(), [](const sim::Effect& e) {
      const auto* treaty = std::get_if<sim::effect::Treaty>(&e);
      return treaty && !treaty->in_force;
    });
  };
  std::erase_if(t.events, ends_alliance);
}
}  // namespace

std::vector<Case> load_cases(const std::vector<std::string>& paths) {
  std::vector<Case> cases;
  auto add = [&](const std::string& file, bool named) {
    const std::string text = read_file(file);
    if (!is_timeline(text)) {
      if (named) throw InputError({{file, 0, "time", "a case must be a time-stepped scenario"}});
      return;
    }
    sim::TimeScenario t = read_timeline(text, file);
    if (!t.outcome) {
      if (named) throw InputError({{file, 0, "outcome", "a case needs an outcome: block (docs/timeline-format.md)"}});
      return;
    }
    drop_scripted_breaks(t);
    cases.push_back({file, content_hash(text), std::move(t)});
  };
  for (const auto& p : paths) {
    if (!fs::is_directory(p)) {
      add(p, true);
      continue;
    }
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(p))
      if (entry.is_regular_file() && (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml"))
        files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) add(f, false);
  }
  if (cases.empty()) throw InputError({{paths.empty() ? "" : paths.front(), 0, "outcome", "no case with an outcome: block"}});
  return cases;
}

double Prior::at(double u) const {
  switch (shape) {
    case PriorShape::Uniform: return min + u * (max - min);
    case PriorShape::LogUniform: return std::exp(std::log(min) + u * (std::log(max) - std::log(min)));
  }
  return min;
}

double Prior::unit(double x) const {
  switch (shape) {
    case PriorShape::Uniform: return (x - min) / (max - min);
    case PriorShape::LogUniform: return (std::log(x) - std::log(min)) / (std::log(max) - std::log(min));
  }
  return 0;
}

namespace {

// The calibration's priors. Each fitted parameter is a scale: it converts one quantity into
// another (a value unit into log-odds of exit, a chance of prevailing into value units), so its
// prior is uniform in its logarithm (Jeffreys 1961, *Theory of Probability* §3.1) over the
// orders of magnitude the model's meaning allows, not the range parameter_table() accepts,
// whose uniform prior would put 96 % of its mass on slopes above 4.
struct PriorRow {
  const char* name;
  double min, max;
  const char* why;
};
constexpr PriorRow kPriors[] = {
    {"hazard_slope", 0.1, 100, "from a value of 10 units changing exit's log-odds by 1 to a value of 0.01 doing so"},
    {"security_weight", 0.01, 100, "a change of 1 in the chance of prevailing worth 1 % to 100 times the policy stake"},
    {"contribution_weight", 0.01, 10, "a full burden share worth 1 % to 10 times the policy stake"},
    {"domestic_weight", 0.01, 10, "a line a full scale outside the win-set costing 1 % to 10 times the stake"},
    {"rally", 0.01, 100, "support's log-odds per value unit, from imperceptible to all-or-nothing"},
    {"resentment", 0.01, 100, "support's log-odds per scale outside the win-set, idem"},
};

}  // namespace

std::vector<Prior> calibrated_parameters(const std::vector<Case>& cases) {
  const bool support_observed = std::any_of(cases.begin(), cases.end(), [](const Case& c) {
    for (const auto& pub : c.scenario.publics)
      for (const auto& s : pub.surveys)
        if (s.measures == sim::SurveyMeasure::AllianceSupport) return true;
    return false;
  });
  std::vector<Prior> priors;
  for (const PriorRow& row : kPriors) {
    const std::string name = row.name;
    if (!support_observed && (name == "rally" || name == "resentment")) continue;
    for (const auto& p : alliance::parameter_table())
      if (name == p.name) priors.push_back({p.name, p.field, row.min, row.max, PriorShape::LogUniform, row.why});
  }
  return priors;
}

std::vector<double> window_hazards(const sim::Run& run, int first, int last) {
  std::vector<double> h;
  const auto& strain = run.at("strain");
  for (std::size_t i = 0; i < run.years.size(); ++i)
    if (run.years[i] >= first && run.years[i] <= last) h.push_back(std::clamp(strain[i], 0.0, 1.0));
  return h;
}

double break_probability(const std::vector<double>& hazards) {
  double survival = 1;
  for (double h : hazards) survival *= 1 - h;
  return 1 - survival;
}

namespace {

// Hazards of exactly 0 or 1 (a treaty out of force, a clamp) would make a log-likelihood
// infinite; they are kept a hair inside.
constexpr double kTiny = 1e-12;
double safe_log(double x) { return std::log(std::clamp(x, kTiny, 1.0)); }
double logit(double p) {
  const double q = std::clamp(p, 0.01, 0.99);
  return std::log(q / (1 - q));
}

}  // namespace

double outcome_log_likelihood(const std::vector<double>& hazards, const sim::Outcome& outcome) {
  double ll = 0;
  for (std::size_t i = 0; i < hazards.size(); ++i) {
    const int year = outcome.window_first + static_cast<int>(i);
    if (outcome.broke && year == outcome.year) return ll + safe_log(hazards[i]);
    ll += safe_log(1 - hazards[i]);
  }
  return ll;
}

double survey_log_likelihood(const sim::TimeScenario& t, const sim::Run& run) {
  constexpr double kLogRoot2Pi = 0.91893853320467274;  // log √(2π)
  const std::size_t members[2] = {t.setup.patron, t.setup.client};
  double ll = 0;
  for (int i = 0; i < 2; ++i) {
    const auto& series = run.at("public_support." + t.scenario.actors[members[i]].name);
    for (const auto& s : t.publics[i].surveys) {
      if (s.measures != sim::SurveyMeasure::AllianceSupport) continue;
      const auto it = std::find(run.years.begin(), run.years.end(), s.year);
      if (it == run.years.end()) continue;
      const double z = (logit(s.value) - logit(series[static_cast<std::size_t>(it - run.years.begin())])) / kSurveySigma;
      ll += -0.5 * z * z - std::log(kSurveySigma) - kLogRoot2Pi;
    }
  }
  return ll;
}

namespace {

// The likelihood with the fitted fields of each case's own scenario set to `values`: a chain
// keeps a working copy of the cases and calls this, rather than copying every scenario at
// every step (a sixth of the time).
Evaluation evaluate_in_place(std::vector<Case>& cases, const std::vector<Prior>& priors, const std::vector<double>& values,
                             const std::string& model) {
  Evaluation e;
  for (Case& c : cases) {
    sim::TimeScenario& t = c.scenario;
    for (std::size_t j = 0; j < priors.size(); ++j) t.params.*(priors[j].field) = values[j];
    sim::SimOptions o;
    o.model = choose_model(model, t.scenario.model, ScenarioKind::TimeStepped);
    o.seed = t.scenario.seed;
    o.to_year = t.end_year;
    const sim::Run run = sim::simulate(t, o);
    const auto h = window_hazards(run, c.outcome().window_first, c.outcome().window_last);
    e.outcome_part += outcome_log_likelihood(h, c.outcome());
    e.survey_part += survey_log_likelihood(t, run);
    e.p_break.push_back(break_probability(h));
  }
  e.log_likelihood = e.outcome_part + e.survey_part;
  return e;
}

}  // namespace

Evaluation evaluate(const std::vector<Case>& cases, const std::vector<Prior>& priors, const std::vector<double>& values,
                    const std::string& model) {
  std::vector<Case> own = cases;
  return evaluate_in_place(own, priors, values, model);
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

double effective_sample_size(const std::vector<std::vector<double>>& chains) {
  const std::size_t m = chains.size(), n = m ? chains[0].size() : 0;
  if (n < 4) return static_cast<double>(m * n);
  // The chains' mean autocorrelation ρ_t.
  std::vector<double> rho(n, 0);
  for (const auto& c : chains) {
    const double mean = std::accumulate(c.begin(), c.end(), 0.0) / static_cast<double>(n);
    double var = 0;
    for (double x : c) var += (x - mean) * (x - mean);
    if (var <= 0) return static_cast<double>(m * n);  // a chain that never moved: no autocorrelation to measure
    for (std::size_t t = 0; t < n; ++t) {
      double acov = 0;
      for (std::size_t i = 0; i + t < n; ++i) acov += (c[i] - mean) * (c[i + t] - mean);
      rho[t] += acov / var / static_cast<double>(m);
    }
  }
  // Geyer (1992): sum pairs Γ_k = ρ_2k + ρ_2k+1 while they stay positive.
  double tau = -1;
  for (std::size_t k = 0; 2 * k + 1 < n; ++k) {
    const double pair = rho[2 * k] + rho[2 * k + 1];
    if (pair <= 0) break;
    tau += 2 * pair;
  }
  return static_cast<double>(m * n) / std::max(tau, 1e-9);
}

double rhat(const std::vector<std::vector<double>>& chains) {
  const std::size_t m = chains.size(), n = chains[0].size();
  std::vector<double> means, vars;
  for (const auto& c : chains) {
    const double mean = std::accumulate(c.begin(), c.end(), 0.0) / static_cast<double>(n);
    double v = 0;
    for (double x : c) v += (x - mean) * (x - mean);
    means.push_back(mean);
    vars.push_back(v / static_cast<double>(n - 1));
  }
  const double grand = std::accumulate(means.begin(), means.end(), 0.0) / static_cast<double>(m);
  double b = 0;
  for (double x : means) b += (x - grand) * (x - grand);
  b *= static_cast<double>(n) / static_cast<double>(m - 1);
  const double w = std::accumulate(vars.begin(), vars.end(), 0.0) / static_cast<double>(m);
  if (w <= 0) return 1;
  const double var_plus = (static_cast<double>(n) - 1) / static_cast<double>(n) * w + b / static_cast<double>(n);
  return std::sqrt(var_plus / w);
}

namespace {

// A standard normal from two uniforms (Box & Muller 1958).
double normal(RandomStream& rng) {
  const double u1 = std::max(rng.uniform(), 1e-300), u2 = rng.uniform();
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.14159265358979323846 * u2);
}

// The lower Cholesky factor L of a symmetric positive-definite matrix (L·Lᵀ = A), or nothing
// when A is not positive definite. d ≤ 6 here.
using Matrix = std::vector<std::vector<double>>;
std::optional<Matrix> cholesky(const Matrix& a) {
  const std::size_t d = a.size();
  Matrix l(d, std::vector<double>(d, 0));
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      double s = a[i][j];
      for (std::size_t k = 0; k < j; ++k) s -= l[i][k] * l[j][k];
      if (i == j) {
        if (s <= 0) return std::nullopt;
        l[i][i] = std::sqrt(s);
      } else {
        l[i][j] = s / l[j][j];
      }
    }
  return l;
}

// The sample covariance of the rows from `first` on, with a small ridge so that it stays
// positive definite (Haario, Saksman & Tamminen 2001, eq. 2: ε I_d).
Matrix covariance(const std::vector<std::vector<double>>& rows, std::size_t first) {
  const std::size_t d = rows[0].size(), n = rows.size() - first;
  std::vector<double> mean(d, 0);
  for (std::size_t r = first; r < rows.size(); ++r)
    for (std::size_t j = 0; j < d; ++j) mean[j] += rows[r][j] / static_cast<double>(n);
  Matrix c(d, std::vector<double>(d, 0));
  for (std::size_t r = first; r < rows.size(); ++r)
    for (std::size_t i = 0; i < d; ++i)
      for (std::size_t j = 0; j < d; ++j)
        c[i][j] += (rows[r][i] - mean[i]) * (rows[r][j] - mean[j]) / static_cast<double>(n - 1);
  for (std::size_t i = 0; i < d; ++i) c[i][i] += 1e-6;
  return c;
}

}  // namespace

// Adaptive random-walk Metropolis on [0, 1]ᵈ, where the caller's density is a likelihood times
// uniform priors, so the acceptance ratio is the density ratio (Metropolis et al. 1953) and a
// proposal outside the cube is rejected. The proposal is s·L·z, z ~ N(0, I): for the first
// tenth of the burn-in L = I; from then on L is the Cholesky factor of the covariance of the
// chain's burn-in so far (its later half), re-estimated every 100 iterations (Haario, Saksman
// & Tamminen 2001), which follows the ridges along which the fitted weights trade off against
// the hazard's slope; s is tuned every 20 iterations toward an acceptance near ¼ (Roberts,
// Gelman & Gilks 1997). Both are frozen after the burn-in, so the kept draws are a Markov
// chain with a fixed kernel. The start is a draw from the prior (overdispersed).
Chain adaptive_metropolis(const Density& density, std::size_t d, int burn_in, int draws, RandomStream& rng,
                          const std::function<void()>& tick) {
  std::vector<double> u(d);
  for (auto& v : u) v = rng.uniform();
  DensityPoint current = density(u);
  tick();
  double step = 0.1;
  Matrix l(d, std::vector<double>(d, 0));
  for (std::size_t j = 0; j < d; ++j) l[j][j] = 1;
  std::vector<std::vector<double>> history;
  int window_accepted = 0, kept_accepted = 0;
  Chain r;
  for (int it = 0; it < burn_in + draws; ++it) {
    std::vector<double> z(d), proposal(u);
    for (auto& v : z) v = normal(rng);
    for (std::size_t i = 0; i < d; ++i)
      for (std::size_t j = 0; j <= i; ++j) proposal[i] += step * l[i][j] * z[j];
    const double log_u = std::log(std::max(rng.uniform(), 1e-300));
    bool accept = false;
    if (std::all_of(proposal.begin(), proposal.end(), [](double v) { return v >= 0 && v <= 1; })) {
      DensityPoint next = density(proposal);
      accept = std::isfinite(next.log_density) && log_u < next.log_density - current.log_density;
      if (accept) {
        u = proposal;
        current = std::move(next);
      }
    }
    tick();
    if (it < burn_in) {
      history.push_back(u);
      window_accepted += accept;
      if ((it + 1) % 20 == 0) {
        step *= window_accepted > 5 ? 1.25 : window_accepted < 4 ? 0.8 : 1.0;
        step = std::clamp(step, 1e-4, 2.0);
        window_accepted = 0;
      }
      if (it + 1 >= burn_in / 10 && (it + 1) % 100 == 0 && history.size() >= 2 * (d + 1))
        if (auto chol = cholesky(covariance(history, history.size() / 2))) l = *chol;
      continue;
    }
    kept_accepted += accept;
    r.u.push_back(u);
    r.log_density.push_back(current.log_density);
    r.extra.push_back(current.extra);
  }
  r.acceptance = draws > 0 ? static_cast<double>(kept_accepted) / draws : 0;
  return r;
}

namespace {

ChainDraws run_chain(const std::vector<Case>& cases, const std::vector<Prior>& priors, const CalibrationOptions& o,
                      int burn_in, int chain, analysis::ProgressCounter& progress) {
  RandomStream rng(o.seed, static_cast<std::uint64_t>(chain));
  const std::size_t d = priors.size();
  auto values_at = [&](const std::vector<double>& u) {
    std::vector<double> x(d);
    for (std::size_t j = 0; j < d; ++j) x[j] = priors[j].at(u[j]);
    return x;
  };
  std::vector<Case> own = cases;
  const Density density = [&](const std::vector<double>& u) {
    Evaluation e = evaluate_in_place(own, priors, values_at(u), o.model);
    return DensityPoint{e.log_likelihood, std::move(e.p_break)};
  };
  const Chain c = adaptive_metropolis(density, d, burn_in, o.draws, rng, [&] { progress.tick(); });
  ChainDraws r;
  for (const auto& u : c.u) r.values.push_back(values_at(u));
  r.log_likelihood = c.log_density;
  r.p_break = c.extra;
  r.acceptance = c.acceptance;
  return r;
}

int burn_in_of(const CalibrationOptions& o) { return o.burn_in >= 0 ? o.burn_in : o.draws; }

void check_options(const CalibrationOptions& o) {
  if (o.chains < 1 || o.draws < 4) throw SpecError("calibrate: at least one chain and four draws per chain");
}

}  // namespace

std::vector<ChainDraws> run_chains(const std::vector<Case>& cases, const CalibrationOptions& o,
                                   const std::vector<int>& which) {
  check_options(o);
  const auto priors = calibrated_parameters(cases);
  const int burn_in = burn_in_of(o);
  analysis::ProgressCounter progress(o.progress, which.size() * static_cast<std::uint64_t>(burn_in + o.draws + 1));
  std::vector<ChainDraws> chains(which.size());
  parallel_for(chains.size(), o.threads,
               [&](std::uint64_t i) { chains[i] = run_chain(cases, priors, o, burn_in, which[i], progress); });
  return chains;
}

Posterior calibrate(const std::vector<Case>& cases, const CalibrationOptions& o) {
  std::vector<int> every(static_cast<std::size_t>(std::max(o.chains, 0)));
  std::iota(every.begin(), every.end(), 0);
  return assemble_posterior(cases, o, run_chains(cases, o, every));
}

Posterior assemble_posterior(const std::vector<Case>& cases, const CalibrationOptions& o,
                             const std::vector<ChainDraws>& chains) {
  check_options(o);
  if (chains.size() != static_cast<std::size_t>(o.chains))
    throw std::logic_error("assemble_posterior: one set of draws per chain");
  Posterior p;
  p.options = o;
  p.options.burn_in = burn_in_of(o);
  p.priors = calibrated_parameters(cases);
  for (const auto& c : cases) {
    p.case_files.push_back(c.file);
    p.case_hashes.push_back(c.hash);
  }
  for (const auto& pr : p.priors) p.draws.names.push_back(pr.name);
  for (std::size_t c = 0; c < chains.size(); ++c) {
    for (std::size_t i = 0; i < chains[c].values.size(); ++i) {
      p.draws.draws.push_back(chains[c].values[i]);
      p.chain_of.push_back(static_cast<int>(c));
      p.log_likelihood.push_back(chains[c].log_likelihood[i]);
      p.p_break.push_back(chains[c].p_break[i]);
    }
    p.acceptance.push_back(chains[c].acceptance);
  }
  for (std::size_t j = 0; j < p.priors.size(); ++j) {
    std::vector<std::vector<double>> per_chain;
    std::vector<double> all;
    for (const auto& ch : chains) {
      per_chain.emplace_back();
      for (const auto& v : ch.values) {
        per_chain.back().push_back(v[j]);
        all.push_back(v[j]);
      }
    }
    ParameterSummary s{p.priors[j].name, quantile(all, 0.5), quantile(all, 0.05), quantile(all, 0.95),
                       effective_sample_size(per_chain), std::nullopt};
    std::vector<std::vector<double>> halves;  // split R̂ also sees a chain that drifts
    for (const auto& c : per_chain) {
      const auto mid = c.begin() + static_cast<std::ptrdiff_t>(c.size() / 2);
      halves.emplace_back(c.begin(), mid);
      halves.emplace_back(mid, mid + static_cast<std::ptrdiff_t>(c.size() / 2));
    }
    s.rhat = rhat(halves);
    p.summary.push_back(s);
  }
  p.converged = std::all_of(p.summary.begin(), p.summary.end(), [&](const ParameterSummary& s) {
    return s.ess >= kMinEssPerChain * o.chains && (!s.rhat || *s.rhat <= kMaxRhat);
  });
  return p;
}

nlohmann::ordered_json posterior_json(const Posterior& p, const std::vector<Case>& cases) {
  using json = nlohmann::ordered_json;
  json j;
  j["format"] = "entente-posterior-1";
  j["method"] = "adaptive random-walk Metropolis in the priors' unit coordinates (Haario, Saksman & Tamminen 2001): "
                "proposal covariance and step learned in the burn-in, then frozen; proposals outside the priors rejected";
  j["likelihood"] = {
      {"outcome", "discrete-time hazard: held Σ log(1 − h_t) over the window; broke in Y Σ_{t<Y} log(1 − h_t) + log h_Y "
                  "(Box-Steffensmeier & Jones 2004), h_t the alliance's yearly hazard of a point run"},
      {"surveys", "alliance_support items: normal on the logit scale around public_support of the point run; "
                  "favourability items not used"},
      {"survey_sigma", kSurveySigma}};
  j["seed"] = p.options.seed;
  j["model"] = p.options.model.empty() ? "each case's own" : p.options.model;
  j["chains"] = p.options.chains;
  j["draws_per_chain"] = p.options.draws;
  j["burn_in"] = p.options.burn_in;
  j["converged"] = p.converged;
  j["gate"] = {{"max_rhat", kMaxRhat}, {"min_ess", kMinEssPerChain * p.options.chains}};
  json fixed = json::object();
  const alliance::Parameters defaults;
  fixed["exit_base_rate"] = defaults.exit_base_rate;
  j["fixed"] = fixed;
  json cs = json::array();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& o = cases[i].outcome();
    double mean = 0;
    std::vector<double> pb;
    for (const auto& d : p.p_break) pb.push_back(d[i]);
    for (double x : pb) mean += x / static_cast<double>(pb.size());
    json c = {{"file", cases[i].file},
              {"hash", cases[i].hash},
              {"name", cases[i].scenario.scenario.name},
              {"window", {o.window_first, o.window_last}},
              {"result", o.broke ? "broke" : "held"}};
    if (o.broke) c["year"] = o.year;
    c["posterior_predictive"] = {{"p_break_mean", mean}, {"p_break_q05", quantile(pb, 0.05)}, {"p_break_q95", quantile(pb, 0.95)}};
    cs.push_back(c);
  }
  j["cases"] = cs;
  double accepted = 0;
  for (double a : p.acceptance) accepted += a / static_cast<double>(p.acceptance.size());
  j["acceptance"] = {{"overall", accepted}, {"per_chain", p.acceptance}};
  json params = json::array();
  for (std::size_t k = 0; k < p.priors.size(); ++k) {
    const auto& pr = p.priors[k];
    const auto& s = p.summary[k];
    json e = {{"name", pr.name},
              {"prior", {{"shape", pr.shape == PriorShape::Uniform ? "uniform" : "log_uniform"}, {"min", pr.min}, {"max", pr.max},
                         {"why", pr.why}}},
              {"median", s.median}, {"q05", s.q05}, {"q95", s.q95}, {"ess", s.ess}};
    e["rhat"] = s.rhat ? json(*s.rhat) : json(nullptr);
    params.push_back(e);
  }
  j["parameters"] = params;
  // The file keeps `keep` draws per chain, evenly spaced; the summaries above used every draw.
  const std::size_t per_chain = static_cast<std::size_t>(p.options.draws);
  const std::size_t stride = std::max<std::size_t>(1, per_chain / static_cast<std::size_t>(std::max(1, p.options.keep)));
  json chain = json::array(), ll = json::array(), values = json::array();
  for (std::size_t i = 0; i < p.draws.draws.size(); ++i) {
    if ((i % per_chain) % stride != 0) continue;
    chain.push_back(p.chain_of[i]);
    ll.push_back(p.log_likelihood[i]);
    values.push_back(p.draws.draws[i]);
  }
  j["draws"] = {{"kept_every", stride}, {"names", p.draws.names}, {"chain", chain}, {"log_likelihood", ll}, {"values", values}};
  return j;
}

PosteriorFile posterior_file(const Posterior& p) {
  PosteriorFile f;
  f.draws = p.draws;
  for (const auto& s : p.summary) f.medians.push_back(s.median);
  f.case_hashes = p.case_hashes;
  return f;
}

PosteriorFile read_posterior(const std::string& path) { return parse_posterior(read_file(path), path); }

PosteriorFile parse_posterior(const std::string& text, const std::string& path) {
  auto bad = [&](const std::string& field, const std::string& what) {
    return InputError({{path, 0, field, what + " (expected a posterior file written by entente calibrate)"}});
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number out of range
    throw bad("", std::string("not JSON: ") + e.what());
  }
  PosteriorFile f;
  try {
    if (j.value("format", "") != "entente-posterior-1") throw bad("format", "not entente-posterior-1");
    f.draws.names = j.at("draws").at("names").get<std::vector<std::string>>();
    f.draws.draws = j.at("draws").at("values").get<std::vector<std::vector<double>>>();
    for (const auto& name : f.draws.names) {
      const auto& table = alliance::parameter_table();
      if (std::none_of(table.begin(), table.end(), [&](const alliance::ParameterInfo& p) { return name == p.name; }))
        throw bad("draws.names", "unknown alliance parameter '" + name + "'");
      bool found = false;
      for (const auto& e : j.at("parameters"))
        if (e.at("name").get<std::string>() == name) {
          f.medians.push_back(e.at("median").get<double>());
          found = true;
        }
      if (!found) throw bad("parameters", "no median for '" + name + "'");
    }
    for (const auto& d : f.draws.draws)
      if (d.size() != f.draws.names.size()) throw bad("draws.values", "a draw with the wrong number of values");
    if (f.draws.draws.empty()) throw bad("draws.values", "no draws");
    for (const auto& c : j.at("cases")) f.case_hashes.push_back(c.at("hash").get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw bad("", e.what());
  }
  return f;
}

void apply_medians(alliance::Parameters& params, const PosteriorFile& posterior) {
  for (std::size_t j = 0; j < posterior.draws.names.size(); ++j)
    for (const auto& p : alliance::parameter_table())
      if (posterior.draws.names[j] == p.name) params.*(p.field) = std::clamp(posterior.medians[j], p.min, p.max);
}

void apply_posterior(sim::TimeScenario& t, const PosteriorFile& posterior) {
  apply_medians(t.params, posterior);
  t.posterior = posterior.draws;
}

namespace {

struct ByteWriter {
  std::string out;
  void u64(std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void real(double v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
};

struct ByteReader {
  const std::string& in;
  std::size_t at = 0;
  template <class T>
  T take() {
    if (in.size() - at < sizeof(T)) throw std::runtime_error("chains_from_bytes: the bytes end early");
    T v;
    std::memcpy(&v, in.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
  std::size_t count() {
    const auto n = take<std::uint64_t>();
    if (n > in.size()) throw std::runtime_error("chains_from_bytes: a count larger than the bytes");
    return static_cast<std::size_t>(n);
  }
};

}  // namespace

// Per chain: draws n, parameters d, cases k, then n × d values, n log-likelihoods, n × k
// probabilities and the acceptance.
std::string chains_to_bytes(const std::vector<ChainDraws>& chains) {
  ByteWriter w;
  w.u64(chains.size());
  for (const auto& c : chains) {
    const std::size_t n = c.values.size(), d = n ? c.values[0].size() : 0, k = n ? c.p_break[0].size() : 0;
    w.u64(n), w.u64(d), w.u64(k);
    for (std::size_t i = 0; i < n; ++i) {
      for (double v : c.values[i]) w.real(v);
      w.real(c.log_likelihood[i]);
      for (double v : c.p_break[i]) w.real(v);
    }
    w.real(c.acceptance);
  }
  return w.out;
}

std::vector<ChainDraws> chains_from_bytes(const std::string& bytes) {
  ByteReader r{bytes};
  std::vector<ChainDraws> chains(r.count());
  for (auto& c : chains) {
    const std::size_t n = r.count(), d = r.count(), k = r.count();
    for (std::size_t i = 0; i < n; ++i) {
      c.values.emplace_back(d);
      for (auto& v : c.values.back()) v = r.take<double>();
      c.log_likelihood.push_back(r.take<double>());
      c.p_break.emplace_back(k);
      for (auto& v : c.p_break.back()) v = r.take<double>();
    }
    c.acceptance = r.take<double>();
  }
  if (r.at != bytes.size()) throw std::runtime_error("chains_from_bytes: bytes left over");
  return chains;
}

}  // namespace entente::evidence
