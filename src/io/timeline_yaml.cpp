// Time-stepped scenario files: Entente's YAML scenario plus a time span, data series read
// from CSV tables, the alliance, and dated events with cause tags and sources.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <tuple>
#include <type_traits>
#include <variant>

#include "core/spelling.h"
#include "io/files.h"
#include "io/timeline_io.h"
#include "io/world_data.h"
#include "io/yaml_reader.h"
#include "sim/sample.h"

namespace entente {

namespace {

using sim::Effect;
namespace effect = sim::effect;
using sim::Event;
using sim::TimeScenario;
using yaml::Reader;

// year → value for each key of one data table.
using SeriesTable = std::map<std::string, std::map<int, double>>;

// `missing:` as written: one rule for every series, and rules by series.
struct MissingRules {
  std::optional<io::Missing> all;
  std::map<io::Series, io::Missing> by_series;

  std::optional<io::Missing> of(io::Series s) const {
    if (auto it = by_series.find(s); it != by_series.end()) return it->second;
    return all;
  }
};

// The world data (`cow:` codes): where it is and how its gaps are treated by default.
struct World {
  std::string written;  // world.data as written, "" = the nearest data/world above the file
  YAML::Node at;        // world.data's node, for diagnostics
  MissingRules missing;
  std::optional<std::filesystem::path> root;
  bool failed = false;  // the folder could not be found (reported once)
};

struct Context {
  Reader r;
  std::filesystem::path dir;  // the scenario file's folder; data paths are relative to it
  std::map<std::string, SeriesTable> series;
  World world;
  TimeScenario t;
  std::vector<std::string> holder_names;  // actors, then factions
  std::vector<std::vector<std::string>> factions_of;
  bool alliance_ok = false;  // the patron, client and adversary were read
  bool unresolved = false;   // the change being read names what could not be read
  explicit Context(const std::string& file) : r(file) {}

  // Where `field` is written, for the checks that run after reading.
  void located(const std::string& field, const YAML::Node& at) {
    if (at) t.scenario.provenance.lines[field] = Reader::line(at);
  }
};

int whole(Context& c, const YAML::Node& map, const char* key, const std::string& field, int fallback, bool required) {
  const double x = c.r.number(map, key, field, fallback, required);
  if (x != std::floor(x) || std::abs(x) > 1e6) {
    c.r.error(map[key], field, "expected a whole number");
    return fallback;
  }
  return static_cast<int>(x);
}

// A list of names (cause tags, factions, events); an entry that is not a name is reported.
std::vector<std::string> read_names(Context& c, const YAML::Node& list, const std::string& field, const char* what) {
  std::vector<std::string> out;
  if (!list.IsSequence()) { c.r.error(list, field, std::string("expected a list of ") + what); return out; }
  for (const auto& n : list) {
    if (n.IsScalar()) out.push_back(n.Scalar());
    else c.r.error(n, field, std::string("expected a list of ") + what);
  }
  return out;
}

// ------------------------------------------------------------------------------ series

SeriesTable read_series_table(Context& c, const YAML::Node& spec, const std::string& name) {
  const std::string field = "series." + name;
  c.r.only_keys(spec, field, {"file", "key", "value", "year", "missing", "source"});
  const std::string file = c.r.string(spec, "file", field + ".file", true);
  const std::string key = c.r.string(spec, "key", field + ".key", true);
  const std::string value = c.r.string(spec, "value", field + ".value", true);
  const std::string year = spec["year"] ? c.r.string(spec, "year", field + ".year", false) : "year";
  const bool has_missing = static_cast<bool>(spec["missing"]);
  const double missing = c.r.number(spec, "missing", field + ".missing", 0, false);
  SeriesTable table;
  // A table that cannot be read is marked, so that what reads from it says nothing more.
  const auto unread = [&] { c.r.skip(field); return table; };
  if (file.empty() || key.empty() || value.empty()) return unread();
  const std::string path = (c.dir / file).string();
  std::string content;
  try {
    content = read_file(path);
  } catch (const InputError&) {
    c.r.error(spec["file"], field + ".file", "cannot read the data file '" + path + "'");
    return unread();
  }
  const auto rows = text::split_csv(content, path);
  if (rows.empty()) { c.r.error(spec["file"], field + ".file", "the data file '" + path + "' is empty"); return unread(); }
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].fields.size(); ++i) col[rows[0].fields[i]] = i;
  for (const std::string* needed : {&key, &year, &value})
    if (!col.count(*needed)) {
      c.r.error(spec, field, "the data file '" + path + "' has no column '" + *needed + "'");
      return unread();
    }
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i].fields;
    double y = 0, v = 0;
    if (f.size() != rows[0].fields.size()) {
      c.r.errors().push_back({path, rows[i].line, "row", "expected as many fields as the header"});
      continue;
    }
    if (!text::parse_number(f[col[year]], y)) {
      c.r.errors().push_back({path, rows[i].line, year, "expected a year"});
      continue;
    }
    // "NA" and the declared missing code are gaps, filled by the rule in fill_years.
    if (!text::parse_number(f[col[value]], v) || (has_missing && v == missing)) continue;
    table[f[col[key]]][static_cast<int>(y)] = v;
  }
  return table;
}

// Per year from start to end. Gaps take the last value before them (or the first after,
// at the start): a stated rule, reported in docs/timeline-format.md.
std::vector<double> fill_years(const std::map<int, double>& data, int start, int end) {
  std::vector<double> out;
  for (int y = start; y <= end; ++y) {
    auto it = data.upper_bound(y);
    if (it == data.begin()) out.push_back(it->second);
    else out.push_back(std::prev(it)->second);
  }
  return out;
}

// A number, or {series: NAME, key: KEY[, chain_link_after: YEAR][, scale: X]}. When it cannot
// be read, `fallback` in every year, with the field marked as reported.
std::vector<double> read_yearly(Context& c, const YAML::Node& node, const std::string& field, double fallback) {
  const int start = c.t.start_year, end = c.t.end_year;
  const auto every_year = [&](double x) { return std::vector<double>(static_cast<std::size_t>(std::max(0, end - start + 1)), x); };
  const auto unread = [&] { c.r.skip(field); return every_year(fallback); };
  c.located(field, node);
  if (!node) return every_year(fallback);
  if (node.IsScalar()) {
    double x = 0;
    if (!text::parse_number(node.Scalar(), x)) {
      c.r.error(node, field, "expected a number or {series: …, key: …}, found '" + node.Scalar() + "'");
      return unread();
    }
    return every_year(x);
  }
  if (!node.IsMap()) { c.r.error(node, field, "expected a number or {series: …, key: …}"); return unread(); }
  c.r.only_keys(node, field, {"series", "key", "chain_link_after", "scale"});
  const std::string name = c.r.string(node, "series", field + ".series", true);
  const std::string key = c.r.string(node, "key", field + ".key", true);
  if (name.empty() || key.empty()) return unread();
  auto s = c.series.find(name);
  if (s == c.series.end()) {
    if (!c.r.reported("series." + name)) c.r.error(node["series"], field + ".series", "no series '" + name + "' under series:");
    return unread();
  }
  auto k = s->second.find(key);
  if (k == s->second.end() || k->second.empty()) {
    if (!c.r.reported("series." + name))
      c.r.error(node["key"], field + ".key", "series '" + name + "' has no values for '" + key + "'");
    return unread();
  }
  std::map<int, double> data = k->second;
  if (node["chain_link_after"]) {
    // A break in a source's method after year B: later values are rescaled by v(B)/v(B+1) so
    // that the series continues from B without the step the break introduced.
    const int b = whole(c, node, "chain_link_after", field + ".chain_link_after", 0, true);
    if (!data.count(b) || !data.count(b + 1) || data.at(b + 1) == 0) {
      c.r.error(node["chain_link_after"], field, "chain linking needs values in both " + std::to_string(b) +
                                                     " and " + std::to_string(b + 1));
      return unread();
    } else {
      const double ratio = data.at(b) / data.at(b + 1);
      for (auto& [y, v] : data)
        if (y > b) v *= ratio;
    }
  }
  const double scale = c.r.number(node, "scale", field + ".scale", 1, false);
  std::vector<double> out = fill_years(data, start, end);
  for (auto& v : out) v *= scale;
  return out;
}

// ------------------------------------------------------------------------- world data

