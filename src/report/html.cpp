#include "report/html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "report/charts.h"
#include "report/kit.h"
#include "report/svg.h"

namespace entente::report {

namespace {

using analysis::ReportData;
using analysis::TimelineFacts;

// ------------------------------------------------------------------------------ forecasts

std::string issue_table(const std::vector<Issue>& issues) {
  HtmlTable t{{"issue", "scale", "low pole", "high pole", "description"}, {false, true}, {}};
  for (const auto& i : issues)
    t.rows.push_back({escape(i.name), decimal(i.scale_min, 0) + "–" + decimal(i.scale_max, 0), escape(i.low_pole),
                      escape(i.high_pole), escape(i.description)});
  return table(t);
}

std::string forecast_scenario(const analysis::ForecastFacts& s) {
  HtmlTable actors{{"actor", "capability", "description"}, {false, true}, {}};
  for (const auto& a : s.actors) actors.rows.push_back({escape(a.name), decimal(a.capability, 4), escape(a.description)});
  HtmlTable stances{{"actor"}, {false}, {}};
  for (const auto& i : s.issues) stances.head.push_back(escape(i.name)), stances.numeric.push_back(true);
  const std::size_t issues = s.issues.size();
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    std::vector<std::string> row{escape(s.actors[a].name)};
    for (std::size_t k = 0; k < issues; ++k) {
      const Stance& st = s.stances[a * issues + k];
      row.push_back(fmt::format("{} ({} %)", decimal(st.position, 1), decimal(100 * st.salience, 0)));
    }
    stances.rows.push_back(std::move(row));
  }
  return "<h3>Actors</h3>\n" + table(actors) + "<h3>Issues</h3>\n" + issue_table(s.issues) +
         "<h3>Stances at the start</h3>\n<p class=\"note\">Position on the issue's scale (salience: share of the "
         "actor's attention).</p>\n" +
         table(stances);
}

std::string forecast_body(const analysis::ForecastFacts& s, const Forecast& f) {
  HtmlTable summary{{"issue", "forecast", "scale", "turns"}, {false, true, false, true}, {}};
  for (std::size_t k = 0; k < s.issues.size(); ++k)
    summary.rows.push_back({escape(s.issues[k].name), decimal(f.outcome[k], 1),
                            escape(fmt::format("{} {} … {} {}", decimal(s.issues[k].scale_min, 0), s.issues[k].low_pole,
                                               decimal(s.issues[k].scale_max, 0), s.issues[k].high_pole)),
                            std::to_string(f.turns())});
  std::string charts;
  for (std::size_t k = 0; k < s.issues.size(); ++k) charts += issue_chart(s, f, k);
  return table(summary) + charts;
}

// A one-year scenario's sweep: each issue's forecast across the draws.
std::string forecast_sweep_body(const sim::SweepResult& sweep) {
  HtmlTable rows{{"forecast of", "median", "5–95 %", "mean"}, {false, true, true, true}, {}};
  for (const auto& c : sweep.cells)
    rows.rows.push_back({code(c.series), decimal(c.q50, 1), decimal(c.q05, 1) + "–" + decimal(c.q95, 1),
                         decimal(c.mean, 1)});
  return fmt::format("<p>The forecast of each issue across {} draws of the scenario's uncertain inputs (runs {}–{}, "
                     "seed {}).</p>\n",
                     sweep.runs, sweep.first, sweep.first + sweep.runs - (sweep.runs ? 1 : 0), sweep.seed) +
         table(rows);
}

// ---------------------------------------------------------------------------- time runs

std::string timeline_actors(const TimelineFacts& f) {
  HtmlTable actors{{"actor", fmt::format("capability {}", f.start_year), fmt::format("capability {}", f.end_year),
                    "democracy (0–1)", "factions", "description"},
                   {false, true, true, true},
                   {}};
  for (const auto& a : f.actors) {
    std::vector<std::string> factions;
    for (std::size_t x = 0; x < a.factions.size(); ++x)
      factions.push_back(escape(a.factions[x]) +
                         (a.faction_in_office == static_cast<int>(x) ? " (in office at the start)" : ""));
    actors.rows.push_back({escape(a.name), decimal(a.capability_first, 4), decimal(a.capability_last, 4),
                           a.has_democracy
                               ? fmt::format("{} → {}", decimal(a.democracy_first, 2), decimal(a.democracy_last, 2))
                               : "—",
                           joined(factions, ", "), escape(a.description)});
  }
  return "<h3>Actors</h3>\n<p class=\"note\">Capability: the share of world power (COW CINC where the scenario reads "
         "it) in the first and last year.</p>\n" +
         table(actors);
}

std::string timeline_issues(const TimelineFacts& f) {
  HtmlTable issues{{"issue", "role", "owner", "0 =", "100 =", "patron's lead λ"},
                   {false, false, false, false, false, true},
                   {}};
  for (const auto& i : f.issues)
    issues.rows.push_back({escape(i.name), escape(i.role), i.owner.empty() ? "—" : escape(i.owner), escape(i.low_pole),
                           escape(i.high_pole), decimal(i.leadership, 2)});
  return "<h3>Issues</h3>\n" + table(issues);
}

std::string timeline_policies(const TimelineFacts& f) {
  if (f.policies.empty()) return "";
  HtmlTable policies{{"policy", "what it changes"}, {}, {}};
  for (const auto& p : f.policies) policies.rows.push_back({code(p.name), escape(p.description)});
  return "<h3>Policies</h3>\n" + table(policies);
}

std::string alliance_line(const TimelineFacts& f) {
  std::vector<std::string> backers;
  for (const auto& b : f.backers) backers.push_back(fmt::format("{} (weight {})", escape(b.name), decimal(b.weight, 2)));
  return fmt::format("<p>Patron <strong>{}</strong>, client <strong>{}</strong>, adversary <strong>{}</strong>{}.</p>\n",
                     escape(f.patron), escape(f.client), escape(f.adversary),
                     backers.empty() ? "" : ", backed by " + joined(backers, ", "));
}

std::string event_list(const TimelineFacts& f) {
  HtmlTable events{{"date", "event", "cause tags"}, {}, {}};
  for (const auto& e : f.events) events.rows.push_back({escape(e.date), escape(e.name), escape(joined(e.tags, ", "))});
  return fmt::format("<h3>The {} dated events</h3>\n<p class=\"note\">Each with its source in the scenario file.</p>\n",
                     f.events.size()) +
         table(events);
}

// ---------------------------------------------------------------------------- attribution

std::string attribution_table(const analysis::Attribution& a, const std::vector<analysis::CauseGroup>& groups) {
  auto shapley = a.shapley;
  std::stable_sort(shapley.begin(), shapley.end(),
                   [](const auto& x, const auto& y) { return std::abs(x.second) > std::abs(y.second); });
  HtmlTable rows{{"cause group", "event tags", "Shapley value", "share of the change"}, {false, false, true, true}, {}};
  for (const auto& [group, value] : shapley) {
    const auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.name == group; });
    const std::string tags = group == "ascendancy" ? "capabilities after " + std::to_string(a.from)
                             : g == groups.end()   ? ""
                                                   : joined(g->tags, ", ");
    rows.rows.push_back({escape(group), escape(tags), decimal(value, 4),
                         a.total_change != 0 ? decimal(100 * value / a.total_change, 1) + " %" : "—"});
  }
  std::string interactions;
  for (std::size_t i = 0; i < a.interactions.size() && i < 3; ++i)
    interactions += fmt::format("{}{} × {} ({})", i ? ", " : "", escape(a.interactions[i].a), escape(a.interactions[i].b),
                                decimal(a.interactions[i].value, 4));
  return table(rows) +
         (interactions.empty() ? "" : "<p class=\"note\">Largest interactions (Shapley interaction index): " + interactions + ".</p>\n");
}

