#include "cad/cad.h"

#include <algorithm>
#include <array>

namespace peel::cad {

namespace {

constexpr std::array<const char*, 4> kGrades = {"I", "S", "E", "R"};
constexpr std::array<const char*, 4> kChannels = {"999", "101", "online", "officer"};
constexpr std::array<const char*, 6> kStatuses = {"off_duty", "available", "dispatched",
                                                  "en_route", "at_scene",  "transporting"};

constexpr std::array<const char*, 4> kAlertKinds = {"immediate_unassigned", "unit_past_eta",
                                                    "welfare_check", "significant_near_target"};
constexpr std::array<const char*, 5> kWarningKinds = {"weapons", "dogs", "violence",
                                                      "vulnerability", "other"};

template <typename Enum, size_t N>
std::optional<Enum> parse_name(const std::array<const char*, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names.at(i)) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* grade_code(Grade grade) { return kGrades.at(static_cast<size_t>(grade)); }
std::optional<Grade> parse_grade(std::string_view code) { return parse_name<Grade>(kGrades, code); }

const char* channel_name(Channel channel) { return kChannels.at(static_cast<size_t>(channel)); }
std::optional<Channel> parse_channel(std::string_view name) {
  return parse_name<Channel>(kChannels, name);
}

const char* status_name(ResourceStatus status) { return kStatuses.at(static_cast<size_t>(status)); }
std::optional<ResourceStatus> parse_status(std::string_view name) {
  return parse_name<ResourceStatus>(kStatuses, name);
}

const std::vector<std::string>& classification_groups() {
  static const std::vector<std::string> groups = {"property", "violence", "welfare", "roads",
                                                  "other"};
  return groups;
}

const std::vector<Classification>& default_classifications() {
  static const std::vector<Classification> list = {
      {"burglary", "Burglary", "property", {}, false},
      {"robbery", "Robbery", "property", {}, false},
      {"theft", "Theft", "property", {}, false},
      {"assault", "Assault", "violence", {}, false},
      {"domestic", "Domestic abuse", "violence", {}, false},
      {"concern_for_welfare", "Concern for welfare", "welfare", {}, false},
      {"missing_person", "Missing person", "welfare", {}, false},
      {"mental_health", "Mental health crisis", "welfare", {}, false},
      {"sudden_death", "Sudden death", "welfare", {}, false},
      {"suspicious_activity", "Suspicious activity", "other", {}, false},
      {"anti_social_behaviour", "Anti-social behaviour", "other", {}, false},
      {"hate_crime", "Hate crime", "violence", {}, false},
      {"road_traffic_collision", "Road traffic collision", "roads", {}, false},
      {"serious_collision", "Serious or fatal road traffic collision", "roads", {"traffic"}, false},
      {"vehicle_pursuit", "Vehicle pursuit", "roads", {"advanced_driver"}, false},
      {"firearms", "Firearms incident", "violence", {"armed_response"}, false},
      {"weapon_knife", "Person with a knife or bladed weapon", "violence", {"taser"}, false},
      {"fleeing_suspect", "Suspect fled on foot", "other", {"dog"}, false},
      {"public_order", "Public disorder", "violence", {"public_order"}, false},
      {"medical_emergency", "Medical emergency awaiting ambulance", "welfare", {"medic"}, false},
  };
  return list;
}

const std::vector<std::string>& closing_codes() {
  static const std::vector<std::string> codes = {"crime_recorded",      "no_crime", "advice_given",
                                                 "resolved_at_scene",   "no_trace", "false_alarm",
                                                 "referred_to_partner", "duplicate"};
  return codes;
}

const char* alert_kind_name(AlertKind kind) { return kAlertKinds.at(static_cast<size_t>(kind)); }
std::optional<AlertKind> parse_alert_kind(std::string_view name) {
  return parse_name<AlertKind>(kAlertKinds, name);
}

const char* warning_kind_name(WarningKind kind) {
  return kWarningKinds.at(static_cast<size_t>(kind));
}
std::optional<WarningKind> parse_warning_kind(std::string_view name) {
  return parse_name<WarningKind>(kWarningKinds, name);
}

}  // namespace peel::cad
