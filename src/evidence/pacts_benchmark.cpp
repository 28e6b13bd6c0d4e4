// The termination benchmark of every defence pact since 1946 (pacts_benchmark.h).
#include "evidence/pacts_benchmark.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>

#include "bargaining/model.h"
#include "core/error.h"
#include "core/parallel.h"
#include "sim/simulation.h"

namespace entente::evidence {

// ------------------------------------------------------------------------------ scores

std::optional<double> auc(const std::vector<double>& p, const std::vector<int>& y) {
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return p[i] < p[j]; });
  // Mid-ranks over ties; U = R₁ − n₁(n₁ + 1)/2.
  double rank_sum = 0;
  std::size_t n1 = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && p[order[j]] == p[order[i]]) ++j;
    const double mid = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (std::size_t k = i; k < j; ++k)
      if (y[order[k]]) { rank_sum += mid; ++n1; }
    i = j;
  }
  const std::size_t n0 = p.size() - n1;
  if (n1 == 0 || n0 == 0) return std::nullopt;
  const double u = rank_sum - static_cast<double>(n1) * static_cast<double>(n1 + 1) / 2;
  return u / (static_cast<double>(n1) * static_cast<double>(n0));
}

ForecastScore score_forecasts(const std::vector<double>& p, const std::vector<int>& y) {
  ForecastScore s{.n = p.size()};
  if (p.empty()) return s;
  for (std::size_t i = 0; i < p.size(); ++i) {
    s.events += y[i] ? 1 : 0;
    s.brier += (p[i] - y[i]) * (p[i] - y[i]);
    const double q = std::clamp(y[i] ? p[i] : 1 - p[i], 1e-15, 1.0);
    s.log_score += std::log(q);
  }
  s.brier /= static_cast<double>(p.size());
  s.log_score /= static_cast<double>(p.size());
  s.auc = auc(p, y);
  return s;
}

std::vector<CalibrationBin> calibration(const std::vector<double>& p, const std::vector<int>& y, int bins) {
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return p[i] < p[j]; });
  std::vector<CalibrationBin> out;
  const std::size_t n = p.size();
  for (int b = 0; b < bins && n > 0; ++b) {
    const std::size_t lo = n * static_cast<std::size_t>(b) / static_cast<std::size_t>(bins);
    const std::size_t hi = n * static_cast<std::size_t>(b + 1) / static_cast<std::size_t>(bins);
    if (hi == lo) continue;
    CalibrationBin c{.bin = b + 1, .n = hi - lo, .lowest = p[order[lo]], .highest = p[order[hi - 1]]};
    for (std::size_t k = lo; k < hi; ++k) {
      c.mean_forecast += p[order[k]];
      c.events += y[order[k]] ? 1 : 0;
    }
    c.mean_forecast /= static_cast<double>(c.n);
    c.observed = static_cast<double>(c.events) / static_cast<double>(c.n);
    out.push_back(c);
  }
  return out;
}

// ------------------------------------------------------------------------------ the generic scenario

namespace {

// A yearly series from a lookup, a missing year holding the nearest earlier known value (the
// first known value before any), `fallback` when none is known.
template <class Lookup>
std::vector<double> held_series(int first, int last, double fallback, Lookup value) {
  std::vector<double> out(static_cast<std::size_t>(last - first + 1));
  std::vector<bool> known(out.size(), false);
  for (int y = first; y <= last; ++y) {
    const auto i = static_cast<std::size_t>(y - first);
    if (const auto v = value(y)) { out[i] = *v; known[i] = true; }
  }
  const auto first_known = std::find(known.begin(), known.end(), true);
  double carry = first_known == known.end() ? fallback : out[static_cast<std::size_t>(first_known - known.begin())];
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (known[i]) carry = out[i];
    else out[i] = carry;
  }
  return out;
}

std::optional<double> lookup(const std::unordered_map<std::int64_t, double>& m, int ccode, int year) {
  auto it = m.find(state_year(ccode, year));
  if (it == m.end()) return std::nullopt;
  return it->second;
}

}  // namespace

