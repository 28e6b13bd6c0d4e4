#include "output/table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/error.h"

namespace entente::output {

namespace {

struct FormatInfo {
  Format format;
  const char* name;
  std::string (*render)(const Table&);
};

// One row per format: the only place a new format is declared.
constexpr FormatInfo kFormats[] = {
    {.format = Format::Table, .name = "table", .render = render_text},
    {.format = Format::Csv, .name = "csv", .render = render_csv},
    {.format = Format::Json, .name = "json", .render = render_json},
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

std::string text_of(const Cell& cell, bool for_people) {
  struct Visitor {
    bool people;
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double x) const { return people ? rounded(x) : number(x); }
  };
  return std::visit(Visitor{for_people}, cell);
}

bool is_number(const Cell& cell) {
  return std::holds_alternative<std::int64_t>(cell) || std::holds_alternative<double>(cell);
}

// Display width of UTF-8 text: code points, not bytes (names such as "Roh Moo-hyun → …").
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
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
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(text_of(cells[i], false));
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
  nlohmann::json records = nlohmann::json::array();
  for (const auto& row : table.rows) {
    nlohmann::json record = nlohmann::json::object();
    for (std::size_t c = 0; c < row.size(); ++c) {
      struct Visitor {
        nlohmann::json operator()(std::monostate) const { return nullptr; }
        nlohmann::json operator()(const std::string& s) const { return s; }
        nlohmann::json operator()(std::int64_t i) const { return i; }
        nlohmann::json operator()(double x) const { return x; }
      };
      record[table.columns[c]] = std::visit(Visitor{}, row[c]);
    }
    records.push_back(std::move(record));
  }
  return records.dump(1) + "\n";
}

std::string render_text(const Table& table) {
  const std::size_t n = table.columns.size();
  std::vector<std::vector<std::string>> text(table.rows.size(), std::vector<std::string>(n));
  std::vector<std::size_t> widths(n);
  std::vector<bool> numeric(n, true);
  for (std::size_t c = 0; c < n; ++c) widths[c] = width(table.columns[c]);
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    for (std::size_t c = 0; c < n; ++c) {
      const Cell& cell = table.rows[r][c];
      text[r][c] = text_of(cell, true);
      widths[c] = std::max(widths[c], width(text[r][c]));
      if (!is_number(cell) && !std::holds_alternative<std::monostate>(cell)) numeric[c] = false;
    }
  auto line = [&](const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t c = 0; c < n; ++c) {
      const std::string pad(widths[c] - width(fields[c]), ' ');
      out += (c ? "  " : "") + (numeric[c] ? pad + fields[c] : fields[c] + (c + 1 < n ? pad : ""));
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = table.title.empty() ? "" : table.title + "\n";
  out += line(table.columns);
  for (const auto& row : text) out += line(row);
  return out;
}

std::string render(const Table& table, Format format) { return info(format).render(table); }

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
