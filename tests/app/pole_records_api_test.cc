// The records beyond people through the HTTP API, on both store backends: a crime recorded with
// its victim, suspect and property gets its reference at once and links them; an incident
// becomes a crime without re-keying; vehicles by partial VRM, anything near a place, events by
// words; duplicates offered as people arrive, merged and unmerged; markers shown to CAD; the
// review queue; and bad input refused naming the field with nothing written.
#include <fmt/format.h>

#include <set>

#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

const std::map<std::string, std::string> kPurpose = {{"Peel-Purpose", "investigation"}};

class PoleRecordsApi : public ApiTest {
 protected:
  std::string made(const HttpReply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(r.json().at("id").as_string()) : std::string();
  }
  std::string person(const std::string& token, const std::string& body) {
    return made(call("POST", "/api/v1/persons", body, token));
  }
  std::string yesterday() { return format_rfc3339(clock_.now() - std::chrono::hours(24)); }
  size_t count(const std::string& target, const std::string& token) {
    const auto r = call("GET", target, "", token, kPurpose);
    EXPECT_EQ(r.status, 200) << target << " -> " << r.body;
    return r.status == 200 ? r.json().at("items").as_array().size() : 0;
  }
};

TEST_P(PoleRecordsApi, ACrimeIsRecordedWithItsPeopleAndPropertyAndFoundAgain) {
  const auto officer = user_token("officer", "patrol_officer");
  const auto victim = person(officer, R"({"surname": "Okafor", "forenames": ["Grace"],
                                          "date_of_birth": "1950-02-01"})");
  const auto suspect = person(officer, R"({"surname": "Doyle", "forenames": ["Kevin"]})");
  const auto car = made(call("POST", "/api/v1/objects",
                             R"({"kind": "vehicle", "vrm": "ab12 cde", "make": "Ford",
                                 "colour": "blue"})",
                             officer));
  const auto crime =
      call("POST", "/api/v1/crimes",
           R"({"classification": "robbery", "occurred_from": ")" + yesterday() +
               R"(", "location": {"lat": 51.5072, "lon": -0.1276},
                              "place": "outside 10 High Street",
                              "victims": [")" +
               victim + R"("], "suspects": [")" + suspect + R"("], "property": [")" + car + R"("],
                              "narrative": "Victim pushed to the ground, car keys taken",
                              "modus_operandi": "approached from behind at a cash machine"})",
           officer);
  ASSERT_EQ(crime.status, 201) << crime.body;
  const auto body = crime.json();
  const std::string reference(body.at("reference").as_string());
  EXPECT_EQ(reference.substr(0, 3), "CR-");
  EXPECT_EQ(body.at("mopi_group").as_int64(), 2) << "robbery is violent: group 2";

  const auto read = call("GET", "/api/v1/crimes/" + reference, "", officer, kPurpose);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("links").as_array().size(), 3U);

  const auto victim_record = call("GET", "/api/v1/persons/" + victim, "", officer, kPurpose);
  ASSERT_EQ(victim_record.status, 200);
  const auto v = victim_record.json();
  EXPECT_EQ(v.at("links").at(0).at("type").as_string(), "victim_of");
  EXPECT_EQ(v.at("mopi_group").as_int64(), 2) << "kept as long as the crime";

  EXPECT_EQ(count("/api/v1/events/search?text=cash%20machine", officer), 1U);
  EXPECT_EQ(count("/api/v1/events/search?text=cash%20bicycle", officer), 0U) << "all words";
  EXPECT_EQ(count("/api/v1/events/search?lat=51.5075&lon=-0.1276&radius=100", officer), 1U);
  EXPECT_EQ(count("/api/v1/events/search?lat=51.52&lon=-0.1276&radius=100", officer), 0U);
  EXPECT_EQ(count("/api/v1/events/search?type=crime&classification=Robbery", officer), 1U);
  const auto found = call("GET", "/api/v1/objects/search?vrm=12%3FDE", "", officer, kPurpose);
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.json().at("items").as_array().size(), 1U);
  EXPECT_EQ(found.json().at("items").at(0).at("vrm").as_string(), "AB12CDE");
  EXPECT_EQ(count("/api/v1/objects/search?vrm=CD", officer), 1U);
  EXPECT_EQ(count("/api/v1/objects/search?vrm=XY9", officer), 0U);

  const auto second = call("POST", "/api/v1/crimes",
                           R"({"classification": "burglary", "occurred_from": ")" + yesterday() +
                               R"(", "location": {"lat": 51.5, "lon": -0.12}})",
                           officer);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_NE(second.json().at("reference").as_string(), reference) << "one reference each";
}