sim::TimeScenario pact_scenario(const PactWorld& w, const PactSpell& s, int from, const alliance::Parameters& params) {
  sim::TimeScenario t;
  t.start_year = std::max(s.start, from);
  t.end_year = t.horizon_year = s.last;
  const int y0 = t.start_year, y1 = t.end_year;
  const double ca = lookup(w.cinc, s.a, y0).value_or(0), cb = lookup(w.cinc, s.b, y0).value_or(0);
  const int patron = ca >= cb ? s.a : s.b, client = ca >= cb ? s.b : s.a;
  const double span = w.ideal_max > w.ideal_min ? w.ideal_max - w.ideal_min : 1;
  const auto position = [&](int ccode, int y) -> std::optional<double> {
    for (int d : {0, -1, 1, -2, 2})
      if (auto v = lookup(w.ideal, ccode, y + d)) return 100 * (*v - w.ideal_min) / span;
    return std::nullopt;
  };
  const auto positions = [&](int ccode) { return held_series(y0, y1, 50, [&](int y) { return position(ccode, y); }); };
  const auto capability = [&](int ccode) {
    return held_series(y0, y1, 1e-6, [&](int y) { return lookup(w.cinc, ccode, y); });
  };
  const auto democracy = [&](int ccode) {
    return held_series(y0, y1, 0.5, [&](int y) {
      auto v = lookup(w.polyarchy, ccode, y);
      return v ? v : lookup(w.polity, ccode, y);
    });
  };

  Scenario& sc = t.scenario;
  sc.name = "pact-" + std::to_string(s.a) + "-" + std::to_string(s.b) + "-" + std::to_string(s.start);
  sc.description = "ATOP defence pledge of COW " + std::to_string(s.a) + " and " + std::to_string(s.b) + ", from the data alone";
  sc.actors = {{"patron", "COW " + std::to_string(patron), 0}, {"client", "COW " + std::to_string(client), 0},
               {"threat", "third states in militarized disputes with either member", 0}};
  sc.issues = {{.name = "alignment", .description = "UN General Assembly ideal point, rescaled to 0..100",
                .low_pole = "lowest ideal point in the data", .high_pole = "highest ideal point in the data"}};
  const auto xp = positions(patron), xc = positions(client);
  sc.stances = {{xp[0], 1.0}, {xc[0], 1.0}, {50, 0.5}};
  t.holder_stances = sc.stances;
  t.in_office = {-1, -1, -1};
  t.capability = {capability(patron), capability(client),
                  held_series(y0, y1, 0, [&](int y) -> std::optional<double> {
                    return std::max(1e-6, third_party_capability(w, s.a, s.b, y));
                  })};
  for (std::size_t a = 0; a < 3; ++a) sc.actors[a].capability = std::max(1e-6, t.capability[a][0]);
  t.democracy = {democracy(patron), democracy(client), std::vector<double>(xp.size(), 0.0)};
  t.troops = patron == 2 ? held_series(y0, y1, 0, [&](int y) { return lookup(w.us_troops, client, y); })
                         : std::vector<double>(xp.size(), 0.0);
  t.setup.patron = 0;
  t.setup.client = 1;
  t.setup.adversary = 2;
  alliance::IssueSetup issue;
  issue.role = alliance::IssueRole::Goal;
  issue.owner = 1;
  issue.scope = alliance::IssueScope::National;
  t.setup.issues = {issue};
  t.params = params;
  t.leadership = {0.5};
  // The members' positions follow their UN votes year by year.
  for (int y = y0 + 1; y <= y1; ++y) {
    const auto i = static_cast<std::size_t>(y - y0);
    sim::Event e;
    e.name = "un-votes-" + std::to_string(y);
    e.date = std::to_string(y);
    e.year = y;
    e.tags = {"alignment"};
    e.source = "UNGA ideal points (Bailey, Strezhnev & Voeten 2017)";
    for (std::size_t member = 0; member < 2; ++member) {
      sim::effect::Stance st;
      st.holder = member;
      st.position = member == 0 ? xp[i] : xc[i];
      e.effects.push_back(st);
    }
    e.effect_causes = {"", ""};
    e.effect_lines = {0, 0};
    t.events.push_back(std::move(e));
  }
  return t;
}

