#include "io/text.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "core/error.h"

namespace entente::text {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool parse_number(const std::string& field, double& out) {
  const std::string t = trim(field);
  if (t.empty()) return false;
  const char* b = t.data();
  const char* e = b + t.size();
  if (*b == '+') ++b;  // from_chars rejects a leading '+', spreadsheets write one
  auto [p, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && p == e && std::isfinite(out);
}

std::vector<Row> split_csv(std::string_view text, const std::string& file, char delimiter) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false, field_was_quoted = false, any = false;
  int line = 1, quote_line = 0;
  row.line = 1;

  auto end_field = [&] {
    row.fields.push_back(field_was_quoted ? field : trim(field));
    field.clear();
    field_was_quoted = false;
  };
  auto end_row = [&] {
    if (any) {
      end_field();
      rows.push_back(std::move(row));
    }
    row = Row{};
    field.clear();
    field_was_quoted = false;
    any = false;
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\0') throw InputError(file, line, "", "binary data (a NUL byte): not a text table");
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
      else if (c == '"') quoted = false;
      else { if (c == '\n') ++line; field += c; }
      continue;
    }
    if (c == '"' && trim(field).empty()) {
      quoted = true; field_was_quoted = true; field.clear(); any = true; quote_line = line;
    } else if (c == delimiter) {
      end_field(); any = true;
    } else if (c == '\n' || c == '\r') {
      end_row();
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      row.line = line;
    } else if (field_was_quoted && (c == ' ' || c == '\t')) {
      // blanks after a closing quote belong to no field (as those before the opening one)
    } else {
      if (!std::isspace(static_cast<unsigned char>(c))) any = true;
      field += c;
    }
  }
  if (quoted) throw InputError(file, quote_line, "", "unterminated quote: a '\"' opens here and never closes");
  end_row();
  return rows;
}

}  // namespace entente::text
