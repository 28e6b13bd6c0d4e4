// Entente's scenario file: YAML written for people (docs/scenario-format.md). Comments,
// named poles, one table of stances per issue, the model and its parameters.
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

#include "io/scenario_io.h"
#include "io/text.h"

namespace entente {

namespace {

// Reads fields of one YAML document, collecting every problem with its line.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  static int line(const YAML::Node& n) { return n.Mark().line + 1; }

  void error(const YAML::Node& at, const std::string& field, const std::string& message) {
    errors_.push_back({file_, at ? line(at) : 0, field, message});
  }

  // Reports keys of a map that the format does not know (most often typos).
  void only_keys(const YAML::Node& map, const std::string& where, std::set<std::string> known) {
    for (const auto& kv : map) {
      const auto key = kv.first.as<std::string>();
      if (!known.count(key)) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        error(kv.first, where.empty() ? key : where + "." + key, "unknown key (expected one of: " + list + ")");
      }
    }
  }

  std::string string(const YAML::Node& map, const char* key, const std::string& field, bool required) {
    const auto n = map[key];
    if (!n) {
      if (required) error(map, field, std::string("missing '") + key + "'");
      return "";
    }
    if (!n.IsScalar()) {
      error(n, field, "expected text");
      return "";
    }
    return n.as<std::string>();
  }

  double number(const YAML::Node& map, const char* key, const std::string& field, double fallback,
                bool required) {
    const auto n = map[key];
    if (!n) {
      if (required) error(map, field, std::string("missing '") + key + "'");
      return fallback;
    }
    double x = 0;
    if (!n.IsScalar() || !text::parse_number(n.Scalar(), x)) {
      error(n, field, "expected a finite number, found '" + (n.IsScalar() ? n.Scalar() : std::string("a list or map")) + "'");
      return fallback;
    }
    return x;
  }

  const std::string& file() const { return file_; }
  std::vector<Diagnostic>& errors() { return errors_; }

 private:
  std::string file_;
  std::vector<Diagnostic> errors_;
};

void read_actors(const YAML::Node& list, Scenario& s, Reader& r) {
  if (!list || !list.IsSequence()) {
    r.error(list, "actors", "expected a list of actors");
    return;
  }
  for (const auto& node : list) {
    if (!node.IsMap()) { r.error(node, "actors", "expected an actor: name, capability, description"); continue; }
    r.only_keys(node, "actors", {"name", "description", "capability", "capability_reason"});
    Actor a;
    a.name = r.string(node, "name", "actors.name", true);
    a.description = r.string(node, "description", "actors." + a.name + ".description", false);
    a.capability = r.number(node, "capability", "actors." + a.name + ".capability", 0, true);
    s.provenance.lines["actors." + a.name + ".name"] = Reader::line(node);
    s.provenance.lines["actors." + a.name + ".capability"] =
        Reader::line(node["capability"] ? node["capability"] : node);
    s.provenance.lines["actors." + a.name + ".salience"] = Reader::line(node);
    s.actors.push_back(std::move(a));
  }
}

// The scale, as [low, high]; the default is 0..100.
void read_scale(const YAML::Node& node, Issue& issue, Reader& r) {
  const auto n = node["scale"];
  if (!n) return;
  double lo = 0, hi = 0;
  if (!n.IsSequence() || n.size() != 2 || !text::parse_number(n[0].Scalar(), lo) ||
      !text::parse_number(n[1].Scalar(), hi)) {
    r.error(n, "issues." + issue.name + ".scale", "expected [low, high], two numbers");
    return;
  }
  issue.scale_min = lo;
  issue.scale_max = hi;
}

