// A submission is checked against the process's fields: every problem named at once, the
// values trimmed and in canonical form, unknown fields refused.
#include "robotics/form_fields.h"

#include <gtest/gtest.h>

namespace peel::robotics {
namespace {

ProcessDefinition form() {
  ProcessDefinition p;
  p.fields = {{"surname", "text", true, 50, false, {}},
              {"date_of_birth", "date", false, 10, true, {}},
              {"email", "email", true, 200, false, {}},
              {"postcode", "postcode", false, 10, false, {}},
              {"phone", "phone", false, 30, false, {}},
              {"when", "datetime", false, 40, true, {}},
              {"value", "number", false, 20, false, {}},
              {"kind", "choice", false, 100, false, {"burglary", "vehicle-crime"}}};
  return p;
}

const Timestamp kNow = *parse_rfc3339("2026-11-25T12:00:00Z");

TEST(FormFields, GoodFieldsComeBackTrimmedAndCanonical) {
  auto out = checked_fields(form(), R"({"surname": "  Smith ", "email": "a.smith@example.org",
      "postcode": "sw1a1aa", "phone": "+44 20 7946 0000", "date_of_birth": "1990-02-28",
      "when": "2026-11-24T09:30:00Z", "value": 120.5})",
                            kNow);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out,
            R"({"surname":"Smith","date_of_birth":"1990-02-28","email":"a.smith@example.org",)"
            R"("postcode":"SW1A 1AA","phone":"+44 20 7946 0000","when":"2026-11-24T09:30:00Z",)"
            R"("value":"120.5"})");
}

TEST(FormFields, EveryProblemIsNamedAtOnce) {
  auto out = checked_fields(form(), R"({"surname": " ", "email": "not-an-address",
      "date_of_birth": "1990-02-30", "postcode": "12345", "kind": "piracy", "colour": "red"})",
                            kNow);
  ASSERT_FALSE(out);
  std::vector<std::string> named;
  for (const auto& f : out.error().fields) named.push_back(f.field + ": " + f.reason);
  EXPECT_EQ(named, (std::vector<std::string>{
                       "surname: is required", "date_of_birth: must be a date, YYYY-MM-DD",
                       "email: must be an email address", "postcode: must be a UK postcode",
                       "kind: must be one of the choices offered",
                       "colour: is not a field of this form"}));
  EXPECT_FALSE(checked_fields(form(), "[]", kNow));
  EXPECT_EQ(checked_fields(form(), R"({"surname": "x", "email": "a@b.co", "phone": "12"})", kNow)
                .error()
                .fields.at(0)
                .field,
            "phone");
}

TEST(FormFields, WhatHappenedCannotHaveHappenedInTheFuture) {
  auto out = checked_fields(form(), R"({"surname": "x", "email": "a@b.co",
      "date_of_birth": "2026-11-26", "when": "2026-11-25T12:10:00Z"})",
                            kNow);
  ASSERT_FALSE(out);
  std::vector<std::string> named;
  for (const auto& f : out.error().fields) named.push_back(f.field + ": " + f.reason);
  EXPECT_EQ(named, (std::vector<std::string>{"date_of_birth: must not be in the future",
                                             "when: must not be in the future"}));
  EXPECT_TRUE(checked_fields(form(), R"({"surname": "x", "email": "a@b.co",
      "date_of_birth": "2026-11-25", "when": "2026-11-25T12:04:00Z"})",
                             kNow))
      << "today, and a few minutes' grace for clocks";
}

}  // namespace
}  // namespace peel::robotics