// `missing: carry` (every series) or `missing: {ideal_point: interpolate, …}`.
MissingRules read_missing(Context& c, const YAML::Node& node, const std::string& field) {
  MissingRules out;
  std::vector<std::string> series;
  for (const auto& row : io::world_series_table()) series.emplace_back(row.name);
  const std::string rules = io::kMissingRules.joined(", ");
  const auto rule = [&](const YAML::Node& n, const std::string& f) -> std::optional<io::Missing> {
    const auto m = n.IsScalar() ? io::kMissingRules.find(n.Scalar()) : std::nullopt;
    if (!m) c.r.error(n, f, "expected " + rules + (n.IsScalar() ? did_you_mean(n.Scalar(), io::kMissingRules.names()) : ""));
    return m;
  };
  if (!node) return out;
  if (node.IsScalar()) { out.all = rule(node, field); return out; }
  if (!node.IsMap()) { c.r.error(node, field, "expected a rule (" + rules + ") or series: rule pairs"); return out; }
  for (const auto& kv : node) {
    const std::string name = kv.first.as<std::string>();
    const auto s = io::parse_series(name);
    if (!s) { c.r.error(kv.first, field + "." + name, "unknown series" + name_hint(name, series)); continue; }
    if (const auto m = rule(kv.second, field + "." + name)) out.by_series[*s] = *m;
  }
  return out;
}

// `world: {data: PATH, missing: RULES}`.
void read_world(Context& c, const YAML::Node& node) {
  if (!node) return;
  if (!node.IsMap()) { c.r.error(node, "world", "expected {data: PATH, missing: RULE}"); return; }
  c.r.only_keys(node, "world", {"data", "missing"});
  c.world.written = c.r.string(node, "data", "world.data", false);
  c.world.at = node["data"] ? node["data"] : node;
  c.world.missing = read_missing(c, node["missing"], "world.missing");
}

// The world data folder, found once; nullopt (reported once) when there is none.
std::optional<std::filesystem::path> world_root(Context& c, const YAML::Node& at) {
  if (!c.world.root && !c.world.failed) {
    try {
      c.world.root = io::world_root(c.r.file(), c.world.written);
    } catch (const InputError& e) {
      c.world.failed = true;
      c.r.error(c.world.at ? c.world.at : at, "world.data", e.diagnostics().front().message);
    }
  }
  return c.world.root;
}

// A COW code: `cow: 740` or `cow: {code: 740, missing: RULES}`. 0 when it cannot be read or
// names no state of the data (reported).
int read_cow(Context& c, const YAML::Node& node, const std::string& field, MissingRules& missing) {
  YAML::Node code = node;
  if (node.IsMap()) {
    c.r.only_keys(node, field, {"code", "missing"});
    code = node["code"];
    missing = read_missing(c, node["missing"], field + ".missing");
    if (!code) { c.r.error(node, field + ".code", "missing 'code'"); return 0; }
  }
  double x = 0;
  const bool number = code.IsScalar() && text::parse_number(code.Scalar(), x) && x == std::floor(x) && x > 0 && x < 1e4;
  const auto root = world_root(c, code);
  if (!root) return 0;
  try {
    if (!number) {
      const std::string written = code.IsScalar() ? code.Scalar() : "";
      c.r.error(code, field, "expected a COW state code (a whole number), found '" + written + "'" +
                                 io::state_hint(*root, written));
      return 0;
    }
    io::world_state(*root, static_cast<int>(x));
    return static_cast<int>(x);
  } catch (const InputError& e) {
    c.r.error(code, field, e.diagnostics().front().message);
  }
  return 0;
}

// A state's series from the world data over the scenario's span, gaps filled by the rule
// (the state's, else the scenario's `world.missing`, else none). A year left without a value
// is an error naming the file, the state, the series and the years; filled years are noted.
std::vector<double> world_yearly(Context& c, const YAML::Node& at, const std::string& field, int ccode, io::Series s,
                                 const MissingRules& own) {
  const int start = c.t.start_year, end = c.t.end_year;
  std::vector<double> fallback(static_cast<std::size_t>(std::max(0, end - start + 1)), 0.0);
  c.located(field, at);
  const auto root = ccode > 0 ? world_root(c, at) : std::nullopt;
  if (!root) { c.r.skip(field); return fallback; }
  const auto rule = own.of(s) ? *own.of(s) : c.world.missing.of(s).value_or(io::Missing::error);
  const io::SeriesInfo& si = io::info(s);
  try {
    io::YearlySeries y = io::fill_years(io::world_values(*root, ccode, s), start, end, rule);
    const std::string what = fmt::format("{} of {} ({}, column {} of {})", si.name, y.data.state.label(), si.source,
                                         si.column, y.data.file);
    if (!y.missing.empty()) {
      c.r.error(at, field, fmt::format("no {} in {} (the source covers {}); say how to fill them with missing: carry "
                                       "or interpolate, or shorten the time span",
                                       what, io::year_runs(y.missing), si.coverage));
      return fallback;
    }
    if (!y.filled.empty())
      c.t.notes.push_back({c.r.file(), Reader::line(at), field,
                           fmt::format("note: {} has no value in {}; filled by missing: {}", what, io::year_runs(y.filled),
                                       io::kMissingRules.name(rule))});
    return y.values;
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) {
      if (d.line > 0) c.r.errors().push_back(d);
      else c.r.error(at, field, d.message + " (" + d.file + ")");
    }
    c.r.skip(field);
  }
  return fallback;
}

// ------------------------------------------------------------------------------ actors

// False when there is no list of actors to read (what names actors cannot be read then).
bool read_actors(Context& c, const YAML::Node& list) {
  if (!list || !list.IsSequence()) { c.r.error(list, "actors", "expected a list of actors"); return false; }
  std::vector<std::string> offices;
  for (const auto& node : list) {
    if (!node.IsMap()) { c.r.error(node, "actors", "expected an actor"); continue; }
    c.r.only_keys(node, "actors", {"name", "description", "cow", "capability", "capability_reason", "democracy",
                                   "democracy_reason", "factions", "in_office"});
    Actor a;
    a.name = c.r.string(node, "name", "actors.name", true);
    a.description = c.r.string(node, "description", "actors." + a.name + ".description", false);
    const std::string f = "actors." + a.name;
    for (const char* p : {".name", ".capability", ".salience"}) c.t.scenario.provenance.lines[f + p] = Reader::line(node);
    // A COW code loads the state's series from the world data; an explicit entry overrides.
    MissingRules missing;
    const int cow = node["cow"] ? read_cow(c, node["cow"], f + ".cow", missing) : 0;
    const bool coded = node["cow"] && cow > 0;
    const auto from_world = [&](io::Series s, const char* key) {
      return world_yearly(c, node["cow"], f + "." + key, cow, s, missing);
    };
    c.t.cow.push_back(cow);
    if (!node["capability"] && !node["cow"]) c.r.error(node, f + ".capability", "missing 'capability' (or a COW code, cow:)");
    c.t.capability.push_back(node["capability"] || !node["cow"] ? read_yearly(c, node["capability"], f + ".capability", 0)
                                                                 : from_world(io::Series::capability, "capability"));
    c.t.democracy.push_back(node["democracy"] || !node["cow"] ? read_yearly(c, node["democracy"], f + ".democracy", 0)
                                                               : from_world(io::Series::democracy, "democracy"));
    c.t.gdp.push_back(coded ? from_world(io::Series::gdp, "gdp") : std::vector<double>{});
    c.t.ideal_point.push_back(coded ? from_world(io::Series::ideal_point, "ideal_point") : std::vector<double>{});
    a.capability = c.t.capability.back().empty() ? 0 : c.t.capability.back().front();
    std::vector<std::string> factions;
    if (node["factions"]) factions = read_names(c, node["factions"], f + ".factions", "faction names");
    c.factions_of.push_back(factions);
    std::string office = c.r.string(node, "in_office", f + ".in_office", !factions.empty());
    if (!factions.empty() && !office.empty() && std::find(factions.begin(), factions.end(), office) == factions.end())
      c.r.error(node["in_office"], f + ".in_office", "in_office must name one of the actor's factions");
    offices.push_back(std::move(office));
    c.t.scenario.actors.push_back(std::move(a));
  }
  const std::size_t n = c.t.scenario.actors.size();
  c.t.in_office.assign(n, -1);
  for (std::size_t a = 0; a < n; ++a) c.holder_names.push_back(c.t.scenario.actors[a].name);
  for (std::size_t a = 0; a < n; ++a)
    for (const auto& fn : c.factions_of[a]) {
      if (fn == offices[a]) c.t.in_office[a] = static_cast<int>(c.t.factions.size());
      c.t.factions.push_back({fn, a});
      c.holder_names.push_back(fn);
    }
  return n > 0;
}

// Stance tables list factions in place of the states they belong to.
std::vector<std::string> table_holders(const Context& c) {
  std::vector<std::string> out;
  for (std::size_t a = 0; a < c.t.scenario.actors.size(); ++a)
    if (c.factions_of[a].empty()) out.push_back(c.t.scenario.actors[a].name);
  for (const auto& f : c.t.factions) out.push_back(f.name);
  return out;
}

// ------------------------------------------------------------------------------ issues

alliance::IssueRole parse_role(Context& c, const YAML::Node& node, const std::string& field) {
  const std::string role = text::lower(c.r.string(node, "role", field, false));
  if (role.empty() || role == "other") return alliance::IssueRole::Other;
  if (role == "goal") return alliance::IssueRole::Goal;
  if (role == "strategy") return alliance::IssueRole::Strategy;
  if (role == "posture") return alliance::IssueRole::Posture;
  c.r.error(node["role"], field, "expected goal, strategy, posture or other");
  return alliance::IssueRole::Other;
}