TEST_P(PoleRecordsApi, AnIncidentBecomesACrimeWithoutRekeying) {
  const auto handler = user_token("handler", "call_handler");
  const auto officer = user_token("officer", "patrol_officer");
  const auto incident = call("POST", "/api/v1/incidents",
                             R"({"classification": "burglary", "grade": "S",
                                 "location": {"lat": 51.5072, "lon": -0.1276},
                                 "narrative": "Rear window forced, jewellery taken"})",
                             handler);
  ASSERT_EQ(incident.status, 201) << incident.body;
  const std::string id(incident.json().at("id").as_string());
  const std::string body = R"({"incident_id": ")" + id + R"("})";
  const auto crime = call("POST", "/api/v1/crimes", body, officer);
  ASSERT_EQ(crime.status, 201) << crime.body;
  const auto c = crime.json();
  EXPECT_EQ(c.at("classification").as_string(), "burglary");
  EXPECT_EQ(c.at("narrative").as_string(), "Rear window forced, jewellery taken");
  EXPECT_EQ(c.at("source").as_string(),
            "CAD " + std::string(incident.json().at("reference").as_string()));
  EXPECT_DOUBLE_EQ(c.at("location").at("lat").as_double(), 51.5072);
  EXPECT_EQ(call("POST", "/api/v1/crimes", body, officer).status, 409) << "only once";
}

// The worklist of possible duplicates pages as the API's other lists do: a limit of 1 to 1,000
// and a next_cursor until the last page.
TEST_P(PoleRecordsApi, PossibleDuplicatesArePagedWithACursor) {
  const auto officer = user_token("officer", "patrol_officer");
  const auto manager = user_token("records", "records_manager");
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"Johnson", "Jonson"}, {"Walker", "Walker"}, {"Harris", "Harris"}};
  for (size_t n = 0; n < pairs.size(); ++n) {
    const std::string address = std::to_string(10 + n) + " Mill Lane, Leeds LS6 2AB";
    for (const auto& surname : {pairs[n].first, pairs[n].second}) {
      person(officer, fmt::format(R"({{"surname": "{}", "forenames": ["Michael"],
          "date_of_birth": "1979-06-1{}", "addresses": ["{}"]}})",
                                  surname, n, address));
    }
  }
  ASSERT_EQ(count("/api/v1/persons/duplicates", manager), 3U);
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    const auto page = call("GET",
                           "/api/v1/persons/duplicates?limit=2" +
                               (cursor.empty() ? std::string() : "&cursor=" + cursor),
                           "", manager, kPurpose);
    ASSERT_EQ(page.status, 200) << page.body;
    const auto body = page.json();
    for (const auto& item : body.at("items").as_array()) {
      EXPECT_TRUE(seen.insert(std::string(item.at("person").at("id").as_string())).second)
          << "a pair offered on two pages";
    }
    cursor =
        body.at("next_cursor").is_null() ? "" : std::string(body.at("next_cursor").as_string());
    ++pages;
  } while (!cursor.empty() && pages < 5);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(seen.size(), 3U);
  const auto bad = call("GET", "/api/v1/persons/duplicates?cursor=soon", "", manager, kPurpose);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("\"cursor\""), std::string::npos) << bad.body;
  EXPECT_EQ(call("GET", "/api/v1/persons/duplicates?limit=1001", "", manager, kPurpose).status,
            422);
}

