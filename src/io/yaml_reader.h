// Reading YAML with every problem collected and located: an internal helper of the YAML
// readers (scenario files, time-stepped scenario files).
#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <limits>
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

  // A problem with `field`, at the line of `at` (0 when it is not in the file).
  void error(const YAML::Node& at, const std::string& field, const std::string& message) {
    errors_.push_back({file_, at ? line(at) : 0, field, message});
    reported_.insert(field);
  }

  // Marks a field as not read (e.g. what depends on a broken part) without a diagnostic of
  // its own, so that the checks run afterwards do not report it again.
  void skip(const std::string& field) { reported_.insert(field); }
  bool reported(const std::string& field) const { return reported_.count(field) > 0; }

  // Adds the diagnostics of a check run after reading, less those on fields already reported
  // or skipped: each problem is reported once, at the field at fault.
  void add_checked(std::vector<Diagnostic> checked) {
    for (auto& d : checked)
      if (!reported_.count(d.field)) errors_.push_back(std::move(d));
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

  // Throws every problem found, those in this file first and in the order of their lines
  // (those with no line last), as a compiler lists them; nothing when there is none.
  void throw_if_any() {
    if (errors_.empty()) return;
    const auto rank = [&](const Diagnostic& d) {
      return std::pair{d.file != file_, d.line > 0 ? d.line : std::numeric_limits<int>::max()};
    };
    std::stable_sort(errors_.begin(), errors_.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
    throw InputError(std::move(errors_));
  }

  const std::string& file() const { return file_; }
  std::vector<Diagnostic>& errors() { return errors_; }

 private:
  std::string file_;
  std::vector<Diagnostic> errors_;
  std::set<std::string> reported_;  // fields with a diagnostic from reading, or skipped
};

// The issues of a scenario file with one stance per holder (actor or faction) and issue.
struct IssueTable {
  std::vector<Issue> issues;
  std::vector<Stance> stances;  // holder-major: stances[h * issues.size() + k]
  std::map<std::string, int> lines;
  std::vector<YAML::Node> nodes;  // each issue's node in the file
};

// Reads the `issues:` list; `keys` adds keys an issue may carry beyond the common ones.
IssueTable read_issues(const YAML::Node& list, const std::vector<std::string>& holders, Reader& r,
                       std::set<std::string> keys = {});

// Reads the `uncertain:` list. Names are checked by the caller, which knows what exists.
std::vector<UncertainInput> read_uncertain(const YAML::Node& list, Reader& r);

// Bounds on a YAML document. yaml-cpp refuses nesting past 2000 levels itself, but only once
// it has scanned a whole flow collection into tokens (60 MB of "[[[[…" took 15 GB and a
// minute), and it keeps
// an alias as one node however often it is used, so a few lines of anchors ("billion laughs":
// ten lists of ten aliases of the list before) stand for 10^10 values to a reader that walks
// them. Scenario files nest about six deep and hold tens of thousands of values at most.
inline constexpr int kMaxYamlDepth = 100;
inline constexpr std::size_t kMaxYamlNodes = 1'000'000;

// Throws InputError at the line where the text's nesting of collections — block indentation
// levels, "- " entries begun on one line, and open flow brackets — first exceeds kMaxYamlDepth.
// A scan of the text, run before yaml-cpp sees it: it never underestimates flow nesting and
// estimates block nesting from indentation (check_shape then bounds it exactly).
void check_nesting(std::string_view content, const std::string& file);

// Throws InputError (file, line, the top-level key) at the first node nested deeper than
// kMaxYamlDepth, or once the document, with every alias expanded, has more than kMaxYamlNodes
// values. Bounded by kMaxYamlNodes steps whatever the document.
void check_shape(const YAML::Node& root, const std::string& file);

// Parses a YAML document that must be a map within the bounds of check_shape; throws
// InputError (file, line) otherwise.
YAML::Node parse_document(std::string_view content, const std::string& file);

}  // namespace entente::yaml
