// The backtest of the alliance model on the case library (docs/evidence.md): per case the
// probability of a break within its window and the first break year in sampled runs against
// the record; overall the Brier score (Brier 1950) and log score beside the ATOP base rate,
// the 2×2 table at ½ and the timing error; in sample, leave one case out, and on placebo
// codings with the event dates shuffled within each window.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evidence/calibration.h"
#include "output/document.h"

namespace entente::evidence {

enum class Fit { InSample, HeldOut };
enum class Coding { Real, Placebo };
inline constexpr auto kFits = enum_table<Fit>({{Fit::InSample, "in_sample"}, {Fit::HeldOut, "held_out"}});
inline constexpr auto kCodings = enum_table<Coding>({{Coding::Real, "real"}, {Coding::Placebo, "placebo"}});

struct CaseForecast {
  std::string name, file;
  Fit fit = Fit::InSample;
  Coding coding = Coding::Real;
  int shuffle = 0;  // placebo: which of the shuffles (1, 2, …); 0 for the real coding
  bool broke = false;
  int year = 0;  // recorded, when broke
  int window_first = 0, window_last = 0;
  // The mean over sampled runs (inputs and parameters drawn) of each run's 1 − S over the window.
  double p_break = 0;
  double p_base = 0;  // the ATOP base rate over the window's length
  int runs = 0, breaks = 0;  // sampled runs, and those breaking within the window
  std::optional<double> year_median, year_q05, year_q95;  // first break year among those
  std::optional<bool> hit;  // broke and the median within ±2 years of the record
};

struct Score {
  Fit fit = Fit::InSample;
  Coding coding = Coding::Real;
  int cases = 0;
  double brier = 0, brier_base = 0, log_score = 0, log_score_base = 0;
  int true_break = 0, false_break = 0, missed_break = 0, true_held = 0;  // at p ≥ ½
  std::optional<double> timing_error;  // mean |median first break − record| over broken cases with breaks
};

struct BacktestOptions {
  std::vector<std::string> paths;
  std::optional<PosteriorFile> posterior;  // else calibrated on the cases
  bool leave_one_out = false, placebo = false;
  // Placebo codings per case and fit: one shuffle is one random draw, so the placebo's score
  // is the mean over this many (each its own stream), and each shuffle is a row of its own.
  int placebo_draws = 20;
  int runs = 200;
  CalibrationOptions calibration;
  analysis::ProgressFn progress;  // counts fits and forecast cases
};

// How one fit's chains did (calibration.h's gate): the case left out, or "" for the fit on all.
struct FitCheck {
  std::string left_out;
  double max_rhat = 0, min_ess = 0;
  bool converged = false;
};

struct BacktestResult {
  std::vector<FitCheck> fits;  // the fits the backtest ran itself (none for --posterior alone)
  std::vector<CaseForecast> forecasts;
  std::vector<Score> scores;
};

// Sampled runs of one case under posterior draws: each run draws the case's uncertain inputs
// and a posterior draw (sim::sample), runs, and breaks in the first window year its survival
// from the window's start falls below the run's ending draw.
CaseForecast forecast_case(const Case& c, const PosteriorFile& posterior, int runs, std::uint64_t seed,
                           const std::string& model, int threads);

// The case with its events' years permuted among themselves within the outcome's window, by
// the stream (seed, 2^32 + index); shuffle k (0-based) of case i of n takes index k·n + i.
Case placebo_case(const Case& c, std::uint64_t seed, std::size_t index);

Score score(const std::vector<CaseForecast>& forecasts, Fit fit, Coding coding);

BacktestResult backtest(const std::vector<Case>& cases, const BacktestOptions& options);

output::Document backtest_document(const BacktestResult& r);

}  // namespace entente::evidence
