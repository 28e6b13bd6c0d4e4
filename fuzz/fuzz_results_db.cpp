// A results database as the reading commands open it (`runs`, `show`, `export`): read-only.
// The input is the database file's bytes, written to a scratch file of this process; a
// database that is damaged, truncated or another program's must be refused with InputError
// naming the file, like every other input.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "fuzz.h"
#include "store/export.h"
#include "store/store.h"

namespace {

const std::string& scratch() {
  static const std::string path = "/tmp/entente-fuzz-db-" + std::to_string(::getpid()) + ".db";
  return path;
}

void remove_scratch() {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((scratch() + suffix).c_str());
}

// What `runs`, `show` (every run, up to 8) and `export` (every table) read.
void read_all() {
  entente::store::Store store(scratch(), entente::store::Access::ReadOnly);
  const auto runs = store.runs();
  for (std::size_t i = 0; i < runs.size() && i < 8; ++i) store.load(runs[i].id);
  for (auto table : {entente::store::Table::Positions, entente::store::Table::Series,
                     entente::store::Table::Attributions, entente::store::Table::Claims,
                     entente::store::Table::Comparisons, entente::store::Table::Sweeps})
    entente::store::export_table(store, table, std::nullopt, entente::output::Format::Csv);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  remove_scratch();
  std::ofstream(scratch(), std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  entente::fuzz::expect_input_errors_only(read_all);
  remove_scratch();
  return 0;
}
