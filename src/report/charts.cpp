#include "report/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "evidence/diagrams.h"
#include "output/table.h"
#include "report/kit.h"
#include "report/svg.h"

namespace entente::report {

namespace {

using analysis::TimelineFacts;

// Colours for the actors on a chart: the strongest keep a colour and a legend entry, the
// rest share a grey, so an 80-actor study still gives a readable legend.
std::vector<int> actor_colours(const std::vector<Actor>& actors) {
  constexpr std::size_t kNamed = 8;
  std::vector<std::size_t> order(actors.size());
  for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return actors[x].capability > actors[y].capability; });
  std::vector<int> colour(actors.size(), -1);
  for (std::size_t i = 0; i < order.size() && (order.size() <= kNamed + 1 || i < kNamed); ++i)
    colour[order[i]] = static_cast<int>(i);
  return colour;
}

bool any_nonzero(const std::vector<double>& values) {
  return std::any_of(values.begin(), values.end(), [](double v) { return std::abs(v) > 1e-12; });
}

std::vector<double> years_of(const sim::Run& run) { return {run.years.begin(), run.years.end()}; }

Axis year_axis() { return Axis{"year", std::nullopt, std::nullopt, true}; }

Line series_line(const sim::Run& run, const std::string& series, const std::string& name, const std::string& colour,
                 bool dashed = false) {
  return Line{name, years_of(run), run.at(series), colour, dashed};
}

// The names of a year's events with their cause tags, for a tick's hover text.
std::string events_of_year(const TimelineFacts& f, int year, const std::vector<std::string>& names) {
  std::vector<std::string> items;
  for (const auto& name : names) {
    const auto ev = std::find_if(f.events.begin(), f.events.end(), [&](const auto& e) { return e.name == name; });
    items.push_back(ev == f.events.end() || ev->tags.empty() ? name : name + " (" + joined(ev->tags, ", ") + ")");
  }
  return std::to_string(year) + ": " + joined(items, "; ");
}

Rule threshold_rule(const TimelineFacts& f) {
  return {f.strain_threshold, "threshold " + decimal(f.strain_threshold, 2), "#a1260d"};
}

// A policy's band of one series from year `from`.
struct Band5to95 {
  std::string policy;
  std::vector<double> years, q05, q50, q95;
};

Band5to95 band_of(const sim::SweepResult& sweep, const std::string& policy, const std::string& series, int from) {
  Band5to95 b{policy, {}, {}, {}, {}};
  for (const auto& c : sweep.cells_of(policy, series)) {
    if (c.year < from) continue;
    b.years.push_back(c.year);
    b.q05.push_back(c.q05);
    b.q50.push_back(c.q50);
    b.q95.push_back(c.q95);
  }
  return b;
}

// One small panel per policy against the baseline: six overlapping bands in one chart hide
// each other, two per panel compare at a glance. Panel 0 is the baseline alone.
std::string policy_panel(const TimelineFacts& f, const sim::SweepResult& sweep, const std::vector<std::string>& names,
                         std::size_t p, const std::string& series, int from) {
  LineChart c;
  c.id = "policy-" + names[p];
  c.title = p == 0 ? "baseline" : names[p] + " against the baseline";
  c.x = year_axis();
  c.y = series == "strain" ? Axis{"strain σ (0–1)", 0.0, 1.0, false} : Axis{series, std::nullopt, std::nullopt, false};
  c.width = 400;
  c.plot_height = 180;
  for (std::size_t i : p == 0 ? std::vector<std::size_t>{0} : std::vector<std::size_t>{0, p}) {
    const Band5to95 b = band_of(sweep, names[i], series, from);
    const std::string colour = i == 0 ? "#555555" : palette(p - 1);
    c.bands.push_back({b.policy + " 5–95 %", b.years, b.q05, b.q95, colour});
    c.lines.push_back({b.policy + " median", b.years, b.q50, i == 0 ? "#000000" : colour, i == 0 && p != 0, 2.5, true});
  }
  if (series == "strain") c.rules.push_back(threshold_rule(f));
  if (sweep.to_year > f.end_year) c.shade_from = f.end_year;
  c.shade_label = fmt::format("after {}", f.end_year);
  return "<figure>\n" + line_chart(c) + "</figure>\n";
}

