// One table per closed set spelled as text: each row pairs a member of an enum with the one
// name users write for it. Parsing, naming and the list of choices a help text or a
// parameter spec shows all come from the same rows, so they cannot drift apart.
//
//   inline constexpr auto kCommits = enum_table<Commit>({
//       {Commit::No, "no"}, {Commit::Semi, "semi"}, {Commit::Full, "full"}});
//   kCommits.parse("semi", "commit") == Commit::Semi;  kCommits.name(Commit::Full) == "full"
//
// A table is checked when it is built (at compile time when it is constexpr): no member or
// name twice, and names in lower case without blanks, since spec strings are read lower-cased.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace entente {

template <class E>
struct EnumRow {
  E value;
  std::string_view name;
};

template <class E, std::size_t N>
class EnumTable {
 public:
  constexpr explicit EnumTable(const EnumRow<E> (&rows)[N]) {
    for (std::size_t r = 0; r < N; ++r) {
      rows_[r] = rows[r];
      if (rows[r].name.empty()) throw std::logic_error("enum table: empty name");
      for (char c : rows[r].name)
        if ((c >= 'A' && c <= 'Z') || c == ' ' || c == '\t')
          throw std::logic_error("enum table: names are lower case without blanks");
      for (std::size_t q = 0; q < r; ++q)
        if (rows[q].value == rows[r].value || rows[q].name == rows[r].name)
          throw std::logic_error("enum table: a member or a name appears twice");
    }
  }

  // The member spelled `name`, if any.
  constexpr std::optional<E> find(std::string_view name) const {
    for (const auto& row : rows_)
      if (row.name == name) return row.value;
    return std::nullopt;
  }

  // The member spelled `name`; throws SpecError naming `what` (e.g. the parameter) and the
  // accepted names otherwise.
  E parse(std::string_view name, std::string_view what) const {
    if (auto e = find(name)) return *e;
    throw SpecError(std::string(what) + ": '" + std::string(name) + "' is not one of " + joined("|"));
  }

  // The name of a member. Every member has a row; a value outside the table (a cast from a
  // bad integer, or a member added to the enum but not to its table) is a logic error.
  constexpr std::string_view name(E value) const {
    for (const auto& row : rows_)
      if (row.value == value) return row.name;
    throw std::logic_error("enum table: a member has no row");
  }

  // Every name, in row order: the choices a parameter spec or a help text lists.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    out.reserve(N);
    for (const auto& row : rows_) out.emplace_back(row.name);
    return out;
  }

  std::string joined(std::string_view separator) const {
    std::string out;
    for (const auto& row : rows_) {
      if (!out.empty()) out += separator;
      out += row.name;
    }
    return out;
  }

  constexpr const std::array<EnumRow<E>, N>& rows() const { return rows_; }
  static constexpr std::size_t size() { return N; }

 private:
  std::array<EnumRow<E>, N> rows_{};
};

// Builds a table, deducing the number of rows: enum_table<Commit>({{Commit::No, "no"}, ...}).
template <class E, std::size_t N>
constexpr EnumTable<E, N> enum_table(const EnumRow<E> (&rows)[N]) {
  return EnumTable<E, N>(rows);
}

}  // namespace entente
