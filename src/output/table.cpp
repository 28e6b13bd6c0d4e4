#include "output/table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/error.h"
#include "output/document.h"

namespace entente::output {

namespace {

std::string document_text(const Document& d) { return d.text.empty() ? render_text(d.tidy) : render(d.text, Format::Table); }
std::string document_csv(const Document& d) { return render_csv(d.tidy); }
std::string document_json(const Document& d) { return d.json.is_null() ? render_json(d.tidy) : render_json(d.json); }

struct FormatInfo {
  Format format;
  const char* name;
  std::string (*render)(const Table&);
  std::string (*render_document)(const Document&);
};

// One row per format: the only place a new format is declared.
constexpr FormatInfo kFormats[] = {
    {.format = Format::Table, .name = "table", .render = render_text, .render_document = document_text},
    {.format = Format::Csv, .name = "csv", .render = render_csv, .render_document = document_csv},
    {.format = Format::Json, .name = "json", .render = render_json, .render_document = document_json},
};

const FormatInfo& info(Format format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f;
  throw std::logic_error("a format without a row in kFormats");
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A cell for machines: exact, NaN and missing values empty.
std::string machine_text(const Cell& cell) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double x) const { return std::isnan(x) ? "" : number(x); }
  };
  return std::visit(Visitor{}, cell);
}

// A cell for people: rounded (or with the column's fixed decimals), on one line.
std::string people_text(const Cell& cell, int decimals) {
  struct Visitor {
    int decimals;
    std::string operator()(std::monostate) const { return "—"; }
    std::string operator()(const std::string& s) const {
      std::string out = s;
      for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      return out;
    }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double x) const { return decimals >= 0 ? fixed(x, decimals) : rounded(x); }
  };
  return std::visit(Visitor{decimals}, cell);
}

bool is_text(const Cell& cell) { return std::holds_alternative<std::string>(cell); }

// Display width of UTF-8 text: code points, not bytes (names such as "Roh Moo-hyun → …").
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

nlohmann::ordered_json json_of(const Cell& cell) {
  struct Visitor {
    nlohmann::ordered_json operator()(std::monostate) const { return nullptr; }
    nlohmann::ordered_json operator()(const std::string& s) const { return s; }
    nlohmann::ordered_json operator()(std::int64_t i) const { return i; }
    nlohmann::ordered_json operator()(double x) const { return x; }  // NaN dumps as null
  };
  return std::visit(Visitor{}, cell);
}

}  // namespace

Format parse_format(const std::string& name) {
  const std::string wanted = lower(name);
  for (const auto& f : kFormats)
    if (wanted == f.name) return f.format;
  throw SpecError("unknown format '" + name + "': expected one of " + format_names());
}

const char* format_name(Format format) { return info(format).name; }

std::string format_names() {
  std::string out;
  for (const auto& f : kFormats) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

void Table::add(std::vector<Cell> row) {
  if (row.size() != columns.size())
    throw std::logic_error(fmt::format("a row of {} cells in a table of {} columns", row.size(), columns.size()));
  rows.push_back(std::move(row));
}

std::string number(double x) {
  if (x == 0) return "0";  // also -0
  return fmt::format("{}", x);
}

std::string rounded(double x, int digits) {
  std::string s = fmt::format("{:.{}g}", x, digits);
  if (s == "-0") s = "0";
  return s;
}

std::string fixed(double x, int places) {
  std::string s = fmt::format("{:.{}f}", x, places);
  if (s.size() > 1 && s.front() == '-' && s.find_first_not_of("0.", 1) == std::string::npos) s.erase(0, 1);
  return s;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string q = "\"";
  for (char c : text) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string csv_row(const std::vector<Cell>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(machine_text(cells[i]));
  return out + "\n";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  return out + "\n";
}

std::string render_csv(const Table& table) {
  std::string out = csv_row(table.columns);
  for (const auto& row : table.rows) out += csv_row(row);
  return out;
}

std::string render_json(const Table& table) {
  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json record = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < row.size(); ++c) record[table.columns[c]] = json_of(row[c]);
    records.push_back(std::move(record));
  }
  return render_json(records);
}

std::string render_json(const nlohmann::ordered_json& value) {
  // Invalid UTF-8 in a name (a Latin-1 CSV) becomes U+FFFD rather than a failed write.
  return value.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string render_text(const Table& table) {
  std::string out = table.title.empty() ? "" : table.title + "\n";
  const std::size_t n = table.columns.size();
  if (n > 0) {
    std::vector<std::vector<std::string>> text(table.rows.size(), std::vector<std::string>(n));
    std::vector<std::size_t> widths(n);
    std::vector<bool> numeric(n, true);
    for (std::size_t c = 0; c < n; ++c) widths[c] = width(table.columns[c]);
    for (std::size_t r = 0; r < table.rows.size(); ++r)
      for (std::size_t c = 0; c < n; ++c) {
        const Cell& cell = table.rows[r][c];
        text[r][c] = people_text(cell, c < table.decimals.size() ? table.decimals[c] : -1);
        widths[c] = std::max(widths[c], width(text[r][c]));
        if (is_text(cell)) numeric[c] = false;
      }
    auto line = [&](const std::vector<std::string>& fields) {
      std::string l;
      for (std::size_t c = 0; c < n; ++c) {
        const std::string pad(widths[c] - width(fields[c]), ' ');
        l += (c ? "  " : "") + (numeric[c] ? pad + fields[c] : fields[c] + pad);
      }
      while (!l.empty() && l.back() == ' ') l.pop_back();
      return l + "\n";
    };
    out += line(table.columns);
    for (const auto& row : text) out += line(row);
  }
  if (!table.note.empty()) out += (out.empty() ? "" : "\n") + table.note + "\n";
  return out;
}

std::string render(const Table& table, Format format) { return info(format).render(table); }

std::string render(const Document& document, Format format) { return info(format).render_document(document); }

std::string render(const std::vector<Table>& tables, Format format) {
  if (format != Format::Table) {
    if (tables.size() != 1) throw std::logic_error("CSV and JSON render one tidy table");
    return render(tables.front(), format);
  }
  std::string out;
  for (std::size_t i = 0; i < tables.size(); ++i) out += (i ? "\n" : "") + render_text(tables[i]);
  return out;
}

}  // namespace entente::output
