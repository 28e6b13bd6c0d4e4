#include "store/records.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "io/files.h"
#include "io/timeline_io.h"

namespace entente::store {

namespace {

constexpr const char* kKindNames[] = {"forecast", "run", "explain", "compare", "sweep", "claims", "report", "backtest"};
constexpr int kKinds = sizeof kKindNames / sizeof kKindNames[0];

// The data files a time-stepped scenario reads: every `series:` entry's `file:`.
std::vector<std::string> data_paths(const std::string& yaml_text) {
  std::vector<std::string> paths;
  const YAML::Node series = YAML::Load(yaml_text)["series"];
  if (!series || !series.IsMap()) return paths;
  for (const auto& entry : series)
    if (entry.second.IsMap() && entry.second["file"]) {
      const std::string path = entry.second["file"].as<std::string>();
      if (std::find(paths.begin(), paths.end(), path) == paths.end()) paths.push_back(path);
    }
  return paths;
}

// A path relative to the current folder: an absolute one made relative, a relative one as it is.
std::string from_here(const std::filesystem::path& path) {
  return path.is_absolute() ? path.lexically_proximate(std::filesystem::current_path()).generic_string()
                            : path.generic_string();
}

Results scenario_part(const Scenario& s) {
  Results r;
  r.scenario_name = s.name;
  r.actors = s.actors;
  r.issues = s.issues;
  return r;
}

// == on doubles, except that two NaNs match: the store keeps NaN (as NULL) and a rerun that
// produces NaN again reproduces the run.
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

bool same(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

std::string differ(const std::string& what) { return what + " differs"; }

std::string scenario_difference(const Results& a, const Results& b) {
  if (a.scenario_name != b.scenario_name) return differ("scenario name");
  if (a.actors.size() != b.actors.size()) return differ("number of actors");
  for (std::size_t i = 0; i < a.actors.size(); ++i)
    if (a.actors[i].name != b.actors[i].name || !same(a.actors[i].capability, b.actors[i].capability))
      return differ("actor " + a.actors[i].name);
  if (a.issues.size() != b.issues.size()) return differ("number of issues");
  for (std::size_t k = 0; k < a.issues.size(); ++k)
    if (a.issues[k].name != b.issues[k].name || !same(a.issues[k].scale_min, b.issues[k].scale_min) ||
        !same(a.issues[k].scale_max, b.issues[k].scale_max))
      return differ("issue " + a.issues[k].name);
  return "";
}

std::string forecast_difference(const std::optional<Forecast>& a, const std::optional<Forecast>& b) {
  if (a.has_value() != b.has_value()) return differ("presence of a forecast");
  if (!a) return "";
  if (a->history.size() != b->history.size())
    return fmt::format("turns differ: {} stored, {} now", a->turns(), b->turns());
  for (std::size_t t = 0; t < a->history.size(); ++t)
    if (!same(a->history[t], b->history[t])) return differ(fmt::format("positions after turn {}", t));
  return same(a->outcome, b->outcome) ? "" : differ("forecast outcome");
}

std::string run_difference(const sim::Run& a, const sim::Run& b, const std::string& label) {
  if (a.years != b.years) return differ(label + "years");
  if (a.series_names != b.series_names) return differ(label + "series names");
  if (a.series.size() != b.series.size()) return differ(label + "number of series");
  for (const auto& [name, values] : a.series) {
    const auto it = b.series.find(name);
    if (it == b.series.end()) return label + "series " + name + " is missing";
    for (std::size_t i = 0; i < values.size() && i < it->second.size(); ++i)
      if (!same(values[i], it->second[i]))
        return fmt::format("{}series {} in {} differs: {:.17g} stored, {:.17g} now", label, name,
                           i < a.years.size() ? a.years[i] : 0, values[i], it->second[i]);
    if (values.size() != it->second.size()) return differ(label + "length of series " + name);
  }
  if (a.events != b.events) return differ(label + "events applied");
  if (a.retreat_year != b.retreat_year) return differ(label + "retreat year");
  if (a.model_spec != b.model_spec || a.seed != b.seed) return differ(label + "model or seed");
  return "";
}

std::string attribution_difference(const std::vector<analysis::Attribution>& a,
                                   const std::vector<analysis::Attribution>& b) {
  if (a.size() != b.size()) return differ("number of attributions");
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto &x = a[i], &y = b[i];
    if (x.series != y.series || x.from != y.from || x.to != y.to) return differ("attribution " + x.series);
    if (!same(x.start_value, y.start_value) || !same(x.v_all, y.v_all) || !same(x.v_none, y.v_none) ||
        !same(x.total_change, y.total_change) || !same(x.drift, y.drift))
      return differ("attribution totals of " + x.series);
    if (x.shapley.size() != y.shapley.size()) return differ("cause groups of " + x.series);
    for (std::size_t g = 0; g < x.shapley.size(); ++g)
      if (x.shapley[g].first != y.shapley[g].first || !same(x.shapley[g].second, y.shapley[g].second))
        return differ("Shapley value of " + x.shapley[g].first + " for " + x.series);
    if (x.interactions.size() != y.interactions.size()) return differ("interactions of " + x.series);
    for (std::size_t k = 0; k < x.interactions.size(); ++k)
      if (x.interactions[k].a != y.interactions[k].a || x.interactions[k].b != y.interactions[k].b ||
          !same(x.interactions[k].value, y.interactions[k].value))
        return differ("interaction " + x.interactions[k].a + " × " + x.interactions[k].b + " for " + x.series);
  }
  return "";
}

std::string claims_difference(const std::vector<analysis::ClaimResult>& a,
                              const std::vector<analysis::ClaimResult>& b) {
  if (a.size() != b.size()) return differ("number of claims");
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto &x = a[i], &y = b[i];
    if (x.id != y.id || x.text != y.text || x.holds != y.holds || x.holds_baseline != y.holds_baseline ||
        x.runs != y.runs || x.held != y.held || x.baseline_terms.size() != y.baseline_terms.size())
      return differ("claim " + x.id);
    for (const auto& [term, value] : x.baseline_terms) {
      const auto it = y.baseline_terms.find(term);
      if (it == y.baseline_terms.end() || !same(value, it->second)) return differ("term " + term + " of claim " + x.id);
    }
  }
  return "";
}

std::string sweep_difference(const std::optional<sim::SweepResult>& a, const std::optional<sim::SweepResult>& b) {
  if (a.has_value() != b.has_value()) return differ("presence of a sweep");
  if (!a) return "";
  if (a->kind != b->kind || a->scenario_hash != b->scenario_hash || a->model != b->model || a->seed != b->seed ||
      a->first != b->first || a->runs != b->runs || a->policies != b->policies || a->to_year != b->to_year ||
      a->inputs != b->inputs)
    return differ("what the sweep ran (scenario, model, seed, runs, policies, horizon or inputs)");
  if (a->cells.size() != b->cells.size()) return differ("number of sweep summary cells");
  for (std::size_t i = 0; i < a->cells.size(); ++i) {
    const auto &x = a->cells[i], &y = b->cells[i];
    if (x.policy != y.policy || x.series != y.series || x.year != y.year || !same(x.mean, y.mean) ||
        !same(x.q05, y.q05) || !same(x.q50, y.q50) || !same(x.q95, y.q95))
      return differ(fmt::format("sweep summary of {} {} {}", x.policy, x.year, x.series));
  }
  if (a->retreats.size() != b->retreats.size()) return differ("number of retreat rows");
  for (std::size_t i = 0; i < a->retreats.size(); ++i) {
    const auto &x = a->retreats[i], &y = b->retreats[i];
    if (x.policy != y.policy || x.runs != y.runs || x.retreats != y.retreats || !same(x.probability, y.probability))
      return differ("retreat share of " + x.policy);
  }
  return "";
}

std::string policies_difference(const std::vector<analysis::PolicyRun>& a, const std::vector<analysis::PolicyRun>& b) {
  if (a.size() != b.size()) return differ("number of policies");
  for (std::size_t p = 0; p < a.size(); ++p) {
    if (a[p].policy != b[p].policy) return differ("policy names");
    if (auto d = run_difference(a[p].run, b[p].run, "policy " + a[p].policy + ": "); !d.empty()) return d;
  }
  return "";
}

std::string groups_difference(const std::vector<analysis::CauseGroup>& a, const std::vector<analysis::CauseGroup>& b) {
  if (a.size() != b.size()) return differ("number of cause groups");
  for (std::size_t g = 0; g < a.size(); ++g)
    if (a[g].name != b[g].name || a[g].tags != b[g].tags) return differ("cause group " + a[g].name);
  return "";
}

std::string facts_difference(const std::optional<analysis::ForecastFacts>& a,
                             const std::optional<analysis::ForecastFacts>& b) {
  if (a.has_value() != b.has_value()) return differ("kind of scenario reported");
  if (!a) return "";
  Results x, y;
  x.scenario_name = a->name, x.actors = a->actors, x.issues = a->issues;
  y.scenario_name = b->name, y.actors = b->actors, y.issues = b->issues;
  if (auto d = scenario_difference(x, y); !d.empty()) return d;
  if (a->description != b->description) return differ("scenario description");
  for (std::size_t a_k = 0; a_k < a->actors.size(); ++a_k)
    if (a->actors[a_k].description != b->actors[a_k].description) return differ("actor " + a->actors[a_k].name);
  for (std::size_t k = 0; k < a->issues.size(); ++k)
    if (a->issues[k].description != b->issues[k].description || a->issues[k].low_pole != b->issues[k].low_pole ||
        a->issues[k].high_pole != b->issues[k].high_pole)
      return differ("issue " + a->issues[k].name);
  if (a->stances.size() != b->stances.size()) return differ("number of stances");
  for (std::size_t i = 0; i < a->stances.size(); ++i)
    if (!same(a->stances[i].position, b->stances[i].position) || !same(a->stances[i].salience, b->stances[i].salience))
      return differ(fmt::format("stance {}", i));
  return "";
}

std::string facts_difference(const std::optional<analysis::TimelineFacts>& a,
                             const std::optional<analysis::TimelineFacts>& b) {
  if (a.has_value() != b.has_value()) return differ("kind of scenario reported");
  if (!a) return "";
  if (a->name != b->name || a->description != b->description) return differ("scenario name or description");
  if (a->start_year != b->start_year || a->end_year != b->end_year || a->horizon_year != b->horizon_year)
    return differ("span");
  if (a->patron != b->patron || a->client != b->client || a->adversary != b->adversary) return differ("alliance");
  if (a->backers.size() != b->backers.size()) return differ("backers");
  for (std::size_t i = 0; i < a->backers.size(); ++i)
    if (a->backers[i].name != b->backers[i].name || !same(a->backers[i].weight, b->backers[i].weight))
      return differ("backer " + a->backers[i].name);
  if (a->actors.size() != b->actors.size()) return differ("number of actors");
  for (std::size_t i = 0; i < a->actors.size(); ++i) {
    const auto &x = a->actors[i], &y = b->actors[i];
    if (x.name != y.name || x.description != y.description || !same(x.capability_first, y.capability_first) ||
        !same(x.capability_last, y.capability_last) || x.has_democracy != y.has_democracy ||
        !same(x.democracy_first, y.democracy_first) || !same(x.democracy_last, y.democracy_last) ||
        x.factions != y.factions || x.faction_in_office != y.faction_in_office)
      return differ("actor " + x.name);
  }
  if (a->issues.size() != b->issues.size()) return differ("number of issues");
  for (std::size_t i = 0; i < a->issues.size(); ++i) {
    const auto &x = a->issues[i], &y = b->issues[i];
    if (x.name != y.name || x.role != y.role || x.owner != y.owner || x.low_pole != y.low_pole ||
        x.high_pole != y.high_pole || !same(x.leadership, y.leadership))
      return differ("issue " + x.name);
  }
  if (a->events.size() != b->events.size()) return differ("number of events");
  for (std::size_t i = 0; i < a->events.size(); ++i) {
    const auto &x = a->events[i], &y = b->events[i];
    if (x.date != y.date || x.name != y.name || x.year != y.year || x.tags != y.tags) return differ("event " + x.name);
  }
  if (a->policies.size() != b->policies.size()) return differ("number of policies");
  for (std::size_t i = 0; i < a->policies.size(); ++i)
    if (a->policies[i].name != b->policies[i].name || a->policies[i].description != b->policies[i].description)
      return differ("policy " + a->policies[i].name);
  if (a->factions != b->factions || a->uncertain_inputs != b->uncertain_inputs || a->claims != b->claims)
    return differ("numbers of factions, uncertain inputs or claims");
  if (!same(a->strain_threshold, b->strain_threshold) || a->retreat_years != b->retreat_years ||
      !same(a->public_anchor[0], b->public_anchor[0]) || !same(a->public_anchor[1], b->public_anchor[1]))
    return differ("alliance parameters shown");
  return "";
}

bool same(const std::optional<double>& a, const std::optional<double>& b) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}

