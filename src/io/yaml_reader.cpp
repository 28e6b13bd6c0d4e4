#include "io/yaml_reader.h"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <cmath>

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
    // Without this stance the holder's salience total cannot be checked either.
    const auto unread = [&] {
      for (const char* f : {".position", ".salience"}) r.skip(key + f);
      r.skip("actors." + who + ".salience");
    };
    if (!st) { r.error(table, key, "no stance for actor '" + who + "'"); unread(); continue; }
    if (!st.IsMap()) { r.error(st, key, "expected {position: …, salience: …, reason: …}"); unread(); continue; }
    r.only_keys(st, key, {"position", "salience", "reason"});
    out.lines[key + ".position"] = Reader::line(st["position"] ? st["position"] : st);
    out.lines[key + ".salience"] = Reader::line(st["salience"] ? st["salience"] : st);
    Stance& stance = out.stances[a * d + k];
    stance.position = r.number(st, "position", key + ".position", 0, true);
    stance.salience = r.number(st, "salience", key + ".salience", 0, true) / 100;
    if (r.reported(key + ".salience")) r.skip("actors." + who + ".salience");
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
  keys.insert({"name", "description", "scale", "low", "high", "status_quo", "stances"});
  for (const auto& node : list) {
    if (!node.IsMap()) { r.error(node, "issues", "expected an issue: name, low, high, stances"); continue; }
    r.only_keys(node, "issues", keys);
    Issue issue;
    issue.name = r.string(node, "name", "issues.name", true);
    issue.description = r.string(node, "description", "issues." + issue.name + ".description", false);
    issue.low_pole = r.string(node, "low", "issues." + issue.name + ".low", false);
    issue.high_pole = r.string(node, "high", "issues." + issue.name + ".high", false);
    read_scale(node, issue, r);
    if (node["status_quo"])
      issue.status_quo = r.number(node, "status_quo", "issues." + issue.name + ".status_quo", 0, false);
    out.lines["issues." + issue.name + ".name"] = Reader::line(node);
    out.lines["issues." + issue.name + ".scale"] = Reader::line(node["scale"] ? node["scale"] : node);
    out.lines["issues." + issue.name + ".status_quo"] = Reader::line(node["status_quo"] ? node["status_quo"] : node);
    out.issues.push_back(std::move(issue));
    out.nodes.push_back(node);
  }
  out.stances.assign(holders.size() * out.issues.size(), Stance{});
  for (std::size_t k = 0; k < out.issues.size(); ++k) read_stances(out.nodes[k], k, holders, out, r);
  return out;
}


namespace {

// {uniform: [a, b]}, {normal: [mean, sd]}, {triangular: [low, mode, high]}, {uniform_int: [a, b]}.
bool read_distribution(const YAML::Node& node, const std::string& field, Reader& r, Distribution& d) {
  if (!node || !node.IsMap() || node.size() != 1) {
    r.error(node, field, "expected one distribution: {uniform: [a, b]}, {normal: [mean, sd]}, "
                         "{triangular: [low, mode, high]} or {uniform_int: [a, b]}");
    return false;
  }
  const std::string kind = node.begin()->first.as<std::string>();
  const YAML::Node args = node.begin()->second;
  const std::size_t want = kind == "triangular" ? 3 : 2;
  std::vector<double> x;
  if (args.IsSequence())
    for (const auto& v : args) {
      double value = 0;
      if (v.IsScalar() && text::parse_number(v.Scalar(), value)) x.push_back(value);
    }
  if (!args.IsSequence() || x.size() != want || args.size() != want) {
    r.error(args, field, kind + " takes " + std::to_string(want) + " numbers");
    return false;
  }
  using K = Distribution::Kind;
  if (kind == "uniform" && x[0] <= x[1]) d = {K::Uniform, x[0], x[1], 0};
  else if (kind == "normal" && x[1] >= 0) d = {K::Normal, x[0], x[1], 0};
  else if (kind == "triangular" && x[0] <= x[1] && x[1] <= x[2] && x[0] < x[2]) d = {K::Triangular, x[0], x[1], x[2]};
  else if (kind == "uniform_int" && x[0] <= x[1] && x[0] == std::floor(x[0]) && x[1] == std::floor(x[1]))
    d = {K::UniformInt, x[0], x[1], 0};
  else {
    r.error(args, field, "bad " + kind + " (unknown kind, or bounds out of order, or a negative sd)");
    return false;
  }
  return true;
}

}  // namespace

