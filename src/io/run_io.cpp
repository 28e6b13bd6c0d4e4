#include "io/run_io.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "output/document.h"

namespace entente {

namespace {

std::vector<std::size_t> selected(const sim::Run& run, int from, int to) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < run.years.size(); ++i)
    if (run.years[i] >= from && run.years[i] <= to) out.push_back(i);
  return out;
}

nlohmann::ordered_json to_json(const sim::TimeScenario& t, const sim::Run& run, const std::vector<std::size_t>& rows) {
  using ojson = nlohmann::ordered_json;
  ojson years = ojson::array(), series = ojson::object(), events = ojson::object();
  for (std::size_t i : rows) years.push_back(run.years[i]);
  for (const auto& name : run.series_names) {
    ojson values = ojson::array();
    for (std::size_t i : rows) values.push_back(run.at(name)[i]);
    series[name] = std::move(values);
  }
  for (std::size_t i : rows)
    if (auto it = run.events.find(run.years[i]); it != run.events.end()) events[std::to_string(run.years[i])] = it->second;
  return {{"entente_version", ENTENTE_VERSION},
          {"scenario", t.scenario.name},
          {"model", {{"spec", run.model_spec}}},
          {"seed", run.seed},
          {"years", years},
          {"series", series},
          {"events", events},
          {"retreat_year", run.retreat_year ? ojson(*run.retreat_year) : ojson(nullptr)}};
}

// year,series,value: one row per series per year.
output::Table tidy(const sim::Run& run, const std::vector<std::size_t>& rows) {
  output::Table table{.columns = {"year", "series", "value"}};
  for (std::size_t i : rows)
    for (const auto& name : run.series_names) table.add({std::int64_t{run.years[i]}, name, run.at(name)[i]});
  return table;
}

// For people: one row per year, one column per headline series, then the year's events.
output::Table yearly(const sim::TimeScenario& t, const sim::Run& run, const std::vector<std::size_t>& rows) {
  const std::string p = t.scenario.actors[t.setup.patron].name, c = t.scenario.actors[t.setup.client].name;
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"hazard", "strain"},                    {"h " + p, "strain." + p},
      {"h " + c, "strain." + c},               {"survival", "survival"},
      {"net " + p, "net_value." + p},          {"net " + c, "net_value." + c},
      {"pol " + p, "policy_value." + p},       {"pol " + c, "policy_value." + c},
      {"sec " + p, "security." + p},           {"sec " + c, "security." + c},
      {"pub " + p, "public_support." + p},     {"pub " + c, "public_support." + c},
      {"div goal", "divergence.goals"},        {"div strat", "divergence.strategies"}};
  output::Table table{
      .title = fmt::format("{} — alliance health by year — model {}\n", t.scenario.name, run.model_spec) +
               "hazard: the yearly probability the alliance ends, 1 − (1 − h patron)(1 − h client); h: a member's\n"
               "hazard of leaving; survival: the probability it has lasted; net: the alliance's value = pol (policy)\n"
               "+ sec (security) + contributions − domestic cost; pub: public support; div: divergence 0..1\n",
      .columns = {"year"}};
  for (const auto& [head, _] : columns) table.columns.push_back(head);
  table.columns.push_back("events");
  table.decimals.assign(table.columns.size(), 3);
  for (std::size_t i = 1; i <= 3; ++i) table.decimals[i] = 5;  // hazards are small numbers
  for (std::size_t i : rows) {
    std::vector<output::Cell> row = {std::int64_t{run.years[i]}};
    for (const auto& [_, name] : columns) row.push_back(run.at(name)[i]);
    std::string names;
    if (auto it = run.events.find(run.years[i]); it != run.events.end())
      for (const auto& e : it->second) names += (names.empty() ? "" : ", ") + e;
    row.push_back(names);
    table.add(std::move(row));
  }
  table.note = run.retreat_year
                   ? fmt::format("The alliance ended in {} in this run; later years ran without it.", *run.retreat_year)
                   : run.years.empty() ? std::string()
                                       : fmt::format("Survival of the alliance to {}: {} (a point run does not end it; "
                                                     "sampled runs do: entente sweep).",
                                                     run.years.back(), output::rounded(run.at("survival").back(), 3));
  return table;
}

}  // namespace

std::string write_run(const sim::TimeScenario& t, const sim::Run& run, Format format, int from, int to) {
  const auto rows = selected(run, from, to);
  return output::render(output::Document{.text = {yearly(t, run, rows)}, .tidy = tidy(run, rows),
                                         .json = to_json(t, run, rows)},
                        format);
}

}  // namespace entente
