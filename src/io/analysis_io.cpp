#include "io/analysis_io.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace entente {

namespace {

using nlohmann::json;

std::string to_json(const std::vector<analysis::Attribution>& results, const std::string& model_spec) {
  json series = json::object();
  for (const auto& a : results) {
    json shapley = json::object(), interactions = json::array();
    for (const auto& [group, value] : a.shapley) shapley[group] = value;
    for (const auto& i : a.interactions) interactions.push_back({{"a", i.a}, {"b", i.b}, {"value", i.value}});
    series[a.series] = {{"start_value", a.start_value}, {"v_all", a.v_all},   {"v_none", a.v_none},
                        {"total_change", a.total_change}, {"drift", a.drift}, {"shapley", shapley},
                        {"interactions", interactions}};
  }
  const int from = results.empty() ? 0 : results.front().from, to = results.empty() ? 0 : results.front().to;
  return json{{"entente_version", ENTENTE_VERSION}, {"model", {{"spec", model_spec}}}, {"from", from}, {"to", to},
              {"series", series}}
             .dump(1) +
         "\n";
}

std::string to_csv(const std::vector<analysis::Attribution>& results) {
  std::string out = "series,kind,name,value\n";
  for (const auto& a : results) {
    out += fmt::format("{},start_value,,{:.17g}\n{},total_change,,{:.17g}\n{},drift,,{:.17g}\n", a.series,
                       a.start_value, a.series, a.total_change, a.series, a.drift);
    for (const auto& [group, value] : a.shapley) out += fmt::format("{},shapley,{},{:.17g}\n", a.series, group, value);
    for (const auto& i : a.interactions)
      out += fmt::format("{},interaction,{}+{},{:.17g}\n", a.series, i.a, i.b, i.value);
  }
  return out;
}

std::string to_table(const std::vector<analysis::Attribution>& results, const std::string& model_spec) {
  std::string out;
  for (const auto& a : results) {
    out += fmt::format("{}: {} → {} (model {})\n", a.series, a.from, a.to, model_spec);
    out += fmt::format("  value in {}: {:.4f}   with every cause: {:.4f}   with none: {:.4f}\n", a.from,
                       a.start_value, a.v_all, a.v_none);
    out += fmt::format("  change explained by the causes (v(all) − v(none)): {:+.4f}; drift without them: {:+.4f}\n\n",
                       a.total_change, a.drift);
    out += "  cause group        Shapley value   share\n";
    for (const auto& [group, value] : a.shapley) {
      const std::string share =
          a.total_change != 0 ? fmt::format("{:>6.1f} %", 100 * value / a.total_change) : std::string("     —");
      out += fmt::format("  {:<18} {:>+13.4f}  {}\n", group, value, share);
    }
    out += "\n  largest interactions (Shapley interaction index)\n";
    for (std::size_t i = 0; i < a.interactions.size() && i < 3; ++i)
      out += fmt::format("  {:<18} {:>+13.4f}\n", a.interactions[i].a + " × " + a.interactions[i].b,
                         a.interactions[i].value);
    out += "\n";
  }
  return out;
}

std::vector<std::size_t> years_between(const sim::Run& run, int from, int to) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < run.years.size(); ++i)
    if (run.years[i] >= from && run.years[i] <= to) rows.push_back(i);
  return rows;
}

std::string comparison_table(const std::vector<analysis::PolicyRun>& runs, const std::vector<std::string>& series,
                             const std::vector<std::size_t>& rows) {
  std::string out;
  const sim::Run& base = runs.front().run;
  for (const auto& name : series) {
    out += fmt::format("{} by policy (model {})\n\nyear ", name, base.model_spec);
    for (const auto& r : runs) out += fmt::format(" {:>18}", r.policy);
    out += "\n";
    for (std::size_t i : rows) {
      out += fmt::format("{:<5}", base.years[i]);
      for (const auto& r : runs) out += fmt::format(" {:>18.4f}", r.run.at(name)[i]);
      out += "\n";
    }
    out += "\n";
  }
  out += "retreats into history:\n";
  for (const auto& r : runs)
    out += fmt::format("  {:<20} {}\n", r.policy, r.run.retreat_year ? std::to_string(*r.run.retreat_year) : "never");
  return out;
}

}  // namespace