// How a managed issue is settled without the alliance: `scope: national` (by its owner, or at
// `alone:` when given) or `scope: regional` (by the bargaining model among all actors).
void read_scope(Context& c, const YAML::Node& node, const std::string& f, const Issue& issue, alliance::IssueSetup& out) {
  const std::string scope = text::lower(c.r.string(node, "scope", f + ".scope", false));
  if (scope == "regional") out.scope = alliance::IssueScope::Regional;
  else if (!scope.empty() && scope != "national") c.r.error(node["scope"], f + ".scope", "expected national or regional");
  if (!node["alone"]) return;
  const double alone = c.r.number(node, "alone", f + ".alone", 0, true);
  if (out.scope == alliance::IssueScope::Regional)
    c.r.error(node["alone"], f + ".alone", "a regional issue's outcome alone is the bargaining model's (drop alone or make it national)");
  else if (!(alone >= issue.scale_min && alone <= issue.scale_max))
    c.r.error(node["alone"], f + ".alone", "outside the issue's scale");
  else
    out.alone = alone;
}

int actor_index(const Context& c, const std::string& name) {
  for (std::size_t a = 0; a < c.t.scenario.actors.size(); ++a)
    if (c.t.scenario.actors[a].name == name) return static_cast<int>(a);
  return -1;
}

int issue_index(const Context& c, const std::string& name) {
  for (std::size_t k = 0; k < c.t.scenario.issues.size(); ++k)
    if (c.t.scenario.issues[k].name == name) return static_cast<int>(k);
  return -1;
}

// False when no issue could be read (what names issues cannot be read then).
bool read_issues(Context& c, const YAML::Node& list) {
  const auto holders = table_holders(c);
  yaml::IssueTable table = yaml::read_issues(list, holders, c.r, {"role", "owner", "scope", "alone", "alone_reason"});
  c.t.scenario.issues = table.issues;
  c.t.scenario.provenance.lines.merge(table.lines);
  const std::size_t n = c.t.scenario.actors.size(), d = table.issues.size();
  c.t.holder_stances.assign(c.t.num_holders() * d, Stance{});
  for (std::size_t h = 0; h < holders.size(); ++h) {
    const int index = c.t.holder_index(holders[h]);
    for (std::size_t k = 0; k < d; ++k) c.t.holder_stances[index * d + k] = table.stances[h * d + k];
  }
  // A state with factions stands where its faction in office stands; its stances are checked
  // as the factions' (sim::validate), not again as the state's.
  for (std::size_t a = 0; a < n; ++a) {
    if (c.factions_of[a].empty()) continue;
    const std::string& state = c.t.scenario.actors[a].name;
    c.r.skip("actors." + state + ".salience");
    for (const auto& issue : table.issues)
      for (const char* what : {".position", ".salience"}) c.r.skip("stances." + issue.name + "." + state + what);
    if (c.t.in_office[a] >= 0)
      for (std::size_t k = 0; k < d; ++k)
        c.t.holder_stances[a * d + k] = c.t.holder_stances[(n + c.t.in_office[a]) * d + k];
  }
  c.t.scenario.stances.assign(c.t.holder_stances.begin(), c.t.holder_stances.begin() + static_cast<long>(n * d));
  c.t.setup.issues.assign(d, {});
  for (std::size_t k = 0; k < d; ++k) {
    const YAML::Node& node = table.nodes[k];
    const std::string f = "issues." + table.issues[k].name;
    c.t.setup.issues[k].role = parse_role(c, node, f + ".role");
    read_scope(c, node, f, table.issues[k], c.t.setup.issues[k]);
    const std::string owner = c.r.string(node, "owner", f + ".owner", false);
    if (owner.empty()) {
      if (node["scope"] || node["alone"]) c.r.error(node, f + ".owner", "scope and alone apply to alliance-managed issues (give the issue an owner)");
      continue;
    }
    c.t.setup.issues[k].owner = actor_index(c, owner);
    if (c.t.setup.issues[k].owner < 0) c.r.error(node["owner"], f + ".owner", "unknown actor '" + owner + "'");
  }
  return d > 0;
}

// ---------------------------------------------------------------------------- alliance

void read_parameters(Context& c, const YAML::Node& node) {
  if (!node) return;
  if (!node.IsMap()) { c.r.error(node, "alliance.parameters", "expected name: value pairs"); return; }
  for (const auto& kv : node) {
    const std::string name = kv.first.as<std::string>();
    const std::string f = "alliance.parameters." + name;
    if (name == "retreat_years") {
      c.t.params.retreat_years = whole(c, node, "retreat_years", f, 3, true);
      if (c.t.params.retreat_years < 1) c.r.error(kv.second, f, "expected at least 1 year");
      continue;
    }
    const alliance::ParameterInfo* p = nullptr;
    for (const auto& candidate : alliance::parameter_table())
      if (name == candidate.name) p = &candidate;
    if (!p) { c.r.error(kv.first, f, "unknown alliance parameter"); continue; }
    const double x = c.r.number(node, name.c_str(), f, 0, true);
    if (x < p->min || x > p->max)
      c.r.error(kv.second, f, "expected a number from " + std::to_string(p->min) + " to " + std::to_string(p->max));
    else
      c.t.params.*(p->field) = x;
  }
}

std::size_t required_actor(Context& c, const YAML::Node& node, const char* key, const std::string& field) {
  const std::string name = c.r.string(node, key, field, true);
  const int a = actor_index(c, name);
  if (a < 0 && !name.empty()) c.r.error(node[key], field, "unknown actor '" + name + "'");
  return a < 0 ? 0 : static_cast<std::size_t>(a);
}

// A public's own stances: {issue: {position, salience, reason}}.
void read_public_stances(Context& c, const YAML::Node& node, const std::string& f, sim::Public& pub) {
  if (!node.IsMap()) { c.r.error(node, f, "expected issue: {position, salience} entries"); return; }
  pub.stances.assign(c.t.scenario.issues.size(), std::nullopt);
  for (const auto& kv : node) {
    const std::string name = kv.first.as<std::string>();
    const std::string g = f + "." + name;
    const int k = issue_index(c, name);
    if (k < 0) { c.r.error(kv.first, g, "unknown issue"); continue; }
    if (!kv.second.IsMap()) { c.r.error(kv.second, g, "expected {position, salience}"); continue; }
    c.r.only_keys(kv.second, g, {"position", "salience", "reason"});
    const Issue& issue = c.t.scenario.issues[static_cast<std::size_t>(k)];
    Stance st{c.r.number(kv.second, "position", g + ".position", 0, true),
              c.r.number(kv.second, "salience", g + ".salience", 0, true) / 100};
    if (!(st.position >= issue.scale_min && st.position <= issue.scale_max))
      c.r.error(kv.second["position"], g + ".position", "position outside the issue's scale");
    if (!(st.salience >= 0 && st.salience <= 1)) c.r.error(kv.second["salience"], g + ".salience", "salience outside 0..100");
    pub.stances[static_cast<std::size_t>(k)] = st;
  }
}

// A public built from its state's camps: {faction: weight}, weights 0..1 (vote shares).
void read_camps(Context& c, const YAML::Node& node, const std::string& f, std::size_t state, sim::Public& pub) {
  if (!node.IsMap()) { c.r.error(node, f, "expected faction: weight pairs"); return; }
  const std::size_t n = c.t.scenario.actors.size();
  for (const auto& kv : node) {
    const std::string name = kv.first.as<std::string>();
    const int h = c.t.holder_index(name);
    if (h < static_cast<int>(n) || c.t.factions[static_cast<std::size_t>(h) - n].state != state) {
      c.r.error(kv.first, f + "." + name, "not a faction of this member");
      continue;
    }
    const double w = c.r.number(node, name.c_str(), f + "." + name, 0, true);
    if (!(w >= 0 && w <= 1)) c.r.error(kv.second, f + "." + name, "camp weights must lie in 0..1");
    else pub.camps.push_back({static_cast<std::size_t>(h) - n, w});
  }
}

