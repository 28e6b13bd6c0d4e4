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
  const std::vector<double>& forecast;  // the bargaining model's outcome in this run's world
  double survival;                      // the alliance's survival to the end of this year
  double disarmed;                      // the chance the adversary has disarmed by then
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
  r.push_back({"survival", [](const YearView& v) { return v.survival; }});
  r.push_back({"in_force", [](const YearView& v) { return v.inputs.in_force ? 1.0 : 0.0; }});
  for (int i = 0; i < 2; ++i) {
    const std::string m = member[i];
    const auto of = [i](double alliance::MemberYear::*field) {
      return [i, field](const YearView& v) { return v.alliance.member[i].*field; };
    };
    r.push_back({"strain." + m, of(&alliance::MemberYear::strain)});
    r.push_back({"net_value." + m, of(&alliance::MemberYear::net_value)});
    r.push_back({"policy_value." + m, of(&alliance::MemberYear::policy_value)});
    r.push_back({"regional_value." + m, of(&alliance::MemberYear::regional_value)});
    r.push_back({"autonomy_cost." + m, of(&alliance::MemberYear::autonomy_cost)});
    r.push_back({"autonomy_gain." + m, of(&alliance::MemberYear::autonomy_gain)});
    r.push_back({"security." + m, of(&alliance::MemberYear::security)});
    r.push_back({"security_gain." + m, of(&alliance::MemberYear::security_gain)});
    r.push_back({"contribution." + m, of(&alliance::MemberYear::contribution)});
    r.push_back({"domestic." + m, [i](const YearView& v) { return -v.alliance.member[i].domestic_cost; }});
    r.push_back({"winset_distance." + m, of(&alliance::MemberYear::winset_distance)});
    r.push_back({"public_support." + m, [i](const YearView& v) { return v.inputs.public_support[i]; }});
    r.push_back({"public_value." + m, of(&alliance::MemberYear::public_value)});
    r.push_back({"dependence." + m, of(&alliance::MemberYear::dependence)});
  }
  r.push_back({"divergence.goals", [](const YearView& v) { return v.alliance.divergence_goals; }});
  r.push_back({"divergence.strategies", [](const YearView& v) { return v.alliance.divergence_strategies; }});
  r.push_back({"s_score", [](const YearView& v) { return v.alliance.s_score; }});
  for (int i = 1; i >= 0; --i) {  // the client's fears first, as the first form reported them
    r.push_back({"abandonment." + member[i], [i](const YearView& v) { return v.alliance.member[i].abandonment; }});
    r.push_back({"entrapment." + member[i], [i](const YearView& v) { return v.alliance.member[i].entrapment; }});
  }
  r.push_back({"credibility", [](const YearView& v) { return v.alliance.credibility; }});
  const std::string adversary = actors[t.setup.adversary].name;
  r.push_back({"exposure." + adversary, [](const YearView& v) { return v.alliance.adversary_exposure; }});
  r.push_back({"disarmament." + adversary, [](const YearView& v) { return v.alliance.disarmament; }});
  r.push_back({"disarmed." + adversary, [](const YearView& v) { return v.disarmed; }});
  r.push_back({"threat", [](const YearView& v) { return v.alliance.threat; }});
  r.push_back({"troops", [](const YearView& v) { return v.inputs.troops; }});
  for (std::size_t a = 0; a < actors.size(); ++a)
    r.push_back({"capability." + actors[a].name, [a](const YearView& v) { return v.inputs.capability[a]; }});
  for (std::size_t k = 0; k < issues.size(); ++k) {
    r.push_back({"forecast." + issues[k].name, [k](const YearView& v) { return v.forecast[k]; }});
    r.push_back({"outcome_alone." + issues[k].name, [k](const YearView& v) { return v.alliance.outcome_alone[k]; }});
    r.push_back({"outcome_allied." + issues[k].name, [k](const YearView& v) { return v.alliance.outcome_allied[k]; }});
    if (!t.setup.issues[k].managed()) continue;
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

struct CredibilityShift {
  int year;
  double shift;
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
  void operator()(const effect::Credibility& e) const { s.credibility_shifts.push_back({year, e.shift}); }
  void operator()(const effect::Backing& e) const { s.backer_weight[e.backer] = e.weight; }
  void operator()(const effect::PublicShock& e) const { s.shocks.push_back({static_cast<int>(e.member), year, e.size}); }
  void operator()(const effect::Contribution& e) const { s.contributions[{static_cast<int>(e.member), e.item}] = e.share; }
  void operator()(const effect::Troops& e) const { s.troops_fixed = e.level; }
  void operator()(const effect::Treaty& e) const { s.treaty = e.in_force; }
  void operator()(const effect::BargainingPower& e) const { s.bargaining_power = e.share; }
  void operator()(const effect::CampWeight& e) const { s.camp_weight[e.faction] = e.weight; }
};

}  // namespace

