// Stepping a time-stepped scenario through the years, the way simulation users know it
// (Mesa's vocabulary): a Simulation steps and runs; named reporters collect one series each.
// Each step applies the year's events, runs the chosen bargaining model over all actors twice
// (without and with the alliance), evaluates the alliance, and moves positions, terms and
// publics for the next year (docs/models/alliance.md).
#pragma once

#include <climits>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
  // The year the alliance ended: in a sampled run (TimeScenario::ending_draw), the first year
  // its survival fell below the draw; later years ran without it. None in a point run.
  std::optional<int> retreat_year;
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
  Scenario bargain_;                        // what the bargaining runs see: actors, issues, stances
  std::vector<std::vector<double>*> columns_;  // run_.series in the reporters' order
  void bind_columns();
};

// Runs a scenario from its start to options.to_year.
Run simulate(const TimeScenario& scenario, const SimOptions& options);

// What each series of a run measures (docs/models/alliance.md). A series is named by its
// family, then the member, actor or issue it is of: strain.ROK, forecast.nuclear,
// position.US.nuclear. `entente series FILE` lists a scenario's series with these.
struct SeriesFamily {
  std::string_view name;  // a whole series name ("threat"), or a family up to its '.' ("position.")
  std::string_view description;
};
inline constexpr SeriesFamily kSeriesFamilies[] = {
    {"strain", "the alliance's hazard this year: 1 − (1 − h_patron)(1 − h_client), 0..1"},
    {"survival", "the probability the alliance has lasted to the end of the year, 0..1"},
    {"in_force", "1 while the alliance is in force in this run, 0 after its treaty lapsed or it ended"},
    {"strain.", "the member's hazard: the yearly probability it leaves, logistic(logit h₀ − b·net value)"},
    {"net_value.", "what the alliance is worth to the member: policy + security + contribution − domestic cost"},
    {"policy_value.", "how the alliance moves outcomes for the member, Σ s (|x − F⁰| − |x − F¹|)/100"},
    {"regional_value.", "the part of the policy value from issues the bargaining model settles"},
    {"autonomy_cost.", "what the member concedes on national issues (the negative part of their value)"},
    {"autonomy_gain.", "what the member gains on national issues (the positive part of their value)"},
    {"security.", "the security gain in value units: security_weight × security_gain"},
    {"security_gain.", "the rise in the member's chance of prevailing against the threat (contest function)"},
    {"contribution.", "burden shares the member receives, in value units (contribution_weight × shares)"},
    {"domestic.", "minus the domestic cost: democracy × how far the joint line lies outside the public's win-set"},
    {"winset_distance.", "salience-weighted distance of the joint line outside the public's win-set"},
    {"public_support.", "public support for the alliance in the member, 0..1"},
    {"public_value.", "the member's public's own value of the alliance (by the public's stances)"},
    {"dependence.", "how much of the member's security the alliance provides, 0..1"},
    {"divergence.goals", "the partners' salience-weighted distance on goal issues, 0..1"},
    {"divergence.strategies", "the partners' salience-weighted distance on strategy issues, 0..1"},
    {"s_score", "Signorino & Ritter's S-score of the partners over all issues, −1..1"},
    {"abandonment.", "the member's fear of abandonment: dependence × (1 − the partner's credibility)"},
    {"entrapment.", "the member's fear of entrapment in its partner's more coercive line"},
    {"credibility", "credibility of the patron's commitment, 0..1"},
    {"exposure.", "the adversary's exposure without an arsenal, 0..1"},
    {"disarmament.", "the yearly hazard that the adversary gives up its programme"},
    {"disarmed.", "the probability the adversary has disarmed by the end of the year"},
    {"threat", "the adversary's capability plus its backers'"},
    {"troops", "the patron's troops stationed in the client"},
    {"capability.", "the actor's capability (COW CINC share × events)"},
    {"forecast.", "where the bargaining model lands the issue this year, in this run's world, 0..100"},
    {"outcome_alone.", "F⁰: the issue's outcome without the alliance, 0..100"},
    {"outcome_allied.", "F¹: the issue's outcome with the alliance, 0..100"},
    {"leadership.", "the patron's leadership share on the managed issue, 0..1"},
    {"joint_policy.", "the alliance's joint line on the managed issue, 0..100"},
    {"position.", "the actor's position on the issue, 0..100"},
};

// The description of a series, by its whole name or else its family; "" for none.
inline std::string_view describe_series(std::string_view name) {
  for (const auto& f : kSeriesFamilies)
    if (f.name == name) return f.description;
  const std::string_view family = name.substr(0, name.find('.') + 1);  // "" when there is no '.'
  for (const auto& f : kSeriesFamilies)
    if (!family.empty() && f.name == family) return f.description;
  return {};
}

}  // namespace entente::sim
