// Recording what a command computed in the results database (`--db PATH`, docs/results-db.md).
// The commands call these after computing and before printing; without --db they do nothing.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "evidence/backtest.h"
#include "evidence/calibration.h"
#include "store/records.h"

namespace entente::cli {

// Adds --db PATH to a command that can record its run.
void add_db_option(CLI::App* command, std::string& db);

// Saves one run when `db` is not empty, and says on standard error which run id it got.
void record_run(const std::string& db, store::Kind kind, const std::string& file, const std::string& model_spec,
                std::uint64_t seed, store::Request request, const store::Results& results);

// Saves a finished sweep's result (its model and seed are the ones the result names).
void record_sweep(const std::string& db, const std::string& file, const sim::SweepResult& sweep,
                  store::Request request);

// Saves a finished backtest with every case, data and posterior file it read (`posterior`: the
// path given, or "").
void record_backtest(const std::string& db, const std::vector<evidence::Case>& cases, const std::string& posterior,
                     const std::vector<std::string>& given_paths, const evidence::BacktestOptions& options,
                     const evidence::BacktestResult& result);

}  // namespace entente::cli
