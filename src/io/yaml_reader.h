// Reading YAML with every problem collected and located: an internal helper of the YAML
// readers (scenario files, time-stepped scenario files).
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/scenario.h"
#include "io/text.h"

namespace entente::yaml {

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

// The issues of a scenario file with one stance per holder (actor or faction) and issue.
struct IssueTable {
  std::vector<Issue> issues;
  std::vector<Stance> stances;  // holder-major: stances[h * issues.size() + k]
  std::map<std::string, int> lines;
};

// Reads the `issues:` list; `keys` adds keys an issue may carry beyond the common ones.
IssueTable read_issues(const YAML::Node& list, const std::vector<std::string>& holders, Reader& r,
                       std::set<std::string> keys = {});

// Reads the `uncertain:` list. Names are checked by the caller, which knows what exists.
std::vector<UncertainInput> read_uncertain(const YAML::Node& list, Reader& r);

// Parses a YAML document that must be a map; throws InputError (file, line) otherwise.
YAML::Node parse_document(std::string_view content, const std::string& file);

}  // namespace entente::yaml
