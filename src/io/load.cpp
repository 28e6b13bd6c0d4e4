#include <filesystem>

#include "io/files.h"
#include "io/forecast_io.h"
#include "io/scenario_io.h"
#include "io/text.h"

namespace entente {

namespace {

// The expected-utility table's first line is its header, starting with the column "actor";
// KTAB's layout starts with a scenario line (its "Actor,Description,..." header is line 2).
bool looks_like_position_table(std::string_view content) {
  if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  const auto first = content.substr(0, content.find_first_of("\r\n"));
  return text::lower(text::trim(first.substr(0, first.find(',')))) == "actor";
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  const std::string content = read_file(path);
  const std::string ext = text::lower(std::filesystem::path(path).extension().string());
  if (ext == ".yaml" || ext == ".yml") return read_yaml_scenario(content, path);
  if (ext == ".json") return read_forecast_json(content, path).scenario;  // rerun a result
  if (ext == ".csv" || ext == ".txt")
    return looks_like_position_table(content) ? read_position_table(content, path)
                                              : read_ktab_csv(content, path);
  throw InputError(path, 0, "", "unknown file type '" + ext +
                                    "': expected .yaml/.yml (Entente), .csv (KTAB SMP or actor table) or .json (an Entente forecast)");
}

}  // namespace entente
