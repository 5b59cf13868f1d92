#include "robotics/steps.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <regex>

#include "core/csv.h"
#include "core/json_text.h"
#include "pole/crime_classes.h"
#include "pole/person_match.h"
#include "pole/text_similarity.h"
#include "robotics/form_fields.h"
#include "robotics/http_call.h"
#include "robotics/trigger_items.h"

namespace peel::robotics {

namespace json = boost::json;

namespace {

using Kind = StepResult::Kind;
using Params = std::map<std::string, std::string>;

StepResult done(json::object outputs) { return {Kind::kDone, std::move(outputs), {}}; }
StepResult business(std::string reason) {
  return {Kind::kBusinessException, {}, std::move(reason)};
}
StepResult system_failure(std::string reason) {
  return {Kind::kSystemFailure, {}, std::move(reason)};
}

// A refusal from a Peel service: bad data is for a person to fix; anything else (the store
// busy or gone) is worth trying again.
StepResult refused(const Error& e, const std::string& doing) {
  const std::string& what = e.message;
  if (e.code == ErrorCode::kInvalid || e.code == ErrorCode::kNotFound)
    return business(fmt::format("{} was refused: {}", doing, what));
  return system_failure(fmt::format("{} failed: {}", doing, what));
}

std::string text_of(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : json_text(v);
}

std::string param(const Params& p, const std::string& name) {
  const auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}

// Who made what a process records: the records show the process and the item.
auth::Actor robot(const WorkItem& item) {
  return {"robotics", "robotics:" + item.facts.process_id, {"robotics item " + item.id}};
}

// The identifier a person recorded by this item carries: where the record came from, and how a
// step run again finds the person it recorded the first time. 40 characters, the most an
// identifier holds.
pole::Identifier provenance(const WorkItem& item) { return {"other", "rpa:" + item.id}; }

Result<pole::NewPerson> person_from(const Params& p) {
  pole::NewPerson person;
  person.surname = param(p, "surname");
  for (const auto& w : pole::words(param(p, "forenames"))) person.forenames.push_back(w);
  if (const std::string dob = param(p, "date_of_birth"); !dob.empty()) {
    person.date_of_birth = pole::parse_date(dob);
    if (!person.date_of_birth)
      return Error::invalid("date_of_birth", "must be a date, YYYY-MM-DD (" + dob + ")");
  }
  std::string address = param(p, "address");
  if (const std::string postcode = param(p, "postcode"); !postcode.empty())
    address += (address.empty() ? "" : ", ") + postcode;
  if (!address.empty()) person.addresses.push_back(address);
  std::string digits;
  for (const char c : param(p, "phone")) {
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && digits.empty())) digits += c;
  }
  if (!digits.empty()) person.identifiers.push_back({"phone", digits});
  return person;
}

// The person this item recorded before (its worker died before saying so), if any.
Result<std::optional<std::string>> recorded_before(const StepServices& s, const WorkItem& item) {
  auto held = s.pole.persons.with_identifier(provenance(item));
  if (!held) return std::move(held).error();
  if (held->empty()) return std::optional<std::string>();
  return std::optional<std::string>(held->front().id);
}

StepResult record_person(const StepServices& s, const WorkItem& item, pole::NewPerson person) {
  person.identifiers.push_back(provenance(item));
  auto made = s.pole.persons.record(person, robot(item));
  if (!made) return refused(made.error(), "recording the person");
  return done({{"person_id", made->id}, {"matched", false}});
}

StepResult match_person(const StepServices& s, const WorkItem& item, const Params& p) {
  auto before = recorded_before(s, item);
  if (!before) return refused(before.error(), "looking for the person recorded before");
  if (*before) return done({{"person_id", **before}, {"matched", false}});
  auto person = person_from(p);
  if (!person) return refused(person.error(), "reading the person");
  auto hits = s.pole.persons.likely_same(*person, pole::kDuplicateThreshold);
  if (!hits) return refused(hits.error(), "matching the person");
  std::vector<const pole::PersonHit*> strong;
  for (const auto& h : *hits) {
    if (h.score >= kStrongMatch) strong.push_back(&h);
  }
  if (strong.size() == 1)
    return done({{"person_id", strong.front()->person.id}, {"matched", true}});
  if (strong.size() > 1) {
    std::string who;
    for (const auto* h : strong) {
      who += fmt::format("{}{} {} ({:.0f})", who.empty() ? "" : ", ", h->person.id,
                         h->person.surname, h->score);
    }
    return business(fmt::format(
        "{} people on record match {} equally well: {}; choose one (or none) and resume",
        strong.size(), person->surname, who));
  }
  // Weaker likenesses are recorded as a new person; Records offers them as possible duplicates.
  return record_person(s, item, std::move(*person));
}