std::vector<UncertainInput> read_uncertain(const YAML::Node& list, Reader& r) {
  std::vector<UncertainInput> out;
  if (!list) return out;
  if (!list.IsSequence()) { r.error(list, "uncertain", "expected a list of uncertain inputs"); return out; }
  for (const auto& node : list) {
    UncertainInput u;
    u.line = Reader::line(node);
    using T = UncertainInput::Target;
    if (!node.IsMap()) { r.error(node, "uncertain", "expected e.g. {position: {holder: US, issue: x}, shift: {normal: [0, 5]}}"); continue; }
    if (node["position"] || node["salience"]) {
      const bool pos = static_cast<bool>(node["position"]);
      const auto who = pos ? node["position"] : node["salience"];
      u.target = pos ? T::Position : T::Salience;
      r.only_keys(node, "uncertain", {pos ? "position" : "salience", "shift", "reason"});
      u.holder = r.string(who, "holder", "uncertain.holder", true);
      u.issue = r.string(who, "issue", "uncertain.issue", true);
      if (read_distribution(node["shift"], "uncertain.shift", r, u.dist)) out.push_back(u);
    } else if (node["capability"]) {
      u.target = T::Capability;
      r.only_keys(node, "uncertain", {"capability", "factor", "reason"});
      u.actor = r.string(node, "capability", "uncertain.capability", true);
      if (read_distribution(node["factor"], "uncertain.factor", r, u.dist)) out.push_back(u);
    } else if (node["event"] && node["change"]) {
      u.target = T::EventChange;
      r.only_keys(node, "uncertain", {"event", "change", "value", "shift", "factor", "reason"});
      u.event = r.string(node, "event", "uncertain.event", true);
      u.change = r.string(node, "change", "uncertain.change", true);
      const int ops = (node["value"] ? 1 : 0) + (node["shift"] ? 1 : 0) + (node["factor"] ? 1 : 0);
      if (ops != 1) { r.error(node, "uncertain", "expected one of value, shift or factor for the change"); continue; }
      u.op = node["value"] ? UncertainInput::Op::Value : node["shift"] ? UncertainInput::Op::Shift : UncertainInput::Op::Factor;
      const char* key = node["value"] ? "value" : node["shift"] ? "shift" : "factor";
      if (read_distribution(node[key], std::string("uncertain.") + key, r, u.dist)) out.push_back(u);
    } else if (node["event"] && node["keep"]) {
      u.target = T::EventKeep;
      r.only_keys(node, "uncertain", {"event", "keep", "reason"});
      u.event = r.string(node, "event", "uncertain.event", true);
      if (read_distribution(node["keep"], "uncertain.keep", r, u.dist)) out.push_back(u);
    } else if (node["event"]) {
      u.target = T::EventYear;
      r.only_keys(node, "uncertain", {"event", "shift_years", "reason"});
      u.event = r.string(node, "event", "uncertain.event", true);
      if (read_distribution(node["shift_years"], "uncertain.shift_years", r, u.dist)) out.push_back(u);
    } else if (node["start"]) {
      u.target = T::StartValue;
      r.only_keys(node, "uncertain", {"start", "value", "reason"});
      u.start = r.string(node, "start", "uncertain.start", true);
      if (read_distribution(node["value"], "uncertain.value", r, u.dist)) out.push_back(u);
    } else if (node["parameter"]) {
      u.target = T::Parameter;
      r.only_keys(node, "uncertain", {"parameter", "value", "reason"});
      u.parameter = r.string(node, "parameter", "uncertain.parameter", true);
      if (read_distribution(node["value"], "uncertain.value", r, u.dist)) out.push_back(u);
    } else {
      r.error(node, "uncertain", "expected position, salience, capability, event, parameter or start");
    }
  }
  return out;
}

