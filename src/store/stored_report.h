// A stored run drawn as a report, without recomputing anything. A run of kind `report` keeps
// its whole ReportData. A run of another kind keeps only its own results; its report holds
// those (a `run` its baseline, an `explain` its baseline and attributions, a `compare` its
// policy runs, a `sweep` its bands, a `claims` its claims, a `forecast` its forecast) beside
// the scenario's facts, which are read from the stored scenario text: loading a scenario
// computes no result.
#pragma once

#include "analysis/report_data.h"
#include "store/records.h"

namespace entente::store {

// Throws InputError when the stored scenario of a run that is not a `report` cannot be read.
analysis::ReportData stored_report(const RunRecord& record);

}  // namespace entente::store
