// Writing the history of a time-stepped run: a yearly table for people, a tidy CSV
// (year,series,value) and JSON with `years`, `series` (name → values aligned with years)
// and `events` (year → names).
#pragma once

#include <string>

#include "io/forecast_io.h"
#include "sim/simulation.h"

namespace entente {

// Writes the years from..to (inclusive) of a run.
std::string write_run(const sim::TimeScenario& t, const sim::Run& run, Format format, int from, int to);

}  // namespace entente