namespace {

// Tracks the nesting of a YAML text line by line (YAML 1.2 §6.1 indentation, §7.4 flow
// collections): a stack of the block indentation columns open at the current line, the open
// flow brackets, and whether a quoted scalar or a block scalar (| or >) continues.
class NestingScan {
 public:
  // The nesting depth reached on this line (lines are fed in order, without their line end).
  int feed(std::string_view line) {
    const std::size_t indent = line.find_first_not_of(' ');
    const bool blank = indent == std::string_view::npos || line[indent] == '#';
    if (block_scalar_) {
      if (blank || indent > block_parent_) return depth();  // the scalar's own text
      block_scalar_ = false;
    }
    std::size_t at = 0;
    if (quote_ == 0 && flow_ == 0 && !blank) {
      if (line.substr(indent, 3) == "---" || line.substr(indent, 3) == "...") blocks_.clear();
      while (!blocks_.empty() && blocks_.back() >= indent) blocks_.pop_back();
      blocks_.push_back(indent);
      at = indent;
      // Each "- ", "? " or ": " that begins the line's content opens one more level.
      while (at + 1 < line.size() && (line[at] == '-' || line[at] == '?' || line[at] == ':') && line[at + 1] == ' ') {
        at = line.find_first_not_of(' ', at + 1);
        if (at == std::string_view::npos) { at = line.size(); break; }
        blocks_.push_back(at);
      }
    }
    int deepest = depth();
    // A quote or bracket opens a scalar or a collection only where a node may begin: at the
    // start of the content, after ": ", and in flow context after [ { , — elsewhere in block
    // context it is text of a plain scalar ("it's", "x[1]").
    bool node_start = true;
    for (std::size_t i = at; i < line.size(); ++i) {
      const char c = line[i];
      if (quote_ == '"') {
        if (c == '\\') ++i;
        else if (c == '"') quote_ = 0;
      } else if (quote_ == '\'') {
        if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') ++i;
        else if (c == '\'') quote_ = 0;
      } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line = line.substr(0, i);
        break;
      } else if (c == ' ' || c == '\t') {
        continue;
      } else if ((c == '"' || c == '\'') && node_start) {
        quote_ = c;
        node_start = false;
      } else if ((c == '[' || c == '{') && (node_start || flow_ > 0)) {
        ++flow_;
        node_start = true;
        deepest = std::max(deepest, depth());
      } else if ((c == ']' || c == '}') && flow_ > 0) {
        --flow_;
        node_start = false;
      } else if ((c == ',' && flow_ > 0) || (c == ':' && (flow_ > 0 || i + 1 == line.size() || line[i + 1] == ' '))) {
        node_start = true;
      } else if ((c == '&' || c == '!') && node_start) {  // an anchor or a tag before the node
        while (i + 1 < line.size() && std::string_view(" ,[]{}").find(line[i + 1]) == std::string_view::npos) ++i;
      } else if ((c == '-' || c == '?') && node_start && (i + 1 == line.size() || line[i + 1] == ' ')) {
        // an entry or a complex key inside a line: the node follows
      } else {
        node_start = false;
      }
    }
    if (quote_ == 0 && flow_ == 0 && !blank && starts_block_scalar(line)) {
      block_scalar_ = true;
      block_parent_ = indent;
    }
    return deepest;
  }

 private:
  int depth() const { return static_cast<int>(blocks_.size()) + flow_; }

