#include "sim/simulation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace entente::sim {

namespace {

using alliance::AllianceYear;

// What the reporters see of one year.
struct YearView {
  const TimeScenario& t;
  const alliance::YearState& inputs;
  const AllianceYear& alliance;
  const std::vector<double>& forecast;
};

struct Reporter {
  std::string name;
  std::function<double(const YearView&)> read;
};

// The named reporters, in the order tables and files show them. Members and actors are
// named by their scenario ids (e.g. strain.ROK, security_gain.US).
std::vector<Reporter> reporters(const TimeScenario& t) {
  const auto& actors = t.scenario.actors;
  const auto& issues = t.scenario.issues;
  const std::string member[2] = {actors[t.setup.patron].name, actors[t.setup.client].name};
  std::vector<Reporter> r;
  r.push_back({"strain", [](const YearView& v) { return v.alliance.strain; }});
  for (int i = 0; i < 2; ++i) {
    const std::string m = member[i];
    r.push_back({"strain." + m, [i](const YearView& v) { return v.alliance.member[i].strain; }});
    r.push_back({"security_gain." + m, [i](const YearView& v) { return v.alliance.member[i].security_gain; }});
    r.push_back({"autonomy_cost." + m, [i](const YearView& v) { return v.alliance.member[i].autonomy_cost; }});
    r.push_back({"autonomy_gain." + m, [i](const YearView& v) { return v.alliance.member[i].autonomy_gain; }});
    r.push_back({"contribution." + m, [i](const YearView& v) { return v.alliance.member[i].contribution; }});
    r.push_back({"domestic." + m, [i](const YearView& v) { return v.alliance.member[i].domestic; }});
    r.push_back({"net_value." + m, [i](const YearView& v) { return v.alliance.member[i].net_value; }});
    r.push_back({"public_support." + m, [i](const YearView& v) { return v.inputs.public_support[i]; }});
    r.push_back({"dependence." + m, [i](const YearView& v) { return v.alliance.member[i].dependence; }});
  }
  r.push_back({"divergence.goals", [](const YearView& v) { return v.alliance.divergence_goals; }});
  r.push_back({"divergence.strategies", [](const YearView& v) { return v.alliance.divergence_strategies; }});
  r.push_back({"s_score", [](const YearView& v) { return v.alliance.s_score; }});
  r.push_back({"abandonment." + member[1], [](const YearView& v) { return v.alliance.abandonment; }});
  r.push_back({"entrapment." + member[1], [](const YearView& v) { return v.alliance.entrapment; }});
  r.push_back({"credibility", [](const YearView& v) { return v.alliance.credibility; }});
  const std::string adversary = actors[t.setup.adversary].name;
  r.push_back({"exposure." + adversary, [](const YearView& v) { return v.alliance.adversary_exposure; }});
  r.push_back({"disarmament." + adversary, [](const YearView& v) { return v.alliance.disarmament; }});
  r.push_back({"threat", [](const YearView& v) { return v.alliance.threat; }});
  r.push_back({"troops", [](const YearView& v) { return v.inputs.troops; }});
  for (std::size_t a = 0; a < actors.size(); ++a)
    r.push_back({"capability." + actors[a].name, [a](const YearView& v) { return v.inputs.capability[a]; }});
  for (std::size_t k = 0; k < issues.size(); ++k) {
    r.push_back({"forecast." + issues[k].name, [k](const YearView& v) { return v.forecast[k]; }});
    if (t.setup.issues[k].owner < 0) continue;
    r.push_back({"leadership." + issues[k].name, [k](const YearView& v) { return v.inputs.leadership[k]; }});
    r.push_back({"joint_policy." + issues[k].name, [k](const YearView& v) { return v.alliance.joint_policy[k]; }});
  }
  const std::size_t d = issues.size();
  for (std::size_t a = 0; a < actors.size(); ++a)
    for (std::size_t k = 0; k < d; ++k)
      r.push_back({"position." + actors[a].name + "." + issues[k].name,
                   [a, k, d](const YearView& v) { return v.inputs.stances[a * d + k].position; }});
  return r;
}

struct Shock {
  int member;
  int year;
  double size;
};

// How each kind of effect changes the state, from the year it applies in on.
template <class State>  // Simulation::State, private to the simulation
struct Apply {
  State& s;
  int year;
  std::size_t d;  // issues