// Everything that changes from year to year.
struct Simulation::State {
  int year = 0;
  std::vector<Stance> holder_stances;
  std::vector<double> capability_factor;
  std::vector<int> in_office;
  std::vector<double> leadership;
  double umbrella = 0;
  std::vector<CredibilityShift> credibility_shifts;
  bool treaty = true;
  bool ended = false;  // the alliance ended in this (sampled) run
  std::vector<double> backer_weight;
  std::map<std::pair<int, std::string>, double> contributions;
  std::optional<double> troops_fixed;
  std::vector<Shock> shocks;
  std::vector<double> camp_weight;  // per faction
  double bargaining_power = 0.5;    // the patron's β in renegotiations
  double public_base[2] = {0.5, 0.5};
  double public_value0[2] = {0, 0}, winset0[2] = {0, 0};
  double survival = 1, not_disarmed = 1;
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
  s.camp_weight.assign(t_.factions.size(), 0.0);
  for (const auto& p : t_.publics)
    for (const auto& [faction, weight] : p.camps) s.camp_weight[faction] = weight;
  s.bargaining_power = t_.params.renegotiation_power;
  s.reporters = reporters(t_);
  run_.model_spec = model_->spec();
  run_.seed = options_.seed;
  for (const auto& r : s.reporters) {
    run_.series_names.push_back(r.name);
    run_.series[r.name];
  }
  bind_columns();
  // The bargaining runs need only actors, issues and stances: a lean copy, filled each year.
  bargain_.name = t_.scenario.name;
  bargain_.actors = t_.scenario.actors;
  bargain_.issues = t_.scenario.issues;
  bargain_.stances = t_.scenario.stances;
}

void Simulation::bind_columns() {
  columns_.clear();
  for (const auto& name : run_.series_names) columns_.push_back(&run_.series.at(name));
}

Simulation::Simulation(const Simulation& other)
    : t_(other.t_), options_(other.options_), model_(other.model_),
      state_(std::make_unique<State>(*other.state_)), run_(other.run_), bargain_(other.bargain_) {
  bind_columns();
}

Simulation::~Simulation() = default;

void Simulation::set_counterfactual(std::function<bool(const Event&)> keep_event, int hold_capabilities_from) {
  options_.keep_event = std::move(keep_event);
  options_.hold_capabilities_from = hold_capabilities_from;
}

int Simulation::next_year() const { return state_->year; }

namespace {

// The stance of a member's public on each issue (Putnam 1988): its own where the scenario gives
// one; else the mean of its state's camps weighted by their weight (vote share) and salience;
// else its government's.
std::vector<Stance> public_stances(const TimeScenario& t, const std::vector<Stance>& holders,
                                   const std::vector<double>& camp_weight, const alliance::YearState& y, int member) {
  const std::size_t d = t.scenario.num_issues(), n = t.scenario.num_actors();
  const std::size_t state = member == 0 ? t.setup.patron : t.setup.client;
  std::vector<Stance> out(d);
  for (std::size_t k = 0; k < d; ++k) {
    const auto& own = t.publics[member].stances;
    if (k < own.size() && own[k]) { out[k] = *own[k]; continue; }
    double weight = 0, salience = 0, position = 0;
    for (std::size_t f = 0; f < t.factions.size(); ++f) {
      if (t.factions[f].state != state || camp_weight[f] <= 0) continue;
      const Stance& st = holders[(n + f) * d + k];
      weight += camp_weight[f];
      salience += camp_weight[f] * st.salience;
      position += camp_weight[f] * st.salience * st.position;
    }
    if (weight > 0 && salience > 0) out[k] = {position / salience, salience / weight};
    else out[k] = y.stances[state * d + k];
  }
  return out;
}

}  // namespace

