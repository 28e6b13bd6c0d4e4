#include "analysis/report_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace entente::analysis {

namespace {

const char* role_name(alliance::IssueRole role) {
  switch (role) {
    case alliance::IssueRole::Goal: return "goal";
    case alliance::IssueRole::Strategy: return "strategy";
    case alliance::IssueRole::Posture: return "posture";
    case alliance::IssueRole::Other: return "other";
  }
  return "other";
}

bool any_nonzero(const std::vector<double>& values) {
  return std::any_of(values.begin(), values.end(), [](double v) { return std::abs(v) > 1e-12; });
}

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string command(std::vector<std::string> words) {
  for (auto& w : words) w = shell_word(w);
  return joined(words, " ");
}

std::vector<std::string> policy_names(const sim::TimeScenario& t) {
  std::vector<std::string> names;
  for (const auto& p : t.policies) names.push_back(p.name);
  return names;
}

sim::SimOptions time_options(const sim::TimeScenario& t, const ReportOptions& r) {
  sim::SimOptions o;
  o.model = choose_model(r.model, t.scenario.model, ScenarioKind::TimeStepped);
  o.seed = r.seed_given ? r.seed : t.scenario.seed;
  o.to_year = t.end_year;
  load_model(o.model);  // a bad spec fails before any work
  return o;
}

// Strain and the members' net values under the baseline and every policy, to the horizon:
// what `entente sweep FILE --policies … --to HORIZON` computes, without its files.
sim::SweepResult policy_sweep(const sim::TimeScenario& t, const sim::SimOptions& o, const ReportOptions& r) {
  sim::SweepOptions s;
  s.runs = r.sweep_runs;
  s.seed = o.seed;
  s.threads = r.threads;
  s.model = o.model;
  s.policies = policy_names(t);
  s.to_year = t.horizon_year;
  s.scenario_text = r.scenario_text;
  s.progress = r.sweep_progress;
  return sim::sweep_timeline(t, s);
}

std::vector<std::string> reproducing_commands(const sim::TimeScenario& t, const ReportOptions& r,
                                              const std::string& spec, std::uint64_t seed_value, int from, int to) {
  const std::string& file = r.source;
  const std::string seed = std::to_string(seed_value);
  std::vector<std::string> sweep{"entente", "sweep", file, "--runs", std::to_string(r.sweep_runs), "--seed", seed,
                                 "--model", spec, "--to", std::to_string(t.horizon_year)};
  if (!t.policies.empty()) sweep.insert(sweep.end(), {"--policies", joined(policy_names(t), ",")});
  sweep.insert(sweep.end(), {"--output", "sweep"});
  return {command({"entente", "run", file, "--model", spec, "--seed", seed}),
          command({"entente", "explain", file, "--from", std::to_string(from), "--to", std::to_string(to), "--model",
                   spec, "--seed", seed}),
          command(sweep),
          command({"entente", "claims", file, "--runs", std::to_string(r.claim_runs), "--model", spec, "--seed", seed})};
}

void tell(const ReportOptions& r, const std::string& what) {
  if (r.progress) r.progress(what);
}

}  // namespace

std::string shell_word(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=,:+") ==
                           std::string::npos)
    return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::pair<int, int> attribution_window(const sim::TimeScenario& t, const ReportOptions& options) {
  int from = std::max(t.start_year, t.end_year - 10), to = t.end_year;
  bool found = false;
  for (const auto& claim : t.claims)
    for (const auto& term : claim.terms)
      if (!found && term.series == "strain" && term.policy.empty() &&
          (term.kind == sim::ClaimTerm::Kind::Shapley || term.kind == sim::ClaimTerm::Kind::ShapleyRank ||
           term.kind == sim::ClaimTerm::Kind::TotalChange))
        from = term.from, to = term.to, found = true;
  return {options.from > 0 ? options.from : from, options.to > 0 ? options.to : to};
}

std::vector<CauseGroup> report_groups(const sim::TimeScenario& t, int from, int to) {
  auto groups = default_groups(t, from);
  constexpr std::size_t kMax = 12;
  if (groups.size() <= kMax) return groups;
  auto events_of = [&](const CauseGroup& g) {
    return std::count_if(t.events.begin(), t.events.end(), [&](const sim::Event& e) {
      return e.year > from && e.year <= to &&
             std::any_of(e.tags.begin(), e.tags.end(), [&](const std::string& tag) {
               return std::find(g.tags.begin(), g.tags.end(), tag) != g.tags.end();
             });
    });
  };
  auto first = [](const CauseGroup& g) { return g.name == "ascendancy"; };
  std::stable_sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
    return first(a) > first(b) || (first(a) == first(b) && events_of(a) > events_of(b));
  });
  CauseGroup other{"other", {}};
  for (std::size_t g = kMax - 1; g < groups.size(); ++g)
    other.tags.insert(other.tags.end(), groups[g].tags.begin(), groups[g].tags.end());
  groups.resize(kMax - 1);
  groups.push_back(std::move(other));
  return groups;
}

