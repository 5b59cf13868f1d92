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
constexpr std::array<const char*, 4> kWarningKinds = {"weapons", "dogs", "violence",
                                                      "vulnerability"};

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

const std::vector<Classification>& classifications() {
  static const std::vector<Classification> list = {
      {"burglary", "Burglary", "property", {}},
      {"robbery", "Robbery", "property", {}},
      {"theft", "Theft", "property", {}},
      {"assault", "Assault", "violence", {}},
      {"domestic", "Domestic abuse", "violence", {}},
      {"concern_for_welfare", "Concern for welfare", "welfare", {}},
      {"missing_person", "Missing person", "welfare", {}},
      {"mental_health", "Mental health crisis", "welfare", {}},
      {"sudden_death", "Sudden death", "welfare", {}},
      {"suspicious_activity", "Suspicious activity", "other", {}},
      {"anti_social_behaviour", "Anti-social behaviour", "other", {}},
      {"hate_crime", "Hate crime", "violence", {}},
      {"road_traffic_collision", "Road traffic collision", "roads", {}},
      {"serious_collision", "Serious or fatal road traffic collision", "roads", {"traffic"}},
      {"vehicle_pursuit", "Vehicle pursuit", "roads", {"advanced_driver"}},
      {"firearms", "Firearms incident", "violence", {"armed_response"}},
      {"weapon_knife", "Person with a knife or bladed weapon", "violence", {"taser"}},
      {"fleeing_suspect", "Suspect fled on foot", "other", {"dog"}},
      {"public_order", "Public disorder", "violence", {"public_order"}},
      {"medical_emergency", "Medical emergency awaiting ambulance", "welfare", {"medic"}},
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

const Classification* find_classification(std::string_view code) {
  const auto& list = classifications();
  const auto it = std::find_if(list.begin(), list.end(),
                               [&](const Classification& c) { return c.code == code; });
  return it == list.end() ? nullptr : &*it;
}

}  // namespace peel::cad