std::string backtest_difference(const std::optional<evidence::BacktestResult>& a,
                                const std::optional<evidence::BacktestResult>& b) {
  if (a.has_value() != b.has_value()) return differ("presence of a backtest");
  if (!a) return "";
  if (a->fits.size() != b->fits.size()) return differ("number of fits");
  for (std::size_t i = 0; i < a->fits.size(); ++i) {
    const auto &x = a->fits[i], &y = b->fits[i];
    if (x.left_out != y.left_out || !same(x.max_rhat, y.max_rhat) || !same(x.min_ess, y.min_ess) ||
        x.converged != y.converged)
      return differ("fit " + (x.left_out.empty() ? std::string("on all cases") : "without " + x.left_out));
  }
  if (a->forecasts.size() != b->forecasts.size()) return differ("number of case forecasts");
  for (std::size_t i = 0; i < a->forecasts.size(); ++i) {
    const auto &x = a->forecasts[i], &y = b->forecasts[i];
    if (x.name != y.name || x.file != y.file || x.fit != y.fit || x.coding != y.coding || x.shuffle != y.shuffle ||
        x.broke != y.broke ||
        x.year != y.year || x.window_first != y.window_first || x.window_last != y.window_last ||
        !same(x.p_break, y.p_break) || !same(x.p_base, y.p_base) || x.runs != y.runs || x.breaks != y.breaks ||
        !same(x.year_median, y.year_median) || !same(x.year_q05, y.year_q05) || !same(x.year_q95, y.year_q95) ||
        x.hit != y.hit)
      return differ(fmt::format("forecast of {} ({}, {})", x.name, evidence::kFits.name(x.fit),
                                evidence::kCodings.name(x.coding)));
  }
  if (a->scores.size() != b->scores.size()) return differ("number of scores");
  for (std::size_t i = 0; i < a->scores.size(); ++i) {
    const auto &x = a->scores[i], &y = b->scores[i];
    if (x.fit != y.fit || x.coding != y.coding || x.cases != y.cases || !same(x.brier, y.brier) ||
        !same(x.brier_base, y.brier_base) || !same(x.log_score, y.log_score) ||
        !same(x.log_score_base, y.log_score_base) || x.true_break != y.true_break || x.false_break != y.false_break ||
        x.missed_break != y.missed_break || x.true_held != y.true_held || !same(x.timing_error, y.timing_error))
      return differ(fmt::format("score ({}, {})", evidence::kFits.name(x.fit), evidence::kCodings.name(x.coding)));
  }
  return "";
}

}  // namespace

