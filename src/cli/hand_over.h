// Handing the whole command line to another of Entente's programs, built beside this one:
// `entente serve` to `entente-serve` (the HTTP library), `--mpi` to `entente-mpi` (MPI's
// libraries), so that every other command starts without either (docs/performance.md).
#pragma once

#include <string>

namespace entente::cli {

// Keeps argv (argv[0] first) for hand_over_to; run_command_line calls it before parsing.
void remember_command_line(int argc, char** argv);

// Replaces this process with `program`, found beside the running one (links resolved), run with
// this process's own arguments. exec keeps the process, so whoever started this one (a shell,
// mpirun, srun, a test) can still signal it. Returns only when `program` is not there; throws
// std::runtime_error when it is there but does not start.
void hand_over_to(const std::string& program);

}  // namespace entente::cli