TEST_P(PoleRecordsApi, DuplicatesAreOfferedMergedAndUnmerged) {
  const auto officer = user_token("officer", "patrol_officer");
  const auto manager = user_token("records", "records_manager");
  const auto first = person(officer, R"({"surname": "Johnson", "forenames": ["Michael"],
      "date_of_birth": "1979-06-12", "addresses": ["22 Mill Lane, Leeds LS6 2AB"],
      "identifiers": [{"kind": "pnc", "value": "79/445566K"}]})");
  const auto arriving =
      call("POST", "/api/v1/persons", R"({"surname": "Jonson", "forenames": ["Micheal"],
      "date_of_birth": "1979-06-12", "addresses": ["22 Mill Lane, Leeds LS62AB"]})",
           officer);
  ASSERT_EQ(arriving.status, 201) << arriving.body;
  const std::string second(arriving.json().at("id").as_string());
  const auto offered = arriving.json().at("possible_duplicates").as_array();
  ASSERT_EQ(offered.size(), 1U) << arriving.body;
  EXPECT_GE(offered[0].at("score").as_double(), 12);
  EXPECT_FALSE(offered[0].at("evidence").as_array().empty());
  EXPECT_EQ(count("/api/v1/persons/duplicates", manager), 1U);

  const auto bad = [&](const std::string& body, const std::string& field) {
    const auto r = call("POST", "/api/v1/persons/merges", body, manager);
    EXPECT_EQ(r.status, 422) << body << " -> " << r.body;
    EXPECT_NE(r.body.find("\"" + field + "\""), std::string::npos) << r.body;
  };
  bad(R"({"survivor_id": ")" + first + R"(", "merged_id": ")" + first + R"(", "reason": "same"})",
      "merged_id");
  EXPECT_EQ(call("POST", "/api/v1/persons/merges",
                 R"({"survivor_id": ")" + first + R"(", "merged_id": ")" + second +
                     R"(", "reason": "same PNC photo"})",
                 officer)
                .status,
            403)
      << "patrol officers do not merge";
  const auto merged = call("POST", "/api/v1/persons/merges",
                           R"({"survivor_id": ")" + first + R"(", "merged_id": ")" + second +
                               R"(", "reason": "same date of birth and address"})",
                           manager);
  ASSERT_EQ(merged.status, 201) << merged.body;
  const std::string merge_id(merged.json().at("id").as_string());
  bad(R"({"survivor_id": ")" + second + R"(", "merged_id": ")" + first +
          R"(", "reason": "the other way"})",
      "survivor_id");  // a cycle

  EXPECT_EQ(count("/api/v1/persons/search?q=michael%20johnson", officer), 1U);
  const auto survivor = call("GET", "/api/v1/persons/" + first, "", officer, kPurpose);
  ASSERT_EQ(survivor.status, 200);
  EXPECT_EQ(survivor.json().at("merged_records").at(0).at("id").as_string(), second)
      << "the merged record is kept whole";
  const auto old = call("GET", "/api/v1/persons/" + second, "", officer, kPurpose);
  EXPECT_EQ(old.json().at("merged_into").as_string(), first);
  EXPECT_EQ(count("/api/v1/persons/duplicates", manager), 0U);

  const auto undone = call("POST", "/api/v1/persons/merges/" + merge_id + "/undo",
                           R"({"reason": "different people: twins"})", manager);
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_EQ(call("POST", "/api/v1/persons/merges/" + merge_id + "/undo", R"({"reason": "again"})",
                 manager)
                .status,
            409);
  EXPECT_EQ(count("/api/v1/persons/search?q=michael%20johnson", officer), 2U);
  EXPECT_EQ(survivor.json().at("merges").as_array().size(), 1U);
}

TEST_P(PoleRecordsApi, MarkersShowWithTheRecordAndInCadBriefings) {
  const auto officer = user_token("officer", "patrol_officer");
  const auto handler = user_token("handler", "call_handler");
  const auto home = made(call("POST", "/api/v1/locations",
                              R"({"address": "14 Acacia Avenue", "location":
                                  {"lat": 51.5100, "lon": -0.1300}})",
                              officer));
  const auto resident = person(officer, R"({"surname": "Hale", "forenames": ["Ron"]})");
  ASSERT_EQ(call("POST", "/api/v1/links",
                 R"({"from_id": ")" + resident + R"(", "type": "lives_at", "to_id": ")" + home +
                     R"(", "valid_from": "2024-01-01", "source": "voters' register"})",
                 officer)
                .status,
            201);
  ASSERT_EQ(call("POST", "/api/v1/markers",
                 R"({"record_id": ")" + resident +
                     R"(", "kind": "weapons", "note": "carried a knife when arrested, 2025"})",
                 officer)
                .status,
            201);
  ASSERT_EQ(
      call("POST", "/api/v1/markers",
           R"({"record_id": ")" + home + R"(", "kind": "dogs", "note": "two large dogs"})", officer)
          .status,
      201);
  const auto found = call("GET", "/api/v1/persons/search?q=ron%20hale", "", officer, kPurpose);
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(found.json().at("items").at(0).at("markers").at(0).at("kind").as_string(), "weapons");
  const auto briefing =
      call("GET", "/api/v1/cad/briefing?at=51.51002,-0.13", "", handler, kPurpose);
  ASSERT_EQ(briefing.status, 200) << briefing.body;
  const auto warnings = briefing.json().at("warnings").as_array();
  ASSERT_EQ(warnings.size(), 2U) << briefing.body;
  std::set<std::string> kinds;
  for (const auto& w : warnings) kinds.insert(std::string(w.at("kind").as_string()));
  EXPECT_EQ(kinds, (std::set<std::string>{"weapons", "dogs"}));
  EXPECT_EQ(count("/api/v1/locations/near?lat=51.51&lon=-0.13&radius=50", officer), 1U);
}

