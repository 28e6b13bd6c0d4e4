#include "report/html.h"

#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "analysis/attribution.h"
#include "analysis/claims.h"
#include "bargaining/model.h"
#include "core/error.h"
#include "io/files.h"
#include "io/text.h"
#include "report/svg.h"
#include "sim/simulation.h"
#include "sim/sweep.h"

namespace entente::report {

namespace {

namespace fs = std::filesystem;

// ------------------------------------------------------------------------ page and blocks

// The stylesheet. No '<' or '&' in it, so the page stays well-formed XML.
constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; font-size: 1rem;
       line-height: 1.5; color: #1a1a1a; background: #ffffff; max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.6rem 0 0.3rem; }
h2 { font-size: 1.35rem; margin: 2.4rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #dddddd; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 0.4rem; }
p { margin: 0.5rem 0; }
.meta, figcaption, .note { color: #444444; }
figcaption, .note { font-size: 0.9rem; }
nav ul { padding-left: 1.2rem; margin: 0.4rem 0; columns: 2 14rem; }
figure { margin: 1.2rem 0 1.6rem; break-inside: avoid; page-break-inside: avoid; }
svg.chart { display: block; width: 100%; height: auto; max-width: 36rem; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(21rem, 1fr)); gap: 0 1.5rem; }
.panels figure { margin: 0.6rem 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.92rem; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.holds { color: #00683a; font-weight: 600; }
.fails { color: #a1260d; font-weight: 600; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 0.86em; }
code { background: #f2f2f2; padding: 0 0.2em; }
td code, td:first-child { white-space: nowrap; }
pre { overflow-x: auto; background: #f6f6f6; padding: 0.6rem 0.8rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
@media (max-width: 40rem) {
  body { padding: 0.6rem 0.75rem 2rem; }
  h1 { font-size: 1.45rem; }
  table { font-size: 0.84rem; }
  th, td { padding: 0.25rem 0.35rem; }
  dl { grid-template-columns: 1fr; }
  dd { margin-bottom: 0.3rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, tr { break-inside: avoid; page-break-inside: avoid; }
  svg.chart { max-width: 36rem; }
  pre { white-space: pre-wrap; }
  .table-wrap { overflow: visible; }
}
)";

std::string page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>" +
         escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
}

// Cells are HTML: callers escape text.
struct Table {
  std::vector<std::string> head;
  std::vector<bool> numeric;  // per column: right-aligned figures
  std::vector<std::vector<std::string>> rows;
};

std::string table(const Table& t) {
  auto cls = [&](std::size_t c) { return c < t.numeric.size() && t.numeric[c] ? " class=\"num\"" : ""; };
  std::string out = "<div class=\"table-wrap\"><table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.head.size(); ++c) out += fmt::format("<th{}>{}</th>", cls(c), t.head[c]);
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) out += fmt::format("<td{}>{}</td>", cls(c), row[c]);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string figure(const std::string& svg, const std::string& caption) {
  return "<figure>\n" + svg + "<figcaption>" + caption + "</figcaption>\n</figure>\n";
}

std::string section(const std::string& id, const std::string& heading, const std::string& body) {
  return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", id, escape(heading), body);
}

std::string navigation(const std::vector<std::pair<std::string, std::string>>& sections) {
  std::string out = "<nav><ul>\n";
  for (const auto& [id, name] : sections) out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", id, escape(name));
  return out + "</ul></nav>\n";
}

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string header(const std::string& heading, const std::string& description,
                   const std::vector<std::pair<std::string, std::string>>& facts) {
  std::string out = "<header>\n<h1>" + escape(heading) + "</h1>\n";
  if (!description.empty()) out += "<p>" + escape(description) + "</p>\n";
  out += "<dl>\n";
  for (const auto& [term, value] : facts) out += "<dt>" + escape(term) + "</dt><dd>" + value + "</dd>\n";
  return out + "</dl>\n</header>\n";
}

std::string code(const std::string& text) { return "<code>" + escape(text) + "</code>"; }

// A shell word: quoted when it holds anything a shell would read specially.
std::string shell_word(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=,:+") ==
                           std::string::npos)
    return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// ------------------------------------------------------------------------------ forecasts

std::string issue_table(const Scenario& s) {
  Table t{{"issue", "scale", "low pole", "high pole", "description"}, {false, true}, {}};
  for (const auto& i : s.issues)
    t.rows.push_back({escape(i.name), decimal(i.scale_min, 0) + "–" + decimal(i.scale_max, 0), escape(i.low_pole),
                      escape(i.high_pole), escape(i.description)});
  return table(t);
}

std::string forecast_scenario(const ForecastRecord& r) {
  const Scenario& s = r.scenario;
  Table actors{{"actor", "capability", "description"}, {false, true}, {}};
  for (const auto& a : s.actors) actors.rows.push_back({escape(a.name), decimal(a.capability, 4), escape(a.description)});
  Table stances{{"actor"}, {false}, {}};
  for (const auto& i : s.issues) stances.head.push_back(escape(i.name)), stances.numeric.push_back(true);
  for (std::size_t a = 0; a < s.num_actors(); ++a) {
    std::vector<std::string> row{escape(s.actors[a].name)};
    for (std::size_t k = 0; k < s.num_issues(); ++k)
      row.push_back(fmt::format("{} ({} %)", decimal(s.stance(a, k).position, 1), decimal(100 * s.stance(a, k).salience, 0)));
    stances.rows.push_back(std::move(row));
  }
  return "<h3>Actors</h3>\n" + table(actors) + "<h3>Issues</h3>\n" + issue_table(s) +
         "<h3>Stances at the start</h3>\n<p class=\"note\">Position on the issue's scale (salience: share of the "
         "actor's attention).</p>\n" +
         table(stances);
}

// Colours for the actors on a chart: the strongest keep a colour and a legend entry, the
// rest share a grey, so an 80-actor study still gives a readable legend.
std::vector<int> actor_colours(const Scenario& s) {
  constexpr std::size_t kNamed = 8;
  std::vector<std::size_t> order(s.num_actors());
  for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return s.actors[x].capability > s.actors[y].capability; });
  std::vector<int> colour(s.num_actors(), -1);
  for (std::size_t i = 0; i < order.size() && (order.size() <= kNamed + 1 || i < kNamed); ++i)
    colour[order[i]] = static_cast<int>(i);
  return colour;
}

std::string issue_chart(const ForecastRecord& r, std::size_t k) {
  const Scenario& s = r.scenario;
  const Issue& issue = s.issues[k];
  const auto colour = actor_colours(s);
  LineChart c;
  c.id = "positions-" + std::to_string(k);
  c.title = fmt::format("{}: positions over turns ({} = {}, {} = {})", issue.name, decimal(issue.scale_min, 0),
                        issue.low_pole.empty() ? "low" : issue.low_pole, decimal(issue.scale_max, 0),
                        issue.high_pole.empty() ? "high" : issue.high_pole);
  c.x = {"turn (0 = the input)", std::nullopt, std::nullopt, true};
  c.y = {"position (scale points)", issue.scale_min, issue.scale_max, false};
  const auto& h = r.forecast.history;
  std::size_t others = 0;
  for (std::size_t a = 0; a < s.num_actors(); ++a) {
    Line line{s.actors[a].name, {}, {}, colour[a] >= 0 ? palette(static_cast<std::size_t>(colour[a])) : "#b0b0b0"};
    line.width = colour[a] >= 0 ? 2.5 : 1.2;
    line.in_legend = colour[a] >= 0;
    others += colour[a] < 0;
    for (std::size_t turn = 0; turn < h.size(); ++turn) {
      line.x.push_back(static_cast<double>(turn));
      line.y.push_back(h[turn][a * s.num_issues() + k]);
    }
    c.lines.push_back(std::move(line));
  }
  if (others) c.lines.push_back(Line{fmt::format("{} other actors", others), {}, {}, "#b0b0b0", false, 1.2, true});
  const double outcome = r.forecast.outcome[k];
  const double last = static_cast<double>(h.empty() ? 0 : h.size() - 1);
  c.points.push_back({last, outcome, "forecast " + decimal(outcome, 1), "#000000"});
  c.rules.push_back({outcome, "forecast level", "#000000"});
  return figure(line_chart(c), fmt::format("Each line is one actor's position after each turn of the model; the "
                                           "black dot is the forecast ({}).",
                                           decimal(outcome, 1)));
}

std::string forecast_body(const ForecastRecord& r) {
  const Scenario& s = r.scenario;
  Table summary{{"issue", "forecast", "scale", "turns"}, {false, true, false, true}, {}};
  for (std::size_t k = 0; k < s.num_issues(); ++k)
    summary.rows.push_back({escape(s.issues[k].name), decimal(r.forecast.outcome[k], 1),
                            escape(fmt::format("{} {} … {} {}", decimal(s.issues[k].scale_min, 0), s.issues[k].low_pole,
                                               decimal(s.issues[k].scale_max, 0), s.issues[k].high_pole)),
                            std::to_string(r.forecast.turns())});
  std::string charts;
  for (std::size_t k = 0; k < s.num_issues(); ++k) charts += issue_chart(r, k);
  return section("forecast", "Forecast", table(summary) + charts);
}

// ---------------------------------------------------------------------------- time runs

std::string actor_name(const sim::TimeScenario& t, std::size_t a) { return t.scenario.actors[a].name; }

const char* role_name(alliance::IssueRole role) {
  switch (role) {
    case alliance::IssueRole::Goal: return "goal";
    case alliance::IssueRole::Strategy: return "strategy";
    case alliance::IssueRole::Posture: return "posture";
    default: return "other";
  }
}

bool any_nonzero(const std::vector<double>& values) {
  return std::any_of(values.begin(), values.end(), [](double v) { return std::abs(v) > 1e-12; });
}

std::string timeline_actors(const sim::TimeScenario& t) {
  const auto last = static_cast<std::size_t>(t.num_years() - 1);
  Table actors{{"actor", fmt::format("capability {}", t.start_year), fmt::format("capability {}", t.end_year),
                "democracy (0–1)", "factions", "description"},
               {false, true, true, true},
               {}};
  for (std::size_t a = 0; a < t.scenario.num_actors(); ++a) {
    std::vector<std::string> factions;
    for (std::size_t f = 0; f < t.factions.size(); ++f)
      if (t.factions[f].state == a)
        factions.push_back(escape(t.factions[f].name) +
                           (t.in_office[a] == static_cast<int>(f) ? " (in office at the start)" : ""));
    actors.rows.push_back({escape(actor_name(t, a)), decimal(t.capability[a].front(), 4), decimal(t.capability[a][last], 4),
                           any_nonzero(t.democracy[a]) ? fmt::format("{} → {}", decimal(t.democracy[a].front(), 2),
                                                                     decimal(t.democracy[a][last], 2))
                                                       : "—",
                           joined(factions, ", "), escape(t.scenario.actors[a].description)});
  }
  return "<h3>Actors</h3>\n<p class=\"note\">Capability: the share of world power (COW CINC where the scenario reads "
         "it) in the first and last year.</p>\n" +
         table(actors);
}

std::string timeline_issues(const sim::TimeScenario& t) {
  Table issues{{"issue", "role", "owner", "0 =", "100 =", "patron's lead λ"}, {false, false, false, false, false, true}, {}};
  for (std::size_t k = 0; k < t.scenario.num_issues(); ++k) {
    const auto& setup = t.setup.issues[k];
    const Issue& i = t.scenario.issues[k];
    issues.rows.push_back({escape(i.name), role_name(setup.role),
                           setup.owner >= 0 ? escape(actor_name(t, static_cast<std::size_t>(setup.owner))) : "—",
                           escape(i.low_pole), escape(i.high_pole), decimal(t.leadership[k], 2)});
  }
  return "<h3>Issues</h3>\n" + table(issues);
}

std::string timeline_policies(const sim::TimeScenario& t) {
  if (t.policies.empty()) return "";
  Table policies{{"policy", "what it changes"}, {}, {}};
  for (const auto& p : t.policies) policies.rows.push_back({code(p.name), escape(p.description)});
  return "<h3>Policies</h3>\n" + table(policies);
}

std::string alliance_line(const sim::TimeScenario& t) {
  std::vector<std::string> backers;
  for (std::size_t b = 0; b < t.setup.backers.size(); ++b)
    backers.push_back(fmt::format("{} (weight {})", escape(actor_name(t, t.setup.backers[b])),
                                  decimal(t.backer_weight[b], 2)));
  return fmt::format("<p>Patron <strong>{}</strong>, client <strong>{}</strong>, adversary <strong>{}</strong>{}.</p>\n",
                     escape(actor_name(t, t.setup.patron)), escape(actor_name(t, t.setup.client)),
                     escape(actor_name(t, t.setup.adversary)),
                     backers.empty() ? "" : ", backed by " + joined(backers, ", "));
}

// The names of a year's events with their cause tags, for a tick's hover text.
std::string events_of_year(const sim::TimeScenario& t, int year, const std::vector<std::string>& names) {
  std::vector<std::string> items;
  for (const auto& name : names) {
    const auto ev = std::find_if(t.events.begin(), t.events.end(), [&](const sim::Event& e) { return e.name == name; });
    items.push_back(ev == t.events.end() || ev->tags.empty() ? name : name + " (" + joined(ev->tags, ", ") + ")");
  }
  return std::to_string(year) + ": " + joined(items, "; ");
}

std::vector<double> years_of(const sim::Run& run) { return {run.years.begin(), run.years.end()}; }

Axis year_axis() { return Axis{"year", std::nullopt, std::nullopt, true}; }

Line series_line(const sim::Run& run, const std::string& series, const std::string& name, const std::string& colour,
                 bool dashed = false) {
  return Line{name, years_of(run), run.at(series), colour, dashed};
}

std::string strain_chart(const sim::TimeScenario& t, const sim::Run& run) {
  const std::string patron = actor_name(t, t.setup.patron), client = actor_name(t, t.setup.client);
  LineChart c;
  c.id = "strain";
  c.title = fmt::format("Alliance strain, {}–{}, with the dated events", run.years.front(), run.years.back());
  c.x = year_axis();
  c.y = {"strain σ (0–1)", 0.0, 1.0, false};
  // The alliance's strain is always one member's: a wide grey band under the members' lines.
  c.lines.push_back(series_line(run, "strain", "alliance strain σ (the larger)", "#c4c4c4"));
  c.lines.back().width = 9;
  c.lines.push_back(series_line(run, "strain." + patron, "strain of " + patron, palette(0)));
  c.lines.push_back(series_line(run, "strain." + client, "strain of " + client, palette(1)));
  c.rules.push_back({t.params.strain_threshold, "threshold " + decimal(t.params.strain_threshold, 2), "#a1260d"});
  for (const auto& [year, names] : run.events) c.ticks.push_back({static_cast<double>(year), events_of_year(t, year, names)});
  if (run.retreat_year)
    c.points.push_back({static_cast<double>(*run.retreat_year), run.value("strain", *run.retreat_year),
                        fmt::format("retreat into history ({})", *run.retreat_year), "#a1260d"});
  const std::string caption = fmt::format(
      "Strain σ<sub>X</sub> = L<sub>X</sub>/(L<sub>X</sub> + G<sub>X</sub>) of each member and the alliance's (the "
      "larger). A tick on the year axis marks a year with dated events (names on hover and in the list below). {}",
      run.retreat_year ? fmt::format("The alliance retreats into history in {} (strain at or over {} for {} years "
                                     "running).",
                                     *run.retreat_year, decimal(t.params.strain_threshold, 2), t.params.retreat_years)
                       : std::string("The alliance does not retreat into history in this run."));
  return figure(line_chart(c), caption);
}

std::string event_list(const sim::TimeScenario& t) {
  Table events{{"date", "event", "cause tags"}, {}, {}};
  for (const auto& e : t.events) events.rows.push_back({escape(e.date), escape(e.name), escape(joined(e.tags, ", "))});
  return fmt::format("<h3>The {} dated events</h3>\n<p class=\"note\">Each with its source in the scenario file.</p>\n",
                     t.events.size()) +
         table(events);
}

std::string member_chart(const sim::TimeScenario& t, const sim::Run& run, std::size_t member) {
  const std::string m = actor_name(t, member == 0 ? t.setup.patron : t.setup.client);
  LineChart c;
  c.id = "value-" + m;
  c.title = fmt::format("What the alliance is worth to {} ({})", m, member == 0 ? "patron" : "client");
  c.x = year_axis();
  c.y = {"value (1 = full autonomy)", std::nullopt, std::nullopt, false};
  c.lines.push_back(series_line(run, "security_gain." + m, "security gain", palette(2)));
  c.lines.push_back(series_line(run, "autonomy_cost." + m, "autonomy cost", palette(1)));
  for (const auto& [series, name, colour] : {std::tuple{"autonomy_gain.", "autonomy gain", palette(5)},
                                             std::tuple{"contribution.", "contributions received", palette(4)},
                                             std::tuple{"domestic.", "domestic term", palette(3)}})
    if (any_nonzero(run.at(series + m))) c.lines.push_back(series_line(run, series + m, name, colour, true));
  c.lines.push_back(series_line(run, "net_value." + m, "net value (gains − losses)", "#000000"));
  c.lines.back().width = 3.5;
  c.rules.push_back({0, "net value 0 (losses = gains)", "#a1260d"});
  return figure(line_chart(c), fmt::format("Gains G = security + autonomy gained + contributions + a rise of public "
                                           "support; losses L = autonomy ceded + a fall of support. Net value "
                                           "G − L below 0 puts {}'s strain over ½.",
                                           escape(m)));
}

std::string public_chart(const sim::TimeScenario& t, const sim::Run& run) {
  LineChart c;
  c.id = "publics";
  c.title = "Public support for the alliance";
  c.x = year_axis();
  c.y = {"support (share, 0–1)", 0.0, 1.0, false};
  for (std::size_t member = 0; member < 2; ++member) {
    const std::string m = actor_name(t, member == 0 ? t.setup.patron : t.setup.client);
    c.lines.push_back(series_line(run, "public_support." + m, m, palette(member)));
    c.rules.push_back({t.public_anchor[member], fmt::format("{} at entry ({})", m, decimal(t.public_anchor[member], 2)),
                       palette(member)});
  }
  return figure(line_chart(c), "Support moves toward a target set by changes of security gain and autonomy cost "
                               "since entry; incidents add outcries that halve every year.");
}

std::string divergence_chart(const sim::Run& run) {
  LineChart c;
  c.id = "divergence";
  c.title = "The partners' divergence on goals and on strategies";
  c.x = year_axis();
  c.y = {"divergence (share of the 0–100 scale)", 0.0, std::nullopt, false};
  c.lines.push_back(series_line(run, "divergence.goals", "goals", palette(0)));
  c.lines.push_back(series_line(run, "divergence.strategies", "strategies", palette(1)));
  return figure(line_chart(c), "Salience-weighted distance between the patron's and the client's positions on the "
                               "issues of each role.");
}

std::string disarmament_chart(const sim::TimeScenario& t, const sim::Run& run) {
  const std::string name = "disarmament." + actor_name(t, t.setup.adversary);
  if (!run.series.count(name)) return "";
  LineChart c;
  c.id = "disarmament";
  c.title = fmt::format("Probability that {} gives up its programme", actor_name(t, t.setup.adversary));
  c.x = year_axis();
  c.y = {"probability per year (0–1)", 0.0, 1.0, false};
  c.lines.push_back(series_line(run, name, "disarmament probability", palette(2)));
  return figure(line_chart(c), "The adversary's dilemma: disarm for the engagement the allies' joint strategy "
                               "offers, or keep the arsenal its exposure makes valuable.");
}

std::string time_body(const sim::TimeScenario& t, const sim::Run& run) {
  std::string out = strain_chart(t, run) + event_list(t);
  out = section("strain", "Strain over time", out);
  const std::string members = member_chart(t, run, 0) + member_chart(t, run, 1) + public_chart(t, run);
  out += section("members", "Gains, losses and publics", members);
  out += section("alignment", "Divergence and the adversary", divergence_chart(run) + disarmament_chart(t, run));
  return out;
}

// --------------------------------------------------------------------------- attribution

// At most 12 groups can be attributed exactly: beyond that the groups with the fewest events
// in the window are gathered into one.
std::vector<analysis::CauseGroup> report_groups(const sim::TimeScenario& t, int from, int to) {
  auto groups = analysis::default_groups(t, from);
  constexpr std::size_t kMax = 12;
  if (groups.size() <= kMax) return groups;
  auto events_of = [&](const analysis::CauseGroup& g) {
    return std::count_if(t.events.begin(), t.events.end(), [&](const sim::Event& e) {
      return e.year > from && e.year <= to &&
             std::any_of(e.tags.begin(), e.tags.end(),
                         [&](const std::string& tag) { return std::find(g.tags.begin(), g.tags.end(), tag) != g.tags.end(); });
    });
  };
  std::stable_sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
    return (a.name == "ascendancy") > (b.name == "ascendancy") || ((a.name == "ascendancy") == (b.name == "ascendancy") && events_of(a) > events_of(b));
  });
  analysis::CauseGroup other{"other", {}};
  for (std::size_t g = kMax - 1; g < groups.size(); ++g) other.tags.insert(other.tags.end(), groups[g].tags.begin(), groups[g].tags.end());
  groups.resize(kMax - 1);
  groups.push_back(std::move(other));
  return groups;
}

std::string attribution_body(const analysis::Attribution& a, const std::vector<analysis::CauseGroup>& groups) {
  auto shapley = a.shapley;
  std::stable_sort(shapley.begin(), shapley.end(),
                   [](const auto& x, const auto& y) { return std::abs(x.second) > std::abs(y.second); });
  Waterfall w{"attribution", fmt::format("What moved alliance strain from {} to {} (Shapley values)", a.from, a.to),
              "alliance strain σ (0–1)", {}};
  w.steps.push_back({fmt::format("strain in {}", a.from), a.start_value, true});
  w.steps.push_back({"drift (no cause)", a.drift, false});
  for (const auto& [group, value] : shapley) w.steps.push_back({group, value, false});
  w.steps.push_back({fmt::format("strain in {}", a.to), a.v_all, true});

  Table rows{{"cause group", "event tags", "Shapley value", "share of the change"}, {false, false, true, true}, {}};
  for (const auto& [group, value] : shapley) {
    const auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.name == group; });
    const std::string tags = group == "ascendancy" ? "capabilities after " + std::to_string(a.from)
                                                   : g == groups.end() ? "" : joined(g->tags, ", ");
    rows.rows.push_back({escape(group), escape(tags), decimal(value, 4),
                         a.total_change != 0 ? decimal(100 * value / a.total_change, 1) + " %" : "—"});
  }
  std::string interactions;
  for (std::size_t i = 0; i < a.interactions.size() && i < 3; ++i)
    interactions += fmt::format("{}{} × {} ({})", i ? ", " : "", escape(a.interactions[i].a), escape(a.interactions[i].b),
                                decimal(a.interactions[i].value, 4));
  return figure(waterfall_chart(w),
                fmt::format("From the strain of {} (every event up to then), each bar adds one cause group's exact "
                            "Shapley value over all coalitions of groups; the drift is the change with none of them. "
                            "They add up to the strain of {}.",
                            a.from, a.to)) +
         table(rows) +
         (interactions.empty() ? "" : "<p class=\"note\">Largest interactions (Shapley interaction index): " + interactions + ".</p>\n");
}

// -------------------------------------------------------------------------------- sweeps

struct PolicyBand {
  std::string policy;
  std::vector<double> years, mean, q05, q50, q95;
  double retreat = 0;
};

std::vector<PolicyBand> bands_of(const sim::SweepResult& r, const std::string& series) {
  std::vector<PolicyBand> bands;
  for (const auto& c : r.cells) {
    if (c.series != series) continue;
    if (bands.empty() || bands.back().policy != c.policy) bands.push_back({c.policy, {}, {}, {}, {}, {}, 0});
    PolicyBand& b = bands.back();
    b.years.push_back(c.year);
    b.mean.push_back(c.mean);
    b.q05.push_back(c.q05);
    b.q50.push_back(c.q50);
    b.q95.push_back(c.q95);
  }
  for (const auto& x : r.retreats)
    for (auto& b : bands)
      if (b.policy == x.policy) b.retreat = x.probability;
  return bands;
}

std::vector<std::string> policy_names(const sim::TimeScenario& t) {
  std::vector<std::string> names;
  for (const auto& p : t.policies) names.push_back(p.name);
  return names;
}

std::vector<PolicyBand> sweep_bands(const sim::TimeScenario& t, const sim::SimOptions& o, const ReportOptions& r) {
  sim::SweepOptions s;
  s.runs = r.sweep_runs;
  s.seed = o.seed;
  s.threads = r.threads;
  s.model = o.model;
  s.policies = policy_names(t);
  s.to_year = t.horizon_year;
  return bands_of(sim::sweep_timeline(t, s), "strain");
}

// The first year in which some policy's band leaves the baseline's, less a few years of
// context: before it every policy runs the same history.
int first_divergent_year(const std::vector<PolicyBand>& bands) {
  const PolicyBand& base = bands.front();
  std::size_t first = base.years.size();
  for (const auto& b : bands)
    for (std::size_t y = 0; y < std::min(first, b.years.size()); ++y)
      if (b.q05[y] != base.q05[y] || b.q50[y] != base.q50[y] || b.q95[y] != base.q95[y]) {
        first = y;
        break;
      }
  if (first == base.years.size()) first = base.years.size() > 11 ? base.years.size() - 11 : 0;
  return static_cast<int>(base.years[first > 3 ? first - 3 : 0]);
}

std::vector<double> from_year(const std::vector<double>& values, const std::vector<double>& years, int year) {
  std::vector<double> out;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (years[i] >= year) out.push_back(values[i]);
  return out;
}

// One small panel per policy against the baseline: six overlapping bands in one chart hide
// each other, two per panel compare at a glance.
std::string policy_panel(const sim::TimeScenario& t, const std::vector<PolicyBand>& bands, std::size_t p, int start) {
  LineChart c;
  c.id = "policy-" + bands[p].policy;
  c.title = p == 0 ? "baseline" : bands[p].policy + " against the baseline";
  c.x = year_axis();
  c.y = {"strain σ (0–1)", 0.0, 1.0, false};
  c.width = 400;
  c.plot_height = 180;
  for (std::size_t i : p == 0 ? std::vector<std::size_t>{0} : std::vector<std::size_t>{0, p}) {
    const PolicyBand& b = bands[i];
    const auto years = from_year(b.years, b.years, start);
    const std::string colour = i == 0 ? "#555555" : palette(p - 1);
    c.bands.push_back({b.policy + " 5–95 %", years, from_year(b.q05, b.years, start), from_year(b.q95, b.years, start), colour});
    c.lines.push_back({b.policy + " median", years, from_year(b.q50, b.years, start), i == 0 ? "#000000" : colour, i == 0 && p != 0,
                       2.5, true});
  }
  c.rules.push_back({t.params.strain_threshold, "threshold " + decimal(t.params.strain_threshold, 2), "#a1260d"});
  if (t.horizon_year > t.end_year) c.shade_from = t.end_year;
  c.shade_label = fmt::format("after {}", t.end_year);
  return "<figure>\n" + line_chart(c) + "</figure>\n";
}

std::string policy_charts(const sim::TimeScenario& t, const std::vector<PolicyBand>& bands) {
  const int start = first_divergent_year(bands);
  std::string out = "<div class=\"panels\">\n";
  for (std::size_t p = bands.size() > 1 ? 1 : 0; p < bands.size(); ++p) out += policy_panel(t, bands, p, start);
  return out + "</div>\n";
}

std::string policy_table(const sim::TimeScenario& t, const std::vector<PolicyBand>& bands) {
  Table rows{{"policy", fmt::format("strain {}: median", t.horizon_year), "5–95 %", "mean",
              fmt::format("retreat into history by {}", t.horizon_year)},
             {false, true, true, true, true},
             {}};
  for (const auto& b : bands)
    rows.rows.push_back({code(b.policy), decimal(b.q50.back(), 3),
                         decimal(b.q05.back(), 3) + "–" + decimal(b.q95.back(), 3), decimal(b.mean.back(), 3),
                         decimal(100 * b.retreat, 0) + " % of runs"});
  return table(rows);
}

std::string policy_body(const sim::TimeScenario& t, const std::vector<PolicyBand>& bands, std::uint64_t runs) {
  const std::string note = t.scenario.uncertain.empty()
                               ? "The scenario declares no uncertain inputs: every run is the same and the bands "
                                 "are lines."
                               : fmt::format("Each run draws the scenario's {} uncertain inputs; every policy sees "
                                             "the same draws.",
                                             t.scenario.uncertain.size());
  const int start = first_divergent_year(bands);
  return fmt::format("<p>Strain under each policy, {}–{}: the median (line) and the 5–95 % band of {} runs, against "
                     "the baseline (grey band, dashed line). Years past {} are a projection in which every data series "
                     "holds its last value.</p>\n",
                     start, t.horizon_year, runs, t.end_year) +
         policy_charts(t, bands) + "<p class=\"note\">" + escape(note) +
         " Quantiles and means as <code>entente sweep</code> computes them.</p>\n" + policy_table(t, bands);
}

// -------------------------------------------------------------------------------- claims

std::string claims_body(const std::vector<analysis::ClaimResult>& claims, std::uint64_t runs) {
  if (claims.empty()) return "<p>The scenario states no claims.</p>\n";
  Table rows{{"claim", "statement", "baseline", fmt::format("share of {} runs", runs), "test and values"},
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

std::string reproduce(const std::vector<std::string>& commands) {
  std::string out = "<p>The same figures from the command line:</p>\n<pre>";
  for (const auto& c : commands) out += escape(c) + "\n";
  return out + "</pre>\n";
}

std::string command(std::vector<std::string> words) {
  for (auto& w : words) w = shell_word(w);
  return joined(words, " ");
}

std::string sweep_command(const sim::TimeScenario& t, const std::string& file, const std::string& spec,
                          const std::string& seed, std::uint64_t runs) {
  std::vector<std::string> words{"entente", "sweep", file, "--runs", std::to_string(runs), "--seed", seed, "--model",
                                 spec, "--to", std::to_string(t.horizon_year)};
  if (!t.policies.empty()) words.insert(words.end(), {"--policies", joined(policy_names(t), ",")});
  words.insert(words.end(), {"--output", "sweep"});
  return command(words);
}

sim::SimOptions time_options(const sim::TimeScenario& t, const ReportOptions& r) {
  sim::SimOptions o;
  o.model = choose_model(r.model, t.scenario.model, ScenarioKind::TimeStepped);
  o.seed = r.seed_given ? r.seed : t.scenario.seed;
  o.to_year = t.end_year;
  load_model(o.model);  // a bad spec fails before any work
  return o;
}

void tell(const ReportOptions& r, const std::string& what) {
  if (r.progress) r.progress(what);
}

}  // namespace

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

std::string forecast_report(const ForecastRecord& record, const ReportOptions& options) {
  const Scenario& s = record.scenario;
  const std::vector<std::pair<std::string, std::string>> facts{
      {"file", code(options.source)},
      {"model", code(record.model_spec)},
      {"seed", std::to_string(record.seed)},
      {"size", fmt::format("{} actors, {} issues", s.num_actors(), s.num_issues())},
      {"made by", "entente " ENTENTE_VERSION}};
  std::string body = header("Forecast: " + s.name, s.description, facts);
  body += navigation({{"scenario", "Scenario"}, {"forecast", "Forecast"}, {"reproduce", "Reproduce"}});
  body += section("scenario", "Scenario", forecast_scenario(record));
  body += forecast_body(record);
  body += section("reproduce", "Reproduce",
                  reproduce({command({"entente", "forecast", options.source, "--model", record.model_spec, "--seed",
                                      std::to_string(record.seed)})}));
  return page("Entente report: " + s.name, body);
}

std::string timeline_report(const sim::TimeScenario& t, const ReportOptions& options) {
  const sim::SimOptions o = time_options(t, options);
  const auto [from, to] = attribution_window(t, options);
  if (from < t.start_year || from >= to || to > t.horizon_year)
    throw SpecError(fmt::format("attribution window {}→{}: it must satisfy {} ≤ from < to ≤ {}", from, to, t.start_year,
                                t.horizon_year));
  tell(options, "running the baseline");
  const sim::Run run = sim::simulate(t, o);
  tell(options, fmt::format("attributing the change of strain {}→{}", from, to));
  const auto groups = report_groups(t, from, to);
  const auto attribution = analysis::attribute(t, o, groups, from, to, {"strain"}, options.threads).front();
  tell(options, fmt::format("sweeping {} runs over {} policies", options.sweep_runs, t.policies.size() + 1));
  const auto bands = sweep_bands(t, o, options);
  tell(options, fmt::format("checking {} claims on {} runs", t.claims.size(), options.claim_runs));
  const auto claims = t.claims.empty() ? std::vector<analysis::ClaimResult>{}
                                       : analysis::check_claims(t, o, options.claim_runs, o.seed, options.threads);

  const std::string spec = load_model(o.model)->spec(), seed = std::to_string(o.seed);
  const std::vector<std::pair<std::string, std::string>> facts{
      {"file", code(options.source)},
      {"span", fmt::format("{}–{}, projections to {}", t.start_year, t.end_year, t.horizon_year)},
      {"model", code(spec) + " each year, then the alliance model"},
      {"seed", seed},
      {"size", fmt::format("{} actors, {} factions, {} issues, {} dated events, {} policies, {} claims",
                           t.scenario.num_actors(), t.factions.size(), t.scenario.num_issues(), t.events.size(),
                           t.policies.size(), t.claims.size())},
      {"made by", "entente " ENTENTE_VERSION}};
  std::string body = header("Alliance report: " + t.scenario.name, t.scenario.description, facts);
  body += navigation({{"scenario", "Scenario"},
                      {"strain", "Strain over time"},
                      {"members", "Gains, losses and publics"},
                      {"alignment", "Divergence and the adversary"},
                      {"attribution", "What moved strain"},
                      {"policies", "Policies compared"},
                      {"claims", "Claims"},
                      {"reproduce", "Reproduce"}});
  body += section("scenario", "Scenario",
                  alliance_line(t) + timeline_actors(t) + timeline_issues(t) + timeline_policies(t));
  body += time_body(t, run);
  body += section("attribution", "What moved strain", attribution_body(attribution, groups));
  body += section("policies", "Policies compared", policy_body(t, bands, options.sweep_runs));
  body += section("claims", "Claims", claims_body(claims, options.claim_runs));
  const std::string file = options.source;
  body += section(
      "reproduce", "Reproduce",
      reproduce({command({"entente", "run", file, "--model", spec, "--seed", seed}),
                 command({"entente", "explain", file, "--from", std::to_string(from), "--to", std::to_string(to),
                          "--model", spec, "--seed", seed}),
                 sweep_command(t, file, spec, seed, options.sweep_runs),
                 command({"entente", "claims", file, "--runs", std::to_string(options.claim_runs), "--model", spec,
                          "--seed", seed})}));
  return page("Entente report: " + t.scenario.name, body);
}

}  // namespace entente::report
