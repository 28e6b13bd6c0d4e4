// The string↔enum table (src/core/enum_table.h): parsing, naming and the list of choices
// come from the same rows, and a malformed table is refused.
#include "core/enum_table.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace entente {
namespace {

enum class Colour { Red, Green, DarkBlue };

constexpr auto kColours =
    enum_table<Colour>({{Colour::Red, "red"}, {Colour::Green, "green"}, {Colour::DarkBlue, "dark-blue"}});

// Usable at compile time.
static_assert(kColours.size() == 3);
static_assert(kColours.find("green") == Colour::Green);
static_assert(!kColours.find("Green").has_value());
static_assert(kColours.name(Colour::DarkBlue) == "dark-blue");

TEST(EnumTable, ParsesAndNamesEveryRowBothWays) {
  for (const auto& row : kColours.rows()) {
    EXPECT_EQ(kColours.parse(row.name, "colour"), row.value);
    EXPECT_EQ(kColours.name(row.value), row.name);
  }
}

TEST(EnumTable, ChoicesAreTheNamesInRowOrder) {
  EXPECT_EQ(kColours.names(), (std::vector<std::string>{"red", "green", "dark-blue"}));
  EXPECT_EQ(kColours.joined("|"), "red|green|dark-blue");
}

TEST(EnumTable, AnUnknownNameIsASpecErrorListingTheChoices) {
  EXPECT_FALSE(kColours.find("blue"));
  try {
    kColours.parse("blue", "colour");
    ADD_FAILURE() << "no error";
  } catch (const SpecError& e) {
    EXPECT_EQ(std::string(e.what()), "colour: 'blue' is not one of red|green|dark-blue");
  }
}

TEST(EnumTable, AValueWithoutARowIsALogicError) {
  const auto partial = enum_table<Colour>({{Colour::Red, "red"}});
  EXPECT_THROW(partial.name(Colour::Green), std::logic_error);
}

TEST(EnumTable, RefusesDuplicatesAndNamesUsersCouldNotType) {
  // Built at run time, so that the check throws instead of failing the build.
  using Row = EnumRow<Colour>;
  auto build = [](std::vector<Row> rows) {
    if (rows.size() == 2) {
      const Row two[2] = {rows[0], rows[1]};
      return EnumTable<Colour, 2>(two).size();
    }
    const Row one[1] = {rows[0]};
    return EnumTable<Colour, 1>(one).size();
  };
  EXPECT_THROW(build({{Colour::Red, "red"}, {Colour::Red, "rouge"}}), std::logic_error);
  EXPECT_THROW(build({{Colour::Red, "red"}, {Colour::Green, "red"}}), std::logic_error);
  EXPECT_THROW(build({{Colour::Red, "Red"}}), std::logic_error);
  EXPECT_THROW(build({{Colour::Red, "light red"}}), std::logic_error);
  EXPECT_THROW(build({{Colour::Red, ""}}), std::logic_error);
  EXPECT_EQ(build({{Colour::Red, "red"}, {Colour::Green, "green"}}), 2u);
}

}  // namespace
}  // namespace entente
