#include "server/controls.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "alliance/alliance.h"
#include "bargaining/model.h"
#include "output/document.h"

namespace entente::server {

namespace {

using ojson = nlohmann::ordered_json;

ojson model_specs() {
  ojson models = ojson::array();
  for (const ModelInfo* m : registered_models()) {
    ojson params = ojson::array();
    for (const auto& p : m->params) {
      ojson row = {{"name", p.name}, {"kind", kind_name(p.kind)}, {"default", p.default_value}, {"help", p.help}};
      if (p.kind == ParamSpec::Kind::Choice) row["choices"] = p.choices;
      else {
        row["min"] = p.min;
        row["max"] = p.max;
      }
      params.push_back(std::move(row));
    }
    models.push_back({{"name", m->name}, {"summary", m->summary}, {"params", std::move(params)}});
  }
  return models;
}

}  // namespace

std::string controls_json(const sim::TimeScenario& t) {
  const Scenario& s = t.scenario;
  const std::size_t d = s.num_issues();
  ojson parameters = ojson::array();
  for (const auto& p : alliance::parameter_table())
    parameters.push_back({{"name", p.name}, {"kind", "real"}, {"min", p.min}, {"max", p.max},
                          {"default", t.params.*(p.field)}, {"unit", p.unit}, {"meaning", p.meaning}});
  ojson holders = ojson::array(), issues = ojson::array(), stances = ojson::array(), leadership = ojson::array();
  for (const auto& a : s.actors) holders.push_back({{"name", a.name}, {"kind", "actor"}, {"description", a.description}});
  for (const auto& f : t.factions)
    holders.push_back({{"name", f.name}, {"kind", "faction"}, {"description", "a camp of " + s.actors[f.state].name}});
  for (std::size_t k = 0; k < d; ++k) {
    const Issue& issue = s.issues[k];
    issues.push_back({{"name", issue.name}, {"min", issue.scale_min}, {"max", issue.scale_max},
                      {"low_pole", issue.low_pole}, {"high_pole", issue.high_pole}});
    leadership.push_back({{"issue", issue.name}, {"min", 0}, {"max", 1}, {"default", t.leadership[k]}});
  }
  for (std::size_t h = 0; h < t.num_holders(); ++h)
    for (std::size_t k = 0; k < d; ++k) {
      const Stance& st = t.holder_stances[h * d + k];
      stances.push_back({{"holder", holders[h]["name"]}, {"issue", s.issues[k].name},
                         {"position", st.position}, {"salience", st.salience}});
    }
  const double most = t.troops.empty() ? 0 : *std::max_element(t.troops.begin(), t.troops.end());
  ojson troops = {{"years", ojson::array()}, {"levels", t.troops}, {"min", 0}, {"max", std::max(1.0, 2 * most)},
                  {"unit", "troops"}};
  for (int y = t.start_year; y <= t.end_year; ++y) troops["years"].push_back(y);
  ojson events = ojson::array();
  for (const auto& e : t.events)
    events.push_back({{"name", e.name}, {"date", e.date}, {"year", e.year}, {"tags", e.tags},
                      {"min", t.start_year}, {"max", t.horizon_year}});
  ojson policies = ojson::array();
  for (const auto& p : t.policies) policies.push_back({{"name", p.name}, {"description", p.description}});
  return output::render_json(ojson{
      {"scenario", s.name},
      {"start", t.start_year},
      {"end", t.end_year},
      {"horizon", t.horizon_year},
      {"model", choose_model("", s.model, ScenarioKind::TimeStepped)},
      {"patron", s.actors[t.setup.patron].name},
      {"client", s.actors[t.setup.client].name},
      {"parameters", std::move(parameters)},
      {"models", model_specs()},
      {"holders", std::move(holders)},
      {"issues", std::move(issues)},
      {"stances", std::move(stances)},
      {"leadership", std::move(leadership)},
      {"troops", std::move(troops)},
      {"events", std::move(events)},
      {"policies", std::move(policies)},
  });
}

}  // namespace entente::server