bool Simulation::step() {
  State& s = *state_;
  if (s.year > options_.to_year) return false;
  const int year = s.year;
  const std::size_t n = t_.scenario.num_actors(), d = t_.scenario.num_issues();
  const alliance::Parameters& params = t_.params;

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
  const auto holder_of = [&](std::size_t a) { return s.in_office[a] >= 0 ? n + static_cast<std::size_t>(s.in_office[a]) : a; };
  y.stances.resize(n * d);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t k = 0; k < d; ++k) y.stances[a * d + k] = s.holder_stances[holder_of(a) * d + k];
  y.leadership = s.leadership;
  y.troops = s.troops_fixed ? *s.troops_fixed : t_.troops[ti];
  y.umbrella = s.umbrella;
  // Credibility shifts fade with their half-life unless an event renews them.
  for (const auto& c : s.credibility_shifts)
    y.credibility_shift += alliance::decayed_credibility(params, c.shift, year - c.year);
  y.in_force = s.treaty && !s.ended;
  y.backer_weight = s.backer_weight;
  const std::size_t members[2] = {t_.setup.patron, t_.setup.client};
  for (int i = 0; i < 2; ++i) {
    y.democracy[i] = t_.democracy[members[i]][ti];
    double overlay = 0;
    for (const Shock& sh : s.shocks)
      if (sh.member == i) overlay += alliance::decayed_shock(params, sh.size, year - sh.year);
    y.public_support[i] = std::clamp(s.public_base[i] + overlay, 0.0, 1.0);
    y.public_stances[i] = public_stances(t_, s.holder_stances, s.camp_weight, y, i);
  }
  for (const auto& [key, share] : s.contributions) y.contribution[key.first] += share;

  // 3. Two bargains among all actors, with the stances of the factions in office: without the
  // alliance (each member with its own position) and with it (both take the joint line). When
  // the alliance is not in force the two are the same bargain, run once.
  Scenario& snapshot = bargain_;
  for (std::size_t a = 0; a < n; ++a) snapshot.actors[a].capability = y.capability[a];
  snapshot.stances = y.stances;
  const RunOptions run_options{options_.seed + static_cast<std::uint64_t>(year), options_.threads};
  y.outcome_alone = model_->forecast(snapshot, run_options).outcome;
  const std::vector<double> z = alliance::joint_line(t_.setup, y);
  snapshot.stances = alliance::allied_stances(t_.setup, y, z);
  const bool same = std::equal(snapshot.stances.begin(), snapshot.stances.end(), y.stances.begin(),
                               [](const Stance& a, const Stance& b) { return a.position == b.position; });
  y.outcome_allied = same ? y.outcome_alone : model_->forecast(snapshot, run_options).outcome;

  // 4. The alliance this year.
  const AllianceYear out = alliance::evaluate(t_.setup, params, y);
  if (year == t_.start_year)
    for (int i = 0; i < 2; ++i) {
      s.public_value0[i] = out.member[i].public_value;
      s.winset0[i] = out.member[i].winset_distance;
    }

  // 5. Survival (the product of the years' 1 − hazard) and, in a sampled run, the alliance's
  // end: in the first year its survival falls below the run's draw (inverse-transform
  // sampling of the discrete-time hazard, Box-Steffensmeier & Jones 2004, ch. 5).
  s.survival *= 1 - out.strain;
  s.not_disarmed *= 1 - out.disarmament;
  const bool ends = y.in_force && t_.ending_draw && s.survival < *t_.ending_draw;

  // 6. Record.
  run_.years.push_back(year);
  const YearView view{t_, y, out, y.in_force ? y.outcome_allied : y.outcome_alone, s.survival, 1 - s.not_disarmed};
  for (std::size_t i = 0; i < s.reporters.size(); ++i) columns_[i]->push_back(s.reporters[i].read(view));
  if (ends) {
    s.ended = true;
    if (!run_.retreat_year) run_.retreat_year = year;
  }

  // 7. Next year's terms and positions, while the alliance lasts.
  if (y.in_force && !ends) {
    // Snyder (1984): fears move the members' governments (the faction in office).
    const alliance::PositionMoves moves = alliance::position_moves(t_.setup, params, y, out);
    for (int i = 0; i < 2; ++i)
      for (std::size_t k = 0; k < d; ++k) {
        Stance& st = s.holder_stances[holder_of(members[i]) * d + k];
        st.position = std::clamp(st.position + moves.move[i][k], 0.0, 100.0);
      }
    // Renegotiation toward the members' Nash bargain (Kalai 1977) while a member's hazard
    // exceeds the base rate.
    const double base = alliance::hazard(params, 0);
    if (std::max(out.member[0].strain, out.member[1].strain) > base) {
      alliance::Parameters p = params;
      p.renegotiation_power = s.bargaining_power;
      const std::vector<double> target = alliance::nash_leadership(t_.setup, p, y, out);
      for (std::size_t k = 0; k < d; ++k)
        if (t_.setup.issues[k].managed()) s.leadership[k] += params.renegotiation_speed * (target[k] - s.leadership[k]);
    }
  }
  // Publics move toward what their own value of the alliance and the win-set warrant.
  if (!s.ended)
    for (int i = 0; i < 2; ++i) {
      const double target = alliance::target_support(params, t_.public_anchor[i], out.member[i].public_value,
                                                      s.public_value0[i], out.member[i].winset_distance, s.winset0[i]);
      s.public_base[i] = alliance::settle(params, s.public_base[i], target);
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