std::string write_comparison(const std::vector<analysis::PolicyRun>& runs, const std::vector<std::string>& series,
                             int from, int to, Format format) {
  const auto rows = years_between(runs.front().run, from, to);
  if (format == Format::Table) return comparison_table(runs, series, rows);
  if (format == Format::Csv) {
    std::string out = "policy,year,series,value\n";
    for (const auto& r : runs)
      for (std::size_t i : rows)
        for (const auto& name : series)
          out += fmt::format("{},{},{},{:.17g}\n", r.policy, r.run.years[i], name, r.run.at(name)[i]);
    return out;
  }
  json years = json::array(), policies = json::object();
  for (std::size_t i : rows) years.push_back(runs.front().run.years[i]);
  for (const auto& r : runs) {
    json values = json::object();
    for (const auto& name : series) {
      json v = json::array();
      for (std::size_t i : rows) v.push_back(r.run.at(name)[i]);
      values[name] = std::move(v);
    }
    policies[r.policy] = {{"series", values},
                          {"retreat_year", r.run.retreat_year ? json(*r.run.retreat_year) : json(nullptr)}};
  }
  return json{{"entente_version", ENTENTE_VERSION},
              {"model", {{"spec", runs.front().run.model_spec}}},
              {"years", years},
              {"policies", policies}}
             .dump(1) +
         "\n";
}

std::string write_claims(const std::vector<analysis::ClaimResult>& claims, Format format) {
  if (format == Format::Json) {
    json list = json::array();
    for (const auto& c : claims)
      list.push_back({{"id", c.id},
                      {"text", c.text},
                      {"holds", c.holds},
                      {"holds_baseline", c.holds_baseline},
                      {"share_of_runs", c.runs ? json(c.share_of_runs()) : json(nullptr)},
                      {"runs", c.runs},
                      {"terms", c.baseline_terms}});
    return list.dump(1) + "\n";
  }
  if (format == Format::Csv) {
    std::string out = "id,holds_baseline,share_of_runs,runs,text\n";
    for (const auto& c : claims)
      out += fmt::format("{},{},{},{},\"{}\"\n", c.id, c.holds_baseline ? "true" : "false",
                         c.runs ? fmt::format("{:.17g}", c.share_of_runs()) : std::string(), c.runs, c.text);
    return out;
  }
  std::string out = "The essay's claims, as the model sees them\n\n";
  out += fmt::format("  {:<26} {:<9} {:>14}  {}\n", "claim", "baseline", "share of runs", "statement");
  for (const auto& c : claims) {
    const std::string share = c.runs ? fmt::format("{:.0f} % of {}", 100 * c.share_of_runs(), c.runs) : "—";
    out += fmt::format("  {:<26} {:<9} {:>14}  {}\n", c.id, c.holds_baseline ? "holds" : "fails", share, c.text);
  }
  out += "\n";
  for (const auto& c : claims) {
    out += fmt::format("  {}: {}  where", c.id, c.holds);
    bool first = true;
    for (const auto& [name, value] : c.baseline_terms) {
      out += fmt::format("{} {} = {:.4g}", first ? "" : ",", name, value);
      first = false;
    }
    out += "\n";
  }
  return out;
}

std::string write_attribution(const std::vector<analysis::Attribution>& results, const std::string& model_spec,
                              Format format) {
  switch (format) {
    case Format::Json: return to_json(results, model_spec);
    case Format::Csv: return to_csv(results);
    case Format::Table: return to_table(results, model_spec);
  }
  return "";
}

}  // namespace entente
