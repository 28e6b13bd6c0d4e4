// Every state's yearly series by Correlates of War code, read from the world data files in
// data/world/ (provenance: data/world/README.md): capabilities, democracy, GDP, UN ideal
// points and US troops hosted. A year without a value is reported, never filled with zero;
// a scenario says how to fill it (`missing:`), and the filling is reported too.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_table.h"

namespace entente::io {

// The series a state's COW code loads. One row of world_series_table() per member.
enum class Series { capability, democracy, gdp, ideal_point, us_troops };

struct SeriesInfo {
  Series series;
  std::string_view name;    // as written in scenario files (`missing: {ideal_point: carry}`)
  std::string_view file;    // in the world data folder
  std::string_view column;  // the value's column; rows are keyed by `ccode` and `year`
  std::optional<double> missing_code;  // a number the source uses for "no value" (NMC: -9)
  bool exp_minus_one;       // the file holds ln(x + 1): the value is exp(v) − 1
  std::string_view source;  // the data set, for messages and docs
  std::string_view coverage;  // the years the source covers, for messages
};

const std::array<SeriesInfo, 5>& world_series_table();
const SeriesInfo& info(Series s);
// The series named `name`, if any (names as in world_series_table()).
std::optional<Series> parse_series(std::string_view name);

// How a year without a value in the scenario's span is treated. `error` (the default): it is
// an InputError. `carry`: it takes the last earlier value (from before the span too); a gap
// with no earlier value stays an error. `interpolate`: linear between the nearest earlier and
// later values; a gap open at either end stays an error.
enum class Missing { error, carry, interpolate };
inline constexpr auto kMissingRules =
    enum_table<Missing>({{Missing::error, "error"}, {Missing::carry, "carry"}, {Missing::interpolate, "interpolate"}});

// One world data file, parsed once per process: its header and rows, indexed by ccode.
struct WorldTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::map<int, std::vector<std::size_t>> rows_of;  // ccode → row indices, in file order

  // The column's index; throws InputError naming the file when there is none.
  std::size_t column(std::string_view name) const;
};

// The table at `path`, read and parsed the first time it is asked for and shared afterwards
// (a cache keyed by the path's absolute form). Safe to call from several threads. Throws
// InputError naming the path when the file is missing or is not CSV.
std::shared_ptr<const WorldTable> world_table(const std::filesystem::path& path);

// A state of the data: COW code, NMC abbreviation, and a name (UN voting or troop data; the
// abbreviation when neither has one).
struct StateName {
  int ccode = 0;
  std::string abb, name;
  // "740 Japan (JPN)".
  std::string label() const;
};

// Every state of NMC 6.0 (the COW state system, 1816–2016), by code.
const std::map<int, StateName>& world_states(const std::filesystem::path& root);
// The state with code `ccode`; throws InputError (field "cow") naming the nearest code or
// name when there is none.
const StateName& world_state(const std::filesystem::path& root, int ccode);
// " (did you mean 740 Japan (JPN)?)" for a mistyped code or a state's name or abbreviation
// written in place of its code; "" when nothing is near.
std::string state_hint(const std::filesystem::path& root, std::string_view written);

// A state's values of one series, every year the source has one (missing codes, `NA` and
// empty fields are left out), back-transformed where the file is logged.
struct YearlyValues {
  Series series;
  StateName state;
  std::string file;  // the data file's path
  std::map<int, double> by_year;
};
YearlyValues world_values(const std::filesystem::path& root, int ccode, Series s);

// One value per year from `first` to `last`, with the gaps filled by `rule`; `filled` lists
// the years a rule filled, `missing` those left without a value (the caller reports them;
// their entries in `values` are NaN).
struct YearlySeries {
  YearlyValues data;
  int first = 0, last = 0;
  std::vector<double> values;
  std::vector<int> filled, missing;
};
YearlySeries fill_years(YearlyValues data, int first, int last, Missing rule);

// A state's series from `first` to `last` with no gap: throws InputError naming the file, the
// state, the series and the missing years unless `rule` fills them. For analyses that build
// scenarios from the data (every alliance since 1946).
std::vector<double> world_series(const std::filesystem::path& root, int ccode, Series s, int first, int last,
                                 Missing rule = Missing::error);

// "1943–1951, 1960": sorted years with runs compressed.
std::string year_runs(const std::vector<int>& years);

// The world data folder for a scenario file: `written` (the scenario's `world.data`, relative
// to the file's folder) when given, else the nearest `data/world` in the file's folder or one
// of the folders above it. Throws InputError (field "world.data") when there is none.
std::filesystem::path world_root(const std::string& scenario_file, const std::string& written);

}  // namespace entente::io
