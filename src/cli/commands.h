// The subcommands of `entente`, one file per area, each adding its commands to the app.
#pragma once

#include <CLI/CLI.hpp>

namespace entente::cli {

void add_forecast_commands(CLI::App& app);  // forecast, models, validate
void add_timeline_commands(CLI::App& app);  // run, explain, compare, claims
void add_sweep_commands(CLI::App& app);     // sweep, sweep-merge

inline void add_commands(CLI::App& app) {
  add_forecast_commands(app);
  add_timeline_commands(app);
  add_sweep_commands(app);
}

}  // namespace entente::cli