TEST_P(PoleRecordsApi, BadInputNamesTheFieldAndWritesNothing) {
  const auto officer = user_token("officer", "patrol_officer");
  const auto someone = person(officer, R"({"surname": "Reed"})");
  const auto refused = [&](const std::string& target, const std::string& body,
                           const std::string& field) {
    const auto r = call("POST", target, body, officer);
    EXPECT_EQ(r.status, 422) << body << " -> " << r.body;
    EXPECT_NE(r.body.find("\"" + field + "\""), std::string::npos) << body << " -> " << r.body;
  };
  const std::string when = R"("occurred_from": ")" + yesterday() + R"(")";
  const std::string where = R"("location": {"lat": 51.5, "lon": -0.1})";
  refused("/api/v1/crimes",
          R"({"classification": "burglary", )" + when +
              R"(, "occurred_to": "2001-01-01T00:00:00Z", )" + where + "}",
          "occurred_to");
  refused(
      "/api/v1/crimes",
      R"({"classification": "burglary", "occurred_from": "2999-01-01T00:00:00Z", )" + where + "}",
      "occurred_from");
  refused("/api/v1/crimes", R"({"classification": "jaywalking", )" + when + ", " + where + "}",
          "classification");
  refused("/api/v1/crimes", R"({"classification": "burglary", )" + when + "}", "location");
  refused("/api/v1/crimes",
          R"({"classification": "burglary", )" + when + ", " + where +
              R"(, "victims": ["0192f1a4-7c3e-7b21-9a4f-3c2d1e0f9a8b"]})",
          "victims[0].from_id");
  refused("/api/v1/objects", R"({"kind": "vehicle", "vrm": "AB-12"})", "vrm");
  refused("/api/v1/objects", R"({"kind": "vehicle", "vrm": "ABCDEFGH1"})", "vrm");
  refused("/api/v1/objects", R"({"kind": "spaceship", "description": "x"})", "kind");
  refused("/api/v1/links",
          R"({"from_id": ")" + someone + R"(", "type": "lives_at", "to_id": "nowhere",
              "source": "officer"})",
          "to_id");
  refused("/api/v1/links",
          R"({"from_id": ")" + someone + R"(", "type": "associate_of", "to_id": ")" + someone +
              R"(", "source": "officer"})",
          "to_id");
  refused("/api/v1/links",
          R"({"from_id": ")" + someone + R"(", "type": "lives_at", "to_id": ")" + someone +
              R"(x", "source": "officer", "valid_from": "2020-02-30"})",
          "valid_from");
  refused("/api/v1/markers", R"({"record_id": ")" + someone + R"(", "kind": "grumpy",
                                 "note": "x"})",
          "kind");
  const auto manager = user_token("records", "records_manager");
  EXPECT_EQ(count("/api/v1/events/search?type=crime", officer), 0U) << "no crime was written";
  EXPECT_EQ(count("/api/v1/objects/search?vrm=AB", officer), 0U);
  const auto record = call("GET", "/api/v1/persons/" + someone, "", officer, kPurpose);
  EXPECT_TRUE(record.json().at("links").as_array().empty());
  EXPECT_TRUE(record.json().at("markers").as_array().empty());
  EXPECT_EQ(call("GET", "/api/v1/events/search?lat=91&lon=0", "", officer, kPurpose).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/events/search?bbox=1,2,3", "", officer, kPurpose).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/reviews?due_by=soon", "", manager, kPurpose).status, 422);
}

TEST_P(PoleRecordsApi, TheReviewQueueListsWhatIsDue) {
  const auto officer = user_token("officer", "patrol_officer");
  const auto manager = user_token("records", "records_manager");
  const auto someone = person(officer, R"({"surname": "Lowe", "forenames": ["Ann"]})");
  EXPECT_EQ(count("/api/v1/reviews", manager), 0U) << "nothing due today";
  const auto due = call("GET", "/api/v1/reviews?due_by=2040-01-01", "", manager, kPurpose);
  ASSERT_EQ(due.status, 200) << due.body;
  const auto items = due.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0].at("label").as_string(), "Lowe, Ann");
  EXPECT_EQ(items[0].at("mopi_group").as_int64(), 3);
  const auto kept = call("POST", "/api/v1/reviews/" + someone + "/retain",
                         R"({"reason": "ongoing investigation"})", manager);
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(call("GET", "/api/v1/reviews", "", officer).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, PoleRecordsApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
