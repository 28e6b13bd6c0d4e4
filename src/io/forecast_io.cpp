#include "io/forecast_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "output/document.h"

namespace entente {

using nlohmann::json;

namespace {

using ojson = nlohmann::ordered_json;

ojson scenario_json(const Scenario& s) {
  ojson actors = ojson::array(), issues = ojson::array();
  for (const auto& a : s.actors)
    actors.push_back({{"name", a.name}, {"description", a.description}, {"capability", a.capability}});
  for (std::size_t k = 0; k < s.num_issues(); ++k) {
    const auto& i = s.issues[k];
    ojson stances = ojson::object();
    for (std::size_t a = 0; a < s.num_actors(); ++a)
      stances[s.actors[a].name] = {{"position", s.stance(a, k).position},
                                   {"salience", s.stance(a, k).salience * 100}};
    ojson issue = {{"name", i.name}, {"description", i.description}, {"scale", {i.scale_min, i.scale_max}},
                   {"low", i.low_pole}, {"high", i.high_pole}};
    if (i.status_quo) issue["status_quo"] = *i.status_quo;
    issue["stances"] = stances;
    issues.push_back(std::move(issue));
  }
  return {{"name", s.name}, {"description", s.description}, {"actors", actors}, {"issues", issues}};
}

// The record read_forecast_json reads back: the output alone reruns the forecast.
ojson record_json(const ForecastRecord& r) {
  const Scenario& s = r.scenario;
  const std::size_t n = s.num_actors(), d = s.num_issues();
  ojson actors = ojson::array(), issues = ojson::array(), history = ojson::array();
  for (const auto& a : s.actors) actors.push_back(a.name);
  for (const auto& i : s.issues) issues.push_back(i.name);
  for (const auto& turn : r.forecast.history) {
    ojson m = ojson::array();
    for (std::size_t a = 0; a < n; ++a)
      m.push_back(std::vector<double>(turn.begin() + a * d, turn.begin() + (a + 1) * d));
    history.push_back(std::move(m));
  }
  ojson forecast = ojson::object();
  for (std::size_t k = 0; k < d; ++k) forecast[s.issues[k].name] = r.forecast.outcome[k];
  const auto spec = ModelSpec::parse(r.model_spec);
  return {{"entente_version", ENTENTE_VERSION},
          {"model", {{"spec", r.model_spec}, {"name", spec.name}, {"params", spec.args}}},
          {"seed", r.seed},
          {"turns", r.forecast.turns()},
          {"actors", actors},
          {"issues", issues},
          {"forecast", forecast},
          {"history", history},
          {"input", scenario_json(s)}};
}

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// kind,turn,actor,issue,value: every position after every turn, then the forecast per issue.
output::Table tidy(const ForecastRecord& r) {
  const Scenario& s = r.scenario;
  const std::size_t d = s.num_issues();
  output::Table t{.columns = {"kind", "turn", "actor", "issue", "value"}};
  for (std::size_t turn = 0; turn < r.forecast.history.size(); ++turn)
    for (std::size_t a = 0; a < s.num_actors(); ++a)
      for (std::size_t k = 0; k < d; ++k)
        t.add({"position", static_cast<std::int64_t>(turn), s.actors[a].name, s.issues[k].name,
               r.forecast.history[turn][a * d + k]});
  for (std::size_t k = 0; k < d; ++k)
    t.add({"forecast", static_cast<std::int64_t>(r.forecast.turns()), std::monostate{}, s.issues[k].name,
           r.forecast.outcome[k]});
  return t;
}

// For people: a heading, then per issue its scale and each actor's start and end.
std::vector<output::Table> tables(const ForecastRecord& r) {
  const Scenario& s = r.scenario;
  const std::size_t d = s.num_issues();
  const auto& first = r.forecast.history.front();
  const auto& last = r.forecast.history.back();
  std::vector<output::Table> out;
  out.push_back({.title = fmt::format("{} — model {} — {}", s.name.empty() ? "scenario" : s.name, r.model_spec,
                                      plural(r.forecast.turns(), "turn"))});
  for (std::size_t k = 0; k < d; ++k) {
    const auto& is = s.issues[k];
    std::string title = fmt::format("{}  [{}–{}]", is.name, output::rounded(is.scale_min), output::rounded(is.scale_max));
    if (!is.low_pole.empty() || !is.high_pole.empty()) title += fmt::format("  {} ↔ {}", is.low_pole, is.high_pole);
    output::Table t{.title = title,
                    .columns = {"actor", "capability", "salience", "start", "end"},
                    .note = "forecast: " + output::rounded(r.forecast.outcome[k], 6)};
    for (std::size_t a = 0; a < s.num_actors(); ++a)
      t.add({s.actors[a].name, s.actors[a].capability, s.stance(a, k).salience * 100, first[a * d + k],
             last[a * d + k]});
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

std::string write_forecast(const ForecastRecord& record, Format format) {
  return output::render(output::Document{.text = tables(record), .tidy = tidy(record), .json = record_json(record)},
                        format);
}

std::string write_comparison(const std::vector<ForecastRecord>& records, Format format) {
  if (records.empty()) return "";
  const Scenario& s = records.front().scenario;
  output::Document doc{.tidy = {.columns = {"model", "issue", "forecast", "turns"}}, .json = ojson::array()};
  output::Table side_by_side{.title = fmt::format("{} — forecasts by model", s.name), .columns = {"issue"}};
  output::Table models{.title = "models", .columns = {"turns", "model"}};
  for (const auto& r : records) {
    side_by_side.columns.push_back(ModelSpec::parse(r.model_spec).name);
    models.add({static_cast<std::int64_t>(r.forecast.turns()), r.model_spec});
    doc.json.push_back(record_json(r));
    for (std::size_t k = 0; k < s.num_issues(); ++k)
      doc.tidy.add({r.model_spec, s.issues[k].name, r.forecast.outcome[k], static_cast<std::int64_t>(r.forecast.turns())});
  }
  for (std::size_t k = 0; k < s.num_issues(); ++k) {
    std::vector<output::Cell> row = {s.issues[k].name};
    for (const auto& r : records) row.push_back(r.forecast.outcome[k]);
    side_by_side.add(std::move(row));
  }
  side_by_side.decimals.assign(side_by_side.columns.size(), 2);
  doc.text = {std::move(side_by_side), std::move(models)};
  return output::render(doc, format);
}

ForecastRecord read_forecast_json(std::string_view text, const std::string& file) {
  ForecastRecord r;
  try {
    const json j = json::parse(text);
    r.model_spec = j.at("model").at("spec").get<std::string>();
    r.seed = j.at("seed").get<std::uint64_t>();
    const json& in = j.at("input");
    Scenario& s = r.scenario;
    s.provenance.file = file;
    s.name = in.at("name").get<std::string>();
    s.description = in.at("description").get<std::string>();
    s.model = r.model_spec;
    s.seed = r.seed;
    for (const auto& a : in.at("actors"))
      s.actors.push_back({a.at("name").get<std::string>(), a.at("description").get<std::string>(),
                          a.at("capability").get<double>()});
    for (const auto& i : in.at("issues")) {
      const auto scale = i.at("scale").get<std::vector<double>>();
      if (scale.size() != 2) throw InputError(file, 0, "input.issues.scale", "expected [low, high]");
      s.issues.push_back({i.at("name").get<std::string>(), i.at("description").get<std::string>(),
                          scale[0], scale[1], i.at("low").get<std::string>(), i.at("high").get<std::string>()});
      if (i.contains("status_quo")) s.issues.back().status_quo = i.at("status_quo").get<double>();
    }
    s.stances.assign(s.num_actors() * s.num_issues(), Stance{});
    for (std::size_t k = 0; k < s.num_issues(); ++k) {
      const json& table = in.at("issues")[k].at("stances");
      for (std::size_t a = 0; a < s.num_actors(); ++a) {
        const json& st = table.at(s.actors[a].name);
        s.stance(a, k) = {st.at("position").get<double>(), st.at("salience").get<double>() / 100};
      }
    }
    const std::size_t d = s.num_issues();
    for (const auto& turn : j.at("history")) {
      std::vector<double> flat;
      for (const auto& row : turn) {
        const auto v = row.get<std::vector<double>>();
        if (v.size() != d) throw InputError(file, 0, "history", "a row does not have one value per issue");
        flat.insert(flat.end(), v.begin(), v.end());
      }
      r.forecast.history.push_back(std::move(flat));
    }
    for (const auto& i : s.issues) r.forecast.outcome.push_back(j.at("forecast").at(i.name).get<double>());
  } catch (const json::exception& e) {
    throw InputError(file, 0, "", std::string("not an Entente forecast JSON: ") + e.what());
  }
  require_valid(r.scenario);
  return r;
}

}  // namespace entente
