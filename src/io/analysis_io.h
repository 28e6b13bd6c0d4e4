// Writing analyses: attributions of a change to its causes (table, CSV, JSON).
#pragma once

#include <string>
#include <vector>

#include "analysis/attribution.h"
#include "io/forecast_io.h"

namespace entente {

// JSON: {"from", "to", "model", "series": {name: {"start_value", "total_change", "drift",
// "v_all", "v_none", "shapley": {group: value}, "interactions": [{"a","b","value"}]}}}.
// CSV: series,kind,name,value (kind = shapley | total_change | drift | interaction | ...).
std::string write_attribution(const std::vector<analysis::Attribution>& results, const std::string& model_spec,
                              Format format);

}  // namespace entente
