#include "evidence/backtest.h"

#include <limits>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "bargaining/model.h"
#include "core/parallel.h"
#include "core/uncertainty.h"
#include "sim/sample.h"
#include "sim/simulation.h"

namespace entente::evidence {

namespace {

// The ATOP base rate of the alliance over a window: each member leaves at h₀ a year
// (alliance::Parameters::exit_base_rate), so the alliance ends at 1 − (1 − h₀)² a year.
double base_rate(int years) {
  const double h0 = alliance::Parameters{}.exit_base_rate;
  return 1 - std::pow(1 - h0, 2 * years);
}

constexpr double kClampP = 1e-6;  // a forecast of exactly 0 or 1 would make the log score infinite

}  // namespace

CaseForecast forecast_case(const Case& c, const PosteriorFile& posterior, int runs, std::uint64_t seed,
                           const std::string& model, int threads) {
  const sim::Outcome& o = c.outcome();
  sim::TimeScenario t = c.scenario;
  apply_posterior(t, posterior);
  struct One {
    double p = 0;
    std::optional<int> year;
  };
  std::vector<One> out(static_cast<std::size_t>(runs));
  parallel_for(out.size(), threads, [&](std::uint64_t i) {
    RandomStream rng(seed, i);
    sim::TimeScenario s = sim::sample(t, rng);
    const double u = *s.ending_draw;
    s.ending_draw.reset();  // the break is drawn over the window below, not from the scenario's start
    sim::SimOptions so;
    so.model = choose_model(model, s.scenario.model, ScenarioKind::TimeStepped);
    so.seed = s.scenario.seed;
    const auto h = window_hazards(sim::simulate(s, so), o.window_first, o.window_last);
    out[i].p = break_probability(h);
    double survival = 1;  // inverse-transform sampling of the first break: S(t) < U
    for (std::size_t k = 0; k < h.size() && !out[i].year; ++k) {
      survival *= 1 - h[k];
      if (survival < u) out[i].year = o.window_first + static_cast<int>(k);
    }
  });
  CaseForecast f;
  f.name = c.scenario.scenario.name;
  f.file = c.file;
  f.broke = o.broke;
  f.year = o.year;
  f.window_first = o.window_first;
  f.window_last = o.window_last;
  f.p_base = base_rate(o.window_years());
  f.runs = runs;
  std::vector<double> years;
  for (const auto& r : out) {
    f.p_break += r.p / runs;
    if (r.year) years.push_back(*r.year);
  }
  f.breaks = static_cast<int>(years.size());
  if (!years.empty()) {
    f.year_median = quantile(years, 0.5);
    f.year_q05 = quantile(years, 0.05);
    f.year_q95 = quantile(years, 0.95);
  }
  if (o.broke) f.hit = f.year_median && std::abs(*f.year_median - o.year) <= 2;
  return f;
}

Case placebo_case(const Case& c, std::uint64_t seed, std::size_t index) {
  Case p = c;
  const sim::Outcome& o = c.outcome();
  std::vector<std::size_t> inside;
  for (std::size_t i = 0; i < p.scenario.events.size(); ++i)
    if (p.scenario.events[i].year >= o.window_first && p.scenario.events[i].year <= o.window_last) inside.push_back(i);
  std::vector<int> years;
  for (auto i : inside) years.push_back(p.scenario.events[i].year);
  // Fisher–Yates (Knuth 1997, Algorithm P) on the stream of the case.
  RandomStream rng(seed, (std::uint64_t{1} << 32) + index);
  for (std::size_t k = years.size(); k > 1; --k) {
    const auto j = std::min(k - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(k)));
    std::swap(years[k - 1], years[j]);
  }
  for (std::size_t k = 0; k < inside.size(); ++k) p.scenario.events[inside[k]].year = years[k];
  std::stable_sort(p.scenario.events.begin(), p.scenario.events.end(),
                   [](const sim::Event& a, const sim::Event& b) { return a.year < b.year; });
  return p;
}