// ------------------------------------------------------------------------------ evidence

constexpr int kReliabilityBins = 10;  // tenths of probability, as Murphy & Winkler's forecasts came
constexpr int kHistogramBins = 24;

std::string fit_name(evidence::Fit fit) { return std::string(evidence::kFits.name(fit)); }

std::string case_count(int n) { return fmt::format("{} {}", n, n == 1 ? "case" : "cases"); }

// "[0.1, 0.2)", the last bin closed.
std::string bin_name(const evidence::ReliabilityBin& b) {
  return fmt::format("[{}, {}{}", decimal(b.lo, 1), decimal(b.hi, 1), b.hi >= 1 ? "]" : ")");
}

// The cases each bin of a fit holds, for the caption: "in_sample: [0.0, 0.1) 3 cases, …".
std::string bin_counts(const std::vector<evidence::ReliabilityBin>& bins, evidence::Fit fit) {
  std::vector<std::string> items;
  for (const auto& b : bins)
    if (b.cases > 0) items.push_back(bin_name(b) + " " + case_count(b.cases));
  return code(fit_name(fit)) + ": " + joined(items, ", ");
}

// A number spanning orders of magnitude, for people.
std::string sig(double x) { return output::rounded(x, 3); }

}  // namespace

std::string reliability_chart(const std::vector<evidence::CaseForecast>& forecasts) {
  LineChart c;
  c.id = "reliability";
  c.title = "Reliability of the backtest's P(break): forecast against the share that broke";
  c.x = {"forecast P(break within the window)", -0.02, 1.02, false};
  c.y = {"observed share that broke", -0.05, 1.05, false};
  c.lines.push_back({"perfect reliability (the diagonal)", {0, 1}, {0, 1}, "#555555", true, 1.5});
  std::vector<std::string> counts;
  for (evidence::Fit fit : {evidence::Fit::InSample, evidence::Fit::HeldOut}) {
    const std::size_t colour = fit == evidence::Fit::InSample ? 0 : 1;  // the same colour per fit in every report
    const auto bins = evidence::reliability(forecasts, fit, evidence::Coding::Real, kReliabilityBins);
    Scatter points{fit_name(fit) + ": bins", {}, {}, {}, palette(colour), 5};
    for (const auto& b : bins) {
      if (b.cases == 0) continue;
      points.x.push_back(b.mean_forecast);
      points.y.push_back(b.observed());
      points.labels.push_back(fmt::format("{}, P(break) in {}: {}, {} broke; mean forecast {}", fit_name(fit), bin_name(b),
                                          case_count(b.cases), b.broke, decimal(b.mean_forecast, 3)));
    }
    if (points.x.empty()) continue;  // no real case of this fit
    Scatter rug{fit_name(fit) + ": each case", {}, {}, {}, palette(colour), 9, true};  // around a bin of one case
    for (const auto& f : forecasts) {
      if (f.fit != fit || f.coding != evidence::Coding::Real) continue;
      rug.x.push_back(f.p_break);
      rug.y.push_back(f.broke ? 1 : 0);
      rug.labels.push_back(fmt::format("{} ({}): P(break) {}, {}", f.name, fit_name(fit), decimal(f.p_break, 3),
                                       f.broke ? fmt::format("broke in {}", f.year) : std::string("held")));
    }
    c.scatters.push_back(std::move(points));
    c.scatters.push_back(std::move(rug));
    counts.push_back(bin_counts(bins, fit));
  }
  return figure(line_chart(c),
                fmt::format("The reliability diagram (Murphy &amp; Winkler 1977) of the real coding. A filled point is "
                            "one bin of forecast probability (tenths, the last [0.9, 1]), at the mean forecast of its "
                            "cases and the share of them that broke; a reliable forecaster's points lie on the "
                            "diagonal. The cases each point holds: {}. A ring is one case at its forecast, at 1 if it "
                            "broke and 0 if it held (names on hover). With this few cases a bin's share is a handful "
                            "of outcomes, not a frequency.",
                            joined(counts, "; ")));
}

