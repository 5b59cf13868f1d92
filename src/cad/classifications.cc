// The force's list of opening classifications: the defaults, then its own changes as events, so
// that the list is rebuilt with the rest of the live state and every change has an author.
#include <algorithm>

#include "cad/cad_service.h"
#include "cad/payload.h"
#include "core/json_text.h"

namespace peel::cad {

namespace json = boost::json;

namespace {

bool valid_code(const std::string& code) {
  return code.size() >= 2 && code.size() <= 40 && code.front() >= 'a' && code.front() <= 'z' &&
         std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

}  // namespace

const Classification* CadService::classification_named(const std::string& code) const {
  const auto it = classifications_.find(code);
  return it == classifications_.end() ? nullptr : &it->second;
}

std::vector<Classification> CadService::classifications() const {
  std::lock_guard lock(mutex_);
  std::vector<Classification> out;
  out.reserve(classifications_.size());
  for (const auto& [code, c] : classifications_) out.push_back(c);
  return out;
}

std::optional<Classification> CadService::find_classification(const std::string& code) const {
  std::lock_guard lock(mutex_);
  const Classification* c = classification_named(code);
  return c ? std::optional<Classification>(*c) : std::nullopt;
}

Result<Classification> CadService::define_classification(const Classification& wanted,
                                                         const std::string& reason,
                                                         const auth::Actor& by) {
  if (!valid_code(wanted.code))
    return Error::invalid("code", "must be 2 to 40 of a-z, 0-9 and _, starting with a letter");
  if (wanted.name.empty()) return Error::invalid("name", "is required");
  const auto& groups = classification_groups();
  if (std::find(groups.begin(), groups.end(), wanted.group) == groups.end())
    return Error::invalid("group", "must be property, violence, welfare, roads or other");
  std::vector<std::string> capabilities = wanted.capabilities;
  std::sort(capabilities.begin(), capabilities.end());
  capabilities.erase(std::unique(capabilities.begin(), capabilities.end()), capabilities.end());
  std::lock_guard lock(mutex_);
  json::object payload{
      {"name", wanted.name}, {"group", wanted.group}, {"capabilities", string_array(capabilities)}};
  auto event = record({"classification/" + wanted.code, "ClassificationDefined", by.id, reason,
                       json_text(payload)});
  if (!event) return std::move(event).error();
  return classifications_.at(wanted.code);
}

Result<Classification> CadService::retire_classification(const std::string& code,
                                                         const std::string& reason,
                                                         const auth::Actor& by) {
  if (reason.empty()) return Error::invalid("reason", "is required: why it is no longer used");
  std::lock_guard lock(mutex_);
  const Classification* c = classification_named(code);
  if (!c) return Error::not_found("no classification " + code);
  if (c->retired) return Error::conflict("classification " + code + " is already retired");
  auto event = record({"classification/" + code, "ClassificationRetired", by.id, reason, "{}"});
  if (!event) return std::move(event).error();
  return classifications_.at(code);
}

}  // namespace peel::cad