std::string attribution_body(const ReportData& d) {
  std::string out;
  for (std::size_t i = 0; i < d.attributions.size(); ++i)
    out += attribution_chart(d.attributions[i], i == 0 ? "attribution" : "attribution-" + d.attributions[i].series) +
           attribution_table(d.attributions[i], d.groups);
  return out;
}

// -------------------------------------------------------------------------------- policies

std::string policy_table(const sim::SweepResult& sweep) {
  HtmlTable rows{{"policy", fmt::format("strain {}: median", sweep.to_year), "5–95 %", "mean",
                  fmt::format("retreat into history by {}", sweep.to_year)},
                 {false, true, true, true, true},
                 {}};
  for (const auto& x : sweep.retreats) {
    const auto cells = sweep.cells_of(x.policy, "strain");
    if (cells.empty()) continue;
    const sim::SweepCell& last = cells.back();
    rows.rows.push_back({code(x.policy), decimal(last.q50, 3), decimal(last.q05, 3) + "–" + decimal(last.q95, 3),
                         decimal(last.mean, 3), decimal(100 * x.probability, 0) + " % of runs"});
  }
  return table(rows);
}

std::string policy_sweep_body(const TimelineFacts& f, const sim::SweepResult& sweep, int from) {
  const std::string note = f.uncertain_inputs == 0
                               ? "The scenario declares no uncertain inputs: every run is the same and the bands "
                                 "are lines."
                               : fmt::format("Each run draws the scenario's {} uncertain inputs; every policy sees "
                                             "the same draws.",
                                             f.uncertain_inputs);
  const std::string projection =
      sweep.to_year > f.end_year ? fmt::format(" Years past {} are a projection in which every data series holds its "
                                               "last value.",
                                               f.end_year)
                                 : "";
  return fmt::format("<p>Strain under each policy, {}–{}: the median (line) and the 5–95 % band of {} runs, against "
                     "the baseline (grey band, dashed line).{}</p>\n",
                     from, sweep.to_year, sweep.runs, projection) +
         policy_panels(f, sweep, "strain", from) + "<p class=\"note\">" + escape(note) +
         " Quantiles and means as <code>entente sweep</code> computes them.</p>\n" + policy_table(sweep);
}