const char* kind_name(Kind kind) { return kKindNames[static_cast<int>(kind)]; }

Kind parse_kind(const std::string& name) {
  for (int k = 0; k < kKinds; ++k)
    if (name == kKindNames[k]) return static_cast<Kind>(k);
  throw std::invalid_argument("unknown run kind '" + name + "'");
}

Inputs read_inputs(Kind kind, const std::string& scenario_file, const std::string& model_spec, std::uint64_t seed,
                   Request request, std::string command_line) {
  Inputs in;
  in.kind = kind;
  in.scenario_file = scenario_file;
  in.scenario_text = read_file(scenario_file);
  in.model_spec = model_spec;
  in.seed = seed;
  in.request = std::move(request);
  in.command_line = std::move(command_line);
  if (is_timeline(in.scenario_text)) {
    const auto dir = std::filesystem::path(scenario_file).parent_path();
    for (const auto& path : data_paths(in.scenario_text))
      in.data_files.push_back({path, read_file((dir / path).string())});
  }
  return in;
}

Inputs backtest_inputs(const std::vector<evidence::Case>& cases, const std::string& posterior_path,
                       const std::vector<std::string>& given_paths, const std::string& model, std::uint64_t seed,
                       Request request, std::string command_line) {
  Inputs in;
  in.kind = Kind::Backtest;
  for (const auto& p : given_paths) in.scenario_file += (in.scenario_file.empty() ? "" : " ") + p;
  in.model_spec = model;
  in.seed = seed;
  in.request = std::move(request);
  in.command_line = std::move(command_line);
  for (const auto& c : cases) {
    const std::string text = read_file(c.file);
    in.case_files.push_back({from_here(c.file), text});
    const auto dir = std::filesystem::path(c.file).parent_path();
    for (const auto& path : data_paths(text)) {
      const std::string here = std::filesystem::path(from_here(dir / path)).lexically_normal().generic_string();
      const bool known = std::any_of(in.data_files.begin(), in.data_files.end(),
                                     [&](const DataFile& f) { return f.path == here; });
      if (!known) in.data_files.push_back({here, read_file((dir / path).string())});
    }
  }
  if (!posterior_path.empty()) in.posterior_file = DataFile{from_here(posterior_path), read_file(posterior_path)};
  return in;
}

