// The results database: every recorded run with what it needs to be rerun, in one SQLite
// file that sqlite3, pandas and R open directly. The schema is documented table by table in
// docs/results-db.md.
//
// Guarantees: the database runs in WAL mode with a 5 s busy timeout, so several processes may
// write to it at once; each run is written in one IMMEDIATE transaction, so a process killed
// at any moment leaves every run either complete or absent; a database written by a newer
// Entente (a higher schema version) is refused, never modified. A database of an older
// schema is read as it is, and upgraded (in one transaction) when a run is first saved to it.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/records.h"

namespace entente::store {

// Raised whenever the tables change shape; docs/results-db.md lists what each version holds.
inline constexpr int kSchemaVersion = 3;

// One line of `entente runs`.
struct RunSummary {
  std::int64_t id = 0;
  std::string created_utc, kind, scenario_name, scenario_file, model_spec, command_line;
  std::uint64_t seed = 0;
};

// How a database is opened: for recording runs (created if missing, schema upgraded on the
// first save), or for reading only (the file must exist and is never written, not even its
// journal mode).
enum class Access { ReadWrite, ReadOnly };

class Store {
 public:
  // Opens the database at `path`, creating it and its schema if missing (ReadWrite). Throws
  // InputError naming the file when it is missing (ReadOnly), not an SQLite database, holds
  // tables that are not Entente's, or was written by a newer Entente.
  explicit Store(const std::string& path, Access access = Access::ReadWrite);

  // Writes the record in one transaction and returns its run id. Throws InputError naming
  // the file when the database cannot be written (read-only, full, damaged).
  std::int64_t save(const RunRecord& record);

  // Both throw InputError naming the file when there is no run `id`, or when what is stored
  // cannot be read back (a database truncated, or changed by another program).
  std::vector<RunSummary> runs();
  RunRecord load(std::int64_t id);

  const std::string& path() const { return path_; }
  SQLite::Database& database() { return db_; }

 private:
  void prepare_schema();
  void check_readable();
  void upgrade();
  std::int64_t save_unguarded(const RunRecord& record);
  std::vector<RunSummary> runs_unguarded();
  RunRecord load_unguarded(std::int64_t id);
  std::string path_;
  SQLite::Database db_;
  int version_ = 0;  // the schema version of the file as opened
};

}  // namespace entente::store
