#include "store/report_json.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace entente::store {

namespace {

using json = nlohmann::ordered_json;

// NaN has no JSON form: written as null, read back as NaN.
json real(double x) { return std::isnan(x) ? json(nullptr) : json(x); }
double real(const json& j) { return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>(); }

json forecast_facts(const analysis::ForecastFacts& f) {
  json actors = json::array(), issues = json::array(), stances = json::array();
  for (const auto& a : f.actors)
    actors.push_back({{"name", a.name}, {"description", a.description}, {"capability", real(a.capability)}});
  for (const auto& i : f.issues)
    issues.push_back({{"name", i.name},
                      {"description", i.description},
                      {"scale_min", real(i.scale_min)},
                      {"scale_max", real(i.scale_max)},
                      {"low_pole", i.low_pole},
                      {"high_pole", i.high_pole}});
  for (const auto& s : f.stances) stances.push_back({real(s.position), real(s.salience)});
  return {{"name", f.name}, {"description", f.description}, {"actors", actors}, {"issues", issues}, {"stances", stances}};
}

analysis::ForecastFacts forecast_facts(const json& j) {
  analysis::ForecastFacts f;
  f.name = j.at("name");
  f.description = j.at("description");
  for (const auto& a : j.at("actors")) f.actors.push_back({a.at("name"), a.at("description"), real(a.at("capability"))});
  for (const auto& i : j.at("issues"))
    f.issues.push_back({i.at("name"), i.at("description"), real(i.at("scale_min")), real(i.at("scale_max")),
                        i.at("low_pole"), i.at("high_pole")});
  for (const auto& s : j.at("stances")) f.stances.push_back({real(s.at(0)), real(s.at(1))});
  return f;
}

json timeline_facts(const analysis::TimelineFacts& f) {
  json backers = json::array(), actors = json::array(), issues = json::array(), events = json::array(),
       policies = json::array();
  for (const auto& b : f.backers) backers.push_back({{"name", b.name}, {"weight", real(b.weight)}});
  for (const auto& a : f.actors)
    actors.push_back({{"name", a.name},
                      {"description", a.description},
                      {"capability_first", real(a.capability_first)},
                      {"capability_last", real(a.capability_last)},
                      {"has_democracy", a.has_democracy},
                      {"democracy_first", real(a.democracy_first)},
                      {"democracy_last", real(a.democracy_last)},
                      {"factions", a.factions},
                      {"faction_in_office", a.faction_in_office}});
  for (const auto& i : f.issues)
    issues.push_back({{"name", i.name},
                      {"role", i.role},
                      {"owner", i.owner},
                      {"low_pole", i.low_pole},
                      {"high_pole", i.high_pole},
                      {"leadership", real(i.leadership)}});
  for (const auto& e : f.events) events.push_back({{"date", e.date}, {"name", e.name}, {"year", e.year}, {"tags", e.tags}});
  for (const auto& p : f.policies) policies.push_back({{"name", p.name}, {"description", p.description}});
  return {{"name", f.name},
          {"description", f.description},
          {"start_year", f.start_year},
          {"end_year", f.end_year},
          {"horizon_year", f.horizon_year},
          {"patron", f.patron},
          {"client", f.client},
          {"adversary", f.adversary},
          {"backers", backers},
          {"actors", actors},
          {"issues", issues},
          {"events", events},
          {"policies", policies},
          {"factions", f.factions},
          {"uncertain_inputs", f.uncertain_inputs},
          {"claims", f.claims},
          {"strain_threshold", real(f.strain_threshold)},
          {"retreat_years", f.retreat_years},
          {"public_anchor", {real(f.public_anchor[0]), real(f.public_anchor[1])}}};
}

analysis::TimelineFacts timeline_facts(const json& j) {
  analysis::TimelineFacts f;
  f.name = j.at("name");
  f.description = j.at("description");
  f.start_year = j.at("start_year");
  f.end_year = j.at("end_year");
  f.horizon_year = j.at("horizon_year");
  f.patron = j.at("patron");
  f.client = j.at("client");
  f.adversary = j.at("adversary");
  for (const auto& b : j.at("backers")) f.backers.push_back({b.at("name"), real(b.at("weight"))});
  for (const auto& a : j.at("actors"))
    f.actors.push_back({a.at("name"), a.at("description"), real(a.at("capability_first")),
                        real(a.at("capability_last")), a.at("has_democracy"), real(a.at("democracy_first")),
                        real(a.at("democracy_last")), a.at("factions").get<std::vector<std::string>>(),
                        a.at("faction_in_office")});
  for (const auto& i : j.at("issues"))
    f.issues.push_back({i.at("name"), i.at("role"), i.at("owner"), i.at("low_pole"), i.at("high_pole"),
                        real(i.at("leadership"))});
  for (const auto& e : j.at("events"))
    f.events.push_back({e.at("date"), e.at("name"), e.at("year"), e.at("tags").get<std::vector<std::string>>()});
  for (const auto& p : j.at("policies")) f.policies.push_back({p.at("name"), p.at("description")});
  f.factions = j.at("factions");
  f.uncertain_inputs = j.at("uncertain_inputs");
  f.claims = j.at("claims");
  f.strain_threshold = real(j.at("strain_threshold"));
  f.retreat_years = j.at("retreat_years");
  f.public_anchor[0] = real(j.at("public_anchor").at(0));
  f.public_anchor[1] = real(j.at("public_anchor").at(1));
  return f;
}

}  // namespace

std::string report_content(const analysis::ReportData& d) {
  json groups = json::array();
  for (const auto& g : d.groups) groups.push_back({{"name", g.name}, {"tags", g.tags}});
  json j = {{"parts",
             {{"forecast", d.forecast.has_value()},
              {"baseline", d.baseline.has_value()},
              {"sweep", d.sweep.has_value()},
              {"claims", d.claims.has_value()}}},
            {"groups", groups},
            {"compared_series", d.compared_series},
            {"claim_runs", d.claim_runs},
            {"bands_from", d.bands_from},
            {"commands", d.commands}};
  if (d.forecast_facts) j["forecast_facts"] = forecast_facts(*d.forecast_facts);
  if (d.timeline) j["timeline_facts"] = timeline_facts(*d.timeline);
  return j.dump();
}

ReportParts read_report_content(const std::string& text, analysis::ReportData& d, const std::string& file) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw InputError(file, 0, "reports.content", "expected a JSON object");
  try {
    ReportParts parts;
    const json& p = j.at("parts");
    parts.forecast = p.at("forecast");
    parts.baseline = p.at("baseline");
    parts.sweep = p.at("sweep");
    parts.claims = p.at("claims");
    for (const auto& g : j.at("groups")) d.groups.push_back({g.at("name"), g.at("tags").get<std::vector<std::string>>()});
    d.compared_series = j.at("compared_series").get<std::vector<std::string>>();
    d.claim_runs = j.at("claim_runs");
    d.bands_from = j.at("bands_from");
    d.commands = j.at("commands").get<std::vector<std::string>>();
    if (j.contains("forecast_facts")) d.forecast_facts = forecast_facts(j.at("forecast_facts"));
    if (j.contains("timeline_facts")) d.timeline = timeline_facts(j.at("timeline_facts"));
    return parts;
  } catch (const json::exception& e) {
    throw InputError(file, 0, "reports.content", std::string("not a stored report: ") + e.what());
  }
}

}  // namespace entente::store
