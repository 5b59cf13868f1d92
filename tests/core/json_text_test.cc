// JSON as people write it: coordinates as 51.5140179, not Boost.JSON's 5.15140179E1; what is
// written reads back as the same value of the same kind.
#include "core/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace peel {
namespace {

namespace json = boost::json;

TEST(JsonText, WritesNumbersAsPeopleWriteThem) {
  EXPECT_EQ(json_text(json::object{{"lat", 51.5140179}, {"lon", -0.0931}}),
            R"({"lat":51.5140179,"lon":-0.0931})");
  EXPECT_EQ(json_text(json::array{2.0, 0.5, 1e-7, 12345678.9, 1e21, -0.0}),
            "[2.0,0.5,1e-07,12345678.9,1e+21,-0.0]");
  EXPECT_EQ(json_text(json::array{std::numeric_limits<double>::quiet_NaN(),
                                  std::numeric_limits<double>::infinity()}),
            "[null,null]");
  EXPECT_EQ(json_text(json::array{std::int64_t{-42}, std::uint64_t{18446744073709551615U}, true,
                                  nullptr}),
            "[-42,18446744073709551615,true,null]");
}

TEST(JsonText, EscapesStringsAsJsonRequires) {
  EXPECT_EQ(json_text(json::string("a \"quote\", a \\ and\nnew line\t\x01 café")),
            R"("a \"quote\", a \\ and\nnew line\t\u0001 café")");
}

// Boost.JSON 1.81 reads decimals to within an ulp or so (its exact mode came later), so a value
// read back is compared to within 1e-15 of itself; the kinds must be the same.
TEST(JsonText, WhatIsWrittenReadsBackAsTheSameValue) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> any(-1e6, 1e6);
  json::array values;
  for (int i = 0; i < 2000; ++i) values.emplace_back(any(random));
  const json::object document{{"values", values},
                              {"nested", json::object{{"empty", json::array{}}, {"text", "x"}}}};
  const json::value read = json::parse(json_text(document));
  const auto& back = read.at("values").as_array();
  ASSERT_EQ(back.size(), values.size());
  int apart = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    const double wrote = values[i].as_double();
    if (!back[i].is_double() || std::abs(back[i].as_double() - wrote) > 1e-15 * std::abs(wrote))
      ++apart;
  }
  EXPECT_EQ(apart, 0) << "of 2000 doubles, read back as something else";
  EXPECT_EQ(read.at("nested"), document.at("nested"));
  EXPECT_TRUE(json::parse(json_text(json::value(3.0))).is_double()) << "a double stays a double";
}

}  // namespace
}  // namespace peel