std::string policy_runs_body(const ReportData& d) {
  std::string out;
  for (const auto& series : d.compared_series) out += policy_run_chart(*d.timeline, d.policy_runs, series);
  HtmlTable rows{{"policy", "retreat into history"}, {false, true}, {}};
  for (const auto& p : d.policy_runs)
    rows.rows.push_back({code(p.policy), p.run.retreat_year ? std::to_string(*p.run.retreat_year) : "never"});
  return out + table(rows);
}

// -------------------------------------------------------------------------------- claims

std::string claims_body(const std::vector<analysis::ClaimResult>& claims, std::uint64_t runs) {
  if (claims.empty()) return "<p>The scenario states no claims.</p>\n";
  HtmlTable rows{{"claim", "statement", "baseline", fmt::format("share of {} runs", runs), "test and values"},
                 {false, false, false, true},
                 {}};
  for (const auto& c : claims) {
    std::vector<std::string> terms;
    for (const auto& [name, value] : c.baseline_terms) terms.push_back(name + " = " + decimal(value, 4));
    rows.rows.push_back({code(c.id), escape(c.text),
                         c.holds_baseline ? "<span class=\"holds\">✓ holds</span>" : "<span class=\"fails\">✗ fails</span>",
                         runs ? decimal(100 * c.share_of_runs(), 0) + " %" : "—",
                         code(c.holds) + "<br/>" + escape(joined(terms, ", "))});
  }
  return "<p class=\"note\">Each claim is stated in the scenario as data: named terms and a test over them. "
         "\"Share of runs\": how often it holds across draws of the uncertain inputs.</p>\n" +
         table(rows);
}

// ---------------------------------------------------------------------- assembling a page

using Sections = std::vector<std::pair<std::string, std::string>>;

