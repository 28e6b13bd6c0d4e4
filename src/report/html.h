// The report: one self-contained HTML file a person would rather look at than read. No
// network, no external files, no script: CSS inline and every chart inline SVG drawn by
// report/svg.h. The page is well-formed XML as well as HTML, so any XML parser can check it.
//
// For a one-year scenario: the scenario (actors, issues with poles, stances) and where each
// issue's bargaining goes turn by turn. For a time-stepped scenario: the scenario, strain
// over time with the dated events, each member's gains and losses, public support,
// divergence, the adversary's disarmament probability, the Shapley attribution of the
// change of strain over a window, the scenario's policies with 5–95 % bands from a sweep of
// its uncertain inputs, and its claims checked on the baseline and across runs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "io/forecast_io.h"
#include "sim/timeline.h"

namespace entente::report {

struct ReportOptions {
  std::string source;              // the scenario file as the user named it (shown and reused in commands)
  std::string model;               // "" = the scenario's model
  std::uint64_t seed = 0;
  bool seed_given = false;         // else the scenario's seed
  std::uint64_t sweep_runs = 200;  // draws of the uncertain inputs behind the policy bands
  std::uint64_t claim_runs = 100;  // draws on which each claim is checked
  int from = 0, to = 0;            // attribution window (0 = the default, see attribution_window)
  int threads = 1;                 // results do not depend on it
  std::function<void(const std::string&)> progress;  // told what is being computed
};

// The report of a finished forecast.
std::string forecast_report(const ForecastRecord& record, const ReportOptions& options);

// Runs a time-stepped scenario, its attribution, a sweep over its policies and its claims,
// and reports them. Throws SpecError on a bad model spec or window.
std::string timeline_report(const sim::TimeScenario& t, const ReportOptions& options);

// The window the attribution explains when the options name none: the first window the
// scenario's own claims attribute strain over, else the span's last ten years. A window
// given in part keeps the default for the other end.
std::pair<int, int> attribution_window(const sim::TimeScenario& t, const ReportOptions& options);

}  // namespace entente::report
