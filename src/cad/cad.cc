#include "cad/cad.h"

#include <algorithm>
#include <array>

namespace peel::cad {

namespace {

constexpr std::array<const char*, 4> kGrades = {"I", "S", "E", "R"};
constexpr std::array<const char*, 4> kChannels = {"999", "101", "online", "officer"};
constexpr std::array<const char*, 6> kStatuses = {"off_duty", "available", "dispatched",
                                                  "en_route", "at_scene",  "transporting"};

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
      {"burglary", "Burglary", {}},
      {"robbery", "Robbery", {}},
      {"theft", "Theft", {}},
      {"assault", "Assault", {}},
      {"domestic", "Domestic abuse", {}},
      {"concern_for_welfare", "Concern for welfare", {}},
      {"missing_person", "Missing person", {}},
      {"mental_health", "Mental health crisis", {}},
      {"sudden_death", "Sudden death", {}},
      {"suspicious_activity", "Suspicious activity", {}},
      {"anti_social_behaviour", "Anti-social behaviour", {}},
      {"hate_crime", "Hate crime", {}},
      {"road_traffic_collision", "Road traffic collision", {}},
      {"serious_collision", "Serious or fatal road traffic collision", {"traffic"}},
      {"vehicle_pursuit", "Vehicle pursuit", {"advanced_driver"}},
      {"firearms", "Firearms incident", {"armed_response"}},
      {"weapon_knife", "Person with a knife or bladed weapon", {"taser"}},
      {"fleeing_suspect", "Suspect fled on foot", {"dog"}},
      {"public_order", "Public disorder", {"public_order"}},
      {"medical_emergency", "Medical emergency awaiting ambulance", {"medic"}},
  };
  return list;
}

const Classification* find_classification(std::string_view code) {
  const auto& list = classifications();
  const auto it = std::find_if(list.begin(), list.end(),
                               [&](const Classification& c) { return c.code == code; });
  return it == list.end() ? nullptr : &*it;
}

}  // namespace peel::cad
