// Small text utilities shared by the readers: line splitting that treats CRLF, a UTF-8 BOM
// and a missing final newline like a plain file, and an RFC 4180 CSV row splitter.
//
// KTAB's layout (a scenario line, a header, rows with or without a trailing comma) and the
// need to name the line of every bad field are why the rows are split here rather than with a
// fixed-column CSV library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace entente::text {

struct Row {
  int line = 0;                     // 1-based line number where the row starts
  std::vector<std::string> fields;  // trimmed of surrounding blanks, quotes removed
};

// Splits CSV text into rows (RFC 4180: a quoted field may hold commas, "" for a quote and
// line breaks; blanks around a quoted field are dropped). Blank lines are skipped. Throws InputError (file, line) on an
// unterminated quote or a NUL byte (binary input). `delimiter` '\t' reads tab-separated text.
std::vector<Row> split_csv(std::string_view text, const std::string& file, char delimiter = ',');

// Parses a whole field as a finite decimal number; false for text, NaN, infinity, "".
bool parse_number(const std::string& field, double& out);

std::string trim(std::string_view s);
std::string lower(std::string_view s);

}  // namespace entente::text
