// The subcommands of `entente`, one file per area, each adding its commands to the app.
#pragma once

#include <CLI/CLI.hpp>

namespace entente::cli {

void add_forecast_commands(CLI::App& app);  // forecast, models, validate
void add_timeline_commands(CLI::App& app);  // run, explain, compare, claims, series
void add_sweep_commands(CLI::App& app);     // sweep, sweep-merge
void add_report_command(CLI::App& app);     // report
void add_store_commands(CLI::App& app);     // runs, show, rerun, export
void add_benchmark_commands(CLI::App& app); // benchmark deu3
void add_evidence_commands(CLI::App& app);  // calibrate, backtest
void add_serve_command(CLI::App& app);      // serve, in entente-serve (only with ENTENTE_SERVER)
void add_serve_forward(CLI::App& app);      // serve, in entente: starts entente-serve

inline void add_commands(CLI::App& app) {
  add_forecast_commands(app);
  add_timeline_commands(app);
  add_sweep_commands(app);
  add_report_command(app);
  add_store_commands(app);
  add_benchmark_commands(app);
  add_evidence_commands(app);
#ifdef ENTENTE_SERVER
  add_serve_forward(app);
#endif
}

}  // namespace entente::cli
