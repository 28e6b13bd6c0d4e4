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

}  // namespace

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
