// What Entente's programs (entente, entente-serve, entente-mpi; cli/hand_over.h) share around
// their subcommands: the global options, the nearest command to a misspelt one, parsing, and the
// exit codes failures map onto.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace entente::cli {

// Makes the app `entente` with its description, --version, --quiet and the exit-code footer, lets
// add_commands add the subcommands (which inherit the footer), parses argv, runs the chosen
// subcommand and returns the process's exit code.
int run_command_line(int argc, char** argv, const std::string& description, void (*add_commands)(CLI::App&));

}  // namespace entente::cli
