// Files dropped for a process are read by their format: CSV rows under a header of the
// process's fields, JSON objects, an email message's fields; a file that is not what its
// extension says is refused naming the file and the line.
#include "robotics/file_records.h"

#include <gtest/gtest.h>

#include "robotics/email_message.h"

namespace peel::robotics {
namespace {

std::vector<FieldSpec> fields(std::initializer_list<const char*> names) {
  std::vector<FieldSpec> out;
  for (const char* n : names) out.push_back({n, "text", false, 1000, false, {}});
  return out;
}

TEST(FileRecords, CsvRowsBecomeRecordsUnderTheirHeader) {
  auto records = read_file_records("csv",
                                   "surname,forenames,postcode\n"
                                   "Smith,Jane,NW5 1AA\n"
                                   "\n"
                                   "\"O'Brien, jr\",,SE1 7PB\n",
                                   "legacy.csv", fields({"surname", "forenames", "postcode"}));
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 2U);
  EXPECT_EQ(records->at(0).at, 2U);
  EXPECT_EQ(records->at(0).input, R"({"surname":"Smith","forenames":"Jane","postcode":"NW5 1AA"})");
  EXPECT_EQ(records->at(1).at, 4U);
  EXPECT_EQ(records->at(1).input, R"({"surname":"O'Brien, jr","postcode":"SE1 7PB"})")
      << "an empty value is left out";
}

TEST(FileRecords, AFileThatIsNotWhatItsExtensionSaysIsRefusedNamingWhere) {
  const auto f = fields({"surname", "postcode"});
  const auto refused = [&](const char* format, std::string_view text) {
    auto r = read_file_records(format, text, "drop.x", f);
    return r ? std::string("accepted") : r.error().message;
  };
  EXPECT_EQ(refused("csv", "surname,shoe_size\nSmith,9\n"),
            "drop.x: line 1: column \"shoe_size\" is not a field of the process");
  EXPECT_EQ(refused("csv", "surname,postcode\nSmith\n"), "drop.x: line 2: 1 values for 2 columns");
  EXPECT_EQ(refused("csv", "surname\n\"Smith\n"), "drop.x: line 2: a quote is not closed");
  EXPECT_EQ(refused("csv", std::string_view("\x89PNG\r\n\x1a\n\0\0", 10)),
            "drop.x: is not a csv file: it is not text (UTF-8)");
  EXPECT_EQ(refused("csv", ""), "drop.x: is empty: a CSV file starts with its header");
  EXPECT_EQ(refused("json", "surname,postcode"), "drop.x: is not JSON: syntax error");
  EXPECT_EQ(refused("json", "[{\"surname\": \"A\"}, 3]"), "drop.x: item 2 is not a JSON object");
  EXPECT_EQ(refused("eml", "surname,postcode\nSmith,NW5\n"),
            "drop.x: is not an email message: it does not start with headers");
  EXPECT_EQ(refused("eml", "Subject: hello\n\nbody"),
            "drop.x: is not an email message: it has no From header");
}

TEST(FileRecords, JsonObjectsBecomeRecordsWithValuesAsText) {
  auto records =
      read_file_records("json", R"([{"surname": "Smith", "age": 41}, {"surname": "Ng"}])",
                        "people.json", fields({"surname", "age"}));
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 2U);
  EXPECT_EQ(records->at(0).input, R"({"surname":"Smith","age":"41"})");
  EXPECT_EQ(records->at(1).at, 2U);
}

TEST(FileRecords, AnEmailGivesTheFieldsTheProcessDeclares) {
  const std::string message =
      "From: \"Jo Bloggs\" <jo@example.org>\r\n"
      "To: reports@police.example\r\n"
      "Subject: Stolen bicycle\r\n"
      " outside the library\r\n"
      "Date: Tue, 24 Nov 2026 09:30:00 +0100\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/alternative; boundary=\"b1\"\r\n"
      "\r\n"
      "--b1\r\n"
      "Content-Type: text/html\r\n"
      "\r\n"
      "<p>html</p>\r\n"
      "--b1\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "My bike was taken =E2=80=94 a red one, taken at 9=\r\n"
      "am.\r\n"
      "--b1--\r\n";
  auto parsed = read_email(message, "report.eml");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->from, "jo@example.org");
  EXPECT_EQ(parsed->from_name, "Jo Bloggs");
  EXPECT_EQ(parsed->subject, "Stolen bicycle outside the library");
  EXPECT_EQ(parsed->date, "2026-11-24T08:30:00.000Z");
  EXPECT_EQ(parsed->body, "My bike was taken \u2014 a red one, taken at 9am.");

  auto records =
      read_file_records("eml", message, "report.eml", fields({"from", "subject", "body"}));
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 1U);
  EXPECT_EQ(records->at(0).input,
            R"({"from":"jo@example.org","subject":"Stolen bicycle outside the library",)"
            "\"body\":\"My bike was taken \u2014 a red one, taken at 9am.\"}");
}

TEST(FileRecords, AnEmailNotInUtf8IsReadWithReplacementCharacters) {
  auto records = read_file_records("eml", "From: a@b.org\nSubject: caf\xe9\n\nna\xefve\n", "m.eml",
                                   fields({"subject", "body"}));
  ASSERT_TRUE(records) << records.error().message;
  EXPECT_EQ(records->at(0).input, "{\"subject\":\"caf\uFFFD\",\"body\":\"na\uFFFDve\"}");
}

TEST(FileRecords, EncodedWordsInTheSubjectAndNameAreDecoded) {
  auto parsed = read_email(
      "From: =?iso-8859-1?Q?Ren=E9e_Dupont?= <renee@example.org>\n"
      "Subject: =?utf-8?B?U3RvbGVu?= =?utf-8?Q?_bicycle_=E2=80=94_red?= (Acacia Ave)\n\nbody\n",
      "m.eml");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->from_name, "Ren\u00e9e Dupont");
  EXPECT_EQ(parsed->subject, "Stolen bicycle \u2014 red (Acacia Ave)");
  auto other = read_email("From: a@b.org\nSubject: =?koi8-r?B?8tXT08vJyg==?=\n\nx\n", "m.eml");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->subject, "=?koi8-r?B?8tXT08vJyg==?=") << "a character set Peel does not read";
}

TEST(FileRecords, ABase64BodyIsDecoded) {
  auto parsed =
      read_email("From: a@b.org\nContent-Transfer-Encoding: base64\n\nSGVsbG8sIHdvcmxk\n", "m.eml");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->body, "Hello, world");
  EXPECT_EQ(parsed->date, "");
}

}  // namespace
}  // namespace peel::robotics
