// What Entente's programs share around their subcommands: the global options, the nearest
// command to a misspelt one, parsing, the exit codes failures map onto, and handing the command
// line on to another of the programs. `entente` is the one users call; `entente serve` execs
// `entente-serve` (the HTTP library), and `--mpi` execs `entente-mpi` (MPI's libraries), so
// that every other command starts without either.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace entente::cli {

// Makes the app `entente` with its description, --version, --quiet and the exit-code footer, lets
// add_commands add the subcommands (which inherit the footer), parses argv, runs the chosen
// subcommand and returns the process's exit code.
int run_command_line(int argc, char** argv, const std::string& description, void (*add_commands)(CLI::App&));

// The command line run_command_line was given, argv[0] first.
const std::vector<std::string>& command_line();

// Replaces this process with `program`, found beside the running one (links resolved), run
// with `words` (its argv[1..]). exec keeps the process, so whoever started this one can still
// signal it. Returns only when `program` is not there; throws when it is there but would not start.
void exec_beside(const std::string& program, const std::vector<std::string>& words);

}  // namespace entente::cli
