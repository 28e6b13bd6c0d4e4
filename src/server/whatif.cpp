#include "server/whatif.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "alliance/alliance.h"
#include "bargaining/model.h"
#include "core/error.h"
#include "core/spelling.h"

namespace entente::server {

namespace {

using json = nlohmann::json;

// The fields a what-if may hold, and those of its entries: anything else is a mistake the
// user should hear about rather than a change silently ignored.
void check_keys(const json& object, const std::vector<std::string>& known, const std::string& where) {
  if (!object.is_object()) throw SpecError(where + ": expected an object");
  for (const auto& [key, value] : object.items())
    if (std::find(known.begin(), known.end(), key) == known.end())
      throw SpecError(fmt::format("{}: unknown field '{}'{}", where, key, name_hint(key, known)));
}

double number_at(const json& object, const std::string& key, const std::string& where, double min, double max) {
  const auto it = object.find(key);
  if (it == object.end()) throw SpecError(fmt::format("{}: '{}' is missing", where, key));
  if (!it->is_number()) throw SpecError(fmt::format("{}.{}: expected a number", where, key));
  const double x = it->get<double>();
  if (!std::isfinite(x) || x < min || x > max)
    throw SpecError(fmt::format("{}.{}: {} is outside {}..{}", where, key, x, min, max));
  return x;
}

std::string text_at(const json& object, const std::string& key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) throw SpecError(fmt::format("{}: '{}' must be a string", where, key));
  return it->get<std::string>();
}

const json& array_at(const json& object, const std::string& key) {
  const json& a = object.at(key);
  if (!a.is_array()) throw SpecError(key + ": expected a list");
  return a;
}

// A name the scenario knows, or SpecError with the nearest one.
std::string known_name(const std::string& name, const std::vector<std::string>& known, const std::string& what) {
  if (std::find(known.begin(), known.end(), name) == known.end())
    throw SpecError(fmt::format("no {} '{}'{}", what, name, name_hint(name, known)));
  return name;
}

std::vector<std::string> issue_names(const sim::TimeScenario& t) {
  std::vector<std::string> names;
  for (const auto& issue : t.scenario.issues) names.push_back(issue.name);
  return names;
}

std::vector<std::string> holder_names(const sim::TimeScenario& t) {
  std::vector<std::string> names;
  for (const auto& actor : t.scenario.actors) names.push_back(actor.name);
  for (const auto& faction : t.factions) names.push_back(faction.name);
  return names;
}

std::vector<std::string> event_names(const sim::TimeScenario& t) {
  std::vector<std::string> names;
  for (const auto& event : t.events) names.push_back(event.name);
  return names;
}

std::size_t index_in(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

}  // namespace

WhatIf parse_what_if(std::string_view body, const sim::TimeScenario& t) {
  json root;
  try {
    root = json::parse(body);
  } catch (const json::exception& e) {  // a syntax error, or a number out of range
    throw SpecError(std::string("the body is not JSON: ") + e.what());
  }
  check_keys(root, {"model", "to", "parameters", "stances", "leadership", "troops", "event_dates"}, "what-if");
  WhatIf w;
  if (root.contains("model")) {
    w.model = text_at(root, "model", "what-if");
    load_model(w.model);  // a bad spec is refused here, with the registry's message
  }
  if (root.contains("to"))
    w.to_year = static_cast<int>(number_at(root, "to", "what-if", t.start_year, t.horizon_year));
  if (root.contains("parameters")) {
    const json& p = root.at("parameters");
    if (!p.is_object()) throw SpecError("parameters: expected an object of name: value");
    std::vector<std::string> names;
    for (const auto& row : alliance::parameter_table()) names.push_back(row.name);
    for (const auto& [name, value] : p.items()) {
      known_name(name, names, "alliance parameter");
      const auto& row = alliance::parameter_table()[index_in(names, name)];
      w.parameters.push_back({name, number_at(p, name, "parameters", row.min, row.max)});
    }
  }
  if (root.contains("stances")) {
    for (const json& s : array_at(root, "stances")) {
      check_keys(s, {"holder", "issue", "position", "salience"}, "stances[]");
      WhatIf::StartStance st;
      st.holder = known_name(text_at(s, "holder", "stances[]"), holder_names(t), "actor or faction");
      st.issue = known_name(text_at(s, "issue", "stances[]"), issue_names(t), "issue");
      const Issue& issue = t.scenario.issues[index_in(issue_names(t), st.issue)];
      if (s.contains("position")) st.position = number_at(s, "position", "stances[]", issue.scale_min, issue.scale_max);
      if (s.contains("salience")) st.salience = number_at(s, "salience", "stances[]", 0, 1);
      w.stances.push_back(std::move(st));
    }
  }
  if (root.contains("leadership")) {
    const json& l = root.at("leadership");
    if (!l.is_object()) throw SpecError("leadership: expected an object of issue: share");
    for (const auto& [issue, value] : l.items())
      w.leadership.push_back({known_name(issue, issue_names(t), "issue"), number_at(l, issue, "leadership", 0, 1)});
  }
  if (root.contains("troops")) {
    const json& tr = root.at("troops");
    check_keys(tr, {"year", "level"}, "troops");
    w.troops = WhatIf::Troops{.year = static_cast<int>(number_at(tr, "year", "troops", t.start_year, t.horizon_year)),
                              .level = number_at(tr, "level", "troops", 0, 1e7)};
  }
  if (root.contains("event_dates")) {
    const json& e = root.at("event_dates");
    if (!e.is_object()) throw SpecError("event_dates: expected an object of event: year");
    for (const auto& [name, value] : e.items())
      w.event_dates.push_back({known_name(name, event_names(t), "event"),
                               static_cast<int>(number_at(e, name, "event_dates", t.start_year, t.horizon_year))});
  }
  return w;
}

sim::TimeScenario with_what_if(const sim::TimeScenario& t, const WhatIf& w) {
  sim::TimeScenario out = t;
  const std::size_t d = t.scenario.num_issues(), n = t.scenario.num_actors();
  if (!w.model.empty()) out.scenario.model = w.model;
  for (const auto& p : w.parameters)
    for (const auto& row : alliance::parameter_table())
      if (p.name == row.name) out.params.*(row.field) = p.value;
  const auto holders = holder_names(t), issues = issue_names(t);
  for (const auto& s : w.stances) {
    Stance& st = out.holder_stances[index_in(holders, s.holder) * d + index_in(issues, s.issue)];
    if (s.position) st.position = *s.position;
    if (s.salience) st.salience = *s.salience;
  }
  // States with factions stand where their faction in office stands at the start (as
  // sim::sample keeps them), and the scenario's own stances are those of the actors.
  for (std::size_t a = 0; a < n; ++a) {
    if (t.in_office[a] >= 0)
      for (std::size_t k = 0; k < d; ++k)
        out.holder_stances[a * d + k] = out.holder_stances[(n + static_cast<std::size_t>(t.in_office[a])) * d + k];
    for (std::size_t k = 0; k < d; ++k) out.scenario.stances[a * d + k] = out.holder_stances[a * d + k];
  }
  for (const auto& l : w.leadership) out.leadership[index_in(issues, l.issue)] = l.share;
  for (const auto& moved : w.event_dates)
    for (auto& ev : out.events)
      if (ev.name == moved.event) {
        // The date keeps its month and day; only the year it applies in moves.
        ev.date = std::to_string(moved.year) + (ev.date.size() > 4 ? ev.date.substr(4) : "");
        ev.year = moved.year;
      }
  if (w.troops) {
    sim::Event ev;
    ev.name = "what-if: troops";
    ev.date = std::to_string(w.troops->year);
    ev.year = w.troops->year;
    ev.tags = {"what-if"};
    ev.effects = {sim::effect::Troops{.level = w.troops->level}};
    ev.effect_causes = {""};
    ev.effect_lines = {0};
    ev.policy = "what-if";
    out.events.push_back(std::move(ev));
  }
  std::stable_sort(out.events.begin(), out.events.end(),
                   [](const sim::Event& a, const sim::Event& b) { return a.date < b.date; });
  if (auto problems = sim::validate(out); !problems.empty()) throw InputError(std::move(problems));
  return out;
}

}  // namespace entente::server
