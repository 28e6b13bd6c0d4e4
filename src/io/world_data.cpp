// The world data files by COW code (world_data.h).
#include "io/world_data.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <mutex>

#include "core/error.h"
#include "core/spelling.h"
#include "io/files.h"
#include "io/text.h"

namespace entente::io {

namespace {

constexpr std::array<SeriesInfo, 5> kSeries{{
    {.series = Series::capability, .name = "capability", .file = "nmc60_all.csv", .column = "cinc",
     .missing_code = -9.0, .exp_minus_one = false, .source = "COW NMC 6.0 cinc", .coverage = "1816–2016"},
    {.series = Series::democracy, .name = "democracy", .file = "democracy_all.csv", .column = "v2x_polyarchy",
     .missing_code = std::nullopt, .exp_minus_one = false, .source = "V-Dem v10 v2x_polyarchy",
     .coverage = "to 2019"},
    {.series = Series::gdp, .name = "gdp", .file = "sdp_gdp_all.csv", .column = "wbgdp2011est",
     .missing_code = std::nullopt, .exp_minus_one = true,
     .source = "Anders, Fariss & Markowitz 2020 wbgdp2011est (2011 USD), back-transformed exp(x) − 1",
     .coverage = "1800–2015"},
    {.series = Series::ideal_point, .name = "ideal_point", .file = "unga_ideal_points.csv",
     .column = "IdealPointAll", .missing_code = std::nullopt, .exp_minus_one = false,
     .source = "Bailey, Strezhnev & Voeten 2017 IdealPointAll (UNGA sessions, year = session + 1945)",
     .coverage = "1946–2023, no 1964 session"},
    {.series = Series::us_troops, .name = "us_troops", .file = "us_troops_all.csv", .column = "troops",
     .missing_code = std::nullopt, .exp_minus_one = false, .source = "troopdata 1.0.4.9000 troops",
     .coverage = "1950–2023"},
}};

// The world data folder's NMC file: the list of states.
constexpr std::string_view kStatesFile = "nmc60_all.csv";

struct Cache {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const WorldTable>> tables;
  std::map<std::string, std::shared_ptr<const std::map<int, StateName>>> states;  // by root
};

Cache& cache() {
  static Cache c;
  return c;
}

std::string key_of(const std::filesystem::path& p) {
  std::error_code ec;
  const auto abs = std::filesystem::absolute(p, ec);
  return (ec ? p : abs).lexically_normal().string();
}

std::shared_ptr<const WorldTable> parse_table(const std::string& path) {
  auto t = std::make_shared<WorldTable>();
  t->path = path;
  std::string content;
  try {
    content = read_file(path);
  } catch (const InputError&) {
    throw InputError(path, 0, "world.data", "cannot read the world data file '" + path +
                                                "' (data/world/README.md lists the files and their sources)");
  }
  auto rows = text::split_csv(content, path);
  if (rows.empty()) throw InputError(path, 0, "world.data", "the world data file is empty");
  t->header = std::move(rows[0].fields);
  const std::size_t ccode = t->column("ccode");
  t->rows.reserve(rows.size() - 1);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto& f = rows[i].fields;
    if (f.size() != t->header.size())
      throw InputError(path, rows[i].line, "row", "expected as many fields as the header");
    double code = 0;
    if (!text::parse_number(f[ccode], code) || code != std::floor(code))
      throw InputError(path, rows[i].line, "ccode", "expected a COW code, found '" + f[ccode] + "'");
    t->rows_of[static_cast<int>(code)].push_back(t->rows.size());
    t->rows.push_back(std::move(f));
  }
  return t;
}

std::shared_ptr<const std::map<int, StateName>> read_states(const std::filesystem::path& root) {
  auto out = std::make_shared<std::map<int, StateName>>();
  const auto nmc = world_table(root / kStatesFile);
  const std::size_t abb = nmc->column("stateabb");
  for (const auto& [code, rows] : nmc->rows_of) (*out)[code] = {code, nmc->rows[rows.front()][abb], ""};
  // Names: the UN voting file's, else the troop file's, else the abbreviation.
  for (const auto& [file, column] : {std::pair{"unga_ideal_points.csv", "Countryname"}, {"us_troops_all.csv", "countryname"}}) {
    const auto t = world_table(root / file);
    const std::size_t c = t->column(column);
    for (const auto& [code, rows] : t->rows_of)
      if (auto it = out->find(code); it != out->end() && it->second.name.empty()) it->second.name = t->rows[rows.back()][c];
  }
  for (auto& [code, s] : *out)
    if (s.name.empty()) s.name = s.abb;
  return out;
}

}  // namespace

const std::array<SeriesInfo, 5>& world_series_table() { return kSeries; }

const SeriesInfo& info(Series s) {
  for (const auto& row : kSeries)
    if (row.series == s) return row;
  throw std::logic_error("a series without a row in world_series_table()");
}

std::optional<Series> parse_series(std::string_view name) {
  for (const auto& row : kSeries)
    if (row.name == name) return row.series;
  return std::nullopt;
}

std::size_t WorldTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw InputError(path, 1, std::string(name), "the world data file has no column '" + std::string(name) + "'");
}

std::shared_ptr<const WorldTable> world_table(const std::filesystem::path& path) {
  const std::string key = key_of(path);
  Cache& c = cache();
  std::lock_guard lock(c.mutex);  // held while parsing, so each file is read once
  auto& slot = c.tables[key];
  if (!slot) {
    try {
      slot = parse_table(key);
    } catch (...) {
      c.tables.erase(key);
      throw;
    }
  }
  return slot;
}

std::string StateName::label() const {
  return name == abb ? fmt::format("{} {}", ccode, abb) : fmt::format("{} {} ({})", ccode, name, abb);
}