// ------------------------------------------------------------------------------ the benchmark

namespace {

LogitData logit_data(const PactPanel& panel, const std::vector<std::size_t>& rows, DurationTerms terms) {
  LogitData d;
  d.names.push_back("intercept");
  for (const auto& n : covariate_names(terms)) d.names.push_back(n);
  for (std::size_t r : rows) {
    const PactYear& y = panel.years[r];
    std::vector<double> x{1.0};
    for (double v : y.covariates(terms)) x.push_back(v);
    d.x.push_back(std::move(x));
    d.y.push_back(y.event ? 1 : 0);
  }
  return d;
}

// The first year of each spell's run in panel.years (years are stored spell-major).
std::vector<std::size_t> spell_offsets(const PactPanel& panel) {
  std::vector<std::size_t> first(panel.spells.size() + 1, panel.years.size());
  for (std::size_t i = panel.years.size(); i-- > 0;) first[panel.years[i].spell] = i;
  return first;
}

}  // namespace

PactBenchmark benchmark_pacts(const PactWorld& world, const PactBenchmarkOptions& o) {
  if (o.split < o.from || o.split >= o.to)
    throw SpecError("--split " + std::to_string(o.split) + " must leave training and test years in " +
                    std::to_string(o.from) + "–" + std::to_string(o.to));
  PactBenchmark b{.options = o};
  b.model_spec = load_model(o.model.empty() ? default_model(ScenarioKind::TimeStepped) : o.model)->spec();
  b.panel = build_pact_panel(world, o.from, o.to);
  const PactPanel& p = b.panel;
  std::vector<std::size_t> train;
  for (std::size_t i = 0; i < p.years.size(); ++i) {
    if (!p.years[i].scored()) continue;
    b.scored.push_back(i);
    if (p.years[i].year <= o.split) train.push_back(i);
  }
  // (a), (b): fitted on the training years only.
  const LogitData train_data = logit_data(p, train, o.duration);
  b.fit = fit_logit(train_data);
  double events = 0;
  for (int v : train_data.y) events += v;
  b.base_rate = events / static_cast<double>(train_data.y.size());
  const LogitData all = logit_data(p, b.scored, o.duration);
  for (std::size_t k = 0; k < b.scored.size(); ++k) {
    b.forecast[0].push_back(b.base_rate);
    b.forecast[1].push_back(logit_predict(b.fit.beta, all.x[k]));
  }
  // (c): one generic scenario per spell with a scored year, each run from its first year.
  std::vector<std::vector<double>> strain(p.spells.size());
  const auto offsets = spell_offsets(p);
  std::vector<std::size_t> to_run;
  for (std::size_t s = 0; s < p.spells.size(); ++s)
    for (std::size_t i = offsets[s]; i < p.years.size() && p.years[i].spell == s; ++i)
      if (p.years[i].scored()) { to_run.push_back(s); break; }
  const std::size_t begin = to_run.size() * o.part / o.parts, end = to_run.size() * (o.part + 1) / o.parts;
  std::atomic<std::uint64_t> done{0};
  parallel_for(end - begin, o.threads, [&](std::uint64_t k) {
    const std::size_t s = to_run[begin + k];
    const sim::TimeScenario t = pact_scenario(world, p.spells[s], o.from, o.params);
    sim::SimOptions so;
    so.model = b.model_spec;
    strain[s] = sim::simulate(t, so).at("strain");
    if (o.progress) o.progress(++done, end - begin);
  });
  if (o.join) {
    auto every = o.join(std::move(strain));
    if (!every) return b;
    strain = std::move(*every);
  }
  for (std::size_t i : b.scored) {
    const PactYear& y = p.years[i];
    const int first = std::max(p.spells[y.spell].start, o.from);
    b.forecast[2].push_back(strain[y.spell][static_cast<std::size_t>(y.year - first)]);
  }
  // Scores: the training years, the test years, and each decade of the test.
  const auto select = [&](int from, int to, int f) {
    std::vector<double> pf;
    std::vector<int> yy;
    for (std::size_t k = 0; k < b.scored.size(); ++k) {
      const PactYear& y = p.years[b.scored[k]];
      if (y.year < from || y.year > to) continue;
      pf.push_back(b.forecast[f][k]);
      yy.push_back(y.event ? 1 : 0);
    }
    return std::pair{pf, yy};
  };
  std::vector<std::tuple<std::string, int, int>> periods = {{"train", o.from, o.split}, {"test", o.split + 1, o.to}};
  for (int d = o.split + 1; d <= o.to; d += 10) periods.emplace_back("test", d, std::min(d + 9, o.to));
  for (const auto& [sample, from, to] : periods)
    for (int f = 0; f < 3; ++f) {
      const auto [pf, yy] = select(from, to, f);
      b.scores.push_back({kForecasters[f].forecaster, sample, from, to, score_forecasts(pf, yy)});
    }
  for (int f = 0; f < 3; ++f) {
    const auto [pf, yy] = select(o.split + 1, o.to, f);
    b.calibration[f] = calibration(pf, yy, 10);
  }
  return b;
}