// Survey items, each mapped to the model quantity it measures.
void read_surveys(Context& c, const YAML::Node& list, const std::string& f, sim::Public& pub) {
  if (!list.IsSequence()) { c.r.error(list, f, "expected a list of survey items"); return; }
  for (const auto& node : list) {
    if (!node.IsMap()) { c.r.error(node, f, "expected {item, year, value, measures, source}"); continue; }
    c.r.only_keys(node, f, {"item", "year", "value", "measures", "source", "reason"});
    sim::Survey s;
    s.line = Reader::line(node);
    s.item = c.r.string(node, "item", f + ".item", true);
    s.year = whole(c, node, "year", f + ".year", 0, true);
    s.value = c.r.number(node, "value", f + ".value", 0, true);
    s.source = c.r.string(node, "source", f + ".source", true);
    const std::string m = text::lower(c.r.string(node, "measures", f + ".measures", true));
    if (m == "alliance_support") s.measures = sim::SurveyMeasure::AllianceSupport;
    else if (m == "favourability") s.measures = sim::SurveyMeasure::Favourability;
    else if (!m.empty()) c.r.error(node["measures"], f + ".measures", "expected alliance_support or favourability");
    if (!(s.value >= 0 && s.value <= 1)) c.r.error(node["value"], f + ".value", "a survey share must lie in 0..1");
    if (s.year < c.t.start_year || s.year > c.t.horizon_year)
      c.r.error(node["year"], f + ".year", "outside the scenario's years");
    pub.surveys.push_back(std::move(s));
  }
}

void read_publics(Context& c, const YAML::Node& p) {
  const auto& s = c.t.setup;
  const std::size_t states[2] = {s.patron, s.client};
  const std::string names[2] = {c.t.scenario.actors[s.patron].name, c.t.scenario.actors[s.client].name};
  for (const auto& kv : p) {
    const std::string name = kv.first.as<std::string>();
    if (name != names[0] && name != names[1]) c.r.error(kv.first, "alliance.publics." + name, "not a member of the alliance");
  }
  for (int i = 0; i < 2; ++i) {
    const auto m = p[names[i]];
    if (!m) continue;
    const std::string f = "alliance.publics." + names[i];
    if (!m.IsMap()) { c.r.error(m, f, "expected {anchor, reason, stances, camps, surveys}"); continue; }
    c.r.only_keys(m, f, {"anchor", "reason", "stances", "camps", "surveys"});
    c.t.public_anchor[i] = c.r.number(m, "anchor", f + ".anchor", 0.5, true);
    c.t.publics[i].anchor = c.t.public_anchor[i];
    c.located(f + ".anchor", m["anchor"] ? m["anchor"] : m);
    if (m["stances"]) read_public_stances(c, m["stances"], f + ".stances", c.t.publics[i]);
    if (m["camps"]) read_camps(c, m["camps"], f + ".camps", states[i], c.t.publics[i]);
    if (m["surveys"]) read_surveys(c, m["surveys"], f + ".surveys", c.t.publics[i]);
  }
}

// The patron's troops in the client: a number, a series, or US troops hosted by a state from
// the world data: `{cow: CODE[, missing: RULE]}`, or by default the client's when the patron
// is the United States (COW 2) and the client has a code.
std::vector<double> read_troops(Context& c, const YAML::Node& alliance, bool members_ok) {
  const auto node = alliance["troops"];
  const std::string field = "alliance.troops";
  const auto& s = c.t.setup;
  const int patron = members_ok ? c.t.cow[s.patron] : 0, client = members_ok ? c.t.cow[s.client] : 0;
  if (node && !(node.IsMap() && node["cow"])) return read_yearly(c, node, field, 0);
  if (!node && !(patron == 2 && client > 0)) return read_yearly(c, node, field, 0);
  if (patron > 0 && patron != 2) {
    c.r.error(node ? node : alliance, field, "the world data count US troops only (us_troops_all.csv), and the patron has COW code " +
                                                 std::to_string(patron));
    return read_yearly(c, YAML::Node(), field, 0);
  }
  MissingRules missing;
  int host = client;
  YAML::Node at = alliance["client"];
  if (node) {
    c.r.only_keys(node, field, {"cow", "missing"});
    missing = read_missing(c, node["missing"], field + ".missing");
    host = read_cow(c, node["cow"], field + ".cow", missing);
    at = node["cow"];
  }
  return world_yearly(c, at, field, host, io::Series::us_troops, missing);
}

// False when the patron, the client or the adversary could not be read.
bool read_alliance(Context& c, const YAML::Node& node) {
  c.t.leadership.assign(c.t.scenario.issues.size(), 0.5);
  if (!node || !node.IsMap()) { c.r.error(node, "alliance", "expected the alliance: patron, client, adversary, …"); return false; }
  c.r.only_keys(node, "alliance", {"patron", "client", "adversary", "backers", "troops", "leadership", "umbrella",
                                   "treaty", "publics", "parameters"});
  auto& s = c.t.setup;
  const std::size_t before = c.r.errors().size();
  s.patron = required_actor(c, node, "patron", "alliance.patron");
  s.client = required_actor(c, node, "client", "alliance.client");
  s.adversary = required_actor(c, node, "adversary", "alliance.adversary");
  if (c.r.errors().size() == before && s.patron == s.client)
    c.r.error(node["client"], "alliance.client", "the patron and the client must differ");
  const bool members_ok = c.r.errors().size() == before;
  if (const auto b = node["backers"]; b) {
    if (!b.IsMap()) c.r.error(b, "alliance.backers", "expected backer: weight pairs");
    else for (const auto& kv : b) {
      const std::string name = kv.first.as<std::string>();
      const int a = actor_index(c, name);
      if (a < 0) { c.r.error(kv.first, "alliance.backers." + name, "unknown actor"); continue; }
      s.backers.push_back(static_cast<std::size_t>(a));
      c.t.backer_weight.push_back(c.r.number(b, name.c_str(), "alliance.backers." + name, 0, true));
      c.located("alliance.backers." + name, kv.second);
    }
  }
  c.t.troops = read_troops(c, node, members_ok);
  if (const auto l = node["leadership"]; l) {
    if (!l.IsMap()) c.r.error(l, "alliance.leadership", "expected issue: share pairs");
    else for (const auto& kv : l) {
      const std::string name = kv.first.as<std::string>();
      const int k = issue_index(c, name);
      if (k < 0) { c.r.error(kv.first, "alliance.leadership." + name, "unknown issue"); continue; }
      c.t.leadership[static_cast<std::size_t>(k)] = c.r.number(l, name.c_str(), "alliance.leadership." + name, 0.5, true);
      c.located("alliance.leadership." + name, kv.second);
    }
  }
  c.t.umbrella = c.r.number(node, "umbrella", "alliance.umbrella", 0, false);
  c.located("alliance.umbrella", node["umbrella"]);
  c.t.treaty = c.r.number(node, "treaty", "alliance.treaty", 1, false) != 0;
  if (const auto p = node["publics"]; p && members_ok) {
    if (!p.IsMap()) c.r.error(p, "alliance.publics", "expected member: {anchor, …} entries");
    else read_publics(c, p);
  }
  read_parameters(c, node["parameters"]);
  return members_ok;
}

// ------------------------------------------------------------------------------ events

// "1993", "1993-03" or "1993-03-12" → the year, the month and day checked against the
// calendar; 0, with what is wrong in `problem`, otherwise.
int parse_date(const std::string& date, std::string& problem) {
  const auto digits = [&](std::size_t at, std::size_t count) {
    int v = 0;
    for (std::size_t i = at; i < at + count; ++i) {
      if (i >= date.size() || !std::isdigit(static_cast<unsigned char>(date[i]))) return -1;
      v = v * 10 + (date[i] - '0');
    }
    return v;
  };
  const std::size_t n = date.size();
  const bool shaped = (n == 4 || n == 7 || n == 10) && digits(0, 4) >= 0 &&
                      (n < 7 || (date[4] == '-' && digits(5, 2) >= 0)) &&
                      (n < 10 || (date[7] == '-' && digits(8, 2) >= 0));
  if (!shaped || digits(0, 4) < 1000) {
    problem = "expected YYYY, YYYY-MM or YYYY-MM-DD (a year from 1000), found '" + date + "'";
    return 0;
  }
  namespace chr = std::chrono;
  const int y = digits(0, 4);
  const unsigned m = n >= 7 ? static_cast<unsigned>(digits(5, 2)) : 1, d = n >= 10 ? static_cast<unsigned>(digits(8, 2)) : 1;
  const chr::year_month_day ymd{chr::year{y}, chr::month{m}, chr::day{d}};
  if (!ymd.month().ok()) {
    problem = "'" + date + "' has no month " + std::to_string(m) + " (expected YYYY, YYYY-MM or YYYY-MM-DD)";
    return 0;
  }
  if (!ymd.ok()) {
    const chr::year_month_day_last last{ymd.year(), chr::month_day_last{ymd.month()}};
    problem = fmt::format("'{}' is not a day of the calendar: {}-{:02} has {} days", date, y, m,
                          static_cast<unsigned>(last.day()));
    return 0;
  }
  return y;
}

// One `set:` entry being read: the value under its key, and its field path.
struct Change {
  YAML::Node value;
  std::string field;  // e.g. "events.role-reversal.set.leadership"

  // The node of `key` in the value, or the value itself: where a diagnostic points.
  YAML::Node at(std::string_view key) const {
    if (!key.empty() && value.IsMap() && value[std::string(key)]) return value[std::string(key)];
    return value;
  }
};

// A value a change may not take, by the key at fault ("" = the change's own value).
struct Problem {
  std::string_view key;
  std::string message;
};

