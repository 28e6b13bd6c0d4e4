#include "core/spelling.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace entente {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // One row of the dynamic programme at a time (Wagner & Fischer 1974).
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> nearest_name(std::string_view word, const std::vector<std::string>& known) {
  const std::string w = lower(word);
  const std::size_t limit = std::clamp<std::size_t>(w.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& name : known) {
    const std::size_t d = edit_distance(w, lower(name));
    if (d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& known) {
  const auto near = nearest_name(word, known);
  return near ? " (did you mean '" + *near + "'?)" : "";
}

std::string name_hint(std::string_view word, const std::vector<std::string>& known, std::size_t list_up_to) {
  if (std::string hint = did_you_mean(word, known); !hint.empty()) return hint;
  if (known.empty() || known.size() > list_up_to) return "";
  std::string list;
  for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
  return " (known: " + list + ")";
}

}  // namespace entente