std::string marginal_chart(const evidence::Marginal& m) {
  const evidence::Prior& prior = m.prior;
  const bool log = prior.shape == evidence::PriorShape::LogUniform;
  const auto counts = evidence::histogram(m.draws, prior, kHistogramBins);
  const double flat = static_cast<double>(m.draws.size()) / kHistogramBins;  // the prior's draws per bin
  const double top = 1.15 * std::max(flat, static_cast<double>(*std::max_element(counts.begin(), counts.end())));
  LineChart c;
  c.id = "marginal-" + prior.name;
  c.title = fmt::format("{}: posterior draws against the prior", prior.name);
  const double margin = log ? 0 : 0.04 * (prior.max - prior.min);
  c.x = {prior.name + (log ? " (log scale)" : ""), log ? prior.min / 1.6 : prior.min - margin,
         log ? prior.max * 1.6 : prior.max + margin, false, log};
  c.y = {"draws per bin", 0.0, top, false};
  c.width = 400;
  c.plot_height = 180;
  c.bands.push_back({fmt::format("prior range {}–{}", sig(prior.min), sig(prior.max)), {prior.min, prior.max}, {0, 0},
                     {top, top}, "#9a9a9a"});
  c.bands.push_back({"90 % interval", {m.summary.q05, m.summary.q95}, {0, 0}, {top, top}, palette(2)});
  Band histogram{"posterior draws", {}, {}, {}, palette(0)};
  Line outline{"posterior draws", {}, {}, palette(0), false, 1.5, false};
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const double a = prior.at(static_cast<double>(k) / kHistogramBins), b = prior.at(static_cast<double>(k + 1) / kHistogramBins);
    const double n = counts[k];
    for (double x : {a, b}) {
      histogram.x.push_back(x), histogram.lo.push_back(0), histogram.hi.push_back(n);
      outline.x.push_back(x), outline.y.push_back(n);
    }
  }
  c.bands.push_back(std::move(histogram));
  c.lines.push_back(std::move(outline));
  c.lines.push_back({"median " + sig(m.summary.median), {m.summary.median, m.summary.median}, {0, top}, "#000000", false, 2});
  c.rules.push_back({flat, "the prior alone", "#555555"});
  const std::string shape = log ? "log-uniform" : "uniform";
  return figure(line_chart(c),
                fmt::format("{} draws of <code>{}</code> in {} bins equal on the {} scale; its prior is {} on [{}, {}] "
                            "(shaded), {}, and alone would give the dashed level. Median {}, 90 % interval {}–{}; ESS "
                            "{}, split R-hat {} (over every draw the sampler kept).",
                            m.draws.size(), escape(prior.name), kHistogramBins, log ? "logarithmic" : "linear", shape,
                            sig(prior.min), sig(prior.max), escape(prior.why), sig(m.summary.median),
                            sig(m.summary.q05), sig(m.summary.q95), decimal(m.summary.ess, 0),
                            m.summary.rhat ? decimal(*m.summary.rhat, 3) : "—"));
}

