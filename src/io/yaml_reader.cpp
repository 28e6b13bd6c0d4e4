#include "io/yaml_reader.h"

namespace entente::yaml {

namespace {

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

void read_stances(const YAML::Node& node, std::size_t k, const std::vector<std::string>& holders,
                  IssueTable& out, Reader& r) {
  const std::string& issue = out.issues[k].name;
  const auto table = node["stances"];
  if (!table || !table.IsMap()) {
    r.error(node, "issues." + issue + ".stances", "expected a table of stances, one per actor");
    return;
  }
  const std::set<std::string> known(holders.begin(), holders.end());
  for (const auto& kv : table) {
    const auto who = kv.first.as<std::string>();
    if (!known.count(who)) r.error(kv.first, "stances." + issue + "." + who, "unknown actor '" + who + "'");
  }
  const std::size_t d = out.issues.size();
  for (std::size_t a = 0; a < holders.size(); ++a) {
    const std::string& who = holders[a];
    const std::string key = "stances." + issue + "." + who;
    const auto st = table[who];
    if (!st) { r.error(table, key, "no stance for actor '" + who + "'"); continue; }
    if (!st.IsMap()) { r.error(st, key, "expected {position: …, salience: …, reason: …}"); continue; }
    r.only_keys(st, key, {"position", "salience", "reason"});
    out.lines[key + ".position"] = Reader::line(st);
    out.lines[key + ".salience"] = Reader::line(st);
    Stance& stance = out.stances[a * d + k];
    stance.position = r.number(st, "position", key + ".position", 0, true);
    stance.salience = r.number(st, "salience", key + ".salience", 0, true) / 100;
  }
}

}  // namespace

IssueTable read_issues(const YAML::Node& list, const std::vector<std::string>& holders, Reader& r,
                       std::set<std::string> keys) {
  IssueTable out;
  if (!list || !list.IsSequence()) {
    r.error(list, "issues", "expected a list of issues");
    return out;
  }
  keys.insert({"name", "description", "scale", "low", "high", "stances"});
  for (const auto& node : list) {
    if (!node.IsMap()) { r.error(node, "issues", "expected an issue: name, low, high, stances"); continue; }
    r.only_keys(node, "issues", keys);
    Issue issue;
    issue.name = r.string(node, "name", "issues.name", true);
    issue.description = r.string(node, "description", "issues." + issue.name + ".description", false);
    issue.low_pole = r.string(node, "low", "issues." + issue.name + ".low", false);
    issue.high_pole = r.string(node, "high", "issues." + issue.name + ".high", false);
    read_scale(node, issue, r);
    out.lines["issues." + issue.name + ".name"] = Reader::line(node);
    out.lines["issues." + issue.name + ".scale"] = Reader::line(node);
    out.issues.push_back(std::move(issue));
  }
  out.stances.assign(holders.size() * out.issues.size(), Stance{});
  for (std::size_t k = 0; k < out.issues.size(); ++k) read_stances(list[k], k, holders, out, r);
  return out;
}


YAML::Node parse_document(std::string_view content, const std::string& file) {
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

  return root;
}

}  // namespace entente::yaml
