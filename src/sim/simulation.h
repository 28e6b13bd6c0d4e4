// Stepping a time-stepped scenario through the years, the way simulation users know it
// (Mesa's vocabulary): a Simulation steps and runs; named reporters collect one series each.
// Each step applies the year's events, runs the chosen bargaining model over all actors,
// evaluates the alliance, and moves the publics.
#pragma once

#include <climits>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bargaining/model.h"
#include "sim/timeline.h"

namespace entente::sim {

struct SimOptions {
  std::string model = default_model(ScenarioKind::TimeStepped);  // bargaining model spec run each year
  std::uint64_t seed = 0;
  int threads = 1;
  int to_year = 0;               // last year simulated (0 = the scenario's end; later = projection)
  // Which events apply (all by default). Counterfactuals and attribution drop some.
  std::function<bool(const Event&)> keep_event;
  // Capabilities held at their value of this year from then on (INT_MAX = never).
  int hold_capabilities_from = INT_MAX;
};

// The history of one run: one value per year for every named series.
struct Run {
  std::vector<int> years;
  std::vector<std::string> series_names;              // in reporting order
  std::map<std::string, std::vector<double>> series;  // name → values aligned with years
  std::map<int, std::vector<std::string>> events;     // year → names of the events applied
  std::optional<int> retreat_year;                    // the alliance "retreats into history"
  std::string model_spec;
  std::uint64_t seed = 0;

  const std::vector<double>& at(const std::string& name) const;
  double value(const std::string& name, int year) const;
};

class Simulation {
 public:
  Simulation(const TimeScenario& scenario, SimOptions options);
  Simulation(const Simulation& other);  // a snapshot: stepping the copy leaves this one as it is
  Simulation& operator=(const Simulation&) = delete;
  ~Simulation();

  // Changes which events apply and whether capabilities are held, for the steps still to
  // come (attribution runs every coalition on from one shared snapshot).
  void set_counterfactual(std::function<bool(const Event&)> keep_event, int hold_capabilities_from);
  int next_year() const;

  // Advances one year; false once past the last year.
  bool step();
  // Steps to the end and returns the record.
  Run run();
  const Run& record() const { return run_; }

 private:
  struct State;
  const TimeScenario& t_;
  SimOptions options_;
  std::shared_ptr<const BargainingModel> model_;  // stateless: shared by snapshots
  std::unique_ptr<State> state_;
  Run run_;
};

// Runs a scenario from its start to options.to_year.
Run simulate(const TimeScenario& scenario, const SimOptions& options);

}  // namespace entente::sim
