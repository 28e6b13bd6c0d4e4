#include "io/run_io.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace entente {

namespace {

using nlohmann::json;

std::vector<std::size_t> selected(const sim::Run& run, int from, int to) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < run.years.size(); ++i)
    if (run.years[i] >= from && run.years[i] <= to) out.push_back(i);
  return out;
}

std::string to_json(const sim::TimeScenario& t, const sim::Run& run, const std::vector<std::size_t>& rows) {
  json years = json::array(), series = json::object(), events = json::object();
  for (std::size_t i : rows) years.push_back(run.years[i]);
  for (const auto& name : run.series_names) {
    json values = json::array();
    for (std::size_t i : rows) values.push_back(run.at(name)[i]);
    series[name] = std::move(values);
  }
  for (std::size_t i : rows)
    if (auto it = run.events.find(run.years[i]); it != run.events.end()) events[std::to_string(run.years[i])] = it->second;
  json out = {{"entente_version", ENTENTE_VERSION},
              {"scenario", t.scenario.name},
              {"model", {{"spec", run.model_spec}}},
              {"seed", run.seed},
              {"years", years},
              {"series", series},
              {"events", events},
              {"retreat_year", run.retreat_year ? json(*run.retreat_year) : json(nullptr)}};
  return out.dump(1) + "\n";
}

std::string to_csv(const sim::Run& run, const std::vector<std::size_t>& rows) {
  std::string out = "year,series,value\n";
  for (std::size_t i : rows)
    for (const auto& name : run.series_names)
      out += fmt::format("{},{},{:.17g}\n", run.years[i], name, run.at(name)[i]);
  return out;
}

std::string to_table(const sim::TimeScenario& t, const sim::Run& run, const std::vector<std::size_t>& rows) {
  const std::string p = t.scenario.actors[t.setup.patron].name, c = t.scenario.actors[t.setup.client].name;
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"strain", "strain"},
      {"sec " + p, "security_gain." + p},       {"sec " + c, "security_gain." + c},
      {"aut " + p, "autonomy_cost." + p},       {"aut " + c, "autonomy_cost." + c},
      {"net " + p, "net_value." + p},           {"net " + c, "net_value." + c},
      {"pub " + p, "public_support." + p},      {"pub " + c, "public_support." + c},
      {"div goal", "divergence.goals"},         {"div strat", "divergence.strategies"}};
  std::string out = fmt::format("{} — {} — model {}\n", t.scenario.name, "alliance health by year", run.model_spec);
  out += "strain: max over members of losses/(losses+gains), 0..1 (≥ 0.5: losses outweigh gains); sec: security\n"
         "gain; aut: autonomy cost; net: gains − losses; pub: public support; div: partners' divergence 0..1\n\n";
  out += "year ";
  for (const auto& [head, _] : columns) out += fmt::format(" {:>9}", head);
  out += "  events\n";
  for (std::size_t i : rows) {
    out += fmt::format("{:<5}", run.years[i]);
    for (const auto& [_, name] : columns) out += fmt::format(" {:>9.3f}", run.at(name)[i]);
    if (auto it = run.events.find(run.years[i]); it != run.events.end()) {
      std::string names;
      for (const auto& e : it->second) names += (names.empty() ? "" : ", ") + e;
      out += "  " + names;
    }
    out += "\n";
  }
  out += run.retreat_year
             ? fmt::format("\nThe alliance retreats into history in {} (strain ≥ {} for {} years running).\n",
                           *run.retreat_year, t.params.strain_threshold, t.params.retreat_years)
             : fmt::format("\nThe alliance holds: strain never stayed at or above {} for {} years running.\n",
                           t.params.strain_threshold, t.params.retreat_years);
  return out;
}

}  // namespace

std::string write_run(const sim::TimeScenario& t, const sim::Run& run, Format format, int from, int to) {
  const auto rows = selected(run, from, to);
  switch (format) {
    case Format::Json: return to_json(t, run, rows);
    case Format::Csv: return to_csv(run, rows);
    case Format::Table: return to_table(t, run, rows);
  }
  return "";
}

}  // namespace entente
