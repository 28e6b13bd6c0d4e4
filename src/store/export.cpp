#include "store/export.h"

#include <stdexcept>

#include "core/error.h"

namespace entente::store {

namespace {

struct TableInfo {
  Table table;
  const char* name;
};

// One row per table: its name on the command line.
constexpr TableInfo kTables[] = {
    {.table = Table::Positions, .name = "positions"},     {.table = Table::Series, .name = "series"},
    {.table = Table::Attributions, .name = "attributions"}, {.table = Table::Claims, .name = "claims"},
    {.table = Table::Comparisons, .name = "comparisons"}, {.table = Table::Sweeps, .name = "sweeps"},
    {.table = Table::Backtests, .name = "backtests"},     {.table = Table::BacktestScores, .name = "backtest_scores"},
    {.table = Table::BacktestFits, .name = "backtest_fits"},
};

// Each export as one query whose column names are the export's header. `?1` is the run id,
// or NULL for every run.
const char* query_of(Table table) {
  switch (table) {
    case Table::Positions:
      return "SELECT p.run_id AS run, p.turn, a.name AS actor, i.name AS issue, p.position FROM positions p "
             "JOIN actors a ON a.run_id = p.run_id AND a.idx = p.actor "
             "JOIN issues i ON i.run_id = p.run_id AND i.idx = p.issue "
             "WHERE ?1 IS NULL OR p.run_id = ?1 ORDER BY p.run_id, p.turn, p.actor, p.issue";
    case Table::Series:
      return "SELECT s.run_id AS run, s.year, s.series, s.value FROM series s "
             "LEFT JOIN series_names n ON n.run_id = s.run_id AND n.name = s.series "
             "WHERE ?1 IS NULL OR s.run_id = ?1 ORDER BY s.run_id, n.idx, s.series, s.year";
    case Table::Attributions:
      return "SELECT run, series, \"from\", \"to\", kind, name, value FROM ("
             " SELECT a.run_id AS run, a.idx AS ord, 0 AS part, s.idx AS k, a.series, a.from_year AS \"from\","
             "  a.to_year AS \"to\", 'shapley' AS kind, s.cause_group AS name, s.value FROM attributions a"
             "  JOIN shapley s ON s.run_id = a.run_id AND s.series = a.series"
             "  WHERE ?1 IS NULL OR a.run_id = ?1"
             " UNION ALL SELECT a.run_id, a.idx, 1, x.idx, a.series, a.from_year, a.to_year, 'interaction',"
             "  x.group_a || '+' || x.group_b, x.value FROM attributions a"
             "  JOIN interactions x ON x.run_id = a.run_id AND x.series = a.series"
             "  WHERE ?1 IS NULL OR a.run_id = ?1"
             " UNION ALL SELECT a.run_id, a.idx, 2, t.k, a.series, a.from_year, a.to_year, t.kind, '', "
             "  CASE t.kind WHEN 'total_change' THEN a.total_change WHEN 'drift' THEN a.drift"
             "   WHEN 'start_value' THEN a.start_value WHEN 'v_all' THEN a.v_all ELSE a.v_none END"
             "  FROM attributions a, (SELECT 0 AS k, 'total_change' AS kind UNION ALL SELECT 1, 'drift'"
             "   UNION ALL SELECT 2, 'start_value' UNION ALL SELECT 3, 'v_all' UNION ALL SELECT 4, 'v_none') t"
             "  WHERE ?1 IS NULL OR a.run_id = ?1"
             ") ORDER BY run, ord, part, CASE part WHEN 0 THEN -abs(value) ELSE 0 END, k, name";  // causes largest first
    case Table::Claims:
      return "SELECT run_id AS run, claim, holds_baseline, share_of_runs, runs, held, text FROM claims "
             "WHERE ?1 IS NULL OR run_id = ?1 ORDER BY run_id, idx";
    case Table::Comparisons:
      return "SELECT c.run_id AS run, c.policy, c.year, c.series, c.value FROM comparisons c "
             "JOIN policies p ON p.run_id = c.run_id AND p.policy = c.policy "
             "WHERE ?1 IS NULL OR c.run_id = ?1 ORDER BY c.run_id, p.idx, c.year, c.series";
    case Table::Sweeps:
      return "SELECT run_id AS run, policy, year, series, mean, q05, q50, q95 FROM sweep_summaries "
             "WHERE ?1 IS NULL OR run_id = ?1 ORDER BY run_id, idx";
    case Table::Backtests:
      return "SELECT run_id AS run, name AS \"case\", file, fit, coding, shuffle, broke, year, window_first, window_last, "
             "p_break, p_base, runs, breaks, year_median, year_q05, year_q95, hit FROM backtest_forecasts "
             "WHERE ?1 IS NULL OR run_id = ?1 ORDER BY run_id, idx";
    case Table::BacktestScores:
      return "SELECT run_id AS run, fit, coding, cases, brier, brier_base, log_score, log_score_base, true_break, "
             "false_break, missed_break, true_held, timing_error FROM backtest_scores "
             "WHERE ?1 IS NULL OR run_id = ?1 ORDER BY run_id, idx";
    case Table::BacktestFits:
      return "SELECT run_id AS run, left_out, max_rhat, min_ess, converged FROM backtest_fits "
             "WHERE ?1 IS NULL OR run_id = ?1 ORDER BY run_id, idx";
  }
  throw std::logic_error("unknown table");
}

// A stored value as a cell: NULL (how NaN is stored) is a missing value.
output::Cell cell_of(const SQLite::Column& c) {
  if (c.isNull()) return std::monostate{};
  if (c.isInteger()) return std::int64_t{c.getInt64()};
  if (c.isFloat()) return c.getDouble();
  return c.getString();
}

}  // namespace

Table parse_table(const std::string& name) {
  std::string names;
  for (const auto& t : kTables) {
    if (name == t.name) return t.table;
    names += (names.empty() ? "" : ", ") + std::string(t.name);
  }
  throw SpecError("unknown table '" + name + "': expected one of " + names);
}

std::vector<std::string> table_names() {
  std::vector<std::string> names;
  for (const auto& t : kTables) names.emplace_back(t.name);
  return names;
}

Table main_table(Kind kind) {
  switch (kind) {
    case Kind::Forecast: return Table::Positions;
    case Kind::Run: return Table::Series;
    case Kind::Explain: return Table::Attributions;
    case Kind::Compare: return Table::Comparisons;
    case Kind::Sweep: return Table::Sweeps;
    case Kind::Claims: return Table::Claims;
    case Kind::Report: return Table::Series;  // the baseline run a report draws
    case Kind::Backtest: return Table::Backtests;
  }
  throw std::logic_error("a run kind without a main table");
}

output::Table query_table(Store& store, Table table, std::optional<std::int64_t> run) {
  SQLite::Statement q(store.database(), query_of(table));
  if (run) q.bind(1, *run);
  output::Table out;
  for (int c = 0; c < q.getColumnCount(); ++c) out.columns.emplace_back(q.getColumnName(c));
  while (q.executeStep()) {
    std::vector<output::Cell> row;
    for (int c = 0; c < q.getColumnCount(); ++c) row.push_back(cell_of(q.getColumn(c)));
    out.add(std::move(row));
  }
  return out;
}

std::string export_table(Store& store, Table table, std::optional<std::int64_t> run, ExportFormat format) try {
  return output::render(query_table(store, table, run), format);
} catch (const SQLite::Exception& e) {  // a table missing or damaged: the file's fault
  throw InputError(store.path(), 0, "", std::string("cannot read the results database: ") + e.what() +
                                            " (damaged, or not written by Entente)");
}

}  // namespace entente::store
