// Tidy long tables from the results database, one row per observation, that pandas and R load
// without reshaping (docs/results-db.md lists the columns of each):
//   positions     run,turn,actor,issue,position
//   series        run,year,series,value
//   attributions  run,series,from,to,kind,name,value   (kind: shapley | interaction | total_change | drift | …)
//   claims        run,claim,holds_baseline,share_of_runs,runs,held,text
//   comparisons   run,policy,year,series,value
//   sweeps        run,policy,year,series,mean,q05,q50,q95
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/store.h"

namespace entente::store {

enum class Table { Positions, Series, Attributions, Claims, Comparisons, Sweeps };
enum class ExportFormat { Csv, Json };

// Throws std::invalid_argument naming the tables there are.
Table parse_table(const std::string& name);
// The table that holds what a run of this kind is about (a forecast's positions, …).
Table main_table(Kind kind);

// One table for one run, or for every run when `run` is empty. CSV has a header line and
// quotes text only where needed; JSON is a list of records (pandas.read_json, jsonlite::fromJSON).
// Numbers are written with the fewest digits that read back to the same double.
std::string export_table(Store& store, Table table, std::optional<std::int64_t> run, ExportFormat format);

}  // namespace entente::store
