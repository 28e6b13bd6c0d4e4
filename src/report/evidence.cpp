#include "report/evidence.h"

#include <fmt/format.h>

#include <algorithm>

#include "output/table.h"
#include "report/charts.h"
#include "report/kit.h"
#include "report/svg.h"

namespace entente::report {

namespace {

using evidence::CaseForecast;
using evidence::Score;

std::string fit_cell(evidence::Fit fit) { return code(std::string(evidence::kFits.name(fit))); }
std::string coding_cell(evidence::Coding coding) { return code(std::string(evidence::kCodings.name(coding))); }

// A year as the backtest gives it: a median of whole years may end in .5.
std::string year(double y) { return output::rounded(y, 5); }

// The cases of one fit, real and placebo codings beside each other.
std::string case_table(const std::vector<CaseForecast>& forecasts, evidence::Fit fit) {
  HtmlTable t{{"coding", "case", "window", "result", "P(break)", "base rate", "break year (median)", "break year (90 %)",
               "hit"},
              {false, false, false, false, true, true, true, true, false},
              {}};
  for (const auto& f : forecasts) {
    if (f.fit != fit || f.shuffle > 1) continue;  // the first placebo shuffle stands for the rest
    t.rows.push_back({coding_cell(f.coding), "<span class=\"nowrap\">" + escape(f.name) + "</span>",
                      fmt::format("<span class=\"nowrap\">{}–{}</span>", f.window_first, f.window_last),
                      f.broke ? fmt::format("<span class=\"nowrap\">broke in {}</span>", f.year) : "held", decimal(f.p_break, 3), decimal(f.p_base, 3),
                      f.year_median ? year(*f.year_median) : "—",
                      f.year_q05 && f.year_q95 ? year(*f.year_q05) + "–" + year(*f.year_q95) : "—",
                      f.hit ? (*f.hit ? "yes" : "no") : "—"});
  }
  return t.rows.empty() ? "" : table(t);
}

std::string score_table(const std::vector<Score>& scores) {
  HtmlTable t{{"fit", "coding", "cases", "Brier", "Brier, base rate", "log score", "log score, base rate",
               "said break, broke", "said break, held", "said held, broke", "said held, held", "timing error (years)"},
              {false, false, true, true, true, true, true, true, true, true, true, true},
              {}};
  for (const auto& s : scores)
    t.rows.push_back({fit_cell(s.fit), coding_cell(s.coding), std::to_string(s.cases), decimal(s.brier, 3),
                      decimal(s.brier_base, 3), decimal(s.log_score, 3), decimal(s.log_score_base, 3),
                      std::to_string(s.true_break), std::to_string(s.false_break), std::to_string(s.missed_break),
                      std::to_string(s.true_held), s.timing_error ? decimal(*s.timing_error, 1) : "—"});
  return table(t);
}

std::string fit_table(const std::vector<evidence::FitCheck>& fits) {
  HtmlTable t{{"fit", "largest split R-hat", "smallest ESS", "converged"}, {false, true, true, false}, {}};
  for (const auto& f : fits)
    t.rows.push_back({f.left_out.empty() ? "on every case" : "without " + escape(f.left_out), decimal(f.max_rhat, 3),
                      decimal(f.min_ess, 0), f.converged ? "yes" : "no"});
  return table(t);
}

std::string backtest_part(const evidence::BacktestResult& b, const std::string& file) {
  std::string out = fmt::format(
      "<p>The backtest of the alliance model on the case library, read from {}. For each case, <em>P(break)</em> is "
      "the mean, over sampled runs that each draw the case's uncertain inputs and one posterior draw, of the "
      "probability that the alliance breaks within the case's window; the break year is the first break drawn in "
      "those runs. <strong>In sample</strong> (<code>in_sample</code>): the posterior was fitted on the case itself, "
      "so the forecast has seen the outcome. <strong>Held out</strong> (<code>held_out</code>): it was not (with "
      "<code>--leave-one-out</code>, fitted on the other cases): the honest figure. The <strong>base rate</strong> is "
      "the forecast to beat: the ATOP rate at which a member leaves a defence pact, over the case's window. "
      "<code>placebo</code> rows forecast each case again with its events' years shuffled within the window, under "
      "several shuffles: the tables show the first, the placebo scores average them all; the real coding should "
      "score better.</p>\n",
      code(file));
  for (evidence::Fit fit : {evidence::Fit::InSample, evidence::Fit::HeldOut}) {
    const std::string rows = case_table(b.forecasts, fit);
    if (!rows.empty())
      out += fmt::format("<h3>Per case, {} ({})</h3>\n", fit == evidence::Fit::InSample ? "in sample" : "held out",
                         fit_cell(fit)) +
             rows;
  }
  out += "<p class=\"note\">Result: as recorded. Break year: the first break year in the sampled runs that broke "
         "within the window, its median and 90 % interval. Hit: the case broke and that median is within two years of "
         "the recorded year.</p>\n";
  out += "<h3>Scores</h3>\n" + score_table(b.scores);
  out += "<p class=\"note\">Brier (Brier 1950): the mean squared difference of P(break) and the outcome, 0 the best. "
         "Log score: the mean natural log of the probability given to what happened, 0 the best. Each beside the "
         "same score of the base rate. The 2×2 counts say \"break\" when P(break) is ½ or more. Timing error: the "
         "mean distance of the median break year from the recorded year, over the cases that broke.</p>\n";
  if (!b.fits.empty())
    out += "<h3>The fits' chains</h3>\n" + fit_table(b.fits) +
           "<p class=\"note\">The posteriors the backtest fitted itself; read the R-hat and ESS before the scores.</p>\n";
  bool real = false;
  for (const auto& f : b.forecasts) real = real || f.coding == evidence::Coding::Real;
  if (real) out += "<h3>Reliability</h3>\n" + reliability_chart(b.forecasts);
  return out;
}

// How the marginals' axes are drawn, from their priors.
std::string scales(const std::vector<evidence::Marginal>& marginals) {
  const bool all_log = std::all_of(marginals.begin(), marginals.end(), [](const evidence::Marginal& m) {
    return m.prior.shape == evidence::PriorShape::LogUniform;
  });
  return all_log ? "Every prior is log-uniform, so the axes are logarithmic and the prior alone is flat on them:"
                 : "Each axis is on its prior's scale (logarithmic for a log-uniform prior), on which the prior alone "
                   "is flat:";
}

std::string posterior_part(const std::vector<evidence::Marginal>& marginals, const std::string& file) {
  std::string out = fmt::format(
      "<h3>The posterior</h3>\n<p>The calibration's posterior, read from {}: for each fitted parameter, a histogram "
      "of the draws the file keeps against its prior, with the median and the 90 % interval. {} where the "
      "histogram stands above the dashed level the cases moved the parameter, where it stays level they did "
      "not.</p>\n<div class=\"panels\">\n",
      code(file), scales(marginals));
  for (const auto& m : marginals) out += marginal_chart(m);
  return out + "</div>\n";
}

}  // namespace

std::string evidence_body(const Evidence& e) {
  std::string out;
  if (e.backtest) out += backtest_part(*e.backtest, e.backtest_file);
  if (!e.marginals.empty()) out += posterior_part(e.marginals, e.posterior_file);
  return out;
}

}  // namespace entente::report
