// Writing analyses: attributions of a change to its causes, policies side by side and the
// claims, each as a table for people, a tidy CSV and JSON (through the output layer).
#pragma once

#include <string>
#include <vector>

#include "analysis/attribution.h"
#include "analysis/claims.h"
#include "analysis/compare.h"
#include "io/forecast_io.h"

namespace entente {

// The causes come largest |Shapley value| first in every format (ties in group order).
// JSON: {"from", "to", "model", "series": {name: {"start_value", "v_all", "v_none",
// "total_change", "drift", "shapley": {group: value}, "interactions": [{"a","b","value"}]}}}.
// CSV: series,kind,name,value (kind = start_value | total_change | drift | v_all | v_none |
// shapley | interaction; name = the group, or "a+b" for an interaction).
std::string write_attribution(const std::vector<analysis::Attribution>& results, const std::string& model_spec,
                              Format format);

// Policies side by side for the years from..to. Table: one block per series, a row per year,
// a column per policy. CSV: policy,year,series,value. JSON: {"years": [...], "policies":
// {name: {"series": {name: [...]}, "retreat_year": …}}}.
std::string write_comparison(const std::vector<analysis::PolicyRun>& runs, const std::vector<std::string>& series,
                             int from, int to, Format format);

// The claims: JSON is a list of {id, text, holds, holds_baseline, share_of_runs, runs,
// terms}; CSV id,holds_baseline,share_of_runs,runs,text; the table says plainly whether each
// claim holds in the model.
std::string write_claims(const std::vector<analysis::ClaimResult>& claims, Format format);

}  // namespace entente