std::string issue_chart(const analysis::ForecastFacts& s, const Forecast& forecast, std::size_t k) {
  const Issue& issue = s.issues[k];
  const auto colour = actor_colours(s.actors);
  LineChart c;
  c.id = "positions-" + std::to_string(k);
  c.title = fmt::format("{}: positions over turns ({} = {}, {} = {})", issue.name, decimal(issue.scale_min, 0),
                        issue.low_pole.empty() ? "low" : issue.low_pole, decimal(issue.scale_max, 0),
                        issue.high_pole.empty() ? "high" : issue.high_pole);
  c.x = {"turn (0 = the input)", std::nullopt, std::nullopt, true};
  c.y = {"position (scale points)", issue.scale_min, issue.scale_max, false};
  const auto& h = forecast.history;
  std::size_t others = 0;
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    Line line{s.actors[a].name, {}, {}, colour[a] >= 0 ? palette(static_cast<std::size_t>(colour[a])) : "#b0b0b0"};
    line.width = colour[a] >= 0 ? 2.5 : 1.2;
    line.in_legend = colour[a] >= 0;
    others += colour[a] < 0;
    for (std::size_t turn = 0; turn < h.size(); ++turn) {
      line.x.push_back(static_cast<double>(turn));
      line.y.push_back(h[turn][a * s.issues.size() + k]);
    }
    c.lines.push_back(std::move(line));
  }
  if (others) c.lines.push_back(Line{fmt::format("{} other actors", others), {}, {}, "#b0b0b0", false, 1.2, true});
  const double outcome = forecast.outcome[k];
  const double last = static_cast<double>(h.empty() ? 0 : h.size() - 1);
  c.points.push_back({last, outcome, "forecast " + decimal(outcome, 1), "#000000"});
  c.rules.push_back({outcome, "forecast level", "#000000"});
  return figure(line_chart(c), fmt::format("Each line is one actor's position after each turn of the model; the "
                                           "black dot is the forecast ({}).",
                                           decimal(outcome, 1)));
}

std::string strain_chart(const TimelineFacts& f, const sim::Run& run) {
  LineChart c;
  c.id = "strain";
  c.title = fmt::format("Alliance strain, {}–{}, with the dated events", run.years.front(), run.years.back());
  c.x = year_axis();
  c.y = {"strain σ (0–1)", 0.0, 1.0, false};
  // The alliance's strain is always one member's: a wide grey band under the members' lines.
  c.lines.push_back(series_line(run, "strain", "alliance strain σ (the larger)", "#c4c4c4"));
  c.lines.back().width = 9;
  c.lines.push_back(series_line(run, "strain." + f.patron, "strain of " + f.patron, palette(0)));
  c.lines.push_back(series_line(run, "strain." + f.client, "strain of " + f.client, palette(1)));
  c.rules.push_back(threshold_rule(f));
  for (const auto& [year, names] : run.events) c.ticks.push_back({static_cast<double>(year), events_of_year(f, year, names)});
  if (run.retreat_year)
    c.points.push_back({static_cast<double>(*run.retreat_year), run.value("strain", *run.retreat_year),
                        fmt::format("retreat into history ({})", *run.retreat_year), "#a1260d"});
  const std::string caption = fmt::format(
      "Strain σ<sub>X</sub> = L<sub>X</sub>/(L<sub>X</sub> + G<sub>X</sub>) of each member and the alliance's (the "
      "larger). A tick on the year axis marks a year with dated events (names on hover and in the list below). {}",
      run.retreat_year ? fmt::format("The alliance retreats into history in {} (strain at or over {} for {} years "
                                     "running).",
                                     *run.retreat_year, decimal(f.strain_threshold, 2), f.retreat_years)
                       : std::string("The alliance does not retreat into history in this run."));
  return figure(line_chart(c), caption);
}

