// A whole result ready for every format: the tables people read, the tidy table machines
// read, and — where a list of records would lose the result's shape — its own JSON form.
// Writers of results build a Document and `render` it; the format decides which part is
// drawn (the row of each format in table.cpp), so a writer never switches over formats.
//
//   output::Document d;
//   d.text.push_back(yearly_table);    // title, legend, one column per series, a note
//   d.tidy = long_table;               // year,series,value
//   d.json = {{"years", ...}, ...};    // optional: null means the tidy table's records
//   return output::render(d, format);
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "output/table.h"

namespace entente::output {

struct Document {
  std::vector<Table> text{};    // the text form, one table under another; empty: the tidy table
  Table tidy{};                 // CSV, and JSON records when `json` is null
  nlohmann::ordered_json json{};  // the result's own JSON form, keys in the order written
};

std::string render(const Document& document, Format format);

// JSON text as every writer writes it: one-space indent and a final newline. Numbers are
// nlohmann's shortest round-trip form, NaN is null.
std::string render_json(const nlohmann::ordered_json& value);

}  // namespace entente::output