const std::map<int, StateName>& world_states(const std::filesystem::path& root) {
  const std::string key = key_of(root);
  {
    std::lock_guard lock(cache().mutex);
    if (auto it = cache().states.find(key); it != cache().states.end()) return *it->second;
  }
  auto states = read_states(root);  // reads through world_table(), which takes the lock itself
  std::lock_guard lock(cache().mutex);
  return *cache().states.emplace(key, std::move(states)).first->second;
}

std::string state_hint(const std::filesystem::path& root, std::string_view written) {
  const auto& states = world_states(root);
  std::vector<std::string> codes, names;
  std::vector<int> code_of_name;
  for (const auto& [code, s] : states) {
    codes.push_back(std::to_string(code));
    for (const std::string* n : {&s.abb, &s.name}) {
      names.push_back(*n);
      code_of_name.push_back(code);
    }
  }
  const auto as = [&](int code) { return " (did you mean " + states.at(code).label() + "?)"; };
  for (std::size_t i = 0; i < names.size(); ++i)
    if (text::lower(names[i]) == text::lower(written)) return as(code_of_name[i]);
  if (const auto near = nearest_name(written, codes)) return as(std::stoi(*near));
  if (const auto near = nearest_name(written, names))
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == *near) return as(code_of_name[i]);
  return "";
}

const StateName& world_state(const std::filesystem::path& root, int ccode) {
  const auto& states = world_states(root);
  if (auto it = states.find(ccode); it != states.end()) return it->second;
  throw InputError((root / kStatesFile).string(), 0, "cow",
                   "no state has COW code " + std::to_string(ccode) + " in NMC 6.0" + state_hint(root, std::to_string(ccode)));
}

YearlyValues world_values(const std::filesystem::path& root, int ccode, Series s) {
  const SeriesInfo& si = info(s);
  YearlyValues out{s, world_state(root, ccode), (root / si.file).string(), {}};
  const auto t = world_table(root / si.file);
  const std::size_t year = t->column("year"), value = t->column(si.column);
  const auto rows = t->rows_of.find(ccode);
  if (rows == t->rows_of.end()) return out;
  for (std::size_t r : rows->second) {
    const auto& f = t->rows[r];
    double y = 0, v = 0;
    if (!text::parse_number(f[year], y) || y != std::floor(y))
      throw InputError(t->path, 0, "year", "expected a year, found '" + f[year] + "' (ccode " + std::to_string(ccode) + ")");
    // `NA`, empty fields and the source's missing code are years without a value.
    if (!text::parse_number(f[value], v) || (si.missing_code && v == *si.missing_code)) continue;
    if (si.exp_minus_one) v = std::expm1(v);
    if (!out.by_year.emplace(static_cast<int>(y), v).second)
      throw InputError(t->path, 0, "year", fmt::format("two rows for ccode {} in {}", ccode, y));
  }
  return out;
}

YearlySeries fill_years(YearlyValues data, int first, int last, Missing rule) {
  YearlySeries out{std::move(data), first, last, {}, {}, {}};
  const auto& by_year = out.data.by_year;
  for (int y = first; y <= last; ++y) {
    if (auto it = by_year.find(y); it != by_year.end()) { out.values.push_back(it->second); continue; }
    const auto after = by_year.upper_bound(y);
    const bool has_before = after != by_year.begin(), has_after = after != by_year.end();
    double v = std::numeric_limits<double>::quiet_NaN();
    switch (rule) {
      case Missing::error: break;
      case Missing::carry:
        if (has_before) v = std::prev(after)->second;
        break;
      case Missing::interpolate:
        if (has_before && has_after) {
          const auto before = std::prev(after);
          const double w = static_cast<double>(y - before->first) / (after->first - before->first);
          v = before->second + w * (after->second - before->second);
        }
        break;
    }
    (std::isnan(v) ? out.missing : out.filled).push_back(y);
    out.values.push_back(v);
  }
  return out;
}

std::string year_runs(const std::vector<int>& years) {
  std::string out;
  for (std::size_t i = 0; i < years.size();) {
    std::size_t j = i;
    while (j + 1 < years.size() && years[j + 1] == years[j] + 1) ++j;
    out += (out.empty() ? "" : ", ") + (j == i ? std::to_string(years[i]) : fmt::format("{}–{}", years[i], years[j]));
    i = j + 1;
  }
  return out;
}

std::vector<double> world_series(const std::filesystem::path& root, int ccode, Series s, int first, int last,
                                 Missing rule) {
  YearlySeries y = fill_years(world_values(root, ccode, s), first, last, rule);
  if (!y.missing.empty()) {
    const SeriesInfo& si = info(s);
    throw InputError(y.data.file, 0, std::string(si.name),
                     fmt::format("no {} ({}, column {}; {}) for {} in {}", si.name, si.source, si.column, si.coverage,
                                 y.data.state.label(), year_runs(y.missing)));
  }
  return y.values;
}

std::filesystem::path world_root(const std::string& scenario_file, const std::string& written) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::absolute(fs::path(scenario_file), ec).parent_path();
  if (!written.empty()) {
    const fs::path root = (dir / written).lexically_normal();
    if (!fs::is_directory(root, ec))
      throw InputError(scenario_file, 0, "world.data", "the world data folder '" + root.string() + "' does not exist");
    return root;
  }
  for (fs::path p = dir;; p = p.parent_path()) {
    if (fs::is_directory(p / "data" / "world", ec)) return p / "data" / "world";
    if (p == p.parent_path()) break;
  }
  throw InputError(scenario_file, 0, "world.data",
                   "no data/world folder in '" + dir.string() +
                       "' or a folder above it; give its path with world: {data: PATH} (relative to this file)");
}

}  // namespace entente::io
