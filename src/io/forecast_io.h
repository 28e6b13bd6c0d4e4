// Writing a forecast as a readable table, a tidy CSV or JSON, and reading the JSON back.
//
// The JSON holds the input (actors, capabilities, issues with scales and poles, stances),
// the model with every parameter, the seed, and the whole history, so a run can be
// reproduced from its output alone: `entente forecast result.json` reruns it.
#pragma once

#include <string>
#include <string_view>

#include "bargaining/model.h"
#include "core/scenario.h"
#include "output/table.h"

namespace entente {

using output::Format;
using output::parse_format;

// One finished forecast: what went in, which model with which parameters, what came out.
struct ForecastRecord {
  Scenario scenario;
  std::string model_spec;  // canonical, every parameter spelled out
  std::uint64_t seed = 0;
  Forecast forecast;
};

std::string write_forecast(const ForecastRecord& record, Format format);

// Several models' forecasts of one scenario side by side: a table with one row per issue and
// one column per model, a CSV (model,issue,forecast,turns) or a JSON list of full records.
std::string write_comparison(const std::vector<ForecastRecord>& records, Format format);

// Reads the JSON that write_forecast produced; throws InputError on anything else.
ForecastRecord read_forecast_json(std::string_view text, const std::string& file);

}  // namespace entente
