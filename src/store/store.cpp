#include "store/store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <thread>

#include "core/error.h"
#include "store/report_json.h"

namespace entente::store {

namespace {

using json = nlohmann::json;

// The whole schema, in parts by the version that added them (`create_schema` joins them); docs/results-db.md describes
// every column. Per-run tables cascade from `runs`, so deleting a run removes all of it.
// Positions are per turn × actor × issue (no per-pair tables), so a forecast's size grows with
// actors × issues × turns only.

// The table of runs, under a name (the upgrade from version 1 builds it anew beside the old).
std::string runs_table(const std::string& name) {
  return "CREATE TABLE " + name + R"sql( (
  id INTEGER PRIMARY KEY,
  created_utc TEXT NOT NULL,
  entente_version TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('forecast', 'run', 'explain', 'compare', 'sweep', 'claims', 'report', 'backtest')),
  scenario_name TEXT NOT NULL,
  scenario_file TEXT NOT NULL,
  scenario_hash TEXT NOT NULL REFERENCES blobs(hash),
  model_spec TEXT NOT NULL,
  seed INTEGER NOT NULL,
  command_line TEXT NOT NULL,
  options TEXT NOT NULL,
  retreat_year INTEGER
);
)sql";
}

// The files a run read, under a name (the upgrade from version 2 rebuilds it, as it does runs).
std::string files_table(const std::string& name) {
  return "CREATE TABLE " + name + R"sql( (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('scenario', 'data', 'case', 'posterior')),
  path TEXT NOT NULL,
  hash TEXT NOT NULL REFERENCES blobs(hash),
  PRIMARY KEY (run_id, role, path)
);
)sql";
}

// What version 3 added to version 2: the backtests (besides the kind and the file roles).
constexpr const char* kTablesOfVersion3 = R"sql(
CREATE TABLE backtest_fits (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  left_out TEXT NOT NULL,
  max_rhat REAL,
  min_ess REAL,
  converged INTEGER NOT NULL,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE backtest_forecasts (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  file TEXT NOT NULL,
  fit TEXT NOT NULL,
  coding TEXT NOT NULL,
  shuffle INTEGER NOT NULL,
  broke INTEGER NOT NULL,
  year INTEGER,
  window_first INTEGER NOT NULL,
  window_last INTEGER NOT NULL,
  p_break REAL,
  p_base REAL,
  runs INTEGER NOT NULL,
  breaks INTEGER NOT NULL,
  year_median REAL,
  year_q05 REAL,
  year_q95 REAL,
  hit INTEGER,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE backtest_scores (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  fit TEXT NOT NULL,
  coding TEXT NOT NULL,
  cases INTEGER NOT NULL,
  brier REAL,
  brier_base REAL,
  log_score REAL,
  log_score_base REAL,
  true_break INTEGER NOT NULL,
  false_break INTEGER NOT NULL,
  missed_break INTEGER NOT NULL,
  true_held INTEGER NOT NULL,
  timing_error REAL,
  PRIMARY KEY (run_id, idx)
);
)sql";

// What version 2 added to version 1: what a sweep ran, and the reports.
constexpr const char* kTablesOfVersion2 = R"sql(
CREATE TABLE sweeps (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('timeline', 'forecast')),
  entente_version TEXT NOT NULL,
  scenario_hash TEXT NOT NULL,
  model_spec TEXT NOT NULL,
  seed INTEGER NOT NULL,
  first_run INTEGER NOT NULL,
  runs INTEGER NOT NULL,
  to_year INTEGER,
  policies TEXT NOT NULL,
  inputs TEXT NOT NULL
);
CREATE TABLE reports (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  content TEXT NOT NULL
);
)sql";

