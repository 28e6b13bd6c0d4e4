#include "store/export.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace entente::store {

namespace {

constexpr const char* kTableNames[] = {"positions", "series", "attributions", "claims", "comparisons", "sweeps"};

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
             ") ORDER BY run, ord, part, k, name";
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
  }
  throw std::logic_error("unknown table");
}

// RFC 4180: quoted only when the text holds a comma, a quote or a line break.
std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// fmt's shortest form reads back to the same double.
std::string csv_cell(const SQLite::Column& c) {
  if (c.isNull()) return "";  // NaN is stored as NULL; pandas and R read an empty field as NA
  if (c.isInteger()) return std::to_string(c.getInt64());
  if (c.isFloat()) return fmt::format("{}", c.getDouble());
  return csv_text(c.getString());
}

nlohmann::ordered_json json_cell(const SQLite::Column& c) {
  if (c.isNull()) return nullptr;
  if (c.isInteger()) return c.getInt64();
  if (c.isFloat()) return c.getDouble();
  return c.getString();
}

}  // namespace

Table parse_table(const std::string& name) {
  for (int t = 0; t < 6; ++t)
    if (name == kTableNames[t]) return static_cast<Table>(t);
  throw std::invalid_argument("unknown table '" + name +
                              "': expected positions, series, attributions, claims, comparisons or sweeps");
}

Table main_table(Kind kind) {
  switch (kind) {
    case Kind::Forecast:
      return Table::Positions;
    case Kind::Explain:
      return Table::Attributions;
    case Kind::Compare:
      return Table::Comparisons;
    case Kind::Sweep:
      return Table::Sweeps;
    case Kind::Claims:
      return Table::Claims;
    default:
      return Table::Series;
  }
}

std::string export_table(Store& store, Table table, std::optional<std::int64_t> run, ExportFormat format) {
  SQLite::Statement q(store.database(), query_of(table));
  if (run) q.bind(1, *run);
  const int columns = q.getColumnCount();
  std::string out;
  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  if (format == ExportFormat::Csv)
    for (int c = 0; c < columns; ++c) out += (c ? "," : "") + std::string(q.getColumnName(c));
  if (format == ExportFormat::Csv) out += "\n";
  while (q.executeStep()) {
    if (format == ExportFormat::Csv) {
      for (int c = 0; c < columns; ++c) out += (c ? "," : "") + csv_cell(q.getColumn(c));
      out += "\n";
      continue;
    }
    nlohmann::ordered_json record = nlohmann::ordered_json::object();
    for (int c = 0; c < columns; ++c) record[q.getColumnName(c)] = json_cell(q.getColumn(c));
    records.push_back(std::move(record));
  }
  return format == ExportFormat::Csv ? out : records.dump(1) + "\n";
}

}  // namespace entente::store