std::string forecast_page(const ReportData& d, const Evidence& e) {
  const analysis::ForecastFacts& s = *d.forecast_facts;
  const bool swept = d.sweep && d.sweep->kind == sim::SweepKind::Forecast;
  std::string body = header("Forecast: " + s.name, s.description,
                            {{"file", code(d.source)},
                             {"model", code(d.model_spec)},
                             {"seed", std::to_string(d.seed)},
                             {"size", fmt::format("{} actors, {} issues", s.actors.size(), s.issues.size())},
                             {"made by", "entente " + escape(d.entente_version)}});
  Sections nav{{"scenario", "Scenario"}};
  if (d.forecast) nav.push_back({"forecast", "Forecast"});
  if (swept) nav.push_back({"sweep", "Across draws of the inputs"});
  if (!e.empty()) nav.push_back({"evidence", "Evidence"});
  if (!d.commands.empty()) nav.push_back({"reproduce", "Reproduce"});
  body += navigation(nav);
  body += section("scenario", "Scenario", forecast_scenario(s));
  if (d.forecast) body += section("forecast", "Forecast", forecast_body(s, *d.forecast));
  if (swept) body += section("sweep", "Across draws of the inputs", forecast_sweep_body(*d.sweep));
  if (!e.empty()) body += section("evidence", "Evidence: the alliance model on real cases", evidence_body(e));
  if (!d.commands.empty()) body += section("reproduce", "Reproduce", reproduce(d.commands));
  return page("Entente report: " + s.name, body);
}

std::string timeline_page(const ReportData& d, const Evidence& e) {
  const TimelineFacts& f = *d.timeline;
  const bool swept = d.sweep && d.sweep->kind == sim::SweepKind::Timeline;
  const std::vector<std::pair<std::string, std::string>> facts{
      {"file", code(d.source)},
      {"span", fmt::format("{}–{}, projections to {}", f.start_year, f.end_year, f.horizon_year)},
      {"model", code(d.model_spec) + " each year, then the alliance model"},
      {"seed", std::to_string(d.seed)},
      {"size", fmt::format("{} actors, {} factions, {} issues, {} dated events, {} policies, {} claims",
                           f.actors.size(), f.factions, f.issues.size(), f.events.size(), f.policies.size(), f.claims)},
      {"made by", "entente " + escape(d.entente_version)}};
  std::string body = header("Alliance report: " + f.name, f.description, facts);
  Sections nav{{"scenario", "Scenario"}};
  if (d.baseline)
    nav.insert(nav.end(), {{"strain", "Strain over time"},
                           {"members", "Gains, losses and publics"},
                           {"alignment", "Divergence and the adversary"}});
  if (!d.attributions.empty()) nav.push_back({"attribution", "What moved strain"});
  if (swept || !d.policy_runs.empty()) nav.push_back({"policies", "Policies compared"});
  if (d.claims) nav.push_back({"claims", "Claims"});
  if (!e.empty()) nav.push_back({"evidence", "Evidence"});
  if (!d.commands.empty()) nav.push_back({"reproduce", "Reproduce"});
  body += navigation(nav);
  body += section("scenario", "Scenario", alliance_line(f) + timeline_actors(f) + timeline_issues(f) + timeline_policies(f));
  if (d.baseline) {
    const sim::Run& run = *d.baseline;
    body += section("strain", "Strain over time", strain_chart(f, run) + event_list(f));
    body += section("members", "Gains, losses and publics",
                    member_chart(f, run, 0) + member_chart(f, run, 1) + public_chart(f, run));
    body += section("alignment", "Divergence and the adversary", divergence_chart(run) + disarmament_chart(f, run));
  }
  if (!d.attributions.empty()) body += section("attribution", "What moved strain", attribution_body(d));
  if (swept || !d.policy_runs.empty())
    body += section("policies", "Policies compared",
                    (swept ? policy_sweep_body(f, *d.sweep, d.bands_from) : "") +
                        (d.policy_runs.empty() ? "" : policy_runs_body(d)));
  if (d.claims) body += section("claims", "Claims", claims_body(*d.claims, d.claim_runs));
  if (!e.empty()) body += section("evidence", "Evidence: the alliance model on real cases", evidence_body(e));
  if (!d.commands.empty()) body += section("reproduce", "Reproduce", reproduce(d.commands));
  return page("Entente report: " + f.name, body);
}

}  // namespace

std::string render(const ReportData& data, const Evidence& evidence) {
  if (data.timeline) return timeline_page(data, evidence);
  if (data.forecast_facts) return forecast_page(data, evidence);
  throw std::invalid_argument("a report needs the facts of a one-year or a time-stepped scenario");
}

}  // namespace entente::report
