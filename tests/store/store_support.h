// Records the store tests write: built through the library exactly as the commands build them.
#pragma once

#include <filesystem>
#include <string>

#include "bargaining/model.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "sim/simulation.h"
#include "store/records.h"
#include "support.h"

namespace entente::test {

inline const std::string kKtab = std::string(ENTENTE_REFERENCE_DIR) + "/ktab/";
inline const std::string kEcEmissions = std::string(ENTENTE_REFERENCE_DIR) + "/eu/ec-emissions.csv";
inline const std::string kKorea = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml";

inline store::RunRecord forecast_record(const std::string& file, const std::string& spec) {
  const Scenario s = load_scenario(file);
  const auto model = load_model(spec);
  store::RunRecord r;
  r.inputs = store::read_inputs(store::Kind::Forecast, file, model->spec(), s.seed, {}, "test forecast");
  r.results = store::forecast_results(s, model->forecast(s, RunOptions{s.seed, 1}));
  return r;
}

inline store::RunRecord time_run_record(const std::string& file) {
  const sim::TimeScenario t = load_timeline(file);
  sim::SimOptions o;
  o.model = "median";
  o.seed = t.scenario.seed;
  o.to_year = t.end_year;
  const sim::Run run = sim::simulate(t, o);
  store::RunRecord r;
  r.inputs = store::read_inputs(store::Kind::Run, file, run.model_spec, o.seed,
                                {.from = t.start_year, .to = t.end_year}, "test run");
  r.results = store::run_results(t, run);
  return r;
}

// A path in the test run's scratch folder where no file exists yet.
inline std::string fresh_db(const std::string& name) {
  const std::string path = temp_file(name, "");
  for (const char* side : {"", "-wal", "-shm"}) std::filesystem::remove(path + side);  // a reused pid's leftovers
  return path;
}

}  // namespace entente::test
