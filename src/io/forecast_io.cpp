#include "io/forecast_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/text.h"

namespace entente {

using nlohmann::json;

namespace {

json scenario_json(const Scenario& s) {
  json actors = json::array(), issues = json::array();
  for (const auto& a : s.actors)
    actors.push_back({{"name", a.name}, {"description", a.description}, {"capability", a.capability}});
  for (std::size_t k = 0; k < s.num_issues(); ++k) {
    const auto& i = s.issues[k];
    json stances = json::object();
    for (std::size_t a = 0; a < s.num_actors(); ++a)
      stances[s.actors[a].name] = {{"position", s.stance(a, k).position},
                                   {"salience", s.stance(a, k).salience * 100}};
    issues.push_back({{"name", i.name}, {"description", i.description},
                      {"scale", {i.scale_min, i.scale_max}}, {"low", i.low_pole},
                      {"high", i.high_pole}, {"stances", stances}});
  }
  return {{"name", s.name}, {"description", s.description}, {"actors", actors}, {"issues", issues}};
}

json record_json(const ForecastRecord& r) {
  const Scenario& s = r.scenario;
  const std::size_t n = s.num_actors(), d = s.num_issues();
  json actors = json::array(), issues = json::array(), history = json::array();
  for (const auto& a : s.actors) actors.push_back(a.name);
  for (const auto& i : s.issues) issues.push_back(i.name);
  for (const auto& turn : r.forecast.history) {
    json m = json::array();
    for (std::size_t a = 0; a < n; ++a)
      m.push_back(std::vector<double>(turn.begin() + a * d, turn.begin() + (a + 1) * d));
    history.push_back(std::move(m));
  }
  json forecast = json::object();
  for (std::size_t k = 0; k < d; ++k) forecast[s.issues[k].name] = r.forecast.outcome[k];
  json model = {{"spec", r.model_spec}};
  const auto spec = ModelSpec::parse(r.model_spec);
  model["name"] = spec.name;
  model["params"] = spec.args;
  json out = {{"entente_version", ENTENTE_VERSION},
              {"model", model},
              {"seed", r.seed},
              {"turns", r.forecast.turns()},
              {"actors", actors},
              {"issues", issues},
              {"forecast", forecast},
              {"history", history},
              {"input", scenario_json(s)}};
  return out;
}

// Numbers in tables: enough digits to read, no noise ("43.18", "0.0002").
std::string num(double x) { return fmt::format("{:.6g}", x); }

std::string poles(const Issue& is) {
  if (is.low_pole.empty() && is.high_pole.empty()) return "";
  return fmt::format("  {} ↔ {}", is.low_pole, is.high_pole);
}

std::string csv_quote(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string to_csv(const ForecastRecord& r) {
  const Scenario& s = r.scenario;
  const std::size_t d = s.num_issues();
  std::string out = "kind,turn,actor,issue,value\n";
  for (std::size_t t = 0; t < r.forecast.history.size(); ++t)
    for (std::size_t a = 0; a < s.num_actors(); ++a)
      for (std::size_t k = 0; k < d; ++k)
        out += fmt::format("position,{},{},{},{}\n", t, csv_quote(s.actors[a].name),
                           csv_quote(s.issues[k].name), fmt::format("{:.17g}", r.forecast.history[t][a * d + k]));
  for (std::size_t k = 0; k < d; ++k)
    out += fmt::format("forecast,{},,{},{:.17g}\n", r.forecast.turns(), csv_quote(s.issues[k].name),
                       r.forecast.outcome[k]);
  return out;
}

std::string to_table(const ForecastRecord& r) {
  const Scenario& s = r.scenario;
  const std::size_t d = s.num_issues();
  const auto& first = r.forecast.history.front();
  const auto& last = r.forecast.history.back();
  std::size_t width = 5;
  for (const auto& a : s.actors) width = std::max(width, a.name.size());
  std::string out = fmt::format("{} — model {} — {} turn{}\n", s.name.empty() ? "scenario" : s.name,
                                r.model_spec, r.forecast.turns(), r.forecast.turns() == 1 ? "" : "s");
  for (std::size_t k = 0; k < d; ++k) {
    const auto& is = s.issues[k];
    out += fmt::format("\n{}  [{}–{}]{}\n", is.name, num(is.scale_min), num(is.scale_max), poles(is));
    out += fmt::format("  {:<{}}  {:>10}  {:>9}  {:>10}\n", "actor", width, "capability", "salience", "start → end");
    for (std::size_t a = 0; a < s.num_actors(); ++a)
      out += fmt::format("  {:<{}}  {:>10}  {:>9}  {:>8} → {}\n", s.actors[a].name, width,
                         num(s.actors[a].capability), num(s.stance(a, k).salience * 100),
                         num(first[a * d + k]), num(last[a * d + k]));
    out += fmt::format("  forecast: {}\n", num(r.forecast.outcome[k]));
  }
  return out;
}

}  // namespace

std::string write_forecast(const ForecastRecord& record, Format format) {
  switch (format) {
    case Format::Json: return record_json(record).dump(2) + "\n";
    case Format::Csv: return to_csv(record);
    case Format::Table: return to_table(record);
  }
  return "";
}

std::string write_comparison(const std::vector<ForecastRecord>& records, Format format) {
  if (records.empty()) return "";
  const Scenario& s = records.front().scenario;
  if (format == Format::Json) {
    json list = json::array();
    for (const auto& r : records) list.push_back(record_json(r));
    return list.dump(2) + "\n";
  }
  if (format == Format::Csv) {
    std::string out = "model,issue,forecast,turns\n";
    for (const auto& r : records)
      for (std::size_t k = 0; k < s.num_issues(); ++k)
        out += fmt::format("{},{},{:.17g},{}\n", csv_quote(r.model_spec), csv_quote(s.issues[k].name),
                           r.forecast.outcome[k], r.forecast.turns());
    return out;
  }
  std::size_t width = 5;
  for (const auto& is : s.issues) width = std::max(width, is.name.size());
  std::string out = fmt::format("{} — forecasts by model\n\n  {:<{}}", s.name, "issue", width);
  for (const auto& r : records) out += fmt::format("  {:>10}", ModelSpec::parse(r.model_spec).name);
  out += "\n";
  for (std::size_t k = 0; k < s.num_issues(); ++k) {
    out += fmt::format("  {:<{}}", s.issues[k].name, width);
    for (const auto& r : records) out += fmt::format("  {:>10.2f}", r.forecast.outcome[k]);
    out += "\n";
  }
  out += "\n";
  for (const auto& r : records) out += fmt::format("  {} ({} turns)\n", r.model_spec, r.forecast.turns());
  return out;
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