bool in01(double x) { return std::isfinite(x) && x >= 0 && x <= 1; }

// A member of the alliance (0 the patron, 1 the client). When the alliance's members could
// not be read the change is left out without a diagnostic of its own.
std::size_t member(Context& c, const Change& ch, const char* key) {
  const std::string name = c.r.string(ch.value, key, ch.field + "." + key, true);
  if (!c.alliance_ok) { c.unresolved = true; return 0; }
  const int a = actor_index(c, name);
  if (a >= 0 && static_cast<std::size_t>(a) == c.t.setup.patron) return 0;
  if (a >= 0 && static_cast<std::size_t>(a) == c.t.setup.client) return 1;
  if (!name.empty()) c.r.error(ch.at(key), ch.field + "." + key, "'" + name + "' is not a member of the alliance");
  return 0;
}

std::size_t issue(Context& c, const Change& ch) {
  const std::string name = c.r.string(ch.value, "issue", ch.field + ".issue", true);
  const int k = issue_index(c, name);
  if (k < 0 && !name.empty()) c.r.error(ch.at("issue"), ch.field + ".issue", "unknown issue '" + name + "'");
  return k < 0 ? 0 : static_cast<std::size_t>(k);
}

// The value of a change that is a plain number (umbrella: 0.5).
double plain_number(Context& c, const Change& ch) {
  double x = 0;
  if (!ch.value.IsScalar() || !text::parse_number(ch.value.Scalar(), x))
    c.r.error(ch.value, ch.field, "expected a number" + (ch.value.IsScalar() ? ", found '" + ch.value.Scalar() + "'" : ""));
  return x;
}

template <class T>
std::vector<Problem> no_check(const T&) { return {}; }

effect::Stance parse_stance(Context& c, const Change& ch) {
  const YAML::Node& v = ch.value;
  const std::string& g = ch.field;
  effect::Stance e;
  const std::string who = c.r.string(v, "holder", g + ".holder", true);
  const int h = c.t.holder_index(who);
  if (h < 0 && !who.empty()) c.r.error(ch.at("holder"), g + ".holder", "unknown actor or faction '" + who + "'");
  else if (h >= 0 && static_cast<std::size_t>(h) < c.t.scenario.actors.size() && c.t.in_office[static_cast<std::size_t>(h)] >= 0)
    c.r.error(ch.at("holder"), g + ".holder", "'" + who + "' has factions: set the stance of one of them");
  e.holder = h < 0 ? 0 : static_cast<std::size_t>(h);
  e.issue = issue(c, ch);
  if (v["position"]) e.position = c.r.number(v, "position", g + ".position", 0, true);
  if (v["salience"]) e.salience = c.r.number(v, "salience", g + ".salience", 0, true) / 100;
  e.shift = c.r.number(v, "shift", g + ".shift", 0, false) != 0;
  if (!e.position && !e.salience) c.r.error(v, g, "expected a position, a salience or both");
  return e;
}

std::vector<Problem> check_stance(const effect::Stance& e) {
  std::vector<Problem> out;
  if (e.position && !e.shift && (!std::isfinite(*e.position) || *e.position < 0 || *e.position > 100))
    out.push_back({"position", "position outside 0..100"});
  if (e.salience && !e.shift && !in01(*e.salience)) out.push_back({"salience", "salience outside 0..100"});
  return out;
}

effect::Capability parse_capability(Context& c, const Change& ch) {
  return {required_actor(c, ch.value, "actor", ch.field + ".actor"),
          c.r.number(ch.value, "factor", ch.field + ".factor", 1, true)};
}

std::vector<Problem> check_capability(const effect::Capability& e) {
  if (e.factor > 0) return {};
  return {{"factor", "expected a factor greater than 0"}};
}

effect::InOffice parse_in_office(Context& c, const Change& ch) {
  effect::InOffice e;
  e.state = required_actor(c, ch.value, "state", ch.field + ".state");
  const std::string name = c.r.string(ch.value, "faction", ch.field + ".faction", true);
  const int h = c.t.holder_index(name);
  const std::size_t n = c.t.scenario.actors.size();
  if (h < static_cast<int>(n) || c.t.factions[static_cast<std::size_t>(h) - n].state != e.state) {
    if (!name.empty()) c.r.error(ch.at("faction"), ch.field + ".faction", "'" + name + "' is not a faction of that state");
  } else {
    e.faction = static_cast<std::size_t>(h) - n;
  }
  return e;
}

effect::Leadership parse_leadership(Context& c, const Change& ch) {
  effect::Leadership e;
  e.issue = issue(c, ch);
  e.share = c.r.number(ch.value, "share", ch.field + ".share", 0.5, true);
  if (ch.value["issue"] && c.t.setup.issues.size() > e.issue && c.t.setup.issues[e.issue].owner < 0)
    c.r.error(ch.at("issue"), ch.field + ".issue", "leadership applies to alliance-managed issues (give the issue an owner)");
  return e;
}

std::vector<Problem> check_leadership(const effect::Leadership& e) {
  if (in01(e.share)) return {};
  return {{"share", "leadership share outside 0..1"}};
}

effect::Umbrella parse_umbrella(Context& c, const Change& ch) { return {plain_number(c, ch)}; }

std::vector<Problem> check_umbrella(const effect::Umbrella& e) {
  if (in01(e.level)) return {};
  return {{"", "umbrella outside 0..1"}};
}

effect::Credibility parse_credibility(Context& c, const Change& ch) { return {plain_number(c, ch)}; }

std::vector<Problem> check_credibility(const effect::Credibility& e) {
  if (std::isfinite(e.shift) && std::abs(e.shift) <= 1) return {};
  return {{"", "credibility shift outside −1..1"}};
}

effect::Backing parse_backing(Context& c, const Change& ch) {
  effect::Backing e;
  const std::string field = ch.field + ".backer";
  const std::size_t a = required_actor(c, ch.value, "backer", field);
  e.weight = c.r.number(ch.value, "weight", ch.field + ".weight", 0, true);
  if (!c.alliance_ok) { c.unresolved = true; return e; }
  const auto& b = c.t.setup.backers;
  const auto it = std::find(b.begin(), b.end(), a);
  if (it == b.end() && !c.r.reported(field)) c.r.error(ch.at("backer"), field, "not one of alliance.backers");
  e.backer = static_cast<std::size_t>(it - b.begin());
  return e;
}

std::vector<Problem> check_backing(const effect::Backing& e) {
  if (in01(e.weight)) return {};
  return {{"weight", "backing weight outside 0..1"}};
}

effect::PublicShock parse_public_shock(Context& c, const Change& ch) {
  return {member(c, ch, "member"), c.r.number(ch.value, "size", ch.field + ".size", 0, true)};
}

std::vector<Problem> check_public_shock(const effect::PublicShock& e) {
  if (std::isfinite(e.size) && std::abs(e.size) <= 1) return {};
  return {{"size", "public shock outside −1..1"}};
}

effect::Contribution parse_contribution(Context& c, const Change& ch) {
  effect::Contribution e;
  e.member = member(c, ch, "member");
  e.item = c.r.string(ch.value, "item", ch.field + ".item", true);
  e.share = c.r.number(ch.value, "share", ch.field + ".share", 0, true);
  return e;
}

std::vector<Problem> check_contribution(const effect::Contribution& e) {
  if (in01(e.share)) return {};
  return {{"share", "contribution share outside 0..1"}};
}

effect::Troops parse_troops(Context& c, const Change& ch) { return {plain_number(c, ch)}; }

std::vector<Problem> check_troops(const effect::Troops& e) {
  if (std::isfinite(e.level) && e.level >= 0) return {};
  return {{"", "troops must be 0 or more"}};
}

effect::Treaty parse_treaty(Context& c, const Change& ch) { return {plain_number(c, ch) != 0}; }

effect::BargainingPower parse_bargaining_power(Context& c, const Change& ch) { return {plain_number(c, ch)}; }

std::vector<Problem> check_bargaining_power(const effect::BargainingPower& e) {
  if (e.share > 0 && e.share < 1) return {};
  return {{"", "bargaining power must lie strictly between 0 and 1"}};
}

effect::CampWeight parse_camp_weight(Context& c, const Change& ch) {
  effect::CampWeight e;
  const std::string name = c.r.string(ch.value, "faction", ch.field + ".faction", true);
  e.weight = c.r.number(ch.value, "weight", ch.field + ".weight", 0, true);
  if (!c.alliance_ok) { c.unresolved = true; return e; }
  const int h = c.t.holder_index(name);
  const std::size_t n = c.t.scenario.actors.size();
  if (h < static_cast<int>(n)) {
    if (!name.empty()) c.r.error(ch.at("faction"), ch.field + ".faction", "'" + name + "' is not a faction");
    return e;
  }
  e.faction = static_cast<std::size_t>(h) - n;
  const std::size_t state = c.t.factions[e.faction].state;
  if (state == c.t.setup.patron) e.member = 0;
  else if (state == c.t.setup.client) e.member = 1;
  else c.r.error(ch.at("faction"), ch.field + ".faction", "'" + name + "' is not a faction of a member of the alliance");
  return e;
}

