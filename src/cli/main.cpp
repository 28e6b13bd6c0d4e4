// The `entente` command (and `entente-mpi`, the same built with MPI): a thin layer over the
// library. Each subcommand parses its options, calls the library, and maps failures onto the
// documented exit codes (cli/entry.cpp).
#include "cli/commands.h"
#include "cli/entry.h"

int main(int argc, char** argv) {
  return entente::cli::run_command_line(argc, argv,
                                        "Entente: alliances under strain — actors, issues, bargaining models.",
                                        entente::cli::add_commands);
}
