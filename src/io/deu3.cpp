#include "io/deu3.h"

#include <cctype>
#include <map>
#include <set>

#include "io/files.h"
#include "io/text.h"

namespace entente {

namespace {

// Columns every issue row needs, beside the p<actor>/s<actor> pairs.
const char* const kColumns[] = {"isnr", "prname", "proc", "counvte", "rp", "out"};

// Problems beyond this many are summarised in one line: a file of the wrong kind must not
// produce millions of diagnostics.
constexpr std::size_t kMaxDiagnostics = 50;

class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}
  void add(int line, std::string field, std::string message) {
    if (list_.size() < kMaxDiagnostics) list_.push_back({file_, line, std::move(field), std::move(message)});
    else ++more_;
  }
  void throw_if_any() {
    if (list_.empty()) return;
    if (more_ > 0) list_.push_back({file_, 0, "", "and " + std::to_string(more_) + " more problems"});
    throw InputError(std::move(list_));
  }

 private:
  std::string file_;
  std::vector<Diagnostic> list_;
  std::size_t more_ = 0;
};

struct Layout {
  std::map<std::string, std::size_t> column;  // name → index
  std::vector<std::string> codes;             // actor codes in column order: com, ep, at, ...
  std::vector<std::size_t> position, salience;  // their columns
};

// The actors are the codes X with both a pX and an sX column (pcom/scom ... puk/suk).
Layout layout_of(const text::Row& header, Problems& problems) {
  Layout l;
  for (std::size_t i = 0; i < header.fields.size(); ++i) l.column.emplace(text::lower(header.fields[i]), i);
  for (const char* c : kColumns)
    if (!l.column.count(c)) problems.add(header.line, c, std::string("missing column '") + c + "'");
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = text::lower(header.fields[i]);
    if (name.size() < 2 || name[0] != 'p') continue;
    const auto s = l.column.find("s" + name.substr(1));
    if (s == l.column.end()) continue;
    l.codes.push_back(name.substr(1));
    l.position.push_back(i);
    l.salience.push_back(s->second);
  }
  if (l.codes.size() < 2)
    problems.add(header.line, "", "expected position and salience columns p<actor>, s<actor> for at least two actors");
  return l;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A field on the 0..100 scale, or none when empty.
std::optional<double> scale_value(const text::Row& row, std::size_t column, const std::string& field,
                                  Problems& problems) {
  const std::string& text = row.fields[column];
  if (text::trim(text).empty()) return std::nullopt;
  double x = 0;
  if (!text::parse_number(text, x)) {
    problems.add(row.line, field, "'" + text + "' is not a finite number");
    return std::nullopt;
  }
  if (x < 0 || x > 100) {
    problems.add(row.line, field, "'" + text + "' is outside 0..100");
    return std::nullopt;
  }
  return x;
}

// The one-issue scenario of a row, from the actors with a position and a salience above 0.
Scenario scenario_of(const Deu3Data& data, Deu3Issue& issue, const std::vector<std::optional<double>>& position,
                     const std::vector<std::optional<double>>& salience) {
  Scenario s;
  s.name = issue.id;
  s.description = issue.proposal;
  s.provenance.file = data.file;
  s.provenance.lines["issues." + issue.id + ".name"] = issue.line;
  s.provenance.lines["issues." + issue.id + ".status_quo"] = issue.line;
  std::vector<Stance> stances;
  for (std::size_t a = 0; a < data.actors.size(); ++a) {
    if (!position[a]) continue;
    ++issue.positions;
    if (!(salience[a].value_or(0) > 0)) {
      ++issue.without_salience;
      continue;
    }
    s.actors.push_back({data.actors[a], "", data.capability[a]});
    stances.push_back({*position[a], *salience[a] / 100});
    s.provenance.lines["actors." + data.actors[a] + ".capability"] = 2;
    s.provenance.lines["stances." + issue.id + "." + data.actors[a] + ".position"] = issue.line;
    s.provenance.lines["stances." + issue.id + "." + data.actors[a] + ".salience"] = issue.line;
  }
  s.stances = std::move(stances);
  return s;
}

}  // namespace

Deu3Data read_deu3(std::string_view text, const std::string& file) {
  Problems problems(file);
  const auto rows = text::split_csv(text, file, '\t');
  if (rows.size() < 2) throw InputError(file, 1, "", "expected a header row and a capability row (DEU III, tab-separated)");
  const Layout l = layout_of(rows[0], problems);
  problems.throw_if_any();
  const std::size_t width = rows[0].fields.size();
  auto check_width = [&](const text::Row& row) {
    if (row.fields.size() == width) return true;
    problems.add(row.line, "row", "expected " + std::to_string(width) + " fields like the header, found " +
                                      std::to_string(row.fields.size()));
    return false;
  };

  Deu3Data data;
  data.file = file;
  if (check_width(rows[1]))
    for (std::size_t a = 0; a < l.codes.size(); ++a) {
      data.actors.push_back(upper(l.codes[a]));
      double c = 0;
      const std::string& field = rows[1].fields[l.position[a]];
      if (!text::parse_number(field, c) || !(c > 0))
        problems.add(rows[1].line, "p" + l.codes[a], "capability '" + field + "' must be a number above 0");
      data.capability.push_back(c);
    }
  problems.throw_if_any();

  std::set<std::string> ids;
  for (std::size_t r = 2; r < rows.size(); ++r) {
    const text::Row& row = rows[r];
    if (!check_width(row)) continue;
    Deu3Issue issue;
    issue.line = row.line;
    issue.id = row.fields[l.column.at("isnr")];
    issue.proposal = row.fields[l.column.at("prname")];
    issue.procedure = row.fields[l.column.at("proc")];
    issue.voting = row.fields[l.column.at("counvte")];
    if (text::trim(issue.id).empty()) problems.add(row.line, "isnr", "an issue needs its id");
    else if (!ids.insert(issue.id).second) problems.add(row.line, "isnr", "issue '" + issue.id + "' appears twice");
    const std::string at = " (" + issue.id + ")";
    issue.outcome = scale_value(row, l.column.at("out"), "out" + at, problems);
    const auto reference = scale_value(row, l.column.at("rp"), "rp" + at, problems);
    std::vector<std::optional<double>> position, salience;
    for (std::size_t a = 0; a < l.codes.size(); ++a) {
      position.push_back(scale_value(row, l.position[a], "p" + l.codes[a] + at, problems));
      salience.push_back(scale_value(row, l.salience[a], "s" + l.codes[a] + at, problems));
    }
    Scenario s = scenario_of(data, issue, position, salience);
    s.issues.push_back({issue.id, issue.proposal, 0, 100, "", ""});
    s.issues.back().status_quo = reference;
    if (s.num_actors() < 2)
      issue.unusable = "fewer than two actors state a position and a salience above 0";
    else if (auto ds = validate(s); !ds.empty())
      for (auto& d : ds) problems.add(d.line, d.field, d.message);
    else
      issue.scenario = std::move(s);
    data.issues.push_back(std::move(issue));
  }
  problems.throw_if_any();
  return data;
}

Deu3Data load_deu3(const std::string& path) { return read_deu3(read_file(path), path); }

}  // namespace entente