Score score(const std::vector<CaseForecast>& forecasts, Fit fit, Coding coding) {
  Score s;
  s.fit = fit;
  s.coding = coding;
  double timing = 0;
  int timed = 0;
  for (const auto& f : forecasts) {
    if (f.fit != fit || f.coding != coding) continue;
    ++s.cases;
    const double y = f.broke ? 1 : 0;
    // Brier (1950): the mean squared difference of forecast and outcome; the log score is the
    // mean log probability given to what happened (Good 1952).
    s.brier += (f.p_break - y) * (f.p_break - y);
    s.brier_base += (f.p_base - y) * (f.p_base - y);
    const double p = std::clamp(f.p_break, kClampP, 1 - kClampP), b = std::clamp(f.p_base, kClampP, 1 - kClampP);
    s.log_score += f.broke ? std::log(p) : std::log(1 - p);
    s.log_score_base += f.broke ? std::log(b) : std::log(1 - b);
    const bool said_break = f.p_break >= 0.5;
    if (said_break && f.broke) ++s.true_break;
    else if (said_break) ++s.false_break;
    else if (f.broke) ++s.missed_break;
    else ++s.true_held;
    if (f.broke && f.year_median) {
      timing += std::abs(*f.year_median - f.year);
      ++timed;
    }
  }
  if (s.cases > 0) {
    s.brier /= s.cases;
    s.brier_base /= s.cases;
    s.log_score /= s.cases;
    s.log_score_base /= s.cases;
  }
  if (timed > 0) s.timing_error = timing / timed;
  return s;
}

BacktestResult backtest(const std::vector<Case>& cases, const BacktestOptions& o) {
  BacktestResult r;
  const auto& cal = o.calibration;
  const std::uint64_t fits = (o.posterior ? 0 : 1) + (o.leave_one_out ? cases.size() : 0);
  if (o.placebo && o.placebo_draws < 1) throw SpecError("--placebo-draws: at least one shuffle per case");
  const std::uint64_t placebos = o.placebo ? static_cast<std::uint64_t>(o.placebo_draws) : 0;
  analysis::ProgressCounter progress(o.progress, fits + cases.size() * (1 + o.leave_one_out) * (1 + placebos));
  auto forecast_all = [&](const Case& c, std::size_t i, const PosteriorFile& post, Fit fit) {
    CaseForecast f = forecast_case(c, post, o.runs, cal.seed, cal.model, cal.threads);
    f.fit = fit;
    r.forecasts.push_back(f);
    progress.tick();
    for (std::uint64_t k = 0; k < placebos; ++k) {
      const Case shuffled = placebo_case(c, cal.seed, k * cases.size() + i);
      CaseForecast p = forecast_case(shuffled, post, o.runs, cal.seed, cal.model, cal.threads);
      p.fit = fit;
      p.coding = Coding::Placebo;
      p.shuffle = static_cast<int>(k + 1);
      r.forecasts.push_back(p);
      progress.tick();
    }
  };
  // In sample: the posterior given, or one fitted on every case. A case is in sample when the
  // posterior was fitted on it (its hash is among the posterior's).
  auto fit = [&](const std::vector<Case>& on, const std::string& left_out) {
    const Posterior p = calibrate(on, cal);
    FitCheck check{left_out, 0, std::numeric_limits<double>::infinity(), p.converged};
    for (const auto& s : p.summary) {
      check.max_rhat = std::max(check.max_rhat, s.rhat.value_or(1.0));
      check.min_ess = std::min(check.min_ess, s.ess);
    }
    r.fits.push_back(check);
    progress.tick();
    return posterior_file(p);
  };
  const PosteriorFile all = o.posterior ? *o.posterior : fit(cases, "");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const bool fitted = std::find(all.case_hashes.begin(), all.case_hashes.end(), cases[i].hash) != all.case_hashes.end();
    forecast_all(cases[i], i, all, fitted ? Fit::InSample : Fit::HeldOut);
  }
  if (o.leave_one_out) {
    if (cases.size() < 2) throw SpecError("--leave-one-out needs at least two cases");
    for (std::size_t i = 0; i < cases.size(); ++i) {
      std::vector<Case> others;
      for (std::size_t k = 0; k < cases.size(); ++k)
        if (k != i) others.push_back(cases[k]);
      const PosteriorFile post = fit(others, cases[i].scenario.scenario.name);
      forecast_all(cases[i], i, post, Fit::HeldOut);
    }
  }
  for (Fit fit : {Fit::InSample, Fit::HeldOut})
    for (Coding coding : {Coding::Real, Coding::Placebo}) {
      Score s = score(r.forecasts, fit, coding);
      if (s.cases > 0) r.scores.push_back(s);
    }
  return r;
}

