// `entente-serve`, the dashboard's program, which `entente serve` starts in its own place
// (cli/serve_forward.cpp). It is a program of its own so that the HTTP library, and the TLS and
// compression libraries it brings, load with the server alone (as MPI's load with entente-mpi
// alone): every other command starts without them (docs/performance.md). It reads the same
// command line, `entente serve [OPTIONS] [scenarios...]`.
#include "cli/commands.h"
#include "cli/entry.h"

int main(int argc, char** argv) {
  return entente::cli::run_command_line(argc, argv, "Entente's dashboard: what-if controls, runs side by side, sweeps.",
                                        entente::cli::add_serve_command);
}