Results forecast_results(const Scenario& scenario, const Forecast& forecast) {
  Results r = scenario_part(scenario);
  r.forecast = forecast;
  return r;
}

Results run_results(const sim::TimeScenario& t, const sim::Run& run) {
  Results r = scenario_part(t.scenario);
  r.run = run;
  return r;
}

Results explain_results(const sim::TimeScenario& t, const sim::Run& baseline,
                        std::vector<analysis::Attribution> attributions) {
  Results r = run_results(t, baseline);
  r.attributions = std::move(attributions);
  return r;
}

Results compare_results(const sim::TimeScenario& t, const std::vector<analysis::PolicyRun>& runs,
                        const Request& request) {
  Results r = scenario_part(t.scenario);
  for (const auto& p : runs) {
    analysis::PolicyRun kept{p.policy, {}};
    kept.run.series_names = request.series;
    kept.run.retreat_year = p.run.retreat_year;
    kept.run.model_spec = p.run.model_spec;
    kept.run.seed = p.run.seed;
    for (std::size_t i = 0; i < p.run.years.size(); ++i) {
      if (p.run.years[i] < request.from || p.run.years[i] > request.to) continue;
      kept.run.years.push_back(p.run.years[i]);
      for (const auto& name : request.series) kept.run.series[name].push_back(p.run.at(name)[i]);
    }
    r.policies.push_back(std::move(kept));
  }
  return r;
}