output::Document backtest_document(const BacktestResult& r) {
  using output::Cell;
  auto opt = [](const std::optional<double>& x) { return x ? Cell(*x) : Cell(); };
  output::Table cases;
  cases.title = "Backtest per case: P(break within the window) = mean over sampled runs of 1 − S(window end);\n"
                "first break year in sampled runs (median, 90 % interval); hit = median within ±2 years";
  cases.columns = {"fit", "coding", "shuffle", "case", "window_first", "window_last", "result", "year", "p_break", "p_base",
                   "runs", "breaks", "break_year_median", "break_year_q05", "break_year_q95", "hit"};
  for (const auto& f : r.forecasts)
    cases.add({std::string(kFits.name(f.fit)), std::string(kCodings.name(f.coding)), f.shuffle, f.name, f.window_first, f.window_last,
               f.broke ? "broke" : "held", f.broke ? Cell(f.year) : Cell(), f.p_break, f.p_base, f.runs, f.breaks,
               opt(f.year_median), opt(f.year_q05), opt(f.year_q95), f.hit ? Cell(*f.hit ? "yes" : "no") : Cell()});
  output::Table scores;
  scores.title = "Scores (Brier 1950; log score: mean log probability of what happened), beside the ATOP base rate;\n"
                 "2×2 at ½; timing error: mean |median first break − recorded year| over broken cases";
  scores.columns = {"fit", "coding", "cases", "brier", "brier_base", "log_score", "log_score_base", "true_break",
                    "false_break", "missed_break", "true_held", "timing_error"};
  for (const auto& s : r.scores)
    scores.add({std::string(kFits.name(s.fit)), std::string(kCodings.name(s.coding)), s.cases, s.brier, s.brier_base,
                s.log_score, s.log_score_base, s.true_break, s.false_break, s.missed_break, s.true_held,
                opt(s.timing_error)});
  scores.note = "in_sample: the posterior was fitted on the case; held_out: it was not (leave-one-out: fitted on the others).\n"
               "placebo: every case under every shuffle of its event dates, so its cases and 2×2 count case × shuffle.";
  output::Table fits;
  fits.title = fmt::format("Fits: converged when every split R-hat is at most {} and every ESS (min_ess: over all chains) at least {} per chain",
                           kMaxRhat, kMinEssPerChain);
  fits.columns = {"fit", "max_rhat", "min_ess", "converged"};
  for (const auto& f : r.fits)
    fits.add({f.left_out.empty() ? "all cases" : "without " + f.left_out, f.max_rhat, f.min_ess, f.converged ? "yes" : "no"});
  output::Document d;
  d.text = {cases, scores};
  if (!r.fits.empty()) d.text.push_back(fits);
  d.tidy = cases;
  // JSON: both tables' records, read back from the one JSON renderer.
  d.json["cases"] = nlohmann::ordered_json::parse(output::render_json(cases));
  d.json["scores"] = nlohmann::ordered_json::parse(output::render_json(scores));
  d.json["fits"] = nlohmann::ordered_json::parse(output::render_json(fits));
  return d;
}

}  // namespace entente::evidence
