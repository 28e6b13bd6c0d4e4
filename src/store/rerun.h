// Rerunning a stored run from what the database keeps: the scenario's text, the data files it
// reads, the model spec, the seed and the command's options.
//
// The stored files are written into a fresh scratch folder, laid out so that the scenario's
// relative data paths (`../data/nmc_korea.csv`) resolve inside it, under the scenario's
// original file name (a position table is named after its file). A rerun therefore needs
// neither the original files nor the original working folder. A data path that is absolute
// is read where it is, and only if it still holds the stored bytes.
#pragma once

#include <filesystem>
#include <string>

#include "store/records.h"

namespace entente::store {

// The stored inputs written out as files; the folder is removed when this goes away.
class Workspace {
 public:
  // Throws InputError naming a data path that cannot be laid out (an absolute path whose file
  // no longer holds the stored content).
  explicit Workspace(const Inputs& inputs);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  const std::string& scenario_path() const { return scenario_path_; }
  // Where a stored path (a backtest's case, data or posterior file) was written.
  std::string placed(const std::string& stored_path) const { return (dir_ / stored_path).lexically_normal().string(); }
  std::filesystem::path scratch(const std::string& name) const { return root_ / name; }

 private:
  std::filesystem::path root_, dir_;
  std::string scenario_path_;
};

// Recomputes a run's results from its stored inputs alone.
Results recompute(const Inputs& inputs, int threads);

struct RerunOutcome {
  Results results;         // what the rerun produced
  std::string difference;  // "" when bit for bit identical to the stored results
  bool identical() const { return difference.empty(); }
};

RerunOutcome rerun(const RunRecord& stored, int threads);

}  // namespace entente::store
