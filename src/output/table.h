// The one output layer. A result becomes one or more tidy tables (one row per observation,
// one column per variable); a renderer per format draws any table: aligned text for people,
// CSV with RFC 4180 quoting, JSON records through nlohmann-json. Every number is written by
// `number()`, the shortest text that reads back to the same double.
//
// To add a format: one enumerator in `Format` and one row in the table in table.cpp (its
// name and its renderers). Writers of results build `Table`s (and, for a whole result, a
// `Document`, output/document.h) and never format by hand.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace entente::output {

enum class Format { Table, Csv, Json };

// Parses a format's name ("table", "csv", "json", any case); throws SpecError listing the
// names otherwise.
Format parse_format(const std::string& name);
const char* format_name(Format format);
// Every format's name, in declaration order: "table, csv, json".
std::string format_names();

// One value of a table. Empty (monostate) is a missing value: "" in CSV, null in JSON.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double>;

struct Table {
  std::string title{};               // shown above the text form (lines: a heading, a legend); not part of CSV or JSON
  std::vector<std::string> columns{};  // variable names, e.g. {"year", "series", "value"}
  std::vector<std::vector<Cell>> rows{};
  std::string note{};                // shown below the text form, after a blank line; not part of CSV or JSON
  // Text form only: per column, the fixed decimals its doubles show (so that their points
  // align: "0.350", "-0.110"); a column without an entry, or with -1, shows `rounded` values.
  std::vector<int> decimals{};

  // Appends a row; throws std::logic_error when its width differs from the columns'.
  void add(std::vector<Cell> row);
};

// The shortest decimal text that reads back to exactly `x` ("0.1", "1e-07", "43.18"); -0
// prints as "0". NaN and infinities print as "nan", "inf", "-inf" (callers keep them out of
// results; the text form never hides them).
std::string number(double x);
// A number for people: at most `digits` significant digits, -0 as "0".
std::string rounded(double x, int digits = 4);
// A number for people with `places` decimals; what rounds to zero prints unsigned ("0.000",
// never "-0.000").
std::string fixed(double x, int places);

// One field, quoted when it holds a comma, a quote, CR or LF (RFC 4180 §2.6–2.7).
std::string csv_field(std::string_view text);
// One CSV record of cells, ending in "\n".
std::string csv_row(const std::vector<Cell>& cells);
std::string csv_row(const std::vector<std::string>& fields);

// The renderers. `render` picks by format; the text form aligns columns (numbers to the
// right, rounded for reading; a missing value shows "—"; a line break inside a cell shows as
// a blank, so that a row stays one line), CSV has a header row, JSON is an array of objects
// whose keys follow the columns' order. In CSV a missing value, and a NaN, is an empty
// field (pandas and R read it as NA); in JSON both are null.
//
// A table without columns is a block of text: its title, then its note.
std::string render_text(const Table& table);
std::string render_csv(const Table& table);
std::string render_json(const Table& table);
std::string render(const Table& table, Format format);

// Several tables: the text form prints each under its title, one blank line apart; CSV and
// JSON need one table (throws std::logic_error otherwise: a result's tidy form is one table).
std::string render(const std::vector<Table>& tables, Format format);

}  // namespace entente::output
