// Time-stepped scenario files: Entente's YAML scenario plus a time span, data series read
// from CSV tables, the alliance, and dated events with cause tags and sources.
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>

#include "io/files.h"
#include "io/timeline_io.h"
#include "io/yaml_reader.h"

namespace entente {

namespace {

using sim::Effect;
using sim::Event;
using sim::TimeScenario;
using yaml::Reader;

// year → value for each key of one data table.
using SeriesTable = std::map<std::string, std::map<int, double>>;

struct Context {
  Reader r;
  std::filesystem::path dir;  // the scenario file's folder; data paths are relative to it
  std::map<std::string, SeriesTable> series;
  TimeScenario t;
  std::vector<std::string> holder_names;  // actors, then factions
  std::vector<std::vector<std::string>> factions_of;
  explicit Context(const std::string& file) : r(file) {}
};

int whole(Context& c, const YAML::Node& map, const char* key, const std::string& field, int fallback, bool required) {
  const double x = c.r.number(map, key, field, fallback, required);
  if (x != std::floor(x) || std::abs(x) > 1e6) {
    c.r.error(map[key], field, "expected a whole number");
    return fallback;
  }
  return static_cast<int>(x);
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
  if (file.empty()) return table;
  const std::string path = (c.dir / file).string();
  std::string content;
  try {
    content = read_file(path);
  } catch (const InputError&) {
    c.r.error(spec, field + ".file", "cannot read the data file '" + path + "'");
    return table;
  }
  const auto rows = text::split_csv(content, path);
  if (rows.empty()) { c.r.error(spec, field + ".file", "the data file '" + path + "' is empty"); return table; }
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].fields.size(); ++i) col[rows[0].fields[i]] = i;
  for (const std::string* needed : {&key, &year, &value})
    if (!col.count(*needed)) {
      c.r.error(spec, field, "the data file '" + path + "' has no column '" + *needed + "'");
      return table;
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

// A number, or {series: NAME, key: KEY[, chain_link_after: YEAR][, scale: X]}.
std::vector<double> read_yearly(Context& c, const YAML::Node& node, const std::string& field, double fallback) {
  const int start = c.t.start_year, end = c.t.end_year;
  if (!node) return std::vector<double>(static_cast<std::size_t>(std::max(0, end - start + 1)), fallback);
  if (node.IsScalar()) {
    double x = 0;
    if (!text::parse_number(node.Scalar(), x)) c.r.error(node, field, "expected a number or {series: …, key: …}");
    return std::vector<double>(static_cast<std::size_t>(std::max(0, end - start + 1)), x);
  }
  c.r.only_keys(node, field, {"series", "key", "chain_link_after", "scale"});
  const std::string name = c.r.string(node, "series", field + ".series", true);
  const std::string key = c.r.string(node, "key", field + ".key", true);
  auto s = c.series.find(name);
  if (s == c.series.end()) { c.r.error(node, field + ".series", "no series '" + name + "' under series:"); return {}; }
  auto k = s->second.find(key);
  if (k == s->second.end() || k->second.empty()) {
    c.r.error(node, field + ".key", "series '" + name + "' has no values for '" + key + "'");
    return {};
  }
  std::map<int, double> data = k->second;
  if (node["chain_link_after"]) {
    // A break in a source's method after year B: later values are rescaled by v(B)/v(B+1) so
    // that the series continues from B without the step the break introduced.
    const int b = whole(c, node, "chain_link_after", field + ".chain_link_after", 0, true);
    if (!data.count(b) || !data.count(b + 1) || data.at(b + 1) == 0)
      c.r.error(node["chain_link_after"], field, "chain linking needs values in both " + std::to_string(b) +
                                                     " and " + std::to_string(b + 1));
    else {
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

// ------------------------------------------------------------------------------ actors

void read_actors(Context& c, const YAML::Node& list) {
  if (!list || !list.IsSequence()) { c.r.error(list, "actors", "expected a list of actors"); return; }
  for (const auto& node : list) {
    if (!node.IsMap()) { c.r.error(node, "actors", "expected an actor"); continue; }
    c.r.only_keys(node, "actors", {"name", "description", "capability", "capability_reason", "democracy",
                                   "democracy_reason", "factions", "in_office"});
    Actor a;
    a.name = c.r.string(node, "name", "actors.name", true);
    a.description = c.r.string(node, "description", "actors." + a.name + ".description", false);
    const std::string f = "actors." + a.name;
    if (!node["capability"]) c.r.error(node, f + ".capability", "missing 'capability'");
    c.t.capability.push_back(read_yearly(c, node["capability"], f + ".capability", 0));
    c.t.democracy.push_back(read_yearly(c, node["democracy"], f + ".democracy", 0));
    a.capability = c.t.capability.back().empty() ? 0 : c.t.capability.back().front();
    for (const char* p : {".name", ".capability", ".salience"}) c.t.scenario.provenance.lines[f + p] = Reader::line(node);
    std::vector<std::string> factions;
    if (node["factions"]) {
      if (!node["factions"].IsSequence()) c.r.error(node["factions"], f + ".factions", "expected a list of faction names");
      else for (const auto& fn : node["factions"]) factions.push_back(fn.as<std::string>());
    }
    c.factions_of.push_back(factions);
    std::string office = c.r.string(node, "in_office", f + ".in_office", !factions.empty());
    if (!factions.empty() && std::find(factions.begin(), factions.end(), office) == factions.end())
      c.r.error(node, f + ".in_office", "in_office must name one of the actor's factions");
    c.t.scenario.actors.push_back(std::move(a));
  }
  const std::size_t n = c.t.scenario.actors.size();
  c.t.in_office.assign(n, -1);
  for (std::size_t a = 0; a < n; ++a) c.holder_names.push_back(c.t.scenario.actors[a].name);
  for (std::size_t a = 0; a < n; ++a) {
    const YAML::Node node = list[a];
    const std::string office = node["in_office"] ? node["in_office"].as<std::string>() : "";
    for (const auto& fn : c.factions_of[a]) {
      if (fn == office) c.t.in_office[a] = static_cast<int>(c.t.factions.size());
      c.t.factions.push_back({fn, a});
      c.holder_names.push_back(fn);
    }
  }
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

void read_issues(Context& c, const YAML::Node& list) {
  const auto holders = table_holders(c);
  yaml::IssueTable table = yaml::read_issues(list, holders, c.r, {"role", "owner"});
  c.t.scenario.issues = table.issues;
  c.t.scenario.provenance.lines.merge(table.lines);
  const std::size_t n = c.t.scenario.actors.size(), d = table.issues.size();
  c.t.holder_stances.assign(c.t.num_holders() * d, Stance{});
  for (std::size_t h = 0; h < holders.size(); ++h) {
    const int index = c.t.holder_index(holders[h]);
    for (std::size_t k = 0; k < d; ++k) c.t.holder_stances[index * d + k] = table.stances[h * d + k];
  }
  // A state with factions stands where its faction in office stands.
  for (std::size_t a = 0; a < n; ++a)
    if (c.t.in_office[a] >= 0)
      for (std::size_t k = 0; k < d; ++k)
        c.t.holder_stances[a * d + k] = c.t.holder_stances[(n + c.t.in_office[a]) * d + k];
  c.t.scenario.stances.assign(c.t.holder_stances.begin(), c.t.holder_stances.begin() + static_cast<long>(n * d));
  c.t.setup.issues.assign(d, {});
  if (!list || !list.IsSequence()) return;
  for (std::size_t k = 0; k < d && k < list.size(); ++k) {
    const std::string f = "issues." + table.issues[k].name;
    c.t.setup.issues[k].role = parse_role(c, list[k], f + ".role");
    const std::string owner = c.r.string(list[k], "owner", f + ".owner", false);
    if (owner.empty()) continue;
    c.t.setup.issues[k].owner = actor_index(c, owner);
    if (c.t.setup.issues[k].owner < 0) c.r.error(list[k]["owner"], f + ".owner", "unknown actor '" + owner + "'");
  }
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

void read_alliance(Context& c, const YAML::Node& node) {
  if (!node || !node.IsMap()) { c.r.error(node, "alliance", "expected the alliance: patron, client, adversary, …"); return; }
  c.r.only_keys(node, "alliance", {"patron", "client", "adversary", "backers", "troops", "leadership", "umbrella",
                                   "treaty", "publics", "parameters"});
  auto& s = c.t.setup;
  s.patron = required_actor(c, node, "patron", "alliance.patron");
  s.client = required_actor(c, node, "client", "alliance.client");
  s.adversary = required_actor(c, node, "adversary", "alliance.adversary");
  if (s.patron == s.client) c.r.error(node, "alliance.client", "the patron and the client must differ");
  if (const auto b = node["backers"]; b) {
    if (!b.IsMap()) c.r.error(b, "alliance.backers", "expected backer: weight pairs");
    else for (const auto& kv : b) {
      const std::string name = kv.first.as<std::string>();
      const int a = actor_index(c, name);
      if (a < 0) { c.r.error(kv.first, "alliance.backers." + name, "unknown actor"); continue; }
      s.backers.push_back(static_cast<std::size_t>(a));
      c.t.backer_weight.push_back(c.r.number(b, name.c_str(), "alliance.backers." + name, 0, true));
    }
  }
  c.t.troops = read_yearly(c, node["troops"], "alliance.troops", 0);
  c.t.leadership.assign(c.t.scenario.issues.size(), 0.5);
  if (const auto l = node["leadership"]; l) {
    if (!l.IsMap()) c.r.error(l, "alliance.leadership", "expected issue: share pairs");
    else for (const auto& kv : l) {
      const std::string name = kv.first.as<std::string>();
      const int k = issue_index(c, name);
      if (k < 0) { c.r.error(kv.first, "alliance.leadership." + name, "unknown issue"); continue; }
      c.t.leadership[static_cast<std::size_t>(k)] = c.r.number(l, name.c_str(), "alliance.leadership." + name, 0.5, true);
    }
  }
  c.t.umbrella = c.r.number(node, "umbrella", "alliance.umbrella", 0, false);
  c.t.treaty = c.r.number(node, "treaty", "alliance.treaty", 1, false) != 0;
  if (const auto p = node["publics"]; p) {
    const std::string names[2] = {c.t.scenario.actors[s.patron].name, c.t.scenario.actors[s.client].name};
    for (int i = 0; i < 2; ++i) {
      const auto m = p[names[i]];
      if (!m) continue;
      c.r.only_keys(m, "alliance.publics." + names[i], {"anchor", "reason"});
      c.t.public_anchor[i] = c.r.number(m, "anchor", "alliance.publics." + names[i] + ".anchor", 0.5, true);
    }
  }
  read_parameters(c, node["parameters"]);
}

// ------------------------------------------------------------------------------ events

// "1993", "1993-03" or "1993-03-12" → the year; 0 when malformed.
int parse_date(const std::string& date) {
  int y = 0, m = 1, d = 1;
  char tail = 0;
  const int got = std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail);
  if (got < 1 || got > 3 || y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
  return y;
}

int member_index(Context& c, const YAML::Node& n, const char* key, const std::string& field) {
  const std::string name = c.r.string(n, key, field, true);
  const int a = actor_index(c, name);
  if (a >= 0 && static_cast<std::size_t>(a) == c.t.setup.patron) return 0;
  if (a >= 0 && static_cast<std::size_t>(a) == c.t.setup.client) return 1;
  c.r.error(n, field, "'" + name + "' is not a member of the alliance");
  return 0;
}

// One `set:` entry: a map with a single key naming what it changes.
bool read_effect(Context& c, const YAML::Node& node, const std::string& f, Effect& e) {
  if (!node.IsMap() || node.size() != 1) {
    c.r.error(node, f, "expected one change, e.g. {leadership: {issue: strategy, share: 0.8}}");
    return false;
  }
  const std::string kind = node.begin()->first.as<std::string>();
  const YAML::Node v = node.begin()->second;
  const std::string g = f + "." + kind;
  auto need_issue = [&](const YAML::Node& m) {
    const std::string name = c.r.string(m, "issue", g + ".issue", true);
    const int k = issue_index(c, name);
    if (k < 0 && !name.empty()) c.r.error(m, g + ".issue", "unknown issue '" + name + "'");
    return k < 0 ? 0 : static_cast<std::size_t>(k);
  };
  using K = Effect::Kind;
  if (kind == "stance") {
    c.r.only_keys(v, g, {"holder", "issue", "position", "salience", "shift", "reason"});
    e.kind = K::Stance;
    const std::string who = c.r.string(v, "holder", g + ".holder", true);
    const int h = c.t.holder_index(who);
    if (h < 0) c.r.error(v, g + ".holder", "unknown actor or faction '" + who + "'");
    else if (static_cast<std::size_t>(h) < c.t.scenario.actors.size() && c.t.in_office[static_cast<std::size_t>(h)] >= 0)
      c.r.error(v, g + ".holder", "'" + who + "' has factions: set the stance of one of them");
    e.holder = h < 0 ? 0 : static_cast<std::size_t>(h);
    e.issue = need_issue(v);
    e.set_position = static_cast<bool>(v["position"]);
    e.set_salience = static_cast<bool>(v["salience"]);
    e.position = c.r.number(v, "position", g + ".position", 0, false);
    e.salience = c.r.number(v, "salience", g + ".salience", 0, false) / 100;
    e.shift = c.r.number(v, "shift", g + ".shift", 0, false) != 0;
    if (!e.set_position && !e.set_salience) c.r.error(v, g, "expected a position, a salience or both");
  } else if (kind == "capability") {
    c.r.only_keys(v, g, {"actor", "factor"});
    e.kind = K::Capability;
    e.actor = required_actor(c, v, "actor", g + ".actor");
    e.value = c.r.number(v, "factor", g + ".factor", 1, true);
    if (!(e.value > 0)) c.r.error(v, g + ".factor", "expected a factor greater than 0");
  } else if (kind == "in_office") {
    c.r.only_keys(v, g, {"state", "faction"});
    e.kind = K::InOffice;
    e.actor = required_actor(c, v, "state", g + ".state");
    const std::string fn = c.r.string(v, "faction", g + ".faction", true);
    const int h = c.t.holder_index(fn);
    const std::size_t n = c.t.scenario.actors.size();
    if (h < static_cast<int>(n) || c.t.factions[static_cast<std::size_t>(h) - n].state != e.actor)
      c.r.error(v, g + ".faction", "'" + fn + "' is not a faction of that state");
    else e.faction = static_cast<std::size_t>(h) - n;
  } else if (kind == "leadership") {
    c.r.only_keys(v, g, {"issue", "share"});
    e.kind = K::Leadership;
    e.issue = need_issue(v);
    e.value = c.r.number(v, "share", g + ".share", 0.5, true);
    if (c.t.setup.issues.size() > e.issue && c.t.setup.issues[e.issue].owner < 0)
      c.r.error(v, g + ".issue", "leadership applies to alliance-managed issues (give the issue an owner)");
  } else if (kind == "umbrella" || kind == "credibility" || kind == "troops" || kind == "treaty") {
    e.kind = kind == "umbrella" ? K::Umbrella : kind == "credibility" ? K::Credibility : kind == "troops" ? K::Troops : K::Treaty;
    if (!v.IsScalar() || !text::parse_number(v.Scalar(), e.value)) c.r.error(v, g, "expected a number");
  } else if (kind == "backing") {
    c.r.only_keys(v, g, {"backer", "weight"});
    e.kind = K::Backing;
    const std::size_t a = required_actor(c, v, "backer", g + ".backer");
    const auto& b = c.t.setup.backers;
    const auto it = std::find(b.begin(), b.end(), a);
    if (it == b.end()) c.r.error(v, g + ".backer", "not one of alliance.backers");
    e.backer = static_cast<std::size_t>(it - b.begin());
    e.value = c.r.number(v, "weight", g + ".weight", 0, true);
  } else if (kind == "public_shock") {
    c.r.only_keys(v, g, {"member", "size"});
    e.kind = K::PublicShock;
    e.member = static_cast<std::size_t>(member_index(c, v, "member", g + ".member"));
    e.value = c.r.number(v, "size", g + ".size", 0, true);
  } else if (kind == "contribution") {
    c.r.only_keys(v, g, {"member", "item", "share"});
    e.kind = K::Contribution;
    e.member = static_cast<std::size_t>(member_index(c, v, "member", g + ".member"));
    e.item = c.r.string(v, "item", g + ".item", true);
    e.value = c.r.number(v, "share", g + ".share", 0, true);
  } else {
    c.r.error(node, g, "unknown change (expected stance, capability, in_office, leadership, umbrella, "
                       "credibility, backing, public_shock, contribution, troops or treaty)");
    return false;
  }
  return true;
}

std::vector<Event> read_events(Context& c, const YAML::Node& list, const std::string& where) {
  std::vector<Event> events;
  if (!list) return events;
  if (!list.IsSequence()) { c.r.error(list, where, "expected a list of events"); return events; }
  for (const auto& node : list) {
    if (!node.IsMap()) { c.r.error(node, "events", "expected an event: name, date, tags, source, set"); continue; }
    c.r.only_keys(node, "events", {"name", "date", "tags", "source", "reason", "set"});
    Event ev;
    ev.line = Reader::line(node);
    ev.name = c.r.string(node, "name", "events.name", true);
    const std::string f = "events." + ev.name;
    ev.date = c.r.string(node, "date", f + ".date", true);
    ev.year = parse_date(ev.date);
    if (ev.year == 0 && !ev.date.empty()) c.r.error(node["date"], f + ".date", "expected YYYY, YYYY-MM or YYYY-MM-DD");
    ev.source = c.r.string(node, "source", f + ".source", true);
    if (const auto tags = node["tags"]; tags) {
      if (!tags.IsSequence()) c.r.error(tags, f + ".tags", "expected a list of cause tags");
      else for (const auto& tag : tags) ev.tags.push_back(tag.as<std::string>());
    }
    const auto set = node["set"];
    if (!set || !set.IsSequence() || set.size() == 0) c.r.error(node, f + ".set", "expected a list of changes");
    else for (const auto& change : set) {
      Effect e;
      if (read_effect(c, change, f + ".set", e)) ev.effects.push_back(e);
    }
    events.push_back(std::move(ev));
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
    if (const auto drop = node["drop"]; drop) {
      c.r.only_keys(drop, f + ".drop", {"tags", "events", "from"});
      for (const char* key : {"tags", "events"}) {
        const auto names = drop[key];
        if (!names) continue;
        if (!names.IsSequence()) { c.r.error(names, f + ".drop." + key, "expected a list"); continue; }
        for (const auto& n : names) (std::string(key) == "tags" ? p.drop_tags : p.drop_events).push_back(n.as<std::string>());
      }
      if (drop["from"]) p.drop_from = whole(c, drop, "from", f + ".drop.from", 0, true);
      for (const auto& name : p.drop_events)
        if (std::none_of(c.t.events.begin(), c.t.events.end(), [&](const Event& e) { return e.name == name; }))
          c.r.error(drop, f + ".drop.events", "no event named '" + name + "'");
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
    if (const auto g = n["groups"]; g) {
      if (!g.IsSequence()) c.r.error(g, f + ".groups", "expected a list of cause tags");
      else for (const auto& tag : g) term.groups.push_back(tag.as<std::string>());
    }
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
        if (std::none_of(c.t.events.begin(), c.t.events.end(), [&](const Event& e) { return e.name == u.event; }))
          bad("no event named '" + u.event + "'");
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

sim::TimeScenario read_timeline(std::string_view content, const std::string& file) {
  const YAML::Node root = yaml::parse_document(content, file);
  Context c(file);
  c.dir = std::filesystem::path(file).parent_path();
  TimeScenario& t = c.t;
  t.scenario.provenance.file = file;
  try {
    c.r.only_keys(root, "", {"name", "description", "model", "seed", "time", "series", "actors", "issues",
                             "alliance", "events", "policies", "uncertain", "claims"});
    t.scenario.name = c.r.string(root, "name", "name", true);
    t.scenario.description = c.r.string(root, "description", "description", false);
    t.scenario.model = c.r.string(root, "model", "model", false);
    t.scenario.seed = static_cast<std::uint64_t>(std::max(0, whole(c, root, "seed", "seed", 0, false)));
    const auto time = root["time"];
    if (!time || !time.IsMap()) c.r.error(root, "time", "expected time: {start: YEAR, end: YEAR}");
    else {
      c.r.only_keys(time, "time", {"start", "end", "horizon"});
      t.start_year = whole(c, time, "start", "time.start", 0, true);
      t.end_year = whole(c, time, "end", "time.end", 0, true);
      t.horizon_year = whole(c, time, "horizon", "time.horizon", t.end_year, false);
      if (t.horizon_year < t.end_year) c.r.error(time["horizon"], "time.horizon", "the horizon cannot come before the end");
      if (t.end_year < t.start_year || t.end_year - t.start_year > 1000)
        c.r.error(time, "time", "expected start ≤ end, at most 1,000 years apart");
    }
    if (const auto series = root["series"]; series) {
      if (!series.IsMap()) c.r.error(series, "series", "expected name: {file, key, value} entries");
      else for (const auto& kv : series) {
        const std::string name = kv.first.as<std::string>();
        c.series[name] = read_series_table(c, kv.second, name);
      }
    }
    if (c.r.errors().empty()) {
      read_actors(c, root["actors"]);
      read_issues(c, root["issues"]);
      read_alliance(c, root["alliance"]);
      t.events = read_events(c, root["events"], "events");
      read_policies(c, root["policies"]);
      t.scenario.uncertain = yaml::read_uncertain(root["uncertain"], c.r);
      read_claims(c, root["claims"]);
      check_uncertain_names(c);
    }
  } catch (const YAML::Exception& e) {
    c.r.errors().push_back({file, e.mark.line + 1, "", std::string("unexpected structure: ") + e.msg});
  }
  if (!c.r.errors().empty()) throw InputError(std::move(c.r.errors()));
  auto problems = validate(t.scenario);
  auto more = sim::validate(t);
  problems.insert(problems.end(), more.begin(), more.end());
  if (!problems.empty()) throw InputError(std::move(problems));
  return t;
}

sim::TimeScenario load_timeline(const std::string& path) { return read_timeline(read_file(path), path); }

}  // namespace entente