  // "key: |", "- >-", "|2": the line ends in a block scalar header.
  static bool starts_block_scalar(std::string_view line) {
    const std::size_t end = line.find_last_not_of(" \t");
    if (end == std::string_view::npos) return false;
    std::size_t i = end + 1;
    while (i > 0 && (line[i - 1] == '+' || line[i - 1] == '-' || (line[i - 1] >= '0' && line[i - 1] <= '9'))) --i;
    if (i == 0 || (line[i - 1] != '|' && line[i - 1] != '>')) return false;
    return i == 1 || line[i - 2] == ' ';
  }

  std::vector<std::size_t> blocks_;
  int flow_ = 0;
  char quote_ = 0;
  bool block_scalar_ = false;
  std::size_t block_parent_ = 0;
};

}  // namespace

void check_nesting(std::string_view content, const std::string& file) {
  NestingScan scan;
  int line = 1;
  for (std::size_t start = 0; start <= content.size(); ++line) {
    std::size_t end = content.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = content.size();
    if (scan.feed(content.substr(start, end - start)) > kMaxYamlDepth)
      throw InputError(file, line, "", "nested more than " + std::to_string(kMaxYamlDepth) +
                                           " deep: not a scenario (they nest a few levels)");
    if (end < content.size() && content[end] == '\r' && end + 1 < content.size() && content[end + 1] == '\n') ++end;
    start = end + 1;
  }
}

void check_shape(const YAML::Node& root, const std::string& file) {
  // Depth first over the loaded tree, an alias visited as often as it is used: the visits are
  // what a reader that walks the tree would do, and they stop at the first bound passed.
  struct Open {
    YAML::Node node;
    int depth;
    const std::string* field;  // the top-level key the node lies under
  };
  static const std::string none;
  std::vector<std::string> keys;
  std::vector<Open> open;
  if (root.IsMap()) {
    keys.reserve(root.size());
    for (const auto& kv : root) keys.push_back(kv.first.IsScalar() ? kv.first.Scalar() : std::string());
    std::size_t k = 0;
    for (const auto& kv : root) {
      open.push_back({kv.first, 2, &keys[k]});
      open.push_back({kv.second, 2, &keys[k++]});
    }
  } else {
    open.push_back({root, 1, &none});
  }
  std::size_t visited = 1;
  while (!open.empty()) {
    const Open o = std::move(open.back());
    open.pop_back();
    const int line = o.node.Mark().line + 1;
    if (++visited > kMaxYamlNodes)
      throw InputError(file, line, *o.field,
                       "expands to more than " + std::to_string(kMaxYamlNodes) +
                           " values (aliases *name repeat what their anchor &name holds): not a scenario");
    if (o.depth > kMaxYamlDepth)
      throw InputError(file, line, *o.field,
                       "nested more than " + std::to_string(kMaxYamlDepth) + " deep: not a scenario (they nest a few levels)");
    if (o.node.IsSequence()) {
      for (const auto& item : o.node) open.push_back({item, o.depth + 1, o.field});
    } else if (o.node.IsMap()) {
      for (const auto& kv : o.node) {
        open.push_back({kv.first, o.depth + 1, o.field});
        open.push_back({kv.second, o.depth + 1, o.field});
      }
    }
  }
}

YAML::Node parse_document(std::string_view content, const std::string& file) {
  if (content.find('\0') != std::string_view::npos)
    throw InputError(file, 1, "", "binary data (a NUL byte): not a YAML scenario");
  check_nesting(content, file);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(content));
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own bound, far beyond ours
    throw InputError(file, e.mark.line + 1, "", "nested more than " + std::to_string(kMaxYamlDepth) +
                                                    " deep: not a scenario (they nest a few levels)");
  } catch (const YAML::Exception& e) {
    throw InputError(file, e.mark.line + 1, "", "not valid YAML: " + e.msg);
  }
  if (!root || root.IsNull()) throw InputError(file, 1, "", "empty file: expected a scenario (name, actors, issues)");
  if (!root.IsMap()) throw InputError(file, 1, "", "expected a scenario: a map with name, actors, issues");
  check_shape(root, file);

  return root;
}

}  // namespace entente::yaml