void read_stances(const YAML::Node& node, std::size_t k, Scenario& s, Reader& r) {
  const std::string& issue = s.issues[k].name;
  const auto table = node["stances"];
  if (!table || !table.IsMap()) {
    r.error(node, "issues." + issue + ".stances", "expected a table of stances, one per actor");
    return;
  }
  std::set<std::string> actors;
  for (const auto& a : s.actors) actors.insert(a.name);
  for (const auto& kv : table) {
    const auto who = kv.first.as<std::string>();
    if (!actors.count(who)) r.error(kv.first, "stances." + issue + "." + who, "unknown actor '" + who + "'");
  }
  const std::size_t d = s.issues.size();
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    const std::string& who = s.actors[a].name;
    const std::string key = "stances." + issue + "." + who;
    const auto st = table[who];
    if (!st) { r.error(table, key, "no stance for actor '" + who + "'"); continue; }
    if (!st.IsMap()) { r.error(st, key, "expected {position: …, salience: …, reason: …}"); continue; }
    r.only_keys(st, key, {"position", "salience", "reason"});
    s.provenance.lines[key + ".position"] = Reader::line(st);
    s.provenance.lines[key + ".salience"] = Reader::line(st);
    Stance& out = s.stances[a * d + k];
    out.position = r.number(st, "position", key + ".position", 0, true);
    out.salience = r.number(st, "salience", key + ".salience", 0, true) / 100;
  }
}

void read_issues(const YAML::Node& list, Scenario& s, Reader& r) {
  if (!list || !list.IsSequence()) {
    r.error(list, "issues", "expected a list of issues");
    return;
  }
  for (const auto& node : list) {
    if (!node.IsMap()) { r.error(node, "issues", "expected an issue: name, low, high, stances"); continue; }
    r.only_keys(node, "issues", {"name", "description", "scale", "low", "high", "stances"});
    Issue issue;
    issue.name = r.string(node, "name", "issues.name", true);
    issue.description = r.string(node, "description", "issues." + issue.name + ".description", false);
    issue.low_pole = r.string(node, "low", "issues." + issue.name + ".low", false);
    issue.high_pole = r.string(node, "high", "issues." + issue.name + ".high", false);
    read_scale(node, issue, r);
    s.provenance.lines["issues." + issue.name + ".name"] = Reader::line(node);
    s.provenance.lines["issues." + issue.name + ".scale"] = Reader::line(node);
    s.issues.push_back(std::move(issue));
  }
  s.stances.assign(s.actors.size() * s.issues.size(), Stance{});
  for (std::size_t k = 0; k < s.issues.size(); ++k) read_stances(list[k], k, s, r);
}

}  // namespace

Scenario read_yaml_scenario(std::string_view content, const std::string& file) {
  if (content.find('\0') != std::string_view::npos)
    throw InputError(file, 1, "", "binary data (a NUL byte): not a YAML scenario");
  YAML::Node root;
  try {
    root = YAML::Load(std::string(content));
  } catch (const YAML::Exception& e) {
    throw InputError(file, e.mark.line + 1, "", "not valid YAML: " + e.msg);
  }
  if (!root || root.IsNull()) throw InputError(file, 1, "", "empty file: expected a scenario (name, actors, issues)");
  if (!root.IsMap()) throw InputError(file, 1, "", "expected a scenario: a map with name, actors, issues");

  Reader r(file);
  Scenario s;
  s.provenance.file = file;
  try {
    r.only_keys(root, "", {"name", "description", "model", "seed", "actors", "issues"});
    s.name = r.string(root, "name", "name", true);
    s.description = r.string(root, "description", "description", false);
    s.model = r.string(root, "model", "model", false);
    const double seed = r.number(root, "seed", "seed", 0, false);
    if (seed < 0 || seed != std::floor(seed) || seed > 9.007199254740992e15)
      r.error(root["seed"], "seed", "expected a whole number from 0 to 2^53");
    else
      s.seed = static_cast<std::uint64_t>(seed);
    read_actors(root["actors"], s, r);
    read_issues(root["issues"], s, r);
  } catch (const YAML::Exception& e) {
    r.errors().push_back({file, e.mark.line + 1, "", std::string("unexpected structure: ") + e.msg});
  }
  if (!r.errors().empty()) throw InputError(std::move(r.errors()));
  require_valid(s);
  return s;
}

}  // namespace entente
