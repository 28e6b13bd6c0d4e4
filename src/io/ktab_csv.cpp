// KTAB's SMP CSV layout, read as SMPModel::csvRead (KTAB examples/smp/libsrc/smpread.cpp)
// reads it:
//   <scenario name>,<description>,<numActors>,<numDims>[,ignored...]
//   Actor,Description,<capability header>,<dim0 name>,<sal0 header>,...
//   <name>,<description>,<capability 0..1e8>,<pos0 0..100>,<sal0 0..100>,...
// A trailing comma on any line is allowed. Dimension names come from the position headers.
#include <cmath>

#include "io/scenario_io.h"
#include "io/text.h"

namespace entente {

namespace {

constexpr double kMaxCapability = 1e8;  // KTAB's bound on sCap

// Drops the empty fields a trailing comma leaves after the expected columns, and checks that
// nothing else follows.
void check_width(const text::Row& row, std::size_t width, const std::string& file,
                 std::vector<Diagnostic>& out) {
  if (row.fields.size() < width) {
    out.push_back({file, row.line, "row",
                   "short row: expected " + std::to_string(width) + " fields, found " +
                       std::to_string(row.fields.size())});
    return;
  }
  for (std::size_t i = width; i < row.fields.size(); ++i)
    if (!row.fields[i].empty()) {
      out.push_back({file, row.line, "row",
                     "long row: expected " + std::to_string(width) + " fields, found '" +
                         row.fields[i] + "' in field " + std::to_string(i + 1)});
      return;
    }
}

int read_count(const text::Row& row, std::size_t index, const char* what, const std::string& file,
               std::vector<Diagnostic>& out) {
  double x = 0;
  if (row.fields.size() <= index || !text::parse_number(row.fields[index], x) || x < 1 ||
      x != std::floor(x) || x > 1e6) {
    out.push_back({file, row.line, what, std::string("expected a whole number of ") + what +
                                             " in field " + std::to_string(index + 1)});
    return -1;
  }
  return static_cast<int>(x);
}

// Reads one number of an actor row, recording a diagnostic on failure.
double read_value(const text::Row& row, std::size_t index, const std::string& field, double lo,
                  double hi, const std::string& file, std::vector<Diagnostic>& out) {
  double x = 0;
  const std::string& raw = row.fields[index];
  if (!text::parse_number(raw, x)) {
    out.push_back({file, row.line, field, "'" + raw + "' is not a finite number"});
    return 0;
  }
  if (x < lo || x > hi) {
    out.push_back({file, row.line, field,
                   "'" + raw + "' is outside " + text::trim(std::to_string(lo)) + ".." +
                       text::trim(std::to_string(hi))});
  }
  return x;
}

}  // namespace

Scenario read_ktab_csv(std::string_view content, const std::string& file) {
  const auto rows = text::split_csv(content, file);
  if (rows.empty()) throw InputError(file, 1, "", "empty file: expected KTAB's SMP CSV layout");
  std::vector<Diagnostic> errors;
  const auto& head = rows[0];
  Scenario s;
  s.name = head.fields.empty() ? "" : head.fields[0];
  s.description = head.fields.size() > 1 ? head.fields[1] : "";
  s.provenance.file = file;
  const int n = read_count(head, 2, "numActors", file, errors);
  const int d = read_count(head, 3, "numDims", file, errors);
  if (!errors.empty()) throw InputError(errors);
  if (static_cast<std::size_t>(n) > kMaxActors || static_cast<std::size_t>(d) > kMaxIssues)
    throw InputError(file, head.line, static_cast<std::size_t>(n) > kMaxActors ? "numActors" : "numDims",
                     "line 1 declares " + std::to_string(n) + " actors and " + std::to_string(d) +
                         " issues: at most " + std::to_string(kMaxActors) + " of each (larger than any study)");
  if (rows.size() < 2) throw InputError(file, head.line, "header", "missing the header line");

  const std::size_t width = 3 + 2 * static_cast<std::size_t>(d);
  const auto& header = rows[1];
  check_width(header, width, file, errors);
  if (!errors.empty()) throw InputError(errors);
  for (int k = 0; k < d; ++k) s.issues.push_back(Issue{header.fields[3 + 2 * k], "", 0, 100, "", ""});

  const std::size_t actor_rows = rows.size() - 2;
  if (actor_rows != static_cast<std::size_t>(n))
    errors.push_back({file, rows.back().line, "numActors",
                      "line 1 declares " + std::to_string(n) + " actors but the file has " +
                          std::to_string(actor_rows) + " actor rows"});
  for (std::size_t r = 2; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const std::size_t before = errors.size();
    check_width(row, width, file, errors);
    if (errors.size() > before) continue;
    Actor a{row.fields[0], row.fields[1], 0};
    s.provenance.lines["actors." + a.name + ".name"] = row.line;
    s.provenance.lines["actors." + a.name + ".capability"] = row.line;
    s.provenance.lines["actors." + a.name + ".salience"] = row.line;
    a.capability = read_value(row, 2, "capability", 0, kMaxCapability, file, errors);
    for (int k = 0; k < d; ++k) {
      const std::string& issue = s.issues[k].name;
      const std::string key = "stances." + issue + "." + a.name;
      s.provenance.lines[key + ".position"] = row.line;
      s.provenance.lines[key + ".salience"] = row.line;
      Stance st;
      st.position = read_value(row, 3 + 2 * k, issue + " position", 0, 100, file, errors);
      st.salience = read_value(row, 4 + 2 * k, issue + " salience", 0, 100, file, errors) / 100;
      s.stances.push_back(st);
    }
    s.actors.push_back(std::move(a));
  }
  if (!errors.empty()) throw InputError(errors);
  require_valid(s);
  return s;
}

}  // namespace entente