StepResult record_person_step(const StepServices& s, const WorkItem& item, const Params& p) {
  auto before = recorded_before(s, item);
  if (!before) return refused(before.error(), "looking for the person recorded before");
  if (*before) return done({{"person_id", **before}, {"matched", false}});
  auto person = person_from(p);
  if (!person) return refused(person.error(), "reading the person");
  return record_person(s, item, std::move(*person));
}

StepResult crime_outputs(const pole::Occurrence& crime) {
  return done({{"crime_id", crime.id}, {"reference", crime.reference}});
}

StepResult record_crime(const StepServices& s, const WorkItem& item, const Params& p) {
  const std::string external_id = "rpa:" + item.id;
  if (auto held = s.pole.events.find(external_id); held) return crime_outputs(*held);
  const pole::CrimeClass* category = pole::find_crime_class(param(p, "classification"));
  if (!category)
    return business(
        fmt::format("\"{}\" is not a crime category Peel knows", param(p, "classification")));
  pole::NewCrime crime;
  pole::NewOccurrence& o = crime.event;
  o.type = "crime";
  o.classification = category->code;
  const auto from = parse_rfc3339(param(p, "occurred_from"));
  if (!from) return business("occurred_from is not a time (" + param(p, "occurred_from") + ")");
  o.occurred_from = *from;
  o.occurred_to = *from;
  if (const std::string to = param(p, "occurred_to"); !to.empty()) {
    const auto parsed = parse_rfc3339(to);
    if (!parsed) return business("occurred_to is not a time (" + to + ")");
    o.occurred_to = *parsed;
  }
  o.place = param(p, "address");
  if (!o.place.empty()) {
    o.at = s.place ? s.place(o.place) : std::nullopt;
    if (!o.at)
      return business(fmt::format(
          "where it happened (\"{}\") could not be placed on the map; correct it and resume",
          o.place));
  }
  o.narrative = param(p, "narrative");
  if (const std::string property = param(p, "property"); !property.empty())
    o.narrative += "\n\nProperty: " + property;
  o.source = fmt::format("{} (work item {})", item.facts.process_id, item.id);
  o.external_id = external_id;
  if (const std::string victim = param(p, "victim_id"); !victim.empty())
    crime.victims.push_back(victim);
  auto made = s.pole.events.record_crime(crime, robot(item));
  if (made) return crime_outputs(*made);
  if (made.error().code == ErrorCode::kConflict) {  // another worker holding a lapsed lease
    if (auto held = s.pole.events.find(external_id); held) return crime_outputs(*held);
  }
  return refused(made.error(), "recording the crime");
}

StepResult transform(const Params& p) {
  std::string value = param(p, "value");
  const std::string into = param(p, "into");
  if (into == "upper" || into == "lower") {
    for (char& c : value) {
      const auto u = static_cast<unsigned char>(c);
      c = static_cast<char>(into == "upper" ? std::toupper(u) : std::tolower(u));
    }
  } else if (into == "trim") {
    value = trimmed(value);
  } else if (into == "digits") {
    std::erase_if(value, [](char c) { return !std::isdigit(static_cast<unsigned char>(c)); });
  } else {
    return business("transform into \"" + into +
                    "\" is not one Peel knows (upper, lower, trim,"
                    " digits)");
  }
  return done({{"value", value}});
}

StepResult notify(const StepServices& s, const WorkItem& item, const StepSpec& step,
                  const Params& p) {
  static const std::regex email(R"([^@\s]+@[^@\s]+\.[^@\s]+)");
  const std::string to = param(p, "to");
  if (!std::regex_match(to, email)) return business("\"" + to + "\" is not an email address");
  auto message = s.outbox.queue(item.id, step.id, to, param(p, "subject"), param(p, "template"));
  if (!message) return refused(message.error(), "queueing the message");
  return done({{"message_id", message->id}});
}

