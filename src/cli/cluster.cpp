#include "cli/cluster.h"

#include <cstdint>
#include <cstring>

#include "cli/hand_over.h"
#include "core/error.h"

#ifdef ENTENTE_MPI
#include <mpi.h>
#endif

namespace entente::cli {

RunRange share_of(unsigned long long first, unsigned long long runs, int rank, int size) {
  // runs × rank / size without overflow for any runs below 2^64 / size.
  const auto begin = [&](int r) {
    const unsigned long long q = runs / size, m = runs % size;
    return q * r + m * r / size;
  };
  return {first + begin(rank), begin(rank + 1) - begin(rank)};
}

std::optional<std::vector<std::vector<double>>> Cluster::join(const std::vector<std::vector<double>>& mine) const {
  std::string bytes;  // per slot: its length, then its doubles
  const auto put = [&](const void* p, std::size_t n) { bytes.append(static_cast<const char*>(p), n); };
  for (const auto& series : mine) {
    const std::uint64_t n = series.size();
    put(&n, sizeof n);
    put(series.data(), n * sizeof(double));
  }
  const auto parts = gather(bytes);
  if (!root()) return std::nullopt;
  std::vector<std::vector<double>> every(mine.size());
  for (const auto& part : parts) {
    std::size_t at = 0;
    for (auto& slot : every) {
      std::uint64_t n = 0;
      std::memcpy(&n, part.data() + at, sizeof n);
      at += sizeof n;
      if (n > 0) {
        slot.resize(n);
        std::memcpy(slot.data(), part.data() + at, n * sizeof(double));
      }
      at += n * sizeof(double);
    }
  }
  return every;
}

#ifdef ENTENTE_MPI

Cluster::Cluster() {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Cluster::~Cluster() { MPI_Finalize(); }

bool Cluster::all(bool ok) const {
  int mine = ok ? 1 : 0, every = 0;
  MPI_Allreduce(&mine, &every, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return every == 1;
}

std::vector<std::string> Cluster::gather(const std::string& bytes) const {
  // Sizes first, then the bytes; a rank's part is below 2 GB (MPI counts are ints).
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) throw std::runtime_error("an MPI rank's part exceeds 2 GB");
  const int mine = static_cast<int>(bytes.size());
  std::vector<int> sizes(root() ? size_ : 0), offsets(root() ? size_ : 0);
  MPI_Gather(&mine, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string all;
  if (root()) {
    long long total = 0;
    for (int r = 0; r < size_; ++r) offsets[r] = static_cast<int>(total), total += sizes[r];
    if (total > INT32_MAX) throw std::runtime_error("the ranks' parts together exceed 2 GB");
    all.resize(static_cast<std::size_t>(total));
  }
  MPI_Gatherv(bytes.data(), mine, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  std::vector<std::string> parts;
  for (int r = 0; root() && r < size_; ++r) parts.push_back(all.substr(offsets[r], sizes[r]));
  return parts;
}

#else

// This program has no MPI: the same command line goes to entente-mpi, when it was built.
// Nothing has been read or written yet, so the other program starts the command afresh.
Cluster::Cluster() {
  hand_over_to("entente-mpi");
  throw SpecError(
      "--mpi: entente-mpi, Entente's program with MPI, is not beside this one (it is built when libopenmpi-dev "
      "is installed; docs/cluster.md)");
}
Cluster::~Cluster() = default;
bool Cluster::all(bool ok) const { return ok; }
std::vector<std::string> Cluster::gather(const std::string& bytes) const { return {bytes}; }

#endif

}  // namespace entente::cli
