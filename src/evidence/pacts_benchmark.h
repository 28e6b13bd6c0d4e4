// The termination benchmark of every defence pact since 1946 (docs/evidence.md, "Every
// defence pact since 1946"): three forecasts of the yearly hazard that a pledge ends, fitted
// on pledge-years up to the split year and scored on the years after it —
//   (a) the base rate: the training period's termination rate, every year;
//   (b) the logit baseline (Leeds & Savun 2007's covariates, ideal-point distance, a cubic in
//       duration; hazard_logit.h), fitted on the training years;
//   (c) the alliance model (docs/models/alliance.md) on a generic scenario built per spell
//       from the data alone, at its parameter defaults: its yearly `strain` series.
// Scores: AUC (Hanley & McNeil 1982, the Mann–Whitney form), Brier score (Brier 1950), the
// mean log score, and a calibration table by deciles of the forecast.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "alliance/alliance.h"
#include "evidence/hazard_logit.h"
#include "evidence/pacts.h"
#include "output/document.h"
#include "sim/timeline.h"

namespace entente::evidence {

struct ForecastScore {
  std::size_t n = 0, events = 0;
  std::optional<double> auc{};  // none without both an event and a non-event
  double brier = 0;           // mean (p − y)²
  double log_score = 0;       // mean ln p(observed outcome): 0 is perfect, higher is better
};

// The area under the ROC curve as P(p_event > p_non-event) + ½ P(tie) (Mann–Whitney U / n₁n₀).
std::optional<double> auc(const std::vector<double>& p, const std::vector<int>& y);
ForecastScore score_forecasts(const std::vector<double>& p, const std::vector<int>& y);

struct CalibrationBin {
  int bin = 0;  // 1..bins, by rank of the forecast (equal counts; ties broken by order)
  std::size_t n = 0, events = 0;
  double mean_forecast = 0, observed = 0, lowest = 0, highest = 0;
};
std::vector<CalibrationBin> calibration(const std::vector<double>& p, const std::vector<int>& y, int bins = 10);

// The generic scenario of one spell (years max(start, from)..last): the stronger member in the
// spell's first year as patron, the other as client, an adversary whose capability is the
// summed CINC of the third states in disputes with either (GML; a floor of 1e-6 keeps the
// contest defined), one national alignment issue owned by the client with the members'
// UN ideal points rescaled to 0..100 over every state's range (yearly stance events), V-Dem
// polyarchy (else Polity2 rescaled to 0..1) as democracy, US troops in the client when the patron is the US. A value missing
// in a year holds the nearest known one (democracy 0.5 and position 50 when none is known).
sim::TimeScenario pact_scenario(const PactWorld& world, const PactSpell& spell, int from,
                                const alliance::Parameters& params);

struct PactBenchmarkOptions {
  int from = 1946, to = 2010, split = 1980;
  std::string model{};  // bargaining model spec ("" = the default for time-stepped scenarios)
  alliance::Parameters params{};
  DurationTerms duration = DurationTerms::Log;  // the logit's time dependence
  int threads = 1;    // spells run in parallel; results do not depend on it
  std::function<void(std::uint64_t, std::uint64_t)> progress{};  // spells run, of all
  // A cluster's share (`benchmark alliances --mpi`): this process runs block `part` of `parts`
  // of the spells, and `join` gathers every process's strain series (per spell, empty where
  // another ran it) into the whole set on the root, nullopt elsewhere, where the benchmark
  // then stops with the panel and the fits only.
  int part = 0, parts = 1;
  std::function<std::optional<std::vector<std::vector<double>>>(std::vector<std::vector<double>>)> join{};
};

enum class Forecaster { BaseRate, Logit, AllianceModel };
struct ForecasterInfo {
  Forecaster forecaster;
  const char* name;
  const char* description;
};
inline constexpr ForecasterInfo kForecasters[] = {
    {Forecaster::BaseRate, "base_rate", "the training period's termination rate, every year"},
    {Forecaster::Logit, "logit", "the logit hazard on the covariates, fitted on the training years"},
    {Forecaster::AllianceModel, "alliance_model", "the alliance model's yearly strain on the generic scenario (defaults)"},
};

struct PeriodScore {
  Forecaster forecaster = Forecaster::BaseRate;
  std::string sample{};  // "train" or "test"
  int from = 0, to = 0;
  ForecastScore score{};
};

struct PactBenchmark {
  PactBenchmarkOptions options{};
  PactPanel panel{};
  std::string model_spec{};
  LogitFit fit{};
  double base_rate = 0;
  std::vector<std::size_t> scored{};  // indices into panel.years of the scored years
  // Per scored year (parallel to `scored`): each forecaster's p, in kForecasters order.
  std::vector<double> forecast[3]{};
  std::vector<PeriodScore> scores{};
  std::vector<CalibrationBin> calibration[3]{};  // on the test years
};

// Builds the panel, fits the logit on the training years, runs every spell's scenario and
// scores the three forecasts. Throws SpecError for a bad model spec or split.
PactBenchmark benchmark_pacts(const PactWorld& world, const PactBenchmarkOptions& options);

// The summary (scores, coefficients, calibration) for every format.
output::Document pacts_document(const PactBenchmark& result);
// Every dyad, scored or left out with its reason.
output::Table pacts_dyads_table(const PactPanel& panel);
// Every pledge-year with its covariates, whether it is scored and each forecast.
output::Table pacts_panel_table(const PactBenchmark& result);
output::Table pacts_calibration_table(const PactBenchmark& result);
output::Table pacts_coefficients_table(const PactBenchmark& result);
output::Table pacts_scores_table(const PactBenchmark& result);

}  // namespace entente::evidence