StepResult http_step(const StepServices& s, const Params& p) {
  long long ms = 10'000;
  if (const std::string t = param(p, "timeout_ms"); !t.empty()) {
    char* end = nullptr;
    ms = std::strtoll(t.c_str(), &end, 10);
    if (*end != '\0' || ms < 1 || ms > 120'000)
      return business("timeout_ms must be 1 to 120000 (" + t + ")");
  }
  const std::string method = param(p, "method").empty() ? "POST" : param(p, "method");
  if (Status allowed = allowed_address(param(p, "url"), s.policy); !allowed)
    return business("url: " + allowed.error().fields.front().reason);
  auto answer = call_https(method, param(p, "url"), param(p, "body"), std::chrono::milliseconds(ms),
                           s.policy.ca_file);
  if (!answer) {
    if (answer.error().code == ErrorCode::kInvalid) return business(answer.error().message);
    return system_failure(answer.error().message);
  }
  if (answer->status >= 500 || answer->status == 429)
    return system_failure(fmt::format("{} answered {}", param(p, "url"), answer->status));
  if (answer->status >= 400)
    return business(fmt::format("{} refused the call with {}: {}", param(p, "url"), answer->status,
                                answer->body.substr(0, 300)));
  return done({{"status", answer->status}, {"body", answer->body}});
}

StepResult validate(const StepServices& s, const ProcessDefinition& process, const WorkItem& item) {
  auto checked = checked_fields(process, item.facts.input, s.clock.now());
  if (checked) return done({});
  return business("the input is not valid: " + problems_of(checked.error()));
}

StepResult wait_for_decision(const StepSpec& step, const WorkItem& item, const Params& p) {
  const json::value outcome = json::parse(item.outcome);
  const json::value* decided = outcome.as_object().if_contains("steps");
  if (decided) decided = decided->as_object().if_contains(step.id);
  if (decided && decided->as_object().contains("decision")) return done(decided->as_object());
  return {Kind::kAwaitingDecision, {}, param(p, "question")};
}

}  // namespace

Params resolved_parameters(const StepSpec& step, const WorkItem& item) {
  static const std::regex reference(R"(\$\{(input|steps)\.([^}]*)\})");
  const json::value input = json::parse(item.facts.input);
  const json::value outcome = json::parse(item.outcome);
  const json::object* steps = nullptr;
  if (const auto* v = outcome.as_object().if_contains("steps")) steps = v->if_object();
  const auto lookup = [&](const std::string& scope, const std::string& name) -> std::string {
    if (scope == "input") {
      const auto* v = input.as_object().if_contains(name);
      return v ? text_of(*v) : std::string();
    }
    const auto dot = name.find('.');
    const auto* of = steps ? steps->if_contains(name.substr(0, dot)) : nullptr;
    const auto* v =
        of && of->is_object() ? of->as_object().if_contains(name.substr(dot + 1)) : nullptr;
    return v ? text_of(*v) : std::string();
  };
  Params out;
  for (const auto& [name, value] : step.with) {
    std::string filled;
    auto from = value.cbegin();
    for (std::sregex_iterator it(value.begin(), value.end(), reference), end; it != end; ++it) {
      filled.append(from, (*it)[0].first);
      filled += lookup((*it)[1], (*it)[2]);
      from = (*it)[0].second;
    }
    filled.append(from, value.cend());
    out[name] = std::move(filled);
  }
  return out;
}

StepResult run_step(const StepServices& services, const ProcessDefinition& process,
                    const StepSpec& step, const WorkItem& item) {
  const Params p = resolved_parameters(step, item);
  if (step.kind == "match_person") return match_person(services, item, p);
  if (step.kind == "record_person") return record_person_step(services, item, p);
  if (step.kind == "record_crime") return record_crime(services, item, p);
  if (step.kind == "transform") return transform(p);
  if (step.kind == "notify") return notify(services, item, step, p);
  if (step.kind == "http_call") return http_step(services, p);
  if (step.kind == "validate") return validate(services, process, item);
  if (step.kind == "wait_for_decision") return wait_for_decision(step, item, p);
  return business("step kind " + step.kind + " is not one this Peel runs");
}

}  // namespace peel::robotics
