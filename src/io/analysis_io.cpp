#include "io/analysis_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "output/document.h"

namespace entente {

namespace {

using ojson = nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------
// Attribution

// The causes largest |Shapley value| first; ties keep the groups' order.
std::vector<std::pair<std::string, double>> by_size(std::vector<std::pair<std::string, double>> shapley) {
  std::stable_sort(shapley.begin(), shapley.end(),
                   [](const auto& x, const auto& y) { return std::abs(x.second) > std::abs(y.second); });
  return shapley;
}

// A group's but-for effect: the change with every group on minus the change without it.
double but_for_of(const analysis::Attribution& a, const std::string& group) {
  for (const auto& [name, value] : a.but_for)
    if (name == group) return value;
  return 0;
}

ojson attribution_json(const std::vector<analysis::Attribution>& results, const std::string& model_spec) {
  ojson series = ojson::object();
  for (const auto& a : results) {
    ojson shapley = ojson::object(), but_for = ojson::object(), interactions = ojson::array();
    for (const auto& [group, value] : by_size(a.shapley)) shapley[group] = value;
    for (const auto& [group, value] : by_size(a.shapley)) but_for[group] = but_for_of(a, group);
    for (const auto& i : a.interactions) interactions.push_back({{"a", i.a}, {"b", i.b}, {"value", i.value}});
    series[a.series] = {{"start_value", a.start_value}, {"v_all", a.v_all},   {"v_none", a.v_none},
                        {"total_change", a.total_change}, {"drift", a.drift}, {"shapley", shapley},
                        {"but_for", but_for},             {"interactions", interactions}};
  }
  const int from = results.empty() ? 0 : results.front().from, to = results.empty() ? 0 : results.front().to;
  return {{"entente_version", ENTENTE_VERSION}, {"model", {{"spec", model_spec}}}, {"from", from}, {"to", to},
          {"series", series}};
}

output::Table attribution_tidy(const std::vector<analysis::Attribution>& results) {
  output::Table t{.columns = {"series", "kind", "name", "value"}};
  for (const auto& a : results) {
    for (const auto& [kind, value] : {std::pair<const char*, double>{"start_value", a.start_value},
                                      {"total_change", a.total_change},
                                      {"drift", a.drift},
                                      {"v_all", a.v_all},
                                      {"v_none", a.v_none}})
      t.add({a.series, kind, std::monostate{}, value});
    for (const auto& [group, value] : by_size(a.shapley)) t.add({a.series, "shapley", group, value});
    for (const auto& [group, value] : by_size(a.shapley)) t.add({a.series, "but_for", group, but_for_of(a, group)});
    for (const auto& i : a.interactions) t.add({a.series, "interaction", i.a + "+" + i.b, i.value});
  }
  return t;
}

// Per series: the window in words, the causes largest first with their share of the
// change and their but-for effects, and the three largest interactions.
std::vector<output::Table> attribution_text(const std::vector<analysis::Attribution>& results,
                                            const std::string& model_spec) {
  using output::rounded;
  std::vector<output::Table> out;
  for (const auto& a : results) {
    output::Table causes{
        .title = fmt::format("{}: {} → {} (model {})\n"
                             "value in {}: {}; with every cause: {}; with none: {}\n"
                             "change explained by the causes (v(all) − v(none)): {}; drift without them: {}\n"
                             "but-for: v(all) − v(all without the group); the Shapley values sum to the change, "
                             "the but-for effects need not\n",
                             a.series, a.from, a.to, model_spec, a.from, rounded(a.start_value), rounded(a.v_all),
                             rounded(a.v_none), rounded(a.total_change), rounded(a.drift)),
        .columns = {"cause group", "Shapley value", "share %", "but-for"},
        .decimals = {-1, 4, 1, 4}};
    for (const auto& [group, value] : by_size(a.shapley))
      causes.add({group, value, a.total_change != 0 ? output::Cell{100 * value / a.total_change} : std::monostate{},
                  but_for_of(a, group)});
    out.push_back(std::move(causes));
    output::Table pairs{.title = "largest interactions (Shapley interaction index)",
                        .columns = {"pair", "value"},
                        .decimals = {-1, 4}};
    for (std::size_t i = 0; i < a.interactions.size() && i < 3; ++i)
      pairs.add({a.interactions[i].a + " × " + a.interactions[i].b, a.interactions[i].value});
    if (!pairs.rows.empty()) out.push_back(std::move(pairs));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Policies side by side

std::vector<std::size_t> years_between(const sim::Run& run, int from, int to) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < run.years.size(); ++i)
    if (run.years[i] >= from && run.years[i] <= to) rows.push_back(i);
  return rows;
}

ojson retreat_json(const sim::Run& run) { return run.retreat_year ? ojson(*run.retreat_year) : ojson(nullptr); }

ojson comparison_json(const std::vector<analysis::PolicyRun>& runs, const std::vector<std::string>& series,
                      const std::vector<std::size_t>& rows) {
  ojson years = ojson::array(), policies = ojson::object();
  for (std::size_t i : rows) years.push_back(runs.front().run.years[i]);
  for (const auto& r : runs) {
    ojson values = ojson::object();
    for (const auto& name : series) {
      ojson v = ojson::array();
      for (std::size_t i : rows) v.push_back(r.run.at(name)[i]);
      values[name] = std::move(v);
    }
    policies[r.policy] = {{"series", values}, {"retreat_year", retreat_json(r.run)}};
  }
  return {{"entente_version", ENTENTE_VERSION},
          {"model", {{"spec", runs.front().run.model_spec}}},
          {"years", years},
          {"policies", policies}};
}

output::Table comparison_tidy(const std::vector<analysis::PolicyRun>& runs, const std::vector<std::string>& series,
                              const std::vector<std::size_t>& rows) {
  output::Table t{.columns = {"policy", "year", "series", "value"}};
  for (const auto& r : runs)
    for (std::size_t i : rows)
      for (const auto& name : series) t.add({r.policy, std::int64_t{r.run.years[i]}, name, r.run.at(name)[i]});
  return t;
}

// Per series a row per year and a column per policy; then when each retreats.
std::vector<output::Table> comparison_text(const std::vector<analysis::PolicyRun>& runs,
                                           const std::vector<std::string>& series,
                                           const std::vector<std::size_t>& rows) {
  std::vector<output::Table> out;
  const sim::Run& base = runs.front().run;
  for (const auto& name : series) {
    output::Table t{.title = fmt::format("{} by policy (model {})\n", name, base.model_spec), .columns = {"year"}};
    for (const auto& r : runs) t.columns.push_back(r.policy);
    t.decimals.assign(t.columns.size(), 4);
    for (std::size_t i : rows) {
      std::vector<output::Cell> row = {std::int64_t{base.years[i]}};
      for (const auto& r : runs) row.push_back(r.run.at(name)[i]);
      t.add(std::move(row));
    }
    out.push_back(std::move(t));
  }
  output::Table retreats{.title = "retreats into history", .columns = {"policy", "year"}};
  for (const auto& r : runs)
    retreats.add({r.policy, r.run.retreat_year ? output::Cell{std::int64_t{*r.run.retreat_year}} : output::Cell{"never"}});
  out.push_back(std::move(retreats));
  return out;
}

// ---------------------------------------------------------------------------------------
// Claims

// The share of sweep runs in which a claim held (times `scale`); missing without a sweep.
output::Cell share_of(const analysis::ClaimResult& c, double scale = 1) {
  if (c.runs == 0) return std::monostate{};
  return scale * c.share_of_runs();
}

ojson claims_json(const std::vector<analysis::ClaimResult>& claims) {
  ojson list = ojson::array();
  for (const auto& c : claims)
    list.push_back({{"id", c.id},
                    {"text", c.text},
                    {"holds", c.holds},
                    {"holds_baseline", c.holds_baseline},
                    {"share_of_runs", c.runs ? ojson(c.share_of_runs()) : ojson(nullptr)},
                    {"runs", c.runs},
                    {"terms", c.baseline_terms}});
  return list;
}

output::Table claims_tidy(const std::vector<analysis::ClaimResult>& claims) {
  output::Table t{.columns = {"id", "holds_baseline", "share_of_runs", "runs", "text"}};
  for (const auto& c : claims)
    t.add({c.id, c.holds_baseline ? "true" : "false", share_of(c), static_cast<std::int64_t>(c.runs), c.text});
  return t;
}

// Whether each claim holds, then what each tests and its terms' values on the baseline.
std::vector<output::Table> claims_text(const std::vector<analysis::ClaimResult>& claims) {
  output::Table verdicts{.title = "The essay's claims, as the model sees them\n",
                         .columns = {"claim", "baseline", "share of runs %", "runs", "statement"},
                         .decimals = {-1, -1, 0, -1, -1}};
  output::Table tests{.title = "what each claim tests (its terms on the baseline)",
                      .columns = {"claim", "holds when", "term", "value"}};
  for (const auto& c : claims) {
    verdicts.add({c.id, c.holds_baseline ? "holds" : "fails", share_of(c, 100), static_cast<std::int64_t>(c.runs), c.text});
    bool first = true;
    for (const auto& [term, value] : c.baseline_terms) {
      tests.add({first ? c.id : "", first ? c.holds : "", term, value});
      first = false;
    }
    if (first) tests.add({c.id, c.holds, std::monostate{}, std::monostate{}});
  }
  return {std::move(verdicts), std::move(tests)};
}

}  // namespace

std::string write_attribution(const std::vector<analysis::Attribution>& results, const std::string& model_spec,
                              Format format) {
  return output::render(output::Document{.text = attribution_text(results, model_spec),
                                         .tidy = attribution_tidy(results),
                                         .json = attribution_json(results, model_spec)},
                        format);
}

std::string write_comparison(const std::vector<analysis::PolicyRun>& runs, const std::vector<std::string>& series,
                             int from, int to, Format format) {
  const auto rows = years_between(runs.front().run, from, to);
  return output::render(output::Document{.text = comparison_text(runs, series, rows),
                                         .tidy = comparison_tidy(runs, series, rows),
                                         .json = comparison_json(runs, series, rows)},
                        format);
}

std::string write_claims(const std::vector<analysis::ClaimResult>& claims, Format format) {
  return output::render(
      output::Document{.text = claims_text(claims), .tidy = claims_tidy(claims), .json = claims_json(claims)}, format);
}

}  // namespace entente