int first_divergent_year(const sim::SweepResult& sweep, const std::string& series) {
  const auto base = sweep.cells_of("baseline", series);
  if (base.empty()) return 0;
  std::size_t first = base.size();
  for (const auto& policy : sweep.policies) {
    const auto b = sweep.cells_of(policy, series);
    for (std::size_t y = 0; y < std::min(first, b.size()); ++y)
      if (b[y].q05 != base[y].q05 || b[y].q50 != base[y].q50 || b[y].q95 != base[y].q95) {
        first = y;
        break;
      }
  }
  if (first == base.size()) first = base.size() > 11 ? base.size() - 11 : 0;
  return base[first > 3 ? first - 3 : 0].year;
}

ForecastFacts forecast_facts(const Scenario& s) {
  return {s.name, s.description, s.actors, s.issues, s.stances};
}

TimelineFacts timeline_facts(const sim::TimeScenario& t) {
  TimelineFacts f;
  const auto& s = t.scenario;
  const auto name = [&](std::size_t a) { return s.actors[a].name; };
  f.name = s.name;
  f.description = s.description;
  f.start_year = t.start_year;
  f.end_year = t.end_year;
  f.horizon_year = t.horizon_year;
  f.patron = name(t.setup.patron);
  f.client = name(t.setup.client);
  f.adversary = name(t.setup.adversary);
  for (std::size_t b = 0; b < t.setup.backers.size(); ++b) f.backers.push_back({name(t.setup.backers[b]), t.backer_weight[b]});
  const auto last = static_cast<std::size_t>(t.num_years() - 1);
  for (std::size_t a = 0; a < s.num_actors(); ++a) {
    TimelineFacts::Actor actor;
    actor.name = name(a);
    actor.description = s.actors[a].description;
    actor.capability_first = t.capability[a].front();
    actor.capability_last = t.capability[a][last];
    actor.has_democracy = any_nonzero(t.democracy[a]);
    actor.democracy_first = t.democracy[a].front();
    actor.democracy_last = t.democracy[a][last];
    for (std::size_t x = 0; x < t.factions.size(); ++x)
      if (t.factions[x].state == a) {
        if (t.in_office[a] == static_cast<int>(x)) actor.faction_in_office = static_cast<int>(actor.factions.size());
        actor.factions.push_back(t.factions[x].name);
      }
    f.actors.push_back(std::move(actor));
  }
  for (std::size_t k = 0; k < s.num_issues(); ++k) {
    const auto& setup = t.setup.issues[k];
    f.issues.push_back({s.issues[k].name, role_name(setup.role),
                        setup.owner >= 0 ? name(static_cast<std::size_t>(setup.owner)) : "", s.issues[k].low_pole,
                        s.issues[k].high_pole, t.leadership[k]});
  }
  for (const auto& e : t.events) f.events.push_back({e.date, e.name, e.year, e.tags});
  for (const auto& p : t.policies) f.policies.push_back({p.name, p.description});
  f.factions = t.factions.size();
  f.uncertain_inputs = s.uncertain.size();
  f.claims = t.claims.size();
  f.strain_threshold = t.params.strain_threshold;
  f.retreat_years = t.params.retreat_years;
  f.public_anchor[0] = t.public_anchor[0];
  f.public_anchor[1] = t.public_anchor[1];
  return f;
}

ReportData forecast_report_data(const Scenario& s, const std::string& model_spec, std::uint64_t seed,
                                const ReportOptions& options) {
  const auto model = load_model(model_spec);
  ReportData d;
  d.source = options.source;
  d.model_spec = model->spec();
  d.seed = seed;
  d.forecast_facts = forecast_facts(s);
  tell(options, "forecasting");
  d.forecast = model->forecast(s, RunOptions{seed, options.threads});
  d.commands = {command({"entente", "forecast", options.source, "--model", d.model_spec, "--seed", std::to_string(seed)})};
  return d;
}

ReportData timeline_report_data(const sim::TimeScenario& t, const ReportOptions& options) {
  const sim::SimOptions o = time_options(t, options);
  const auto [from, to] = attribution_window(t, options);
  if (from < t.start_year || from >= to || to > t.horizon_year)
    throw SpecError(fmt::format("attribution window {}→{}: it must satisfy {} ≤ from < to ≤ {}", from, to, t.start_year,
                                t.horizon_year));
  ReportData d;
  d.source = options.source;
  d.model_spec = load_model(o.model)->spec();
  d.seed = o.seed;
  d.timeline = timeline_facts(t);
  tell(options, "running the baseline");
  d.baseline = sim::simulate(t, o);
  tell(options, fmt::format("attributing the change of strain {}→{}", from, to));
  d.groups = report_groups(t, from, to);
  d.attributions = attribute(t, o, d.groups, from, to, {"strain"}, options.threads);
  tell(options, fmt::format("sweeping {} runs over {} policies", options.sweep_runs, t.policies.size() + 1));
  d.sweep = policy_sweep(t, o, options);
  d.bands_from = first_divergent_year(*d.sweep);
  tell(options, fmt::format("checking {} claims on {} runs", t.claims.size(), options.claim_runs));
  d.claims = t.claims.empty() ? std::vector<ClaimResult>{} : check_claims(t, o, options.claim_runs, o.seed, options.threads);
  d.claim_runs = options.claim_runs;
  d.commands = reproducing_commands(t, options, d.model_spec, o.seed, from, to);
  return d;
}

}  // namespace entente::analysis
