#include "evidence/deu3.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "bargaining/model.h"
#include "core/parallel.h"
#include "output/document.h"

namespace entente::evidence {

namespace {

ErrorSummary summarise(std::vector<double> errors) {
  ErrorSummary s;
  s.issues = errors.size();
  if (errors.empty()) return s;
  std::sort(errors.begin(), errors.end());
  double total = 0;
  std::size_t close = 0;
  for (double e : errors) {
    total += e;
    if (e <= 10) ++close;
  }
  const std::size_t n = errors.size();
  s.mean = total / static_cast<double>(n);
  s.median = n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
  s.within_10 = static_cast<double>(close) / static_cast<double>(n);
  return s;
}

// A refusal's reason without its place: the message of the first diagnostic, so that the
// same refusal on many issues counts as one reason.
std::string reason_of(const InputError& e) {
  return e.diagnostics().empty() ? e.what() : e.diagnostics().front().message;
}

Deu3Forecast run_one(const BargainingModel& model, const Deu3Issue& issue, const Deu3Options& options) {
  if (!issue.scenario) return {std::nullopt, issue.unusable};
  try {
    const Forecast f = model.forecast(*issue.scenario, RunOptions{options.seed, 1});
    return {f.outcome.at(0), ""};
  } catch (const InputError& e) {
    return {std::nullopt, reason_of(e)};
  }
}

std::size_t actors_of(const Deu3Issue& issue) { return issue.scenario ? issue.scenario->num_actors() : 0; }

void score(Deu3Benchmark& b, const Deu3Data& data) {
  std::vector<bool> everyone(b.used.size(), true);
  for (const auto& model : b.forecasts)
    for (std::size_t u = 0; u < b.used.size(); ++u) everyone[u] = everyone[u] && model[u].forecast.has_value();
  b.common = static_cast<std::size_t>(std::count(everyone.begin(), everyone.end(), true));
  for (std::size_t m = 0; m < b.forecasts.size(); ++m) {
    Deu3Score& s = b.scores[m];
    std::vector<double> scored, common;
    std::map<std::string, std::size_t> reasons;
    for (std::size_t u = 0; u < b.used.size(); ++u) {
      const Deu3Issue& issue = data.issues[b.used[u]];
      const Deu3Forecast& f = b.forecasts[m][u];
      const bool two = actors_of(issue) == 2;
      if (f.forecast) {
        const double error = std::abs(*f.forecast - *issue.outcome);
        scored.push_back(error);
        if (everyone[u]) common.push_back(error);
        s.two_actor_forecast += two;
      } else {
        ++s.failed;
        ++reasons[f.failure];
        s.two_actor_failed += two;
      }
    }
    s.scored = summarise(std::move(scored));
    s.common = summarise(std::move(common));
    s.failures.assign(reasons.begin(), reasons.end());
    std::stable_sort(s.failures.begin(), s.failures.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  }
}

}  // namespace

std::vector<std::string> every_model() {
  std::vector<std::string> specs;
  for (const ModelInfo* m : registered_models()) specs.push_back(m->name);
  return specs;
}

Deu3Benchmark benchmark_deu3(const Deu3Data& data, const std::vector<std::string>& specs, const Deu3Options& options) {
  std::vector<std::unique_ptr<BargainingModel>> models;
  for (const auto& spec : specs) models.push_back(load_model(spec));  // a bad spec fails before any work
  Deu3Benchmark b;
  b.file = data.file;
  b.seed = options.seed;
  b.rows = data.issues.size();
  for (std::size_t i = 0; i < data.issues.size(); ++i) {
    const Deu3Issue& issue = data.issues[i];
    if (!issue.outcome) continue;
    b.used.push_back(i);
    b.unusable += !issue.scenario;
    if (actors_of(issue) == 2) b.two_actor.push_back(i);
  }
  if (b.used.empty()) throw InputError(data.file, 0, "out", "no issue has a recorded outcome: nothing to score");
  for (std::size_t m = 0; m < models.size(); ++m) b.scores.push_back({.asked = specs[m], .model = models[m]->spec()});
  b.forecasts.assign(models.size(), std::vector<Deu3Forecast>(b.used.size()));
  // Each task fills its own issue's slots, so the result does not depend on the threads.
  parallel_for(b.used.size(), options.threads, [&](std::uint64_t u) {
    for (std::size_t m = 0; m < models.size(); ++m) b.forecasts[m][u] = run_one(*models[m], data.issues[b.used[u]], options);
  });
  score(b, data);
  return b;
}

namespace {

using output::Cell;

std::string percent(double share) { return output::fixed(100 * share, 1) + "%"; }

output::Table summary_table(const Deu3Benchmark& b) {
  output::Table t{
      .title = fmt::format("DEU III: {} issues with a recorded outcome (of {} in {}); absolute error in points on 0..100",
                           b.used.size(), b.rows, b.file),
      .columns = {"model", "forecast", "failed", "mean error", "median error", "within 10",
                  fmt::format("mean error, {} common", b.common), "median error, common", "within 10, common"}};
  for (const Deu3Score& s : b.scores)
    t.add({s.asked, static_cast<std::int64_t>(s.scored.issues), static_cast<std::int64_t>(s.failed),
           s.scored.issues ? Cell{s.scored.mean} : Cell{}, s.scored.issues ? Cell{s.scored.median} : Cell{},
           s.scored.issues ? Cell{percent(s.scored.within_10)} : Cell{}, s.common.issues ? Cell{s.common.mean} : Cell{},
           s.common.issues ? Cell{s.common.median} : Cell{}, s.common.issues ? Cell{percent(s.common.within_10)} : Cell{}});
  t.decimals = {-1, -1, -1, 2, 2, -1, 2, 2, -1};
  return t;
}

// How each model fared on the two-actor issues: models that need three actors say so here.
std::string two_actor_note(const Deu3Data& data, const Deu3Benchmark& b) {
  if (b.two_actor.empty()) return "";
  std::string ids;
  for (std::size_t i : b.two_actor) ids += (ids.empty() ? "" : ", ") + data.issues[i].id;
  std::string note = fmt::format("\nIssues with exactly two actors ({}: {}):", b.two_actor.size(), ids);
  for (const Deu3Score& s : b.scores)
    note += fmt::format(" {} forecast {}, refused {};", s.asked, s.two_actor_forecast, s.two_actor_failed);
  note.back() = '.';
  return note;
}

std::string failures_note(const Deu3Data& data, const Deu3Benchmark& b) {
  std::string note = fmt::format(
      "Weights: capability (GDP) x salience as each issue states it; actors without a position, or with salience "
      "missing or 0, are left out of the issue. \"Common\": the {} issues every model forecast. Within 10: |error| <= "
      "10 points. No parameter is fitted to DEU III (every figure is out of sample). Seed {}.",
      b.common, b.seed);
  note += two_actor_note(data, b);
  bool any = false;
  for (const Deu3Score& s : b.scores)
    for (const auto& [reason, count] : s.failures) {
      note += fmt::format("{}\n  {} refused {} {}: {}", any ? "" : "\nRefusals:", s.asked, count,
                          count == 1 ? "issue" : "issues", reason);
      any = true;
    }
  note += "\nModels:";
  for (const Deu3Score& s : b.scores) note += "\n  " + s.model;
  return note;
}

// One row per model and issue with an outcome.
output::Table per_issue(const Deu3Data& data, const Deu3Benchmark& b) {
  output::Table t{.columns = {"issue", "proposal", "procedure", "voting", "actors", "status_quo", "outcome", "model",
                              "forecast", "error", "failure"}};
  for (std::size_t m = 0; m < b.scores.size(); ++m)
    for (std::size_t u = 0; u < b.used.size(); ++u) {
      const Deu3Issue& issue = data.issues[b.used[u]];
      const Deu3Forecast& f = b.forecasts[m][u];
      Cell status_quo;
      if (issue.scenario && issue.scenario->issues.front().status_quo) status_quo = *issue.scenario->issues.front().status_quo;
      t.add({issue.id, issue.proposal, issue.procedure, issue.voting, static_cast<std::int64_t>(actors_of(issue)),
             status_quo, *issue.outcome, b.scores[m].model, f.forecast ? Cell{*f.forecast} : Cell{},
             f.forecast ? Cell{std::abs(*f.forecast - *issue.outcome)} : Cell{},
             f.failure.empty() ? Cell{} : Cell{f.failure}});
    }
  return t;
}

nlohmann::ordered_json summary_json(const ErrorSummary& s) {
  return {{"issues", s.issues}, {"mean_error", s.mean}, {"median_error", s.median}, {"within_10", s.within_10}};
}

nlohmann::ordered_json result_json(const Deu3Data& data, const Deu3Benchmark& b) {
  using ojson = nlohmann::ordered_json;
  ojson models = ojson::array();
  for (const Deu3Score& s : b.scores) {
    ojson failures = ojson::array();
    for (const auto& [reason, count] : s.failures) failures.push_back({{"reason", reason}, {"issues", count}});
    models.push_back({{"model", s.model}, {"asked", s.asked}, {"scored", summary_json(s.scored)}, {"common", summary_json(s.common)},
                      {"failed", s.failed}, {"failures", failures},
                      {"two_actor_issues", {{"forecast", s.two_actor_forecast}, {"refused", s.two_actor_failed}}}});
  }
  const std::string issues = output::render_json(per_issue(data, b));
  return {{"file", b.file},       {"seed", b.seed},       {"rows", b.rows},   {"with_outcome", b.used.size()},
          {"common", b.common},   {"two_actor", b.two_actor.size()}, {"models", models},
          {"issues", ojson::parse(issues)}};
}

}  // namespace

std::string write_deu3(const Deu3Data& data, const Deu3Benchmark& b, output::Format format) {
  output::Table summary = summary_table(b);
  summary.note = failures_note(data, b);
  return output::render(output::Document{.text = {summary}, .tidy = per_issue(data, b), .json = result_json(data, b)},
                        format);
}

}  // namespace entente::evidence