std::string member_chart(const TimelineFacts& f, const sim::Run& run, std::size_t member) {
  const std::string m = member == 0 ? f.patron : f.client;
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

std::string public_chart(const TimelineFacts& f, const sim::Run& run) {
  LineChart c;
  c.id = "publics";
  c.title = "Public support for the alliance";
  c.x = year_axis();
  c.y = {"support (share, 0–1)", 0.0, 1.0, false};
  for (std::size_t member = 0; member < 2; ++member) {
    const std::string m = member == 0 ? f.patron : f.client;
    c.lines.push_back(series_line(run, "public_support." + m, m, palette(member)));
    c.rules.push_back({f.public_anchor[member], fmt::format("{} at entry ({})", m, decimal(f.public_anchor[member], 2)),
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

std::string disarmament_chart(const TimelineFacts& f, const sim::Run& run) {
  const std::string name = "disarmament." + f.adversary;
  if (!run.series.count(name)) return "";
  LineChart c;
  c.id = "disarmament";
  c.title = fmt::format("Probability that {} gives up its programme", f.adversary);
  c.x = year_axis();
  c.y = {"probability per year (0–1)", 0.0, 1.0, false};
  c.lines.push_back(series_line(run, name, "disarmament probability", palette(2)));
  return figure(line_chart(c), "The adversary's dilemma: disarm for the engagement the allies' joint strategy "
                               "offers, or keep the arsenal its exposure makes valuable.");
}

std::string attribution_chart(const analysis::Attribution& a, const std::string& id) {
  auto shapley = a.shapley;  // largest first, for reading; the values are the attribution's
  std::stable_sort(shapley.begin(), shapley.end(),
                   [](const auto& x, const auto& y) { return std::abs(x.second) > std::abs(y.second); });
  const bool strain = a.series == "strain";
  Waterfall w{id,
              strain ? fmt::format("What moved alliance strain from {} to {} (Shapley values)", a.from, a.to)
                     : fmt::format("What moved {} from {} to {} (Shapley values)", a.series, a.from, a.to),
              strain ? "alliance strain σ (0–1)" : a.series,
              {}};
  const std::string what = strain ? "strain" : a.series;
  w.steps.push_back({fmt::format("{} in {}", what, a.from), a.start_value, true});
  w.steps.push_back({"drift (no cause)", a.drift, false});
  for (const auto& [group, value] : shapley) w.steps.push_back({group, value, false});
  w.steps.push_back({fmt::format("{} in {}", what, a.to), a.v_all, true});
  return figure(waterfall_chart(w),
                fmt::format("From the {} of {} (every event up to then), each bar adds one cause group's exact "
                            "Shapley value over all coalitions of groups; the drift is the change with none of them. "
                            "They add up to the {} of {}.",
                            what, a.from, what, a.to));
}

std::string policy_panels(const TimelineFacts& f, const sim::SweepResult& sweep, const std::string& series, int from) {
  std::vector<std::string> names{"baseline"};
  names.insert(names.end(), sweep.policies.begin(), sweep.policies.end());
  std::string out = "<div class=\"panels\">\n";
  for (std::size_t p = names.size() > 1 ? 1 : 0; p < names.size(); ++p)
    out += policy_panel(f, sweep, names, p, series, from);
  return out + "</div>\n";
}

std::string policy_run_chart(const TimelineFacts& f, const std::vector<analysis::PolicyRun>& runs,
                             const std::string& series) {
  LineChart c;
  c.id = "compare-" + series;
  const auto& years = runs.front().run.years;
  c.title = years.empty() ? series + " under each policy"
                          : fmt::format("{} under each policy, {}–{}", series, years.front(), years.back());
  c.x = year_axis();
  c.y = series == "strain" ? Axis{"strain σ (0–1)", 0.0, 1.0, false} : Axis{series, std::nullopt, std::nullopt, false};
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (!runs[i].run.series.count(series)) continue;
    c.lines.push_back(series_line(runs[i].run, series, runs[i].policy, i == 0 ? "#000000" : palette(i - 1)));
    if (i == 0) c.lines.back().width = 3.5;
  }
  if (series == "strain") c.rules.push_back(threshold_rule(f));
  if (!years.empty() && years.back() > f.end_year) c.shade_from = f.end_year;
  c.shade_label = fmt::format("after {}", f.end_year);
  return figure(line_chart(c), "One run of each policy with the scenario's inputs as written (the baseline in black).");
}

}  // namespace entente::report
