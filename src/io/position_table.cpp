// The per-issue table of expected-utility studies (Bueno de Mesquita 1994; Scholz, Calbert
// & Smith 2011, Table 1): a header naming the columns actor, capability, position, salience
// (any order), then one row per actor. Positions may use any numeric scale (years, percent);
// the issue's scale is the range of the positions. Saliences are 0..100.
#include <algorithm>
#include <filesystem>
#include <map>

#include "io/scenario_io.h"
#include "io/text.h"

namespace entente {

namespace {

const char* const kColumns[] = {"actor", "capability", "position", "salience"};

std::map<std::string, std::size_t> column_index(const text::Row& header, const std::string& file) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < header.fields.size(); ++i)
    index[text::lower(header.fields[i])] = i;
  std::vector<Diagnostic> errors;
  for (const char* c : kColumns)
    if (!index.count(c))
      errors.push_back({file, header.line, c, std::string("missing column '") + c +
                                                  "' (expected actor,capability,position,salience)"});
  if (!errors.empty()) throw InputError(errors);
  return index;
}

double number(const text::Row& row, std::size_t i, const char* field, const std::string& file,
              std::vector<Diagnostic>& errors) {
  double x = 0;
  if (!text::parse_number(row.fields[i], x))
    errors.push_back({file, row.line, field, "'" + row.fields[i] + "' is not a finite number"});
  return x;
}

}  // namespace

Scenario read_position_table(std::string_view content, const std::string& file) {
  const auto rows = text::split_csv(content, file);
  if (rows.empty()) throw InputError(file, 1, "", "empty file: expected a header actor,capability,position,salience");
  const auto col = column_index(rows[0], file);
  const std::size_t width = rows[0].fields.size();

  Scenario s;
  s.name = std::filesystem::path(file).stem().string();
  s.provenance.file = file;
  Issue issue{s.name, "", 0, 0, "", ""};
  std::vector<Diagnostic> errors;
  if (rows.size() < 2) errors.push_back({file, rows[0].line, "actor", "no actor rows after the header"});
  if (rows.size() - 1 > kMaxActors)
    throw InputError(file, rows[kMaxActors + 1].line, "actor",
                     "more than " + std::to_string(kMaxActors) + " actor rows: larger than any study Entente is meant for");
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.fields.size() != width) {
      errors.push_back({file, row.line, "row", "expected " + std::to_string(width) +
                                                   " fields like the header, found " +
                                                   std::to_string(row.fields.size())});
      continue;
    }
    Actor a{row.fields[col.at("actor")], "", 0};
    a.capability = number(row, col.at("capability"), "capability", file, errors);
    Stance st;
    st.position = number(row, col.at("position"), "position", file, errors);
    st.salience = number(row, col.at("salience"), "salience", file, errors) / 100;
    for (const char* f : {".name", ".capability", ".salience"})
      s.provenance.lines["actors." + a.name + f] = row.line;
    for (const char* f : {".position", ".salience"})
      s.provenance.lines["stances." + issue.name + "." + a.name + f] = row.line;
    s.actors.push_back(std::move(a));
    s.stances.push_back(st);
  }
  if (!errors.empty()) throw InputError(errors);
  const auto [lo, hi] = std::minmax_element(s.stances.begin(), s.stances.end(),
      [](const Stance& a, const Stance& b) { return a.position < b.position; });
  issue.scale_min = lo->position;
  issue.scale_max = hi->position;
  // Everyone at one position still needs a scale of some width; nothing will move.
  if (issue.scale_min == issue.scale_max) { issue.scale_min -= 1; issue.scale_max += 1; }
  s.issues.push_back(issue);
  require_valid(s);
  return s;
}

}  // namespace entente
