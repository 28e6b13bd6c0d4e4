// One command across the ranks of an MPI job (`mpirun -np N entente sweep … --mpi`,
// docs/cluster.md). MPI is an optional build part (ENTENTE_MPI, on when Debian's
// libopenmpi-dev is found), compiled into entente-mpi alone: in `entente`, asking for a
// cluster hands the command line to entente-mpi, and without it is a usage error.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace entente::cli {

// MPI initialised for the life of the object: its rank among `size` processes.
class Cluster {
 public:
  // In a program without MPI: execs entente-mpi with the same command line, or throws
  // SpecError when it is not there.
  Cluster();
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }

  // Runs `step` on this rank and then waits for the others (a collective): when it threw here,
  // its exception is rethrown; when it threw on another rank only, std::runtime_error says
  // so. Every rank thus fails together, and none waits forever in a later collective.
  template <class Step>
  void together(Step&& step) const {
    std::exception_ptr failure;
    try {
      step();
    } catch (...) {
      failure = std::current_exception();
    }
    if (all(!failure)) return;
    if (failure) std::rethrow_exception(failure);
    throw std::runtime_error("another MPI rank failed (its message says why)");
  }
  // Every rank's bytes, in rank order, on rank 0 (empty elsewhere). A collective.
  std::vector<std::string> gather(const std::string& bytes) const;
  // Series computed apart joined on rank 0 (nullopt elsewhere): every rank has one slot per
  // item, empty where another rank computed it. A collective.
  std::optional<std::vector<std::vector<double>>> join(const std::vector<std::vector<double>>& mine) const;

 private:
  bool all(bool ok) const;  // true on every rank when `ok` is true on every rank
  int rank_ = 0, size_ = 1;
};

// [first, first + count) of `runs` runs split evenly over `size` ranks: rank `rank`'s part.
struct RunRange {
  unsigned long long first = 0, count = 0;
};
RunRange share_of(unsigned long long first, unsigned long long runs, int rank, int size);

}  // namespace entente::cli