std::vector<Problem> check_camp_weight(const effect::CampWeight& e) {
  if (in01(e.weight)) return {};
  return {{"weight", "camp weight outside 0..1"}};
}

// One kind of change an event can make (docs/timeline-format.md lists them).
template <class T>
struct ChangeKind {
  std::string_view key;               // its key under `set:`
  std::vector<std::string> fields;    // the keys of its map; none: its value is a plain number
  T (*parse)(Context&, const Change&);      // reads the values, resolving names to indices
  std::vector<Problem> (*check)(const T&);  // values the model cannot take
};

// The kinds of change, one row per alternative of sim::Effect and in its order.
const auto kChangeKinds = std::tuple{
    ChangeKind<effect::Stance>{"stance", {"holder", "issue", "position", "salience", "shift", "reason"},
                               parse_stance, check_stance},
    ChangeKind<effect::Capability>{"capability", {"actor", "factor"}, parse_capability, check_capability},
    ChangeKind<effect::InOffice>{"in_office", {"state", "faction"}, parse_in_office, no_check},
    ChangeKind<effect::Leadership>{"leadership", {"issue", "share"}, parse_leadership, check_leadership},
    ChangeKind<effect::Umbrella>{"umbrella", {}, parse_umbrella, check_umbrella},
    ChangeKind<effect::Credibility>{"credibility", {}, parse_credibility, check_credibility},
    ChangeKind<effect::Backing>{"backing", {"backer", "weight"}, parse_backing, check_backing},
    ChangeKind<effect::PublicShock>{"public_shock", {"member", "size"}, parse_public_shock, check_public_shock},
    ChangeKind<effect::Contribution>{"contribution", {"member", "item", "share"}, parse_contribution,
                                     check_contribution},
    ChangeKind<effect::Troops>{"troops", {}, parse_troops, check_troops},
    ChangeKind<effect::Treaty>{"treaty", {}, parse_treaty, no_check},
    ChangeKind<effect::BargainingPower>{"bargaining_power", {}, parse_bargaining_power, check_bargaining_power},
    ChangeKind<effect::CampWeight>{"camp_weight", {"faction", "weight"}, parse_camp_weight, check_camp_weight},
};

template <class Rows>
struct KindsOf;
template <class... T>
struct KindsOf<std::tuple<ChangeKind<T>...>> {
  using type = std::variant<T...>;
};
static_assert(std::is_same_v<KindsOf<std::remove_const_t<decltype(kChangeKinds)>>::type, sim::Effect>,
              "kChangeKinds needs one row per alternative of sim::Effect, in its order");

// "stance, capability, … or treaty".
std::string change_keys() {
  std::vector<std::string_view> keys;
  std::apply([&](const auto&... kind) { (keys.push_back(kind.key), ...); }, kChangeKinds);
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i)
    out.append(i == 0 ? "" : i + 1 == keys.size() ? " or " : ", ").append(keys[i]);
  return out;
}

// A change of one kind: its shape, its values, then its checks. A change with a problem is
// left out (so that nothing checked later stumbles on its half-read values).
template <class T>
std::optional<Effect> read_as(Context& c, const ChangeKind<T>& kind, const Change& ch) {
  if (kind.fields.empty() ? !ch.value.IsScalar() : !ch.value.IsMap()) {
    std::string keys;
    for (const auto& k : kind.fields) keys += (keys.empty() ? "" : ", ") + k;
    c.r.error(ch.value, ch.field, kind.fields.empty() ? "expected a number" : "expected a map of " + keys);
    return std::nullopt;
  }
  if (!kind.fields.empty()) c.r.only_keys(ch.value, ch.field, {kind.fields.begin(), kind.fields.end()});
  const std::size_t before = c.r.errors().size();
  c.unresolved = false;
  T e = kind.parse(c, ch);
  for (const Problem& p : kind.check(e))
    c.r.error(ch.at(p.key), p.key.empty() ? ch.field : ch.field + "." + std::string(p.key), p.message);
  if (c.r.errors().size() != before || c.unresolved) return std::nullopt;
  return Effect(std::in_place_type<T>, std::move(e));
}

// One `set:` entry: a map with a single key naming what it changes, and optionally the cause
// tag the change is attributed to (`cause:`), read into `cause`.
std::optional<Effect> read_change(Context& c, const YAML::Node& node, const std::string& f, std::string& cause) {
  const bool has_cause = node.IsMap() && node["cause"];
  if (!node.IsMap() || node.size() != (has_cause ? 2u : 1u)) {
    c.r.error(node, f, "expected one change, e.g. {leadership: {issue: strategy, share: 0.8}, cause: role}");
    return std::nullopt;
  }
  if (has_cause) cause = c.r.string(node, "cause", f + ".cause", true);
  auto entry = node.begin();
  if (entry->first.as<std::string>() == "cause") ++entry;
  const std::string key = entry->first.as<std::string>();
  const Change ch{entry->second, f + "." + key};
  std::optional<Effect> out;
  bool known = false;
  std::apply([&](const auto&... kind) {
    ((kind.key == key ? (known = true, out = read_as(c, kind, ch), 0) : 0), ...);
  }, kChangeKinds);
  if (!known) c.r.error(node.begin()->first, f, "unknown change '" + key + "' (expected " + change_keys() + ")");
  return out;
}

Event read_event(Context& c, const YAML::Node& node, const std::string& where) {
  c.r.only_keys(node, where, {"name", "date", "tags", "source", "reason", "set"});
  Event ev;
  ev.line = Reader::line(node);
  ev.name = c.r.string(node, "name", where + ".name", true);
  const std::string f = where + "." + ev.name;
  ev.date = c.r.string(node, "date", f + ".date", true);
  ev.date_line = node["date"] ? Reader::line(node["date"]) : ev.line;
  if (!ev.date.empty()) {
    std::string problem;
    ev.year = parse_date(ev.date, problem);
    if (ev.year == 0) c.r.error(node["date"], f + ".date", problem);
  }
  ev.source = c.r.string(node, "source", f + ".source", true);
  if (const auto tags = node["tags"]; tags) ev.tags = read_names(c, tags, f + ".tags", "cause tags");
  const auto set = node["set"];
  if (!set || !set.IsSequence() || set.size() == 0) c.r.error(set ? set : node, f + ".set", "expected a list of changes");
  else for (const auto& change : set) {
    std::string cause;
    auto e = read_change(c, change, f + ".set", cause);
    // A change's own cause is one of the event's tags, so that dropping an event by tag and
    // attributing its changes speak of the same causes.
    if (!cause.empty() && std::find(ev.tags.begin(), ev.tags.end(), cause) == ev.tags.end())
      c.r.error(change["cause"], f + ".set.cause", "cause '" + cause + "' is not one of the event's tags" +
                                                      name_hint(cause, ev.tags));
    if (e) {
      ev.effects.push_back(std::move(*e));
      ev.effect_causes.push_back(std::move(cause));
      ev.effect_lines.push_back(Reader::line(change));
    }
  }
  return ev;
}

std::vector<Event> read_events(Context& c, const YAML::Node& list, const std::string& where) {
  std::vector<Event> events;
  if (!list) return events;
  if (!list.IsSequence()) { c.r.error(list, where, "expected a list of events"); return events; }
  for (const auto& node : list) {
    if (!node.IsMap()) { c.r.error(node, where, "expected an event: name, date, tags, source, set"); continue; }
    // A malformed event is reported and left out; the others are still read.
    try {
      events.push_back(read_event(c, node, where));
    } catch (const YAML::Exception& e) {
      c.r.error(node, where, std::string("unexpected structure: ") + e.msg);
    }
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.date < b.date; });
  return events;
}

// A policy: named edits of the events — drop events by tag or name (from a year on), add others.
void read_policies(Context& c, const YAML::Node& list) {
  if (!list) return;
  if (!list.IsSequence()) { c.r.error(list, "policies", "expected a list of policies"); return; }
  for (const auto& node : list) {
    if (!node.IsMap()) { c.r.error(node, "policies", "expected a policy: name, description, drop, add"); continue; }
    c.r.only_keys(node, "policies", {"name", "description", "drop", "add"});
    sim::Policy p;
    p.line = Reader::line(node);
    p.name = c.r.string(node, "name", "policies.name", true);
    p.description = c.r.string(node, "description", "policies." + p.name + ".description", false);
    const std::string f = "policies." + p.name;
    if (const auto drop = node["drop"]; drop && !drop.IsMap()) {
      c.r.error(drop, f + ".drop", "expected {tags: […], events: […], from: YEAR}");
    } else if (drop) {
      c.r.only_keys(drop, f + ".drop", {"tags", "events", "from"});
      if (drop["tags"]) p.drop_tags = read_names(c, drop["tags"], f + ".drop.tags", "cause tags");
      if (drop["events"]) p.drop_events = read_names(c, drop["events"], f + ".drop.events", "event names");
      if (drop["from"]) p.drop_from = whole(c, drop, "from", f + ".drop.from", 0, true);
      for (const auto& name : p.drop_events)
        if (std::none_of(c.t.events.begin(), c.t.events.end(), [&](const Event& e) { return e.name == name; }))
          c.r.error(drop["events"], f + ".drop.events", "no event named '" + name + "'");
    }
    p.add = read_events(c, node["add"], f + ".add");
    for (auto& ev : p.add) ev.policy = p.name;
    for (const auto& other : c.t.policies)
      if (other.name == p.name) c.r.error(node, f, "a second policy named '" + p.name + "'");
    c.t.policies.push_back(std::move(p));
  }
}

