// Entente's scenario file: YAML written for people (docs/scenario-format.md). Comments,
// named poles, one table of stances per issue, the model and its parameters.
#include <algorithm>
#include <cmath>
#include <set>

#include "io/scenario_io.h"
#include "io/text.h"
#include "io/yaml_reader.h"

namespace entente {

namespace {

using yaml::Reader;

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

// A one-year scenario's uncertain inputs may name actors and issues only.
void check_uncertain_names(const Scenario& s, Reader& r) {
  auto has_actor = [&](const std::string& n) {
    return std::any_of(s.actors.begin(), s.actors.end(), [&](const Actor& a) { return a.name == n; });
  };
  auto has_issue = [&](const std::string& n) {
    return std::any_of(s.issues.begin(), s.issues.end(), [&](const Issue& i) { return i.name == n; });
  };
  using T = UncertainInput::Target;
  for (const auto& u : s.uncertain) {
    const std::string at = "uncertain (line " + std::to_string(u.line) + ")";
    if ((u.target == T::Position || u.target == T::Salience) && (!has_actor(u.holder) || !has_issue(u.issue)))
      r.errors().push_back({r.file(), u.line, "uncertain", "unknown actor '" + u.holder + "' or issue '" + u.issue + "'"});
    if (u.target == T::Capability && !has_actor(u.actor))
      r.errors().push_back({r.file(), u.line, "uncertain.capability", "unknown actor '" + u.actor + "'"});
    if (u.target == T::EventYear || u.target == T::Parameter || u.target == T::StartValue ||
        u.target == T::EventChange || u.target == T::EventKeep)
      r.errors().push_back({r.file(), u.line, "uncertain", "a one-year scenario has no events or alliance parameters"});
  }
}

}  // namespace

Scenario read_yaml_scenario(std::string_view content, const std::string& file) {
  const YAML::Node root = yaml::parse_document(content, file);
  Reader r(file);
  Scenario s;
  s.provenance.file = file;
  if (root["time"])
    throw InputError(file, Reader::line(root["time"]), "time",
                     "a time-stepped scenario: run it with `entente run`, not `entente forecast`");
  bool read = false;
  try {
    r.only_keys(root, "", {"name", "description", "model", "seed", "actors", "issues", "uncertain"});
    s.name = r.string(root, "name", "name", true);
    s.description = r.string(root, "description", "description", false);
    s.model = r.string(root, "model", "model", false);
    const double seed = r.number(root, "seed", "seed", 0, false);
    if (seed < 0 || seed != std::floor(seed) || seed > 9.007199254740992e15)
      r.error(root["seed"], "seed", "expected a whole number from 0 to 2^53");
    else
      s.seed = static_cast<std::uint64_t>(seed);
    read_actors(root["actors"], s, r);
    std::vector<std::string> names;
    for (const auto& a : s.actors) names.push_back(a.name);
    yaml::IssueTable table = yaml::read_issues(root["issues"], names, r);
    s.issues = std::move(table.issues);
    s.stances = std::move(table.stances);
    s.provenance.lines.merge(table.lines);
    s.uncertain = yaml::read_uncertain(root["uncertain"], r);
    check_uncertain_names(s, r);
    read = true;
  } catch (const YAML::Exception& e) {
    r.errors().push_back({file, e.mark.line + 1, "", std::string("unexpected structure: ") + e.msg});
  }
  // The scenario's own checks run even after problems in reading (unless its structure was
  // not what a scenario has), so that a file's problems are all reported at once; they leave
  // out the fields already reported.
  if (read) r.add_checked(validate(s));
  r.throw_if_any();
  return s;
}

}  // namespace entente