  void operator()(const effect::Stance& e) const {
    Stance& st = s.holder_stances[e.holder * d + e.issue];
    if (e.position) st.position = std::clamp(e.shift ? st.position + *e.position : *e.position, 0.0, 100.0);
    if (e.salience) st.salience = std::clamp(e.shift ? st.salience + *e.salience : *e.salience, 0.0, 1.0);
  }
  void operator()(const effect::Capability& e) const { s.capability_factor[e.actor] *= e.factor; }
  void operator()(const effect::InOffice& e) const { s.in_office[e.state] = static_cast<int>(e.faction); }
  void operator()(const effect::Leadership& e) const { s.leadership[e.issue] = e.share; }
  void operator()(const effect::Umbrella& e) const { s.umbrella = e.level; }
  void operator()(const effect::Credibility& e) const { s.credibility_shift += e.shift; }
  void operator()(const effect::Backing& e) const { s.backer_weight[e.backer] = e.weight; }
  void operator()(const effect::PublicShock& e) const { s.shocks.push_back({static_cast<int>(e.member), year, e.size}); }
  void operator()(const effect::Contribution& e) const { s.contributions[{static_cast<int>(e.member), e.item}] = e.share; }
  void operator()(const effect::Troops& e) const { s.troops_fixed = e.level; }
  void operator()(const effect::Treaty& e) const { s.treaty = e.in_force; }
};

}  // namespace

// Everything that changes from year to year.
struct Simulation::State {
  int year = 0;
  std::vector<Stance> holder_stances;
  std::vector<double> capability_factor;
  std::vector<int> in_office;
  std::vector<double> leadership;
  double umbrella = 0, credibility_shift = 0;
  bool treaty = true;
  std::vector<double> backer_weight;
  std::map<std::pair<int, std::string>, double> contributions;
  std::optional<double> troops_fixed;
  std::vector<Shock> shocks;
  double public_base[2] = {0.5, 0.5};
  double security0[2] = {0, 0}, autonomy0[2] = {0, 0};
  int strained_run = 0;
  std::vector<Reporter> reporters;
};

const std::vector<double>& Run::at(const std::string& name) const {
  auto it = series.find(name);
  if (it == series.end()) throw std::out_of_range("no series '" + name + "' in this run");
  return it->second;
}

double Run::value(const std::string& name, int year) const {
  auto it = std::find(years.begin(), years.end(), year);
  if (it == years.end()) throw std::out_of_range("year " + std::to_string(year) + " not in this run");
  return at(name)[static_cast<std::size_t>(it - years.begin())];
}

Simulation::Simulation(const TimeScenario& scenario, SimOptions options)
    : t_(scenario), options_(std::move(options)), model_(load_model(options_.model)),
      state_(std::make_unique<State>()) {
  if (options_.to_year == 0) options_.to_year = t_.end_year;
  State& s = *state_;
  s.year = t_.start_year;
  s.holder_stances = t_.holder_stances;
  s.capability_factor.assign(t_.scenario.num_actors(), 1.0);
  s.in_office = t_.in_office;
  s.leadership = t_.leadership;
  s.umbrella = t_.umbrella;
  s.treaty = t_.treaty;
  s.backer_weight = t_.backer_weight;
  s.public_base[0] = t_.public_anchor[0];
  s.public_base[1] = t_.public_anchor[1];
  s.reporters = reporters(t_);
  run_.model_spec = model_->spec();
  run_.seed = options_.seed;
  for (const auto& r : s.reporters) {
    run_.series_names.push_back(r.name);
    run_.series[r.name];
  }
}

Simulation::Simulation(const Simulation& other)
    : t_(other.t_), options_(other.options_), model_(other.model_),
      state_(std::make_unique<State>(*other.state_)), run_(other.run_) {}

Simulation::~Simulation() = default;

void Simulation::set_counterfactual(std::function<bool(const Event&)> keep_event, int hold_capabilities_from) {
  options_.keep_event = std::move(keep_event);
  options_.hold_capabilities_from = hold_capabilities_from;
}

int Simulation::next_year() const { return state_->year; }