// A term: {series: S, year: Y} | {series: S, max|min|mean: [Y1, Y2]} |
// {shapley|shapley_rank: GROUP, series: S, from: Y1, to: Y2, groups: [...]} |
// {total_change: S, from: Y1, to: Y2} | {retreat_year: true}; each may name a policy.
sim::ClaimTerm read_term(Context& c, const std::string& name, const YAML::Node& n, const std::string& f) {
  using K = sim::ClaimTerm::Kind;
  sim::ClaimTerm term;
  term.name = name;
  if (!n.IsMap()) { c.r.error(n, f, "expected a term, e.g. {series: strain, year: 2003}"); return term; }
  c.r.only_keys(n, f, {"series", "year", "max", "min", "mean", "shapley", "shapley_rank", "total_change",
                       "retreat_year", "policy", "from", "to", "groups"});
  term.series = n["series"] ? c.r.string(n, "series", f + ".series", false) : "strain";
  term.policy = c.r.string(n, "policy", f + ".policy", false);
  if (!term.policy.empty() && term.policy != "baseline" &&
      std::none_of(c.t.policies.begin(), c.t.policies.end(), [&](const sim::Policy& p) { return p.name == term.policy; }))
    c.r.error(n["policy"], f + ".policy", "no policy '" + term.policy + "'");
  if (term.policy == "baseline") term.policy.clear();
  auto window = [&](const char* key) {
    const auto w = n[key];
    if (!w.IsSequence() || w.size() != 2) { c.r.error(w, f + "." + key, "expected [from, to]"); return; }
    double a = 0, b = 0;
    if (!text::parse_number(w[0].Scalar(), a) || !text::parse_number(w[1].Scalar(), b) || a > b)
      c.r.error(w, f + "." + key, "expected two years, from ≤ to");
    term.from = static_cast<int>(a);
    term.to = static_cast<int>(b);
  };
  if (n["year"]) { term.kind = K::SeriesAt; term.year = whole(c, n, "year", f + ".year", 0, true); }
  else if (n["max"]) { term.kind = K::SeriesMax; window("max"); }
  else if (n["min"]) { term.kind = K::SeriesMin; window("min"); }
  else if (n["mean"]) { term.kind = K::SeriesMean; window("mean"); }
  else if (n["shapley"] || n["shapley_rank"] || n["total_change"]) {
    term.kind = n["shapley"] ? K::Shapley : n["shapley_rank"] ? K::ShapleyRank : K::TotalChange;
    if (term.kind == K::TotalChange) term.series = c.r.string(n, "total_change", f + ".total_change", true);
    else term.group = c.r.string(n, term.kind == K::Shapley ? "shapley" : "shapley_rank", f, true);
    term.from = whole(c, n, "from", f + ".from", 0, true);
    term.to = whole(c, n, "to", f + ".to", 0, true);
    if (term.to <= term.from) c.r.error(n, f, "expected from < to");
    if (const auto g = n["groups"]; g) term.groups = read_names(c, g, f + ".groups", "cause tags");
  } else if (n["retreat_year"]) {
    term.kind = K::RetreatYear;
  } else {
    c.r.error(n, f, "expected year, max, min, mean, shapley, shapley_rank, total_change or retreat_year");
  }
  return term;
}

void read_claims(Context& c, const YAML::Node& list) {
  if (!list) return;
  if (!list.IsSequence()) { c.r.error(list, "claims", "expected a list of claims"); return; }
  for (const auto& node : list) {
    if (!node.IsMap()) { c.r.error(node, "claims", "expected a claim: id, text, let, holds"); continue; }
    c.r.only_keys(node, "claims", {"id", "text", "let", "holds"});
    sim::Claim claim;
    claim.line = Reader::line(node);
    claim.id = c.r.string(node, "id", "claims.id", true);
    const std::string f = "claims." + claim.id;
    claim.text = c.r.string(node, "text", f + ".text", true);
    claim.holds = c.r.string(node, "holds", f + ".holds", true);
    if (const auto let = node["let"]; let) {
      if (!let.IsMap()) c.r.error(let, f + ".let", "expected name: term pairs");
      else for (const auto& kv : let) {
        const std::string name = kv.first.as<std::string>();
        claim.terms.push_back(read_term(c, name, kv.second, f + ".let." + name));
      }
    }
    if (const std::string problem = sim::check_expression(claim); !problem.empty())
      c.r.error(node["holds"] ? node["holds"] : node, f + ".holds", problem);
    c.t.claims.push_back(std::move(claim));
  }
}

// The scenario's partition of causes: `causes: [{name, tags, reason}]`. Every cause tag an
// event carries (the scenario's, a policy's, or a change's own) falls in exactly one group, and
// every tag a group names is carried by some event, or is `ascendancy` (the capabilities).
void read_causes(Context& c, const YAML::Node& list) {
  if (!list) return;
  if (!list.IsSequence() || list.size() == 0) {
    c.r.error(list, "causes", "expected a list of cause groups, e.g. {name: divergence, tags: [goals, strategies]}");
    return;
  }
  std::map<std::string, const Event*> carried;  // tag → the first event carrying it
  auto collect = [&](const Event& ev) {
    for (const auto& tag : ev.tags) carried.emplace(tag, &ev);
    for (const auto& tag : ev.effect_causes)
      if (!tag.empty()) carried.emplace(tag, &ev);
  };
  for (const Event& ev : c.t.events) collect(ev);
  for (const auto& p : c.t.policies)
    for (const Event& ev : p.add) collect(ev);
  std::vector<std::string> known;
  for (const auto& [tag, ev] : carried) known.push_back(tag);
  std::map<std::string, std::string> group_of;  // tag → group
  for (const auto& node : list) {
    if (!node.IsMap()) { c.r.error(node, "causes", "expected a cause group: {name, tags, reason}"); continue; }
    c.r.only_keys(node, "causes", {"name", "tags", "reason"});
    sim::CauseGroup g;
    g.line = Reader::line(node);
    g.name = c.r.string(node, "name", "causes.name", true);
    const std::string f = "causes." + g.name;
    if (std::any_of(c.t.causes.begin(), c.t.causes.end(), [&](const sim::CauseGroup& x) { return x.name == g.name; }))
      c.r.error(node["name"], f, "a second cause group named '" + g.name + "'");
    const auto tags = node["tags"];
    if (!tags || !tags.IsSequence() || tags.size() == 0) {
      c.r.error(tags ? tags : node, f + ".tags", "expected a list of the cause tags the group gathers");
      continue;
    }
    for (const auto& t : tags) {
      if (!t.IsScalar()) { c.r.error(t, f + ".tags", "expected a cause tag"); continue; }
      const std::string tag = t.Scalar();
      if (!carried.count(tag) && tag != "ascendancy")
        c.r.error(t, f + ".tags", "no event carries the tag '" + tag + "'" + name_hint(tag, known));
      else if (const auto it = group_of.find(tag); it != group_of.end())
        c.r.error(t, f + ".tags", "the tag '" + tag + "' is already in the group '" + it->second + "'");
      else
        group_of[tag] = g.name;
      g.tags.push_back(tag);
    }
    c.t.causes.push_back(std::move(g));
  }
  if (c.t.causes.size() > 12)
    c.r.error(list, "causes", "at most 12 cause groups (exact attribution runs 2^groups coalitions)");
  for (const auto& [tag, ev] : carried)
    if (!group_of.count(tag))
      c.r.error(list, "causes", "the tag '" + tag + "' (event '" + ev->name + "', line " + std::to_string(ev->line) +
                                    ") falls in no cause group");
}

