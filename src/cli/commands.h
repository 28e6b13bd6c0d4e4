// The subcommands of `entente`, registered on a CLI11 app.
#pragma once

#include <CLI/CLI.hpp>

namespace entente::cli {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInput = 3;

// Adds every subcommand with its options to `app`.
void add_commands(CLI::App& app);

// Runs the subcommand the user chose; returns the exit code. Throws InputError or SpecError
// for the caller to map onto exit codes.
int run_selected(CLI::App& app);

}  // namespace entente::cli
