// Reading time-stepped scenario files (docs/timeline-format.md):
// Entente's YAML with a `time:` span, data `series:` read from CSV tables, an `alliance:`
// section and dated `events:`.
#pragma once

#include <string>
#include <string_view>

#include "sim/timeline.h"

namespace entente {

// True when the YAML text declares a time span (a `time:` key at the top).
bool is_timeline(std::string_view yaml_text);

// Reads and validates a time-stepped scenario; data files are found relative to `file`.
// Throws InputError with every problem found in one pass, each at the line of its field.
sim::TimeScenario read_timeline(std::string_view content, const std::string& file);
sim::TimeScenario load_timeline(const std::string& path);

}  // namespace entente