// ------------------------------------------------------------------------------ writers

namespace {

using output::Cell;

Cell opt(const std::optional<double>& x) { return x ? Cell{*x} : Cell{}; }
Cell whole(std::size_t n) { return Cell{static_cast<std::int64_t>(n)}; }
Cell whole(int n) { return Cell{static_cast<std::int64_t>(n)}; }

std::string period(int from, int to) { return std::to_string(from) + "–" + std::to_string(to); }

}  // namespace

output::Table pacts_scores_table(const PactBenchmark& b) {
  output::Table t{.columns = {"forecaster", "sample", "from", "to", "dyad_years", "events", "auc", "brier", "log_score"}};
  for (const auto& s : b.scores)
    t.add({kForecasters[static_cast<int>(s.forecaster)].name, s.sample, whole(s.from), whole(s.to), whole(s.score.n),
           whole(s.score.events), opt(s.score.auc), s.score.brier, s.score.log_score});
  return t;
}

output::Table pacts_coefficients_table(const PactBenchmark& b) {
  output::Table t{.columns = {"term", "estimate", "std_error", "z"}};
  for (std::size_t i = 0; i < b.fit.names.size(); ++i)
    t.add({b.fit.names[i], b.fit.beta[i], b.fit.se[i], b.fit.beta[i] / b.fit.se[i]});
  return t;
}

output::Table pacts_calibration_table(const PactBenchmark& b) {
  output::Table t{.columns = {"forecaster", "bin", "dyad_years", "events", "mean_forecast", "observed", "lowest", "highest"}};
  for (int f = 0; f < 3; ++f)
    for (const auto& c : b.calibration[f])
      t.add({kForecasters[f].name, whole(c.bin), whole(c.n), whole(c.events), c.mean_forecast, c.observed, c.lowest,
             c.highest});
  return t;
}

output::Table pacts_dyads_table(const PactPanel& p) {
  output::Table t{.columns = {"ccode_a", "ccode_b", "first", "last", "spells", "pledge_years", "scored_years", "terminations",
                              "scored_terminations", "status", "reason"}};
  for (const auto& d : p.dyads)
    t.add({whole(d.a), whole(d.b), whole(d.first), whole(d.last), whole(d.spells), whole(d.pledge_years),
           whole(d.scored_years), whole(d.events), whole(d.scored_events), d.scored() ? "scored" : "left_out", d.reason()});
  return t;
}

