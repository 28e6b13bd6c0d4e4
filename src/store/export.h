// Tidy long tables from the results database, one row per observation, that pandas and R load
// without reshaping (docs/results-db.md lists the columns of each):
//   positions     run,turn,actor,issue,position
//   series        run,year,series,value
//   attributions  run,series,from,to,kind,name,value   (kind: shapley | interaction | total_change | drift | …)
//   claims        run,claim,holds_baseline,share_of_runs,runs,held,text
//   comparisons   run,policy,year,series,value
//   sweeps        run,policy,year,series,mean,q05,q50,q95
//   backtests     run,case,file,fit,coding,shuffle,broke,year,window_first,window_last,p_break,p_base,runs,breaks,
//                 year_median,year_q05,year_q95,hit
//   backtest_scores  run,fit,coding,cases,brier,brier_base,log_score,log_score_base,true_break,
//                 false_break,missed_break,true_held,timing_error
//   backtest_fits run,left_out,max_rhat,min_ess,converged
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "output/table.h"
#include "store/store.h"

namespace entente::store {

enum class Table { Positions, Series, Attributions, Claims, Comparisons, Sweeps, Backtests, BacktestScores, BacktestFits };
using ExportFormat = output::Format;

// Throws SpecError naming the tables there are.
Table parse_table(const std::string& name);
// Their names, as the command line spells them.
std::vector<std::string> table_names();
// The table that holds what a run of this kind is about (a forecast's positions, …).
Table main_table(Kind kind);

// One table for one run, or for every run when `run` is empty, as a tidy output::Table
// (column names as above; NULL — how NaN is stored — as a missing value).
output::Table query_table(Store& store, Table table, std::optional<std::int64_t> run);

// The table rendered: CSV has a header line and quotes text only where needed (RFC 4180);
// JSON is a list of records (pandas.read_json, jsonlite::fromJSON); numbers have the fewest
// digits that read back to the same double (output::number). An attribution's causes come
// largest |Shapley value| first.
std::string export_table(Store& store, Table table, std::optional<std::int64_t> run, ExportFormat format);

}  // namespace entente::store