Results claims_results(const sim::TimeScenario& t, std::vector<analysis::ClaimResult> claims) {
  Results r = scenario_part(t.scenario);
  r.claims = std::move(claims);
  return r;
}

Results sweep_results(const Scenario& scenario, sim::SweepResult sweep) {
  Results r = scenario_part(scenario);
  r.sweep = std::move(sweep);
  return r;
}

Results report_results(const Scenario& scenario, analysis::ReportData report) {
  Results r = scenario_part(scenario);
  r.report = std::move(report);
  return r;
}

Results backtest_results(evidence::BacktestResult backtest, const std::vector<std::string>& read_as,
                         const Inputs& inputs) {
  for (auto& f : backtest.forecasts)
    for (std::size_t i = 0; i < read_as.size() && i < inputs.case_files.size(); ++i)
      if (f.file == read_as[i]) f.file = inputs.case_files[i].path;
  Results r;
  r.scenario_name = "case library";
  r.backtest = std::move(backtest);
  return r;
}

std::string first_difference(const analysis::ReportData& a, const analysis::ReportData& b) {
  if (a.source != b.source || a.model_spec != b.model_spec || a.seed != b.seed)
    return differ("the report's source, model or seed");
  if (auto d = facts_difference(a.forecast_facts, b.forecast_facts); !d.empty()) return d;
  if (auto d = forecast_difference(a.forecast, b.forecast); !d.empty()) return d;
  if (auto d = facts_difference(a.timeline, b.timeline); !d.empty()) return d;
  if (a.baseline.has_value() != b.baseline.has_value()) return differ("presence of the baseline run");
  if (a.baseline)
    if (auto d = run_difference(*a.baseline, *b.baseline, "baseline: "); !d.empty()) return d;
  if (auto d = attribution_difference(a.attributions, b.attributions); !d.empty()) return d;
  if (auto d = groups_difference(a.groups, b.groups); !d.empty()) return d;
  if (auto d = policies_difference(a.policy_runs, b.policy_runs); !d.empty()) return d;
  if (a.compared_series != b.compared_series) return differ("compared series");
  if (a.claims.has_value() != b.claims.has_value()) return differ("presence of the claims");
  if (a.claims)
    if (auto d = claims_difference(*a.claims, *b.claims); !d.empty()) return d;
  if (a.claim_runs != b.claim_runs) return differ("claim runs");
  if (auto d = sweep_difference(a.sweep, b.sweep); !d.empty()) return d;
  if (a.bands_from != b.bands_from) return differ("first year of the policy bands");
  if (a.commands != b.commands) return differ("reproducing commands");
  return "";
}

std::string first_difference(const Results& a, const Results& b) {
  for (const auto& d : {scenario_difference(a, b), forecast_difference(a.forecast, b.forecast)})
    if (!d.empty()) return d;
  if (a.run.has_value() != b.run.has_value()) return differ("presence of a yearly run");
  if (a.run)
    if (auto d = run_difference(*a.run, *b.run, ""); !d.empty()) return d;
  if (auto d = attribution_difference(a.attributions, b.attributions); !d.empty()) return d;
  if (auto d = policies_difference(a.policies, b.policies); !d.empty()) return d;
  if (auto d = claims_difference(a.claims, b.claims); !d.empty()) return d;
  if (auto d = sweep_difference(a.sweep, b.sweep); !d.empty()) return d;
  if (auto d = backtest_difference(a.backtest, b.backtest); !d.empty()) return d;
  if (a.report.has_value() != b.report.has_value()) return differ("presence of a report");
  return a.report ? first_difference(*a.report, *b.report) : "";
}

std::string content_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return fmt::format("{:016x}", h);
}

}  // namespace entente::store
