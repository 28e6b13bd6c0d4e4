// The output layer: the one number formatter (shortest round-trip), the numbers for people,
// RFC 4180 quoting, and what each renderer draws.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "core/error.h"
#include "output/document.h"
#include "output/table.h"

namespace entente::output {
namespace {

// Expected texts are the shortest decimal that reads back to the same double, as Python's
// repr() and C++17's std::to_chars write them.
TEST(Number, KnownValues) {
  EXPECT_EQ(number(0.1), "0.1");
  EXPECT_EQ(number(1e-7), "1e-07");
  EXPECT_EQ(number(-0.0), "0");
  EXPECT_EQ(number(0.0), "0");
  EXPECT_EQ(number(0.084415922588132103), "0.0844159225881321");
  EXPECT_EQ(number(7.0), "7");
  EXPECT_EQ(number(43.18), "43.18");
  EXPECT_EQ(number(-2.5), "-2.5");
  EXPECT_EQ(number(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(number(5e-324), "5e-324");
  EXPECT_EQ(number(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
  EXPECT_EQ(number(std::nan("")), "nan");
  EXPECT_EQ(number(-std::numeric_limits<double>::infinity()), "-inf");
}

// Significant digits of a decimal text ("0.0844" → 3, "1e-07" → 1).
int significant_digits(const std::string& s) {
  const std::string mantissa = s.substr(0, s.find('e'));
  std::string digits;
  for (char c : mantissa)
    if (c >= '0' && c <= '9') digits += c;
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 1;
  digits = digits.substr(first);
  if (mantissa.find('.') == std::string::npos) digits = digits.substr(0, digits.find_last_not_of('0') + 1);
  return static_cast<int>(digits.size());
}

// Every double reads back exactly through strtod, and one digit fewer would not.
TEST(Number, RoundTripsAndIsShortestForRandomDoubles) {
  std::mt19937_64 bits(20240501);
  std::uniform_real_distribution<double> unit(-1, 1);
  int checked = 0;
  for (int i = 0; i < 4000; ++i) {
    double x;
    if (i % 2 == 0) {
      const std::uint64_t b = bits();
      std::memcpy(&x, &b, sizeof x);  // any bit pattern: tiny, huge, subnormal
      if (!std::isfinite(x)) continue;
    } else {
      x = unit(bits) * std::pow(10.0, static_cast<int>(bits() % 12) - 6);
    }
    const std::string s = number(x);
    ASSERT_EQ(std::strtod(s.c_str(), nullptr), x) << s;
    const int n = significant_digits(s);
    ASSERT_LE(n, 17) << s;
    if (n > 1) {
      char shorter[400];
      std::snprintf(shorter, sizeof shorter, "%.*g", n - 1, x);
      ASSERT_NE(std::strtod(shorter, nullptr), x) << s << " is not the shortest: " << shorter;
    }
    ++checked;
  }
  EXPECT_GT(checked, 3500);
}

TEST(Rounded, ForPeopleWithoutNegativeZero) {
  EXPECT_EQ(rounded(0.123456), "0.1235");
  EXPECT_EQ(rounded(-0.0), "0");
  EXPECT_EQ(rounded(43.18), "43.18");
  EXPECT_EQ(rounded(7.389955686853767, 6), "7.38996");
  EXPECT_EQ(fixed(0.35, 3), "0.350");
  EXPECT_EQ(fixed(-0.1104, 3), "-0.110");
  EXPECT_EQ(fixed(-0.0001, 3), "0.000");
  EXPECT_EQ(fixed(-0.0, 2), "0.00");
  EXPECT_EQ(fixed(-0.0006, 3), "-0.001");
  EXPECT_EQ(fixed(-3e-17, 0), "0");
}

TEST(Csv, QuotesOnlyWhatRfc4180Requires) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_field("semi;colon and space"), "semi;colon and space");
}

Table awkward() {
  Table t{.columns = {"name, quoted", "n", "x", "missing"}};
  t.add({"C, the \"client\"\nline2", std::int64_t{3}, 0.1, std::monostate{}});
  t.add({"plain", std::int64_t{-2}, std::nan(""), std::monostate{}});
  t.add({"zero", std::int64_t{0}, -0.0, 1e-7});
  return t;
}

TEST(Csv, RendersHeaderAndRowsWithQuotingAndEmptyMissingValues) {
  EXPECT_EQ(render_csv(awkward()),
            "\"name, quoted\",n,x,missing\n"
            "\"C, the \"\"client\"\"\nline2\",3,0.1,\n"
            "plain,-2,,\n"
            "zero,0,0,1e-07\n");
  EXPECT_EQ(csv_row(std::vector<std::string>{"a", "b\"c"}), "a,\"b\"\"c\"\n");
}

TEST(Json, RecordsKeepTheColumnsOrderAndNullForMissing) {
  const auto j = nlohmann::ordered_json::parse(render_json(awkward()));
  ASSERT_EQ(j.size(), 3u);
  std::vector<std::string> keys;
  for (const auto& [key, value] : j[0].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"name, quoted", "n", "x", "missing"}));
  EXPECT_EQ(j[0].at("name, quoted"), "C, the \"client\"\nline2");
  EXPECT_EQ(j[0].at("n"), 3);
  EXPECT_EQ(j[0].at("x"), 0.1);
  EXPECT_TRUE(j[0].at("missing").is_null());
  EXPECT_TRUE(j[1].at("x").is_null());  // NaN
}

TEST(Text, AlignsColumnsNumbersRight) {
  Table t{.title = "title", .columns = {"name", "value"}, .note = "a note", .decimals = {-1, 2}};
  t.add({"a", 1.5});
  t.add({"bbb", -22.25});
  EXPECT_EQ(render_text(t),
            "title\n"
            "name   value\n"
            "a       1.50\n"
            "bbb   -22.25\n"
            "\n"
            "a note\n");
}

TEST(Text, OneLinePerRowNoNegativeZeroDashForMissing) {
  const std::string text = render_text(awkward());
  EXPECT_NE(text.find("C, the \"client\" line2"), std::string::npos) << text;
  EXPECT_EQ(text.find(" -0"), std::string::npos) << text;
  EXPECT_NE(text.find("—"), std::string::npos) << text;
  EXPECT_NE(text.find("nan"), std::string::npos) << text;  // never hidden from people
  int lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(lines, 4);
}

TEST(Text, ATableWithoutColumnsIsABlockOfText) {
  EXPECT_EQ(render_text(Table{.title = "heading\nsecond line"}), "heading\nsecond line\n");
  EXPECT_EQ(render_text(Table{.title = "heading", .note = "note"}), "heading\n\nnote\n");
  EXPECT_EQ(render(std::vector<Table>{Table{.title = "a"}, Table{.title = "b"}}, Format::Table), "a\n\nb\n");
}

TEST(Formats, ParsedByNameInAnyCase) {
  EXPECT_EQ(parse_format("CSV"), Format::Csv);
  EXPECT_EQ(parse_format("json"), Format::Json);
  EXPECT_EQ(parse_format("Table"), Format::Table);
  EXPECT_THROW(parse_format("xml"), SpecError);
  EXPECT_EQ(format_names(), "table, csv, json");
  EXPECT_THROW(render(std::vector<Table>{awkward(), awkward()}, Format::Csv), std::logic_error);
  Table t;
  t.columns = {"a"};
  EXPECT_THROW(t.add({1.0, 2.0}), std::logic_error);
}

// A document draws its text tables for people, its tidy table as CSV, and its own JSON form
// when it has one (else the tidy table's records).
TEST(Document, EachFormatDrawsItsPart) {
  Document d{.text = {Table{.title = "for people"}}, .tidy = awkward()};
  EXPECT_EQ(render(d, Format::Table), "for people\n");
  EXPECT_EQ(render(d, Format::Csv), render_csv(awkward()));
  EXPECT_EQ(render(d, Format::Json), render_json(awkward()));
  d.json = {{"b", 1}, {"a", {1.5, nullptr}}};
  EXPECT_EQ(render(d, Format::Json), "{\n \"b\": 1,\n \"a\": [\n  1.5,\n  null\n ]\n}\n");
  d.text.clear();
  EXPECT_EQ(render(d, Format::Table), render_text(awkward()));
}

}  // namespace
}  // namespace entente::output