output::Table pacts_panel_table(const PactBenchmark& b) {
  output::Table t{.columns = {"ccode_a", "ccode_b", "spell_start", "year", "duration", "event", "spell_end", "scored",
                              "missing", "sample"}};
  for (const auto& n : covariate_names(b.options.duration)) t.columns.push_back(n);
  for (const auto& f : kForecasters) t.columns.push_back(f.name);
  std::size_t k = 0;
  for (std::size_t i = 0; i < b.panel.years.size(); ++i) {
    const PactYear& y = b.panel.years[i];
    const PactSpell& s = b.panel.spells[y.spell];
    const bool scored = k < b.scored.size() && b.scored[k] == i;
    std::string missing;
    for (auto r : y.missing) missing += (missing.empty() ? "" : ";") + std::string(drop_reason_name(r));
    std::vector<Cell> row{whole(s.a), whole(s.b), whole(s.start), whole(y.year), whole(y.duration),
                          whole(y.event ? 1 : 0), spell_end_name(s.end), whole(scored ? 1 : 0), missing,
                          y.year <= b.options.split ? "train" : "test"};
    for (double v : y.covariates(b.options.duration)) row.push_back(scored ? Cell{v} : Cell{});
    for (int f = 0; f < 3; ++f) row.push_back(scored ? Cell{b.forecast[f][k]} : Cell{});
    t.add(std::move(row));
    if (scored) ++k;
  }
  return t;
}

output::Document pacts_document(const PactBenchmark& b) {
  const auto& o = b.options;
  std::size_t left_out = 0, events = 0, scored_events = 0;
  for (const auto& d : b.panel.dyads) left_out += d.scored() ? 0 : 1;
  for (const auto& s : b.panel.spells) events += s.end == SpellEnd::Terminated ? 1 : 0;
  for (std::size_t i : b.scored) scored_events += b.panel.years[i].event ? 1 : 0;
  output::Document d;
  output::Table scores = pacts_scores_table(b);
  scores.title = "Defence-pact termination, every ATOP 5.1 pair " + period(o.from, o.to) + ": fitted on " +
                 period(o.from, o.split) + " (train), scored on " + period(o.split + 1, o.to) + " (test)";
  scores.decimals = {-1, -1, -1, -1, -1, -1, 3, 5, 5};
  scores.note = std::to_string(b.panel.dyads.size()) + " dyads, " + std::to_string(b.panel.spells.size()) + " spells, " +
                std::to_string(events) + " terminations; " + std::to_string(b.scored.size()) + " of " +
                std::to_string(b.panel.years.size()) + " dyad-years scored (" + std::to_string(scored_events) +
                " terminations), " + std::to_string(left_out) +
                " dyads left out (dyads table). Log score: mean ln p of what happened (higher is better). "
                "The alliance model is not fitted: its train rows are out of sample too. Model: " + b.model_spec + ".";
  output::Table coef = pacts_coefficients_table(b);
  coef.title = "Logit hazard (" + std::string(kDurationTerms.name(o.duration)) + " duration), fitted on " +
               period(o.from, o.split) + " (" + std::to_string(b.fit.iterations) +
               " Newton iterations, log L " + output::rounded(b.fit.log_likelihood, 6) + ")";
  coef.decimals = {-1, 4, 4, 2};
  output::Table cal = pacts_calibration_table(b);
  cal.title = "Calibration on the test years " + period(o.split + 1, o.to) + ", deciles of each forecast";
  cal.decimals = {-1, -1, -1, -1, 5, 5, 5, 5};
  d.text = {scores, coef, cal};
  d.tidy = pacts_scores_table(b);
  nlohmann::ordered_json j;
  j["from"] = o.from;
  j["to"] = o.to;
  j["split"] = o.split;
  j["model"] = b.model_spec;
  j["duration"] = kDurationTerms.name(o.duration);
  j["dyads"] = b.panel.dyads.size();
  j["dyads_left_out"] = left_out;
  j["spells"] = b.panel.spells.size();
  j["dyad_years"] = b.panel.years.size();
  j["scored_dyad_years"] = b.scored.size();
  j["base_rate"] = b.base_rate;
  j["scores"] = nlohmann::ordered_json::parse(output::render_json(pacts_scores_table(b)));
  j["coefficients"] = nlohmann::ordered_json::parse(output::render_json(coef));
  j["calibration"] = nlohmann::ordered_json::parse(output::render_json(cal));
  d.json = j;
  return d;
}

}  // namespace entente::evidence