void check_uncertain_names(Context& c) {
  using T = UncertainInput::Target;
  for (const auto& u : c.t.scenario.uncertain) {
    auto bad = [&](const std::string& what) { c.r.errors().push_back({c.r.file(), u.line, "uncertain", what}); };
    switch (u.target) {
      case T::Position:
      case T::Salience:
        if (c.t.holder_index(u.holder) < 0) bad("unknown actor or faction '" + u.holder + "'");
        if (issue_index(c, u.issue) < 0) bad("unknown issue '" + u.issue + "'");
        break;
      case T::Capability:
        if (actor_index(c, u.actor) < 0) bad("unknown actor '" + u.actor + "'");
        break;
      case T::EventYear:
      case T::EventKeep:
        if (std::none_of(c.t.events.begin(), c.t.events.end(), [&](const Event& e) { return e.name == u.event; }))
          bad("no event named '" + u.event + "'");
        break;
      case T::EventChange: {
        std::size_t events = 0, changes = 0;
        for (const Event& e : c.t.events)
          if (e.name == u.event) { ++events; changes += sim::count_changes(c.t, e, u.change); }
        if (events == 0) bad("no event named '" + u.event + "'");
        else if (changes == 0)
          bad("event '" + u.event + "' has no change '" + u.change +
              "' carrying a number (leadership, credibility, public_shock, backing, umbrella, troops, contribution or "
              "capability, optionally .NAME)");
        break;
      }
      case T::StartValue:
        if (!sim::start_slot(c.t, u.start).value)
          bad("no start value '" + u.start + "' (expected leadership.ISSUE of a managed issue, backing.BACKER, "
              "public.MEMBER or umbrella)");
        break;
      case T::Parameter:
        if (std::none_of(alliance::parameter_table().begin(), alliance::parameter_table().end(),
                         [&](const alliance::ParameterInfo& p) { return u.parameter == p.name; }))
          bad("unknown alliance parameter '" + u.parameter + "'");
        break;
    }
  }
}

}  // namespace

bool is_timeline(std::string_view yaml_text) {
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    return root.IsMap() && root["time"];
  } catch (const YAML::Exception&) {
    return false;
  }
}

namespace {

// Runs one part of the reading; a structure the part did not expect (e.g. a map where a name
// belongs) is reported at its line, and the part counts as unread. False then.
template <class Part>
bool part(Context& c, Part&& read) {
  try {
    read();
    return true;
  } catch (const YAML::Exception& e) {
    c.r.errors().push_back({c.r.file(), e.mark.line + 1, "", std::string("unexpected structure: ") + e.msg});
  } catch (const InputError& e) {  // e.g. a data file that is not CSV
    c.r.errors().insert(c.r.errors().end(), e.diagnostics().begin(), e.diagnostics().end());
  }
  return false;
}

// The time span; false when it cannot be read (then only its start year is read into series).
bool read_time(Context& c, const YAML::Node& root) {
  TimeScenario& t = c.t;
  const auto time = root["time"];
  if (!time || !time.IsMap()) { c.r.error(time ? time : root, "time", "expected time: {start: YEAR, end: YEAR}"); return false; }
  const std::size_t before = c.r.errors().size();
  c.r.only_keys(time, "time", {"start", "end", "horizon"});
  t.start_year = whole(c, time, "start", "time.start", 0, true);
  t.end_year = whole(c, time, "end", "time.end", 0, true);
  t.horizon_year = whole(c, time, "horizon", "time.horizon", t.end_year, false);
  if (t.horizon_year < t.end_year) c.r.error(time["horizon"], "time.horizon", "the horizon cannot come before the end");
  if (t.end_year < t.start_year || t.end_year - t.start_year > 1000)
    c.r.error(time, "time", "expected start ≤ end, at most 1,000 years apart");
  if (c.r.errors().size() == before) return true;
  t.end_year = t.horizon_year = t.start_year;
  return false;
}

// The recorded outcome: `outcome: {result: held|broke, year, what, window: [from, to], reason,
// source}`. Read for calibration and backtests only (src/evidence); the model never sees it.
void read_outcome(Context& c, const YAML::Node& node) {
  if (!node) return;
  const std::string f = "outcome";
  if (!node.IsMap()) { c.r.error(node, f, "expected {result: held|broke, year, what, window, reason, source}"); return; }
  c.r.only_keys(node, f, {"result", "year", "what", "window", "reason", "source"});
  sim::Outcome o;
  o.line = Reader::line(node);
  const std::string result = text::lower(c.r.string(node, "result", f + ".result", true));
  if (result == "broke") o.broke = true;
  else if (!result.empty() && result != "held") c.r.error(node["result"], f + ".result", "expected held or broke");
  o.reason = c.r.string(node, "reason", f + ".reason", true);
  o.source = c.r.string(node, "source", f + ".source", true);
  o.window_first = c.t.start_year;
  o.window_last = c.t.end_year;
  if (const auto w = node["window"]; w) {
    double a = 0, b = 0;
    if (!w.IsSequence() || w.size() != 2 || !w[0].IsScalar() || !w[1].IsScalar() ||
        !text::parse_number(w[0].Scalar(), a) || !text::parse_number(w[1].Scalar(), b) || a != std::floor(a) ||
        b != std::floor(b) || a > b)
      c.r.error(w, f + ".window", "expected [from, to], two years with from ≤ to");
    else if (a < c.t.start_year || b > c.t.end_year)
      c.r.error(w, f + ".window", fmt::format("the window must lie within the scenario's years {}–{}", c.t.start_year,
                                              c.t.end_year));
    else {
      o.window_first = static_cast<int>(a);
      o.window_last = static_cast<int>(b);
    }
  }
  if (o.broke) {
    o.year = whole(c, node, "year", f + ".year", 0, true);
    if (node["year"] && !c.r.reported(f + ".year") && (o.year < o.window_first || o.year > o.window_last))
      c.r.error(node["year"], f + ".year", fmt::format("the break year must lie within the window {}–{}", o.window_first,
                                                       o.window_last));
    const std::string what = text::lower(c.r.string(node, "what", f + ".what", true));
    if (!what.empty()) {
      o.kind = sim::kOutcomeKinds.find(what);
      if (!o.kind) c.r.error(node["what"], f + ".what", "expected " + sim::kOutcomeKinds.joined(", "));
    }
  } else if (result == "held") {
    if (node["year"]) c.r.error(node["year"], f + ".year", "a year is given only when the alliance broke");
    if (node["what"]) c.r.error(node["what"], f + ".what", "what broke is given only when the alliance broke");
  }
  c.t.outcome = std::move(o);
}

}  // namespace

// Reads every part that can be read and reports every problem at once. A part is skipped only
// when what it names could not be read (no actors: no issues, alliance or events), and the
// checks after reading leave out the fields already reported.
sim::TimeScenario read_timeline(std::string_view content, const std::string& file) {
  const YAML::Node root = yaml::parse_document(content, file);
  Context c(file);
  c.dir = std::filesystem::path(file).parent_path();
  TimeScenario& t = c.t;
  t.scenario.provenance.file = file;
  part(c, [&] {
    c.r.only_keys(root, "", {"name", "description", "model", "seed", "time", "world", "series", "actors", "issues",
                             "alliance", "events", "policies", "causes", "uncertain", "claims", "outcome"});
    t.scenario.name = c.r.string(root, "name", "name", true);
    t.scenario.description = c.r.string(root, "description", "description", false);
    t.scenario.model = c.r.string(root, "model", "model", false);
    t.scenario.seed = static_cast<std::uint64_t>(std::max(0, whole(c, root, "seed", "seed", 0, false)));
  });
  bool span_ok = false;
  part(c, [&] { span_ok = read_time(c, root); });
  if (const auto series = root["series"]; series) {
    if (!series.IsMap()) c.r.error(series, "series", "expected name: {file, key, value} entries");
    else for (const auto& kv : series)
      part(c, [&] {
        const std::string name = kv.first.as<std::string>();
        if (!kv.second.IsMap()) { c.r.error(kv.second, "series." + name, "expected {file, key, value}"); return; }
        c.series[name] = read_series_table(c, kv.second, name);
      });
  }
  if (span_ok) part(c, [&] { read_outcome(c, root["outcome"]); });
  part(c, [&] { read_world(c, root["world"]); });
  bool actors_ok = false, issues_ok = false;
  part(c, [&] { actors_ok = read_actors(c, root["actors"]); });
  if (actors_ok) part(c, [&] { issues_ok = read_issues(c, root["issues"]); });
  if (issues_ok) {
    part(c, [&] { c.alliance_ok = read_alliance(c, root["alliance"]); });
    part(c, [&] { t.events = read_events(c, root["events"], "events"); });
    part(c, [&] { read_policies(c, root["policies"]); });
    part(c, [&] { read_causes(c, root["causes"]); });
  }
  part(c, [&] { t.scenario.uncertain = yaml::read_uncertain(root["uncertain"], c.r); });
  if (issues_ok) {
    part(c, [&] { read_claims(c, root["claims"]); });
    check_uncertain_names(c);
  }
  if (actors_ok) c.r.add_checked(validate(t.scenario));
  if (issues_ok && span_ok) c.r.add_checked(sim::validate(t));
  c.r.throw_if_any();
  return t;
}

sim::TimeScenario load_timeline(const std::string& path) {
  sim::TimeScenario t = read_timeline(read_file(path), path);
  for (const auto& note : t.notes) std::cerr << note.to_string() << '\n';
  return t;
}

}  // namespace entente
