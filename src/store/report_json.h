// The part of a stored report that is not a table of numbers: the scenario's facts as the
// report shows them, its cause groups, which parts it holds and its commands, as one JSON
// document (the `reports.content` column, docs/results-db.md). Its numbers — the baseline,
// the attribution, the sweep, the claims, the forecast — go into the same tables as those of
// the other kinds. Doubles are written with 17 significant digits and read back exactly.
#pragma once

#include <string>

#include "analysis/report_data.h"

namespace entente::store {

// The document of `data` (everything but its tabled parts, source, model and seed).
std::string report_content(const analysis::ReportData& data);

// Which tabled parts a stored report holds.
struct ReportParts {
  bool forecast = false, baseline = false, sweep = false, claims = false;
};
// Fills the facts, groups, claim runs, bands_from and commands of `data` from a document and
// says which tabled parts to read. Throws InputError naming `file` when it is not one.
ReportParts read_report_content(const std::string& text, analysis::ReportData& data, const std::string& file);

}  // namespace entente::store
