// Reading scenarios from the formats researchers already keep, and writing results.
//
// Every reader returns a validated Scenario or throws InputError naming file, line and field.
// Files with CRLF line ends, a UTF-8 byte-order mark or no final newline read as plain ones.
#pragma once

#include <string>
#include <string_view>

#include "core/scenario.h"

namespace entente {

// Reads any supported file, choosing the format by extension and content:
// .yaml/.yml → Entente's scenario format (docs/scenario-format.md);
// .csv whose header is actor,capability,position,salience → the expected-utility table;
// any other .csv → KTAB's SMP layout.
Scenario load_scenario(const std::string& path);

// KTAB's SMP CSV (SMPModel::csvRead): a scenario line, a header line, one row per actor.
Scenario read_ktab_csv(std::string_view text, const std::string& file);

// The per-issue table of expected-utility studies: actor,capability,position,salience
// (any numeric position scale; salience 0..100). One issue, named after the file.
Scenario read_position_table(std::string_view text, const std::string& file);

// Entente's own YAML scenario file.
Scenario read_yaml_scenario(std::string_view text, const std::string& file);

}  // namespace entente