// The rest of the schema, unchanged since version 1.
constexpr const char* kSchema = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE blobs (
  hash TEXT PRIMARY KEY,
  content TEXT NOT NULL
);
CREATE TABLE actors (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  capability REAL,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE issues (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  scale_min REAL,
  scale_max REAL,
  low_pole TEXT NOT NULL,
  high_pole TEXT NOT NULL,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE positions (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  turn INTEGER NOT NULL,
  actor INTEGER NOT NULL,
  issue INTEGER NOT NULL,
  position REAL,
  PRIMARY KEY (run_id, turn, actor, issue)
) WITHOUT ROWID;
CREATE TABLE outcomes (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  issue INTEGER NOT NULL,
  value REAL,
  PRIMARY KEY (run_id, issue)
);
CREATE TABLE series_names (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE series (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  series TEXT NOT NULL,
  year INTEGER NOT NULL,
  value REAL,
  PRIMARY KEY (run_id, series, year)
) WITHOUT ROWID;
CREATE TABLE events (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (run_id, year, idx)
);
CREATE TABLE attributions (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  series TEXT NOT NULL,
  from_year INTEGER NOT NULL,
  to_year INTEGER NOT NULL,
  start_value REAL,
  v_all REAL,
  v_none REAL,
  total_change REAL,
  drift REAL,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE shapley (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  series TEXT NOT NULL,
  idx INTEGER NOT NULL,
  cause_group TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (run_id, series, idx)
);
CREATE TABLE interactions (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  series TEXT NOT NULL,
  idx INTEGER NOT NULL,
  group_a TEXT NOT NULL,
  group_b TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (run_id, series, idx)
);
CREATE TABLE policies (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  policy TEXT NOT NULL,
  retreat_year INTEGER,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE comparisons (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  policy TEXT NOT NULL,
  year INTEGER NOT NULL,
  series TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (run_id, policy, series, year)
) WITHOUT ROWID;
CREATE TABLE sweep_summaries (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  policy TEXT NOT NULL,
  year INTEGER,
  series TEXT NOT NULL,
  mean REAL,
  q05 REAL,
  q50 REAL,
  q95 REAL,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE sweep_retreats (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  policy TEXT NOT NULL,
  runs INTEGER NOT NULL,
  retreats INTEGER NOT NULL,
  probability REAL,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE claims (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  claim TEXT NOT NULL,
  text TEXT NOT NULL,
  holds TEXT NOT NULL,
  holds_baseline INTEGER NOT NULL,
  runs INTEGER NOT NULL,
  held INTEGER NOT NULL,
  share_of_runs REAL,
  PRIMARY KEY (run_id, idx)
);
CREATE TABLE claim_terms (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  claim TEXT NOT NULL,
  term TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (run_id, claim, term)
);
)sql";

// --------------------------------------------------------------------------- binding

// NaN has no SQL form: it is stored as NULL and read back as NaN.
void bind_one(SQLite::Statement& s, int i, double v) {
  if (std::isnan(v))
    s.bind(i);
  else
    s.bind(i, v);
}
void bind_one(SQLite::Statement& s, int i, int v) { s.bind(i, v); }
void bind_one(SQLite::Statement& s, int i, bool v) { s.bind(i, v ? 1 : 0); }
void bind_one(SQLite::Statement& s, int i, std::int64_t v) { s.bind(i, v); }
// Seeds and counts above 2^63 keep their bits (two's complement), as SQLite has no unsigned type.
void bind_one(SQLite::Statement& s, int i, std::uint64_t v) { s.bind(i, static_cast<std::int64_t>(v)); }
void bind_one(SQLite::Statement& s, int i, const std::string& v) { s.bind(i, v); }
void bind_one(SQLite::Statement& s, int i, const char* v) { s.bind(i, v); }
void bind_one(SQLite::Statement& s, int i, const std::string_view& v) { s.bind(i, std::string(v)); }
template <class T>
void bind_one(SQLite::Statement& s, int i, const std::optional<T>& v) {
  if (v)
    bind_one(s, i, *v);
  else
    s.bind(i);
}

// Binds the values in order, executes and resets the statement for its next row.
template <typename... Values>
void insert(SQLite::Statement& s, const Values&... values) {
  int i = 0;
  (bind_one(s, ++i, values), ...);
  s.exec();
  s.reset();
}

double real(const SQLite::Column& c) { return c.isNull() ? std::numeric_limits<double>::quiet_NaN() : c.getDouble(); }
std::optional<int> maybe_int(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}
std::optional<double> maybe_real(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<double>(c.getDouble());
}
std::optional<bool> maybe_bool(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<bool>(c.getInt() != 0);
}
std::uint64_t unsigned64(const SQLite::Column& c) { return static_cast<std::uint64_t>(c.getInt64()); }

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// --------------------------------------------------------------------------- options

json request_json(const Request& r) {
  json groups = json::array();
  for (const auto& g : r.groups) groups.push_back({{"name", g.name}, {"tags", g.tags}});
  json j = {{"from", r.from},   {"to", r.to},     {"series", r.series}, {"policies", r.policies},
            {"groups", groups}, {"runs", r.runs}, {"first", r.first}, {"claim_runs", r.claim_runs}};
  if (r.draws > 0)  // a backtest's
    j.update({{"draws", r.draws},
              {"chains", r.chains},
              {"leave_one_out", r.leave_one_out},
              {"placebo", r.placebo},
              {"placebo_draws", r.placebo_draws}});
  return j;
}

Request parse_request(const std::string& text, const std::string& file, std::int64_t id) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw InputError(file, 0, fmt::format("runs.options of run {}", id), "expected a JSON object");
  Request r;
  r.from = j.value("from", 0);
  r.to = j.value("to", 0);
  r.series = j.value("series", std::vector<std::string>{});
  r.policies = j.value("policies", std::vector<std::string>{});
  for (const auto& g : j.value("groups", json::array()))
    r.groups.push_back({g.value("name", ""), g.value("tags", std::vector<std::string>{})});
  r.runs = j.value("runs", std::uint64_t{0});
  r.first = j.value("first", std::uint64_t{0});
  r.claim_runs = j.value("claim_runs", std::uint64_t{0});
  r.draws = j.value("draws", 0);
  r.chains = j.value("chains", 0);
  r.leave_one_out = j.value("leave_one_out", false);
  r.placebo = j.value("placebo", false);
  r.placebo_draws = j.value("placebo_draws", 0);
  return r;
}

// --------------------------------------------------------------------------- writing

// Files are stored once by content: a hundred runs of one scenario keep one copy of it.
std::string put_blob(SQLite::Database& db, const std::string& content) {
  const std::string hash = content_hash(content);
  SQLite::Statement find(db, "SELECT content FROM blobs WHERE hash = ?");
  find.bind(1, hash);
  if (find.executeStep()) {
    if (find.getColumn(0).getString() != content)
      throw std::runtime_error("two different files share the content hash " + hash + "; cannot store both");
    return hash;
  }
  SQLite::Statement add(db, "INSERT INTO blobs (hash, content) VALUES (?, ?)");
  insert(add, hash, content);
  return hash;
}

void save_files(SQLite::Database& db, std::int64_t id, const Inputs& in, const std::string& scenario_hash) {
  SQLite::Statement s(db, "INSERT INTO files (run_id, role, path, hash) VALUES (?, ?, ?, ?)");
  insert(s, id, "scenario", in.scenario_file, scenario_hash);
  for (const auto& f : in.data_files) insert(s, id, "data", f.path, put_blob(db, f.content));
  for (const auto& f : in.case_files) insert(s, id, "case", f.path, put_blob(db, f.content));
  if (in.posterior_file) insert(s, id, "posterior", in.posterior_file->path, put_blob(db, in.posterior_file->content));
}

void save_scenario(SQLite::Database& db, std::int64_t id, const Results& r) {
  SQLite::Statement a(db, "INSERT INTO actors VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.actors.size(); ++i)
    insert(a, id, i, r.actors[i].name, r.actors[i].description, r.actors[i].capability);
  SQLite::Statement k(db, "INSERT INTO issues VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.issues.size(); ++i) {
    const Issue& x = r.issues[i];
    insert(k, id, i, x.name, x.description, x.scale_min, x.scale_max, x.low_pole, x.high_pole);
  }
}

void save_forecast(SQLite::Database& db, std::int64_t id, const Forecast& f, std::size_t issues) {
  SQLite::Statement p(db, "INSERT INTO positions VALUES (?, ?, ?, ?, ?)");
  for (std::size_t t = 0; t < f.history.size(); ++t)
    for (std::size_t i = 0; i < f.history[t].size(); ++i) insert(p, id, t, i / issues, i % issues, f.history[t][i]);
  SQLite::Statement o(db, "INSERT INTO outcomes VALUES (?, ?, ?)");
  for (std::size_t k = 0; k < f.outcome.size(); ++k) insert(o, id, k, f.outcome[k]);
}

void save_run(SQLite::Database& db, std::int64_t id, const sim::Run& run) {
  SQLite::Statement names(db, "INSERT INTO series_names VALUES (?, ?, ?)");
  for (std::size_t i = 0; i < run.series_names.size(); ++i) insert(names, id, i, run.series_names[i]);
  SQLite::Statement values(db, "INSERT INTO series VALUES (?, ?, ?, ?)");
  for (const auto& [name, v] : run.series)
    for (std::size_t y = 0; y < v.size(); ++y) insert(values, id, name, run.years.at(y), v[y]);
  SQLite::Statement events(db, "INSERT INTO events VALUES (?, ?, ?, ?)");
  for (const auto& [year, list] : run.events)
    for (std::size_t i = 0; i < list.size(); ++i) insert(events, id, year, i, list[i]);
}

void save_attributions(SQLite::Database& db, std::int64_t id, const std::vector<analysis::Attribution>& list) {
  SQLite::Statement a(db, "INSERT INTO attributions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  SQLite::Statement s(db, "INSERT INTO shapley VALUES (?, ?, ?, ?, ?)");
  SQLite::Statement x(db, "INSERT INTO interactions VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& r = list[i];
    insert(a, id, i, r.series, r.from, r.to, r.start_value, r.v_all, r.v_none, r.total_change, r.drift);
    for (std::size_t g = 0; g < r.shapley.size(); ++g) insert(s, id, r.series, g, r.shapley[g].first, r.shapley[g].second);
    for (std::size_t k = 0; k < r.interactions.size(); ++k)
      insert(x, id, r.series, k, r.interactions[k].a, r.interactions[k].b, r.interactions[k].value);
  }
}

void save_policies(SQLite::Database& db, std::int64_t id, const std::vector<analysis::PolicyRun>& list) {
  SQLite::Statement p(db, "INSERT INTO policies VALUES (?, ?, ?, ?)");
  SQLite::Statement c(db, "INSERT INTO comparisons VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& run = list[i].run;
    insert(p, id, i, list[i].policy, run.retreat_year);
    for (const auto& [name, v] : run.series)
      for (std::size_t y = 0; y < v.size(); ++y) insert(c, id, list[i].policy, run.years.at(y), name, v[y]);
  }
}

void save_claims(SQLite::Database& db, std::int64_t id, const std::vector<analysis::ClaimResult>& list) {
  SQLite::Statement c(db, "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  SQLite::Statement t(db, "INSERT INTO claim_terms VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& r = list[i];
    insert(c, id, i, r.id, r.text, r.holds, r.holds_baseline, r.runs, r.held, r.share_of_runs());
    for (const auto& [term, value] : r.baseline_terms) insert(t, id, r.id, term, value);
  }
}

void save_sweep(SQLite::Database& db, std::int64_t id, const sim::SweepResult& r) {
  SQLite::Statement w(db, "INSERT INTO sweeps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert(w, id, sim::sweep_kind_name(r.kind), r.entente_version, r.scenario_hash, r.model, r.seed, r.first, r.runs,
         r.kind == sim::SweepKind::Timeline ? std::optional<int>(r.to_year) : std::nullopt, json(r.policies).dump(),
         json(r.inputs).dump());
  SQLite::Statement s(db, "INSERT INTO sweep_summaries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.cells.size(); ++i) {
    const auto& c = r.cells[i];
    insert(s, id, i, c.policy, r.kind == sim::SweepKind::Timeline ? std::optional<int>(c.year) : std::nullopt,
           c.series, c.mean, c.q05, c.q50, c.q95);
  }
  SQLite::Statement t(db, "INSERT INTO sweep_retreats VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.retreats.size(); ++i)
    insert(t, id, i, r.retreats[i].policy, r.retreats[i].runs, r.retreats[i].retreats, r.retreats[i].probability);
}

// A report's numbers go into the tables of the other kinds; the rest is one JSON document.
void save_report(SQLite::Database& db, std::int64_t id, const analysis::ReportData& d, std::size_t issues) {
  if (d.forecast) save_forecast(db, id, *d.forecast, issues);
  if (d.baseline) save_run(db, id, *d.baseline);
  save_attributions(db, id, d.attributions);
  save_policies(db, id, d.policy_runs);
  if (d.claims) save_claims(db, id, *d.claims);
  if (d.sweep) save_sweep(db, id, *d.sweep);
  SQLite::Statement s(db, "INSERT INTO reports VALUES (?, ?, ?)");
  insert(s, id, d.source, report_content(d));
}

void save_backtest(SQLite::Database& db, std::int64_t id, const evidence::BacktestResult& b) {
  SQLite::Statement f(db, "INSERT INTO backtest_fits VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < b.fits.size(); ++i)
    insert(f, id, i, b.fits[i].left_out, b.fits[i].max_rhat, b.fits[i].min_ess, b.fits[i].converged);
  SQLite::Statement c(db, "INSERT INTO backtest_forecasts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < b.forecasts.size(); ++i) {
    const auto& x = b.forecasts[i];
    insert(c, id, i, x.name, x.file, evidence::kFits.name(x.fit), evidence::kCodings.name(x.coding), x.shuffle, x.broke,
           x.broke ? std::optional<int>(x.year) : std::nullopt, x.window_first, x.window_last, x.p_break, x.p_base,
           x.runs, x.breaks, x.year_median, x.year_q05, x.year_q95, x.hit);
  }
  SQLite::Statement s(db, "INSERT INTO backtest_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < b.scores.size(); ++i) {
    const auto& x = b.scores[i];
    insert(s, id, i, evidence::kFits.name(x.fit), evidence::kCodings.name(x.coding), x.cases, x.brier, x.brier_base,
           x.log_score, x.log_score_base, x.true_break, x.false_break, x.missed_break, x.true_held, x.timing_error);
  }
}

// --------------------------------------------------------------------------- reading

// Runs a query for one run id and calls `row` for each result row.
template <typename Row>
void each_row(SQLite::Database& db, const std::string& sql, std::int64_t id, Row row) {
  SQLite::Statement q(db, sql);
  q.bind(1, id);
  while (q.executeStep()) row(q);
}

void load_scenario(SQLite::Database& db, std::int64_t id, Results& r) {
  each_row(db, "SELECT name, description, capability FROM actors WHERE run_id = ? ORDER BY idx", id,
           [&](SQLite::Statement& q) {
             r.actors.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), real(q.getColumn(2))});
           });
  each_row(db,
           "SELECT name, description, scale_min, scale_max, low_pole, high_pole FROM issues WHERE run_id = ? "
           "ORDER BY idx",
           id, [&](SQLite::Statement& q) {
             r.issues.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), real(q.getColumn(2)),
                                 real(q.getColumn(3)), q.getColumn(4).getString(), q.getColumn(5).getString()});
           });
}

Forecast load_forecast(SQLite::Database& db, std::int64_t id, std::size_t actors, std::size_t issues) {
  Forecast f;
  each_row(db, "SELECT turn, actor, issue, position FROM positions WHERE run_id = ? ORDER BY turn, actor, issue", id,
           [&](SQLite::Statement& q) {
             const auto turn = static_cast<std::size_t>(q.getColumn(0).getInt64());
             if (f.history.size() <= turn) f.history.resize(turn + 1, std::vector<double>(actors * issues));
             const auto at = static_cast<std::size_t>(q.getColumn(1).getInt64()) * issues +
                             static_cast<std::size_t>(q.getColumn(2).getInt64());
             f.history[turn].at(at) = real(q.getColumn(3));
           });
  each_row(db, "SELECT value FROM outcomes WHERE run_id = ? ORDER BY issue", id,
           [&](SQLite::Statement& q) { f.outcome.push_back(real(q.getColumn(0))); });
  return f;
}

// A run's series from rows ordered by series then year: years come from the first series.
void add_series_row(sim::Run& run, const std::string& name, int year, double value) {
  auto& v = run.series[name];
  if (run.series.size() == 1) run.years.push_back(year);
  v.push_back(value);
}

sim::Run load_run(SQLite::Database& db, std::int64_t id) {
  sim::Run run;
  each_row(db, "SELECT name FROM series_names WHERE run_id = ? ORDER BY idx", id,
           [&](SQLite::Statement& q) { run.series_names.push_back(q.getColumn(0).getString()); });
  each_row(db, "SELECT series, year, value FROM series WHERE run_id = ? ORDER BY series, year", id,
           [&](SQLite::Statement& q) {
             add_series_row(run, q.getColumn(0).getString(), q.getColumn(1).getInt(), real(q.getColumn(2)));
           });
  each_row(db, "SELECT year, name FROM events WHERE run_id = ? ORDER BY year, idx", id,
           [&](SQLite::Statement& q) { run.events[q.getColumn(0).getInt()].push_back(q.getColumn(1).getString()); });
  return run;
}

std::vector<analysis::Attribution> load_attributions(SQLite::Database& db, std::int64_t id) {
  std::vector<analysis::Attribution> list;
  each_row(db,
           "SELECT series, from_year, to_year, start_value, v_all, v_none, total_change, drift FROM attributions "
           "WHERE run_id = ? ORDER BY idx",
           id, [&](SQLite::Statement& q) {
             analysis::Attribution a;
             a.series = q.getColumn(0).getString();
             a.from = q.getColumn(1).getInt();
             a.to = q.getColumn(2).getInt();
             a.start_value = real(q.getColumn(3));
             a.v_all = real(q.getColumn(4));
             a.v_none = real(q.getColumn(5));
             a.total_change = real(q.getColumn(6));
             a.drift = real(q.getColumn(7));
             list.push_back(std::move(a));
           });
  for (auto& a : list) {
    SQLite::Statement s(db, "SELECT cause_group, value FROM shapley WHERE run_id = ? AND series = ? ORDER BY idx");
    s.bind(1, id);
    s.bind(2, a.series);
    while (s.executeStep()) a.shapley.emplace_back(s.getColumn(0).getString(), real(s.getColumn(1)));
    SQLite::Statement x(db,
                        "SELECT group_a, group_b, value FROM interactions WHERE run_id = ? AND series = ? ORDER BY idx");
    x.bind(1, id);
    x.bind(2, a.series);
    while (x.executeStep())
      a.interactions.push_back({x.getColumn(0).getString(), x.getColumn(1).getString(), real(x.getColumn(2))});
  }
  return list;
}

std::vector<analysis::PolicyRun> load_policies(SQLite::Database& db, std::int64_t id, const RunRecord& r,
                                               const std::vector<std::string>& series) {
  std::vector<analysis::PolicyRun> list;
  each_row(db, "SELECT policy, retreat_year FROM policies WHERE run_id = ? ORDER BY idx", id,
           [&](SQLite::Statement& q) {
             analysis::PolicyRun p{q.getColumn(0).getString(), {}};
             p.run.retreat_year = maybe_int(q.getColumn(1));
             p.run.series_names = series;
             p.run.model_spec = r.inputs.model_spec;
             p.run.seed = r.inputs.seed;
             list.push_back(std::move(p));
           });
  for (auto& p : list) {
    SQLite::Statement c(db,
                        "SELECT series, year, value FROM comparisons WHERE run_id = ? AND policy = ? "
                        "ORDER BY series, year");
    c.bind(1, id);
    c.bind(2, p.policy);
    while (c.executeStep()) add_series_row(p.run, c.getColumn(0).getString(), c.getColumn(1).getInt(), real(c.getColumn(2)));
  }
  return list;
}

std::vector<analysis::ClaimResult> load_claims(SQLite::Database& db, std::int64_t id) {
  std::vector<analysis::ClaimResult> list;
  each_row(db, "SELECT claim, text, holds, holds_baseline, runs, held FROM claims WHERE run_id = ? ORDER BY idx", id,
           [&](SQLite::Statement& q) {
             analysis::ClaimResult c;
             c.id = q.getColumn(0).getString();
             c.text = q.getColumn(1).getString();
             c.holds = q.getColumn(2).getString();
             c.holds_baseline = q.getColumn(3).getInt() != 0;
             c.runs = unsigned64(q.getColumn(4));
             c.held = unsigned64(q.getColumn(5));
             list.push_back(std::move(c));
           });
  for (auto& c : list) {
    SQLite::Statement t(db, "SELECT term, value FROM claim_terms WHERE run_id = ? AND claim = ?");
    t.bind(1, id);
    t.bind(2, c.id);
    while (t.executeStep()) c.baseline_terms[t.getColumn(0).getString()] = real(t.getColumn(1));
  }
  return list;
}

std::vector<std::string> string_list(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  return j.is_array() ? j.get<std::vector<std::string>>() : std::vector<std::string>{};
}

// What a sweep ran, from its `sweeps` row; a sweep recorded by schema version 1 has none, and
// the run's own columns and options say the same (its drawn inputs were not kept).
void load_sweep_header(SQLite::Database& db, std::int64_t id, const RunRecord& record, sim::SweepResult& r) {
  if (db.tableExists("sweeps")) {
    SQLite::Statement q(db,
                        "SELECT kind, entente_version, scenario_hash, model_spec, seed, first_run, runs, to_year, "
                        "policies, inputs FROM sweeps WHERE run_id = ?");
    q.bind(1, id);
    if (q.executeStep()) {
      r.kind = q.getColumn(0).getString() == "forecast" ? sim::SweepKind::Forecast : sim::SweepKind::Timeline;
      r.entente_version = q.getColumn(1).getString();
      r.scenario_hash = q.getColumn(2).getString();
      r.model = q.getColumn(3).getString();
      r.seed = unsigned64(q.getColumn(4));
      r.first = unsigned64(q.getColumn(5));
      r.runs = unsigned64(q.getColumn(6));
      r.to_year = maybe_int(q.getColumn(7)).value_or(0);
      r.policies = string_list(q.getColumn(8).getString());
      r.inputs = string_list(q.getColumn(9).getString());
      return;
    }
  }
  const Request& q = record.inputs.request;
  r.kind = r.retreats.empty() ? sim::SweepKind::Forecast : sim::SweepKind::Timeline;
  r.entente_version = record.entente_version;
  r.scenario_hash = content_hash(record.inputs.scenario_text);
  r.model = record.inputs.model_spec;
  r.seed = record.inputs.seed;
  r.first = q.first;
  r.runs = q.runs;
  r.policies = q.policies;
  for (const auto& c : r.cells) r.to_year = std::max(r.to_year, c.year);
}

std::optional<sim::SweepResult> load_sweep(SQLite::Database& db, std::int64_t id, const RunRecord& record) {
  sim::SweepResult r;
  each_row(db,
           "SELECT policy, year, series, mean, q05, q50, q95 FROM sweep_summaries WHERE run_id = ? ORDER BY idx", id,
           [&](SQLite::Statement& q) {
             r.cells.push_back({q.getColumn(0).getString(), maybe_int(q.getColumn(1)).value_or(0),
                                q.getColumn(2).getString(), real(q.getColumn(3)), real(q.getColumn(4)),
                                real(q.getColumn(5)), real(q.getColumn(6))});
           });
  each_row(db, "SELECT policy, runs, retreats, probability FROM sweep_retreats WHERE run_id = ? ORDER BY idx", id,
           [&](SQLite::Statement& q) {
             r.retreats.push_back({q.getColumn(0).getString(), unsigned64(q.getColumn(1)),
                                   unsigned64(q.getColumn(2)), real(q.getColumn(3))});
           });
  load_sweep_header(db, id, record, r);
  return r;
}

analysis::ReportData load_report(SQLite::Database& db, std::int64_t id, const RunRecord& r,
                                 std::optional<int> retreat_year, const std::string& file) {
  analysis::ReportData d;
  SQLite::Statement q(db, "SELECT source, content FROM reports WHERE run_id = ?");
  q.bind(1, id);
  if (!q.executeStep()) throw InputError(file, 0, "reports", fmt::format("run {} is a report without its row", id));
  d.source = q.getColumn(0).getString();
  d.model_spec = r.inputs.model_spec;
  d.seed = r.inputs.seed;
  d.entente_version = r.entente_version;
  const ReportParts parts = read_report_content(q.getColumn(1).getString(), d, file);
  if (parts.forecast) d.forecast = load_forecast(db, id, r.results.actors.size(), r.results.issues.size());
  if (parts.baseline) {
    d.baseline = load_run(db, id);
    d.baseline->retreat_year = retreat_year;
    d.baseline->model_spec = r.inputs.model_spec;
    d.baseline->seed = r.inputs.seed;
  }
  d.attributions = load_attributions(db, id);
  d.policy_runs = load_policies(db, id, r, d.compared_series);
  if (parts.claims) d.claims = load_claims(db, id);
  if (parts.sweep) d.sweep = load_sweep(db, id, r);
  return d;
}

evidence::BacktestResult load_backtest(SQLite::Database& db, std::int64_t id, const std::string& file) {
  evidence::BacktestResult b;
  each_row(db, "SELECT left_out, max_rhat, min_ess, converged FROM backtest_fits WHERE run_id = ? ORDER BY idx", id,
           [&](SQLite::Statement& q) {
             b.fits.push_back({q.getColumn(0).getString(), real(q.getColumn(1)), real(q.getColumn(2)),
                               q.getColumn(3).getInt() != 0});
           });
  // A word another program wrote is the file's damage (InputError), not a usage error.
  const auto member = [&](const auto& table, const SQLite::Column& c, const char* column) {
    if (const auto e = table.find(c.getString())) return *e;
    throw InputError(file, 0, column, fmt::format("run {}: '{}' is not one of {}", id, c.getString(), table.joined("|")));
  };
  const auto fit = [&](const SQLite::Column& c) { return member(evidence::kFits, c, "backtest fit"); };
  const auto coding = [&](const SQLite::Column& c) { return member(evidence::kCodings, c, "backtest coding"); };
  each_row(db,
           "SELECT name, file, fit, coding, shuffle, broke, year, window_first, window_last, p_break, p_base, runs, "
           "breaks, year_median, year_q05, year_q95, hit FROM backtest_forecasts WHERE run_id = ? ORDER BY idx",
           id, [&](SQLite::Statement& q) {
             evidence::CaseForecast x;
             x.name = q.getColumn(0).getString();
             x.file = q.getColumn(1).getString();
             x.fit = fit(q.getColumn(2));
             x.coding = coding(q.getColumn(3));
             x.shuffle = q.getColumn(4).getInt();
             x.broke = q.getColumn(5).getInt() != 0;
             x.year = maybe_int(q.getColumn(6)).value_or(0);
             x.window_first = q.getColumn(7).getInt();
             x.window_last = q.getColumn(8).getInt();
             x.p_break = real(q.getColumn(9));
             x.p_base = real(q.getColumn(10));
             x.runs = q.getColumn(11).getInt();
             x.breaks = q.getColumn(12).getInt();
             x.year_median = maybe_real(q.getColumn(13));
             x.year_q05 = maybe_real(q.getColumn(14));
             x.year_q95 = maybe_real(q.getColumn(15));
             x.hit = maybe_bool(q.getColumn(16));
             b.forecasts.push_back(std::move(x));
           });
  each_row(db,
           "SELECT fit, coding, cases, brier, brier_base, log_score, log_score_base, true_break, false_break, "
           "missed_break, true_held, timing_error FROM backtest_scores WHERE run_id = ? ORDER BY idx",
           id, [&](SQLite::Statement& q) {
             evidence::Score x;
             x.fit = fit(q.getColumn(0));
             x.coding = coding(q.getColumn(1));
             x.cases = q.getColumn(2).getInt();
             x.brier = real(q.getColumn(3));
             x.brier_base = real(q.getColumn(4));
             x.log_score = real(q.getColumn(5));
             x.log_score_base = real(q.getColumn(6));
             x.true_break = q.getColumn(7).getInt();
             x.false_break = q.getColumn(8).getInt();
             x.missed_break = q.getColumn(9).getInt();
             x.true_held = q.getColumn(10).getInt();
             x.timing_error = maybe_real(q.getColumn(11));
             b.scores.push_back(x);
           });
  return b;
}

void load_files(SQLite::Database& db, std::int64_t id, Inputs& in) {
  each_row(db,
           "SELECT f.role, f.path, b.content FROM files f JOIN blobs b ON b.hash = f.hash WHERE f.run_id = ? "
           "ORDER BY f.rowid",
           id, [&](SQLite::Statement& q) {
             const std::string role = q.getColumn(0).getString();
             DataFile f{q.getColumn(1).getString(), q.getColumn(2).getString()};
             if (role == "scenario")
               in.scenario_text = std::move(f.content);
             else if (role == "case")
               in.case_files.push_back(std::move(f));
             else if (role == "posterior")
               in.posterior_file = std::move(f);
             else
               in.data_files.push_back(std::move(f));
           });
}

int stored_version(SQLite::Database& db) {
  if (!db.tableExists("schema_version")) return 0;
  SQLite::Statement q(db, "SELECT MAX(version) FROM schema_version");
  return q.executeStep() && !q.getColumn(0).isNull() ? q.getColumn(0).getInt() : 0;
}

bool has_tables(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");
  return q.executeStep() && q.getColumn(0).getInt() > 0;
}

// Switching a new file to WAL needs it to itself for a moment, and SQLite reports SQLITE_BUSY
// at once rather than waiting (the busy timeout does not apply) while another process is
// creating the schema in it. So wait here, as long as the busy timeout would.
void use_wal(SQLite::Database& db) {
  for (int attempt = 1;; ++attempt) {
    try {
      db.exec("PRAGMA journal_mode = WAL");
      return;
    } catch (const SQLite::Exception& e) {
      if (e.getErrorCode() != SQLITE_BUSY || attempt == 500) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
}

void create_schema(SQLite::Database& db) {
  db.exec(kSchema);
  db.exec(runs_table("runs"));
  db.exec(files_table("files"));
  db.exec(kTablesOfVersion2);
  db.exec(kTablesOfVersion3);
}

// Builds `table` anew under its version-3 definition (SQLite cannot change a CHECK in place;
// this is the rebuild its ALTER TABLE page describes).
void rebuild(SQLite::Database& db, const std::string& table, std::string (*definition)(const std::string&)) {
  db.exec(definition(table + "_new"));
  db.exec("INSERT INTO " + table + "_new SELECT * FROM " + table);
  db.exec("DROP TABLE " + table);
  db.exec("ALTER TABLE " + table + "_new RENAME TO " + table);
}

// Version 1 → 2: the tables version 2 added, and `runs` rebuilt so that a run's kind may be
// `report` (SQLite cannot change a CHECK in place; this is the rebuild its ALTER TABLE page
// describes). The caller turns foreign keys off: dropping `runs` would otherwise delete
// every run's rows.
void upgrade_from_1(SQLite::Database& db) {
  rebuild(db, "runs", runs_table);
  db.exec(kTablesOfVersion2);
  db.exec("UPDATE schema_version SET version = 2");
}

// Version 2 → 3: `runs` and `files` rebuilt so that a run may be a backtest and read case
// and posterior files, and the backtest tables.
void upgrade_from_2(SQLite::Database& db) {
  rebuild(db, "runs", runs_table);
  rebuild(db, "files", files_table);
  db.exec(kTablesOfVersion3);
  db.exec("UPDATE schema_version SET version = 3");
}

}  // namespace

Store::Store(const std::string& path, Access access) try : path_(path),
    db_(path, access == Access::ReadOnly ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000) {
  switch (access) {
    case Access::ReadWrite: prepare_schema(); break;
    case Access::ReadOnly: check_readable(); break;
  }
} catch (const SQLite::Exception& e) {
  throw InputError(path, 0, "", std::string("cannot use it as a results database: ") + e.what());
}

void Store::check_readable() {
  version_ = stored_version(db_);
  if (version_ > kSchemaVersion)
    throw InputError(path_, 0, "schema_version",
                     fmt::format("written by a newer Entente (schema version {}; this Entente {} reads versions up "
                                 "to {}): upgrade Entente to use this database",
                                 version_, ENTENTE_VERSION, kSchemaVersion));
  if (version_ < 1) throw InputError(path_, 0, "", "no schema_version: not an Entente results database");
}

namespace {

// What is stored, read back: a failure there is the file's (truncated, pages overwritten,
// rows another program wrote), reported as such rather than as Entente's own failure.
template <class Step>
auto guarded(const std::string& path, const char* doing, Step&& step) -> decltype(step()) {
  const auto damaged = [&](const char* what) {
    return InputError(path, 0, "", fmt::format("cannot {} the results database: {} (damaged, or not written by Entente)",
                                               doing, what));
  };
  try {
    return step();
  } catch (const SQLite::Exception& e) {
    throw damaged(e.what());
  } catch (const nlohmann::json::exception& e) {
    throw damaged(e.what());
  } catch (const std::invalid_argument& e) {
    throw damaged(e.what());
  } catch (const std::out_of_range& e) {
    throw damaged(e.what());
  }
}

}  // namespace

std::int64_t Store::save(const RunRecord& record) {
  return guarded(path_, "write to", [&] { return save_unguarded(record); });
}

std::vector<RunSummary> Store::runs() {
  return guarded(path_, "read", [&] { return runs_unguarded(); });
}

RunRecord Store::load(std::int64_t id) {
  return guarded(path_, "read", [&] { return load_unguarded(id); });
}

void Store::prepare_schema() {
  const auto refuse_newer = [&](int version) {
    if (version > kSchemaVersion)
      throw InputError(path_, 0, "schema_version",
                       fmt::format("written by a newer Entente (schema version {}; this Entente {} reads versions up "
                                   "to {}): upgrade Entente to use this database",
                                   version, ENTENTE_VERSION, kSchemaVersion));
  };
  refuse_newer(stored_version(db_));  // before anything, even the journal mode, is changed
  use_wal(db_);
  // A process killed loses nothing committed in WAL mode with synchronous NORMAL; only a power
  // cut may lose the last commits, and it never leaves the database inconsistent.
  db_.exec("PRAGMA synchronous = NORMAL");
  db_.exec("PRAGMA foreign_keys = ON");
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);  // two creators do not race
  const int version = stored_version(db_);
  refuse_newer(version);
  if (version == 0) {
    if (has_tables(db_))
      throw InputError(path_, 0, "", "holds tables but no schema_version: not an Entente results database");
    create_schema(db_);
    SQLite::Statement v(db_, "INSERT INTO schema_version (version) VALUES (?)");
    insert(v, kSchemaVersion);
  }
  tx.commit();
  version_ = version == 0 ? kSchemaVersion : version;
}

void Store::upgrade() {
  db_.exec("PRAGMA foreign_keys = OFF");  // outside any transaction, where it takes effect
  try {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    const int version = stored_version(db_);  // another process may have upgraded it meanwhile
    if (version == 1) upgrade_from_1(db_);
    if (version <= 2) upgrade_from_2(db_);
    SQLite::Statement check(db_, "PRAGMA foreign_key_check");
    if (check.executeStep()) throw std::runtime_error("upgrading " + path_ + " would leave rows without their run");
    tx.commit();
  } catch (...) {
    db_.exec("PRAGMA foreign_keys = ON");
    throw;
  }
  db_.exec("PRAGMA foreign_keys = ON");
  version_ = kSchemaVersion;
}

std::int64_t Store::save_unguarded(const RunRecord& record) {
  if (version_ < kSchemaVersion) upgrade();
  const Inputs& in = record.inputs;
  const Results& r = record.results;
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  const std::string scenario_hash = put_blob(db_, in.scenario_text);
  SQLite::Statement run(db_,
                        "INSERT INTO runs (created_utc, entente_version, kind, scenario_name, scenario_file, "
                        "scenario_hash, model_spec, seed, command_line, options, retreat_year) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert(run, record.created_utc.empty() ? utc_now() : record.created_utc, record.entente_version,
         kind_name(in.kind), r.scenario_name, in.scenario_file, scenario_hash, in.model_spec, in.seed,
         in.command_line, request_json(in.request).dump(),
         r.run                          ? r.run->retreat_year
         : r.report && r.report->baseline ? r.report->baseline->retreat_year
                                          : std::optional<int>());
  const std::int64_t id = db_.getLastInsertRowid();
  save_files(db_, id, in, scenario_hash);
  save_scenario(db_, id, r);
  if (r.forecast) save_forecast(db_, id, *r.forecast, r.issues.size());
  if (r.run) save_run(db_, id, *r.run);
  save_attributions(db_, id, r.attributions);
  save_policies(db_, id, r.policies);
  save_claims(db_, id, r.claims);
  if (r.sweep) save_sweep(db_, id, *r.sweep);
  if (r.report) save_report(db_, id, *r.report, r.issues.size());
  if (r.backtest) save_backtest(db_, id, *r.backtest);
  tx.commit();
  return id;
}

std::vector<RunSummary> Store::runs_unguarded() {
  std::vector<RunSummary> list;
  SQLite::Statement q(db_,
                      "SELECT id, created_utc, kind, scenario_name, scenario_file, model_spec, seed, command_line "
                      "FROM runs ORDER BY id");
  while (q.executeStep())
    list.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                    q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                    q.getColumn(7).getString(), unsigned64(q.getColumn(6))});
  return list;
}

RunRecord Store::load_unguarded(std::int64_t id) {
  RunRecord r;
  SQLite::Statement q(db_,
                      "SELECT created_utc, entente_version, kind, scenario_name, scenario_file, model_spec, seed, "
                      "command_line, options, retreat_year FROM runs WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) throw InputError(path_, 0, "run", fmt::format("no run {} (see `entente runs --db {}`)", id, path_));
  r.id = id;
  r.created_utc = q.getColumn(0).getString();
  r.entente_version = q.getColumn(1).getString();
  r.inputs.kind = parse_kind(q.getColumn(2).getString());
  r.results.scenario_name = q.getColumn(3).getString();
  r.inputs.scenario_file = q.getColumn(4).getString();
  r.inputs.model_spec = q.getColumn(5).getString();
  r.inputs.seed = unsigned64(q.getColumn(6));
  r.inputs.command_line = q.getColumn(7).getString();
  r.inputs.request = parse_request(q.getColumn(8).getString(), path_, id);
  const std::optional<int> retreat_year = maybe_int(q.getColumn(9));
  load_files(db_, id, r.inputs);
  load_scenario(db_, id, r.results);
  const Kind kind = r.inputs.kind;
  if (kind == Kind::Forecast) r.results.forecast = load_forecast(db_, id, r.results.actors.size(), r.results.issues.size());
  if (kind == Kind::Run || kind == Kind::Explain) {
    r.results.run = load_run(db_, id);
    r.results.run->retreat_year = retreat_year;
    r.results.run->model_spec = r.inputs.model_spec;
    r.results.run->seed = r.inputs.seed;
  }
  if (kind == Kind::Report) {
    r.results.report = load_report(db_, id, r, retreat_year, path_);
    return r;
  }
  if (kind == Kind::Backtest) {
    r.results.backtest = load_backtest(db_, id, path_);
    return r;
  }
  r.results.attributions = load_attributions(db_, id);
  r.results.policies = load_policies(db_, id, r, r.inputs.request.series);
  r.results.claims = load_claims(db_, id);
  if (kind == Kind::Sweep) r.results.sweep = load_sweep(db_, id, r);
  return r;
}

}  // namespace entente::store
