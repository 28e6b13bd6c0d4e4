// "Did you mean …?" for a misspelt name: the known name nearest to it by edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace entente {

// The Levenshtein distance: the fewest single-character insertions, deletions and
// substitutions that turn `a` into `b` (Levenshtein 1966). Bytes, not characters.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known name nearest to `word`, if one is near enough to be the name meant: at most a
// third of the word's length apart (at least 1, at most 3 edits), ignoring case. Ties go to
// the first in `known`'s order.
std::optional<std::string> nearest_name(std::string_view word, const std::vector<std::string>& known);

// " (did you mean 'x'?)" for the nearest name, or "" when none is near: ready to append to a
// message that says the name is unknown.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& known);

// did_you_mean(), or else, when there are at most `list_up_to` known names, " (known: a, b)";
// "" when there are none or too many to list.
std::string name_hint(std::string_view word, const std::vector<std::string>& known, std::size_t list_up_to = 12);

}  // namespace entente
