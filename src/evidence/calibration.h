// Calibration of the alliance model on a library of cases with recorded outcomes
// (docs/evidence.md): a likelihood of the discrete-time hazard (Box-Steffensmeier & Jones
// 2004, ch. 5) plus observed support series, sampled by random-walk Metropolis (Metropolis et
// al. 1953; Hastings 1970) in several chains, each on its own Philox stream, so the posterior
// is the same on any thread count.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "alliance/alliance.h"
#include "analysis/progress.h"
#include "core/uncertainty.h"
#include "sim/simulation.h"
#include "sim/timeline.h"

namespace entente::evidence {

// A case of the library: a time-stepped scenario with an `outcome:` block.
struct Case {
  std::string file;
  std::string hash;  // FNV-1a 64 of the file's bytes, 16 hex digits
  sim::TimeScenario scenario;
  const sim::Outcome& outcome() const { return *scenario.outcome; }
};

// The files named, a folder standing for its *.yaml files (sorted by name) that carry an
// `outcome:` block. A named file without one is an InputError; so is an empty library.
std::vector<Case> load_cases(const std::vector<std::string>& paths);

// FNV-1a 64 (Fowler, Noll & Vo) as 16 hex digits.
std::string content_hash(const std::string& bytes);

// The prior of a calibrated parameter: uniform or log-uniform on [min, max], with its reason.
enum class PriorShape { Uniform, LogUniform };
struct Prior {
  std::string name;
  double alliance::Parameters::*field = nullptr;
  double min = 0, max = 1;
  PriorShape shape = PriorShape::Uniform;
  std::string why;
  // The parameter's value at a point u of the unit interval (the sampler's coordinates).
  double at(double u) const;
  double unit(double x) const;
};

// The parameters fitted: hazard_slope, security_weight, contribution_weight, domestic_weight,
// and rally and resentment when a case observes alliance support, each with a log-uniform
// prior (docs/evidence.md gives the ranges and their reasons). exit_base_rate stays at its
// ATOP value (it sets the level of the hazard from 57,980 dyad-years; seven cases cannot).
std::vector<Prior> calibrated_parameters(const std::vector<Case>& cases);

// The survey likelihood's σ on the logit scale.
inline constexpr double kSurveySigma = 0.5;

// One evaluation of the likelihood at a parameter point: the log-likelihood and, per case,
// the model's probability that the alliance breaks within the case's window.
struct Evaluation {
  double log_likelihood = 0;
  double outcome_part = 0, survey_part = 0;
  std::vector<double> p_break;
};

// The yearly hazards of the alliance over a window from one run's `strain` series.
std::vector<double> window_hazards(const sim::Run& run, int first, int last);
// 1 − Π (1 − h_t): the probability of a break within the window.
double break_probability(const std::vector<double>& hazards);
// The discrete-time hazard log-likelihood of an outcome (Box-Steffensmeier & Jones 2004,
// eq. 5.4): held, Σ log(1 − h_t) over the window; broke in Y, Σ_{t<Y} log(1 − h_t) + log h_Y.
double outcome_log_likelihood(const std::vector<double>& hazards, const sim::Outcome& outcome);
// Normal on the logit scale: Σ over alliance_support items of log N(logit y | logit p_t, σ).
// Favourability items are not support and are left out.
double survey_log_likelihood(const sim::TimeScenario& t, const sim::Run& run);

// The likelihood over every case with the parameters of each set to `params` (only the fields
// in `priors` are replaced; each case keeps its other values). `model`: a bargaining model
// spec, "" for each case's own.
Evaluation evaluate(const std::vector<Case>& cases, const std::vector<Prior>& priors, const std::vector<double>& values,
                    const std::string& model);

// The sampler, apart from the alliance model: a log density on [0, 1]ᵈ (and what to keep
// beside each draw), and the chain it gives.
struct DensityPoint {
  double log_density = 0;
  std::vector<double> extra;
};
using Density = std::function<DensityPoint(const std::vector<double>& u)>;
struct Chain {
  std::vector<std::vector<double>> u;  // kept draws, after the burn-in
  std::vector<double> log_density;
  std::vector<std::vector<double>> extra;
  double acceptance = 0;  // after the burn-in
};
Chain adaptive_metropolis(const Density& density, std::size_t d, int burn_in, int draws, RandomStream& rng,
                          const std::function<void()>& tick);

struct CalibrationOptions {
  std::uint64_t seed = 1;
  int chains = 4;
  int draws = 2000;   // kept per chain, after the burn-in
  int burn_in = -1;   // per chain; −1 = as many as draws
  int keep = 1000;    // draws written to the file per chain, evenly spaced (the summaries use all)
  int threads = 1;
  std::string model;  // "" = each case's own model
  analysis::ProgressFn progress;  // counts likelihood evaluations
};

struct ParameterSummary {
  std::string name;
  double median = 0, q05 = 0, q95 = 0, ess = 0;
  std::optional<double> rhat;  // split R̂: each chain's halves as two chains (BDA3 §11.4)
};

// The convergence gate (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021, Bayesian Analysis
// 16(2), §4): every split R̂ at most 1.01 and every effective sample size at least 100 per chain.
inline constexpr double kMaxRhat = 1.01;
inline constexpr double kMinEssPerChain = 100;

struct Posterior {
  std::vector<Prior> priors;
  sim::ParameterDraws draws;        // every kept draw, chain by chain
  std::vector<int> chain_of;        // per draw
  std::vector<double> log_likelihood;  // per draw
  std::vector<std::vector<double>> p_break;  // per draw, per case
  std::vector<double> acceptance;   // per chain, after the burn-in
  std::vector<ParameterSummary> summary;
  bool converged = false;           // the gate above
  CalibrationOptions options;
  std::vector<std::string> case_files, case_hashes;
};

Posterior calibrate(const std::vector<Case>& cases, const CalibrationOptions& options);

// One chain's kept draws: calibrate's unit of work, so that the chains of one calibration can
// run in different processes (`calibrate --mpi`) and be assembled into the same posterior.
struct ChainDraws {
  std::vector<std::vector<double>> values;  // kept draws, parameter values
  std::vector<double> log_likelihood;
  std::vector<std::vector<double>> p_break;  // per draw, per case
  double acceptance = 0;
};
// The chains `which` (each below options.chains, on stream (seed, chain)), in that order.
std::vector<ChainDraws> run_chains(const std::vector<Case>& cases, const CalibrationOptions& options,
                                   const std::vector<int>& which);
// The posterior from every chain's draws, chain 0 first: calibrate() is run_chains over every
// chain, then this.
Posterior assemble_posterior(const std::vector<Case>& cases, const CalibrationOptions& options,
                             const std::vector<ChainDraws>& chains);
// Chains as bytes and back (doubles bit for bit, in this machine's byte order), to send them
// between the processes of one job. from_bytes throws std::runtime_error on bytes it did not write.
std::string chains_to_bytes(const std::vector<ChainDraws>& chains);
std::vector<ChainDraws> chains_from_bytes(const std::string& bytes);

// Effective sample size of chains of equal length (Geyer's initial positive sequence over the
// chains' mean autocorrelation, Geyer 1992; Gelman et al. 2013, BDA3 §11.5).
double effective_sample_size(const std::vector<std::vector<double>>& chains);
// Potential scale reduction R̂ (Gelman & Rubin 1992; BDA3 eq. 11.4).
double rhat(const std::vector<std::vector<double>>& chains);
// Quantile q of sorted values, by linear interpolation (Hyndman & Fan 1996, type 7).
double quantile(std::vector<double> values, double q);

// The posterior file: draws, acceptance, ESS, R̂, medians and 90 % intervals, posterior
// predictive checks, seed, model, cases with hashes.
nlohmann::ordered_json posterior_json(const Posterior& p, const std::vector<Case>& cases);

// A posterior file read back: its draws, its medians and the hashes of the cases it was fitted
// on. InputError when the file is not one.
struct PosteriorFile {
  sim::ParameterDraws draws;
  std::vector<double> medians;  // per name
  std::vector<std::string> case_hashes;
};
PosteriorFile read_posterior(const std::string& path);
// The same from the file's text; `path` names it in errors.
PosteriorFile parse_posterior(const std::string& text, const std::string& path);
PosteriorFile posterior_file(const Posterior& p);

// The fitted parameters set to the posterior's medians, the others left as they are.
void apply_medians(alliance::Parameters& params, const PosteriorFile& posterior);
// The scenario under a posterior: its point runs take the medians, its sampled runs a draw.
void apply_posterior(sim::TimeScenario& t, const PosteriorFile& posterior);

}  // namespace entente::evidence
