// Reading the service desk's CSV export: columns in any order and case, extras skipped, the
// desk's own time format, device types written its way; and each thing wrong named by its line
// and column.
#include "techbar/service_desk_csv.h"

#include <gtest/gtest.h>

namespace peel::techbar {
namespace {

std::string reason_for(std::string_view csv) {
  auto read = read_service_desk_csv(csv);
  if (read) return "read";
  return read.error().fields.empty() ? read.error().message : read.error().fields.at(0).reason;
}

TEST(ServiceDeskCsv, ReadsAnExportWithItsOwnColumnsAndFormats) {
  auto read = read_service_desk_csv(
      "Reference,Assignment group,Opened,Resolved,Device_Type,Symptom,First_Time_Fix,"
      "Survey_Score\r\n"
      "INC001,EUC,2026-03-02 09:14,2026-03-05 16:00:30,Laptop,\"won't boot, BitLocker\",no,5\r\n"
      "INC002,EUC,2026-03-02T10:00:00Z,,Body-worn camera,,,\r\n"
      "\r\n"
      "INC003,Access,2026-03-03 08:00,2026-03-03 08:20,account/access,locked out,Yes,\r\n");
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->size(), 3U);
  const Contact& first = read->at(0).contact;
  EXPECT_EQ(read->at(0).reference, "INC001");
  EXPECT_EQ(first.device_type, "laptop");
  EXPECT_EQ(first.symptom, "won't boot, BitLocker");
  EXPECT_EQ(format_rfc3339(first.opened_at), "2026-03-02T09:14:00.000Z");
  EXPECT_EQ(format_rfc3339(*first.resolved_at), "2026-03-05T16:00:30.000Z");
  EXPECT_FALSE(first.first_time_fix);
  EXPECT_TRUE(first.surveyed) << "a resolved ticket was sent the desk's survey";
  EXPECT_EQ(first.score, 5);
  const Contact& open = read->at(1).contact;
  EXPECT_EQ(open.device_type, "body_worn_camera");
  EXPECT_FALSE(open.resolved_at);
  EXPECT_FALSE(open.surveyed) << "an open ticket has had no survey";
  EXPECT_EQ(read->at(2).contact.device_type, "account_access");
  EXPECT_TRUE(read->at(2).contact.first_time_fix);
  EXPECT_FALSE(read->at(2).contact.score);
}

TEST(ServiceDeskCsv, ASurveySentColumnIsTakenAsWritten) {
  auto read = read_service_desk_csv(
      "reference,opened,resolved,device_type,survey_sent\n"
      "A,2026-03-02 09:14,2026-03-02 10:00,phone,no\n"
      "B,2026-03-02 09:14,2026-03-02 10:00,phone,yes\n");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_FALSE(read->at(0).contact.surveyed);
  EXPECT_TRUE(read->at(1).contact.surveyed);
}

TEST(ServiceDeskCsv, NamesTheLineAndColumnOfWhatIsWrong) {
  const std::string head = "reference,opened,resolved,device_type,first_time_fix,survey_score\n";
  EXPECT_EQ(reason_for(head + "A,2026-03-02 09:14,,laptop,,\n"), "read");
  EXPECT_EQ(reason_for(""), "is empty: the header and the tickets");
  EXPECT_EQ(reason_for("reference,opened\nA,2026-03-02 09:14\n"),
            "has no device_type column: the header must name reference, opened and device_type");
  EXPECT_EQ(reason_for(head + "A,yesterday,,laptop,,\n"),
            "line 2: opened: must be a time: 2026-03-01 09:14 or RFC 3339");
  EXPECT_EQ(reason_for(head + "A,2026-03-02 09:14,2026-03-01 09:14,laptop,,\n"),
            "line 2: resolved: is before opened");
  EXPECT_EQ(reason_for(head + "A,2026-03-02 09:14,,toaster,,\n"),
            "line 2: device_type: must be laptop, tablet, phone, radio, body-worn camera,"
            " desktop, printer, account/access or software");
  EXPECT_EQ(reason_for(head + "A,2026-03-02 09:14,,laptop,perhaps,\n"),
            "line 2: first_time_fix: must be yes or no");
  EXPECT_EQ(reason_for(head + "A,2026-03-02 09:14,,laptop,,6\n"),
            "line 2: survey_score: must be 1 to 5, or empty");
  EXPECT_EQ(reason_for(head + "A,2026-03-02 09:14,,laptop,,\nA,2026-03-02 09:14,,laptop,,\n"),
            "line 3: reference: A is in the file twice");
  EXPECT_EQ(reason_for(head + ",2026-03-02 09:14,,laptop,,\n"),
            "line 2: reference: must be 1 to 64 characters");
  EXPECT_EQ(reason_for(head + "A,2026-03-02 09:14,,laptop\n"),
            "line 2: row: has 4 cells where the header has 6");
  EXPECT_EQ(reason_for("reference,Reference\n"), "line 1: reference: is a column twice");
  EXPECT_EQ(reason_for(head + "\"A,2026-03-02 09:14,,laptop,,\n"), "line 2: a quote is not closed");
}

}  // namespace
}  // namespace peel::techbar