bool Simulation::step() {
  State& s = *state_;
  if (s.year > options_.to_year) return false;
  const int year = s.year;
  const std::size_t n = t_.scenario.num_actors(), d = t_.scenario.num_issues();

  // 1. The year's events.
  std::vector<std::string> applied;
  for (const Event& ev : t_.events) {
    if (ev.year != year || (options_.keep_event && !options_.keep_event(ev))) continue;
    applied.push_back(ev.name);
    for (const Effect& e : ev.effects) std::visit(Apply<State>{s, year, d}, e);
  }
  if (!applied.empty()) run_.events[year] = applied;

  // 2. This year's inputs. Beyond the data (a projection) series hold their last value.
  const int last = t_.num_years() - 1;
  const auto at = [&](int y) { return std::clamp(y - t_.start_year, 0, last); };
  const int ti = at(year), held = at(std::min(year, options_.hold_capabilities_from));
  alliance::YearState y;
  y.capability.resize(n);
  for (std::size_t a = 0; a < n; ++a) y.capability[a] = t_.capability[a][held] * s.capability_factor[a];
  y.stances.resize(n * d);
  for (std::size_t a = 0; a < n; ++a) {
    const std::size_t holder = s.in_office[a] >= 0 ? n + static_cast<std::size_t>(s.in_office[a]) : a;
    for (std::size_t k = 0; k < d; ++k) y.stances[a * d + k] = s.holder_stances[holder * d + k];
  }
  y.leadership = s.leadership;
  y.troops = s.troops_fixed ? *s.troops_fixed : t_.troops[ti];
  y.umbrella = s.umbrella;
  y.credibility_shift = s.credibility_shift;
  y.treaty = s.treaty;
  y.backer_weight = s.backer_weight;
  const std::size_t members[2] = {t_.setup.patron, t_.setup.client};
  for (int i = 0; i < 2; ++i) {
    y.democracy[i] = t_.democracy[members[i]][ti];
    y.public_anchor[i] = t_.public_anchor[i];
    double overlay = 0;
    for (const Shock& sh : s.shocks)
      if (sh.member == i) overlay += alliance::decayed_shock(t_.params, sh.size, year - sh.year);
    y.public_support[i] = std::clamp(s.public_base[i] + overlay, 0.0, 1.0);
  }
  for (const auto& [key, share] : s.contributions) y.contribution[key.first] += share;

  // 3. Bargaining among all actors, with the stances of the factions in office.
  Scenario snapshot = t_.scenario;
  for (std::size_t a = 0; a < n; ++a) snapshot.actors[a].capability = y.capability[a];
  snapshot.stances = y.stances;
  const Forecast f = model_->forecast(snapshot, RunOptions{options_.seed + static_cast<std::uint64_t>(year), options_.threads});

  // 4. The alliance this year.
  const AllianceYear out = alliance::evaluate(t_.setup, t_.params, y);
  if (year == t_.start_year)
    for (int i = 0; i < 2; ++i) {
      s.security0[i] = out.member[i].security_gain;
      s.autonomy0[i] = out.member[i].autonomy_cost;
    }

  // 5. Record.
  run_.years.push_back(year);
  const YearView view{t_, y, out, f.outcome};
  for (const auto& r : s.reporters) run_.series[r.name].push_back(r.read(view));
  s.strained_run = out.strain >= t_.params.strain_threshold ? s.strained_run + 1 : 0;
  if (!run_.retreat_year && s.strained_run >= t_.params.retreat_years) run_.retreat_year = year;

  // 6. Publics move toward what this year's security and autonomy warrant.
  for (int i = 0; i < 2; ++i) {
    const double target = alliance::target_support(t_.params, t_.public_anchor[i], out.member[i].security_gain,
                                                    s.security0[i], out.member[i].autonomy_cost, s.autonomy0[i]);
    s.public_base[i] = alliance::settle(t_.params, s.public_base[i], target);
  }
  ++s.year;
  return true;
}

Run Simulation::run() {
  while (step()) {
  }
  return run_;
}

Run simulate(const TimeScenario& scenario, const SimOptions& options) {
  Simulation sim(scenario, options);
  return sim.run();
}

}  // namespace entente::sim
