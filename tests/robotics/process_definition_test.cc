// Process definitions are read strictly: a good one gives its trigger, fields and steps in the
// order they run; each kind of mistake is refused naming where it is.
#include "robotics/process_definition.h"

#include <gtest/gtest.h>

namespace peel::robotics {
namespace {

const std::string kGood = R"({
  "id": "online-crime-report", "name": "Online crime report", "version": 2,
  "trigger": {"kind": "form"}, "queue": "online crime", "deadline_minutes": 30,
  "minutes_saved": 9,
  "fields": [{"name": "surname", "type": "text", "required": true},
             {"name": "date_of_birth", "type": "date"},
             {"name": "what_happened", "type": "text", "required": true, "max_length": 5000}],
  "steps": [
    {"id": "check", "kind": "validate"},
    {"id": "victim", "kind": "match_person",
     "with": {"surname": "${input.surname}", "date_of_birth": "${input.date_of_birth}"},
     "retry": {"max_attempts": 5, "backoff_ms": 200}},
    {"id": "crime", "kind": "record_crime",
     "with": {"classification": "theft-from-the-person", "occurred_from": "now",
              "victim_id": "${steps.victim.person_id}", "narrative": "${input.what_happened}"}},
    {"id": "tell", "kind": "notify",
     "with": {"to": "${input.surname}", "template": "Your crime number is ${steps.crime.reference}"}}
  ]})";

// The good document with `from` replaced by `to`.
std::string with(const std::string& from, const std::string& to) {
  std::string out = kGood;
  const auto at = out.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

std::string field_of(const std::string& text) {
  auto p = parse_process_definition(text);
  if (p) return "accepted";
  return p.error().fields.empty() ? p.error().message : p.error().fields.front().field;
}

TEST(ProcessDefinition, AGoodDefinitionIsReadWhole) {
  auto p = parse_process_definition(kGood);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->id, "online-crime-report");
  EXPECT_EQ(p->version, 2);
  EXPECT_EQ(p->trigger.kind, "form");
  EXPECT_EQ(p->deadline_minutes, 30);
  EXPECT_DOUBLE_EQ(p->minutes_saved, 9);
  ASSERT_EQ(p->fields.size(), 3U);
  EXPECT_TRUE(p->fields[0].required);
  EXPECT_EQ(p->fields[2].max_length, 5000U);
  ASSERT_EQ(p->steps.size(), 4U);
  EXPECT_EQ(p->steps[1].retry.max_attempts, 5);
  EXPECT_EQ(p->steps[1].retry.first_backoff, std::chrono::milliseconds(200));
  EXPECT_EQ(p->steps[2].with.at("victim_id"), "${steps.victim.person_id}");
}

TEST(ProcessDefinition, EachMistakeIsRefusedNamingWhereItIs) {
  EXPECT_EQ(field_of("{not json"), "definition");
  EXPECT_EQ(field_of("[1]"), "definition");
  EXPECT_EQ(field_of(with(R"("kind": "validate")", R"("kind": "fax")")), "steps[0].kind");
  EXPECT_EQ(field_of(with("${input.what_happened}", "${input.what_hapened}")),
            "steps[2].with.narrative");
  EXPECT_EQ(field_of(with("${steps.victim.person_id}", "${steps.tell.message_id}")),
            "steps[2].with.victim_id")
      << "a step's output is there only after it has run";
  EXPECT_EQ(field_of(with("${steps.victim.person_id}", "${steps.victim.shoe_size}")),
            "steps[2].with.victim_id");
  EXPECT_EQ(
      field_of(with("${input.surname}\", \"date_of_birth\"", "${env.HOME}\", \"date_of_birth\"")),
      "steps[1].with.surname");
  EXPECT_EQ(field_of(with(R"({"id": "tell", "kind": "notify",)",
                          R"({"id": "tell", "kind": "notify", "next": "check",)")),
            "steps[3].next")
      << "a cycle";
  EXPECT_EQ(field_of(with(R"({"id": "check", "kind": "validate"})",
                          R"({"id": "check", "kind": "validate", "next": "nowhere"})")),
            "steps[0].next");
  EXPECT_EQ(field_of(with(R"({"id": "check", "kind": "validate"})",
                          R"({"id": "check", "kind": "validate", "next": "crime"})")),
            "steps[1]")
      << "a step jumped over is never reached";
  EXPECT_EQ(field_of(with(R"("id": "tell")", R"("id": "crime")")), "steps[3].id");
  EXPECT_EQ(field_of(with(R"("retry": {"max_attempts": 5)", R"("retyr": {"max_attempts": 5)")),
            "steps[1].retyr");
  EXPECT_EQ(field_of(with(R"("with": {"to": "${input.surname}", )", R"("with": {)")),
            "steps[3].with.to");
  EXPECT_EQ(field_of(with(R"("type": "date")", R"("type": "colour")")), "fields[1].type");
  EXPECT_EQ(field_of(with(R"("type": "date")", R"("type": "choice")")), "fields[1].options")
      << "a choice lists what may be chosen";
  EXPECT_EQ(field_of(with(R"("type": "date")", R"("type": "text", "past": true)")),
            "fields[1].past");
  EXPECT_EQ(field_of(with(R"({"kind": "form"})", R"({"kind": "folder"})")), "trigger.source");
  EXPECT_EQ(field_of(with(R"({"kind": "form"})", R"({"kind": "folder", "source": "/in",
                                                    "format": "pdf"})")),
            "trigger.format");
  EXPECT_EQ(field_of(with(R"("version": 2)", R"("version": 0)")), "version");
}

}  // namespace
}  // namespace peel::robotics
