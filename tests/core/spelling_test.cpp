// Edit distance and "did you mean": textbook distances and the nearest known name.
#include <gtest/gtest.h>

#include "core/spelling.h"

namespace entente {
namespace {

TEST(Spelling, EditDistanceOfTextbookPairs) {
  // kitten → sitting is the classic example: two substitutions and one insertion.
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("strain", "strain"), 0u);
  // Symmetric.
  EXPECT_EQ(edit_distance("strian", "strain"), edit_distance("strain", "strian"));
}

TEST(Spelling, NearestNameIsOnlyOfferedWhenNear) {
  const std::vector<std::string> known{"strain", "strain.US", "net_value.ROK", "threat"};
  EXPECT_EQ(nearest_name("strian", known), "strain");
  EXPECT_EQ(nearest_name("STRAIN", known), "strain");  // case is ignored
  EXPECT_EQ(nearest_name("net_value.ROC", known), "net_value.ROK");
  EXPECT_EQ(nearest_name("threats", known), "threat");
  EXPECT_FALSE(nearest_name("nonsense", known).has_value());
  EXPECT_FALSE(nearest_name("x", known).has_value());
  EXPECT_FALSE(nearest_name("strain", {}).has_value());
  EXPECT_EQ(did_you_mean("strian", known), " (did you mean 'strain'?)");
  EXPECT_EQ(did_you_mean("nonsense", known), "");
  EXPECT_EQ(name_hint("strian", known), " (did you mean 'strain'?)");
  EXPECT_EQ(name_hint("nonsense", known), " (known: strain, strain.US, net_value.ROK, threat)");
  EXPECT_EQ(name_hint("nonsense", known, 3), "");
  EXPECT_EQ(name_hint("nonsense", {}), "");
}

}  // namespace
}  // namespace entente
