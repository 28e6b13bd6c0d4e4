// The report's charts, one function each. A chart function takes parts of a ReportData and
// returns a <figure> (the SVG and its caption); it chooses colours, labels and which lines
// carry information, and computes no result.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "analysis/report_data.h"
#include "evidence/backtest.h"
#include "evidence/evidence_io.h"

namespace entente::report {

// One-year scenarios: one issue's positions over the model's turns, with the forecast.
std::string issue_chart(const analysis::ForecastFacts& facts, const Forecast& forecast, std::size_t issue);

// Time-stepped scenarios, from the baseline run.
std::string strain_chart(const analysis::TimelineFacts& facts, const sim::Run& run);
std::string member_chart(const analysis::TimelineFacts& facts, const sim::Run& run, std::size_t member);  // 0 patron, 1 client
std::string public_chart(const analysis::TimelineFacts& facts, const sim::Run& run);
std::string divergence_chart(const sim::Run& run);
std::string disarmament_chart(const analysis::TimelineFacts& facts, const sim::Run& run);  // "" without the series

// The attribution as a waterfall; `id` is unique in the page.
std::string attribution_chart(const analysis::Attribution& attribution, const std::string& id);

// One panel per policy (each against the baseline) of a series' 5–95 % bands from year `from`.
std::string policy_panels(const analysis::TimelineFacts& facts, const sim::SweepResult& sweep, const std::string& series,
                          int from);

// Single runs of the policies side by side: one line per policy for one series.
std::string policy_run_chart(const analysis::TimelineFacts& facts, const std::vector<analysis::PolicyRun>& runs,
                             const std::string& series);

// The evidence section (report/evidence.h): the reliability diagram of a backtest's real
// coding, one series per fit, its bins of forecast probability and its cases; and one
// posterior marginal, its draws against its prior, the median and the 90 % interval.
std::string reliability_chart(const std::vector<evidence::CaseForecast>& forecasts);
std::string marginal_chart(const evidence::Marginal& marginal);

}  // namespace entente::report
