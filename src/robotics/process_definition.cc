// Reading walks the document once with a reader that knows where it is ("steps[2].with"), so
// every error names its place; unknown members are refused like the API's request bodies, so a
// misspelt "retyr" does not pass silently. References are checked after: each ${input.x} must
// be a declared field, each ${steps.s.y} an output of a step that always runs before this one
// on the path the "next" links make.
#include "robotics/process_definition.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <regex>
#include <set>

namespace peel::robotics {

namespace json = boost::json;

namespace {

constexpr size_t kMostSteps = 100, kMostFields = 200;

// A JSON object read member by member, each named by its place; members never read are
// reported by finish().
class Reader {
 public:
  Reader(const json::object& object, std::string where)
      : object_(object), where_(std::move(where)) {}

  std::string at(const std::string& name) const {
    return where_.empty() ? name : where_ + "." + name;
  }

  Result<std::string> text(const std::string& name, bool required, size_t max = 200) {
    const json::value* v = take(name);
    if (!v) {
      if (required) return Error::invalid(at(name), "is required");
      return std::string();
    }
    if (!v->is_string()) return Error::invalid(at(name), "must be text");
    const std::string out(v->as_string());
    if (out.size() > max || (required && out.empty()))
      return Error::invalid(at(name), fmt::format("must be 1 to {} characters", max));
    return out;
  }

  Result<long long> whole(const std::string& name, long long fallback, long long min,
                          long long max) {
    const json::value* v = take(name);
    if (!v) return fallback;
    if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max)
      return Error::invalid(at(name),
                            fmt::format("must be a whole number from {} to {}", min, max));
    return v->as_int64();
  }

  Result<double> number(const std::string& name, double min, double max) {
    const json::value* v = take(name);
    if (!v) return 0.0;
    if (!v->is_number() || v->to_number<double>() < min || v->to_number<double>() > max)
      return Error::invalid(at(name), fmt::format("must be a number from {} to {}", min, max));
    return v->to_number<double>();
  }

  Result<bool> flag(const std::string& name) {
    const json::value* v = take(name);
    if (!v) return false;
    if (!v->is_bool()) return Error::invalid(at(name), "must be true or false");
    return v->as_bool();
  }

  // nullptr when absent (an error when not an object).
  Result<const json::object*> object(const std::string& name, bool required) {
    const json::value* v = take(name);
    if (!v) {
      if (required) return Error::invalid(at(name), "is required");
      return static_cast<const json::object*>(nullptr);
    }
    if (!v->is_object()) return Error::invalid(at(name), "must be an object");
    return &v->as_object();
  }

  Result<const json::array*> array(const std::string& name, size_t most) {
    const json::value* v = take(name);
    if (!v) return Error::invalid(at(name), "is required");
    if (!v->is_array() || v->as_array().empty() || v->as_array().size() > most)
      return Error::invalid(at(name), fmt::format("must list 1 to {}", most));
    return &v->as_array();
  }

  Status finish() const {
    for (const auto& member : object_) {
      if (!seen_.contains(std::string(member.key())))
        return Error::invalid(at(std::string(member.key())), "is not a member this document has");
    }
    return {};
  }

 private:
  const json::value* take(const std::string& name) {
    seen_.insert(name);
    return object_.if_contains(name);
  }

  const json::object& object_;
  std::string where_;
  std::set<std::string> seen_;
};

const std::vector<std::string> kTriggerKinds{"form", "folder", "webhook", "schedule", "event"};
const std::vector<std::string> kFieldTypes{"text",  "date",     "datetime", "email",
                                           "phone", "postcode", "number",   "choice"};
const std::vector<std::string> kFolderFormats{"csv", "json", "eml"};

bool one_of(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

Result<FieldSpec> read_field(const json::value& v, const std::string& where) {
  if (!v.is_object()) return Error::invalid(where, "must be an object");
  Reader r(v.as_object(), where);
  FieldSpec f;
  auto name = r.text("name", true, 60);
  if (!name) return std::move(name).error();
  static const std::regex identifier("[a-z][a-z0-9_]*");
  if (!std::regex_match(*name, identifier))
    return Error::invalid(r.at("name"), "must be lower case letters, digits and _ (" + *name + ")");
  auto type = r.text("type", true, 20);
  if (!type) return std::move(type).error();
  if (!one_of(kFieldTypes, *type))
    return Error::invalid(r.at("type"),
                          "must be one of text, date, datetime, email, phone,"
                          " postcode, number, choice (" +
                              *type + ")");
  auto required = r.flag("required");
  if (!required) return std::move(required).error();
  auto max = r.whole("max_length", 1000, 1, 100'000);
  if (!max) return std::move(max).error();
  auto past = r.flag("past");
  if (!past) return std::move(past).error();
  if (*past && *type != "date" && *type != "datetime")
    return Error::invalid(r.at("past"), "applies to a date or a datetime, not " + *type);
  std::vector<std::string> options;
  if (*type == "choice") {
    auto listed = r.array("options", 200);
    if (!listed) return std::move(listed).error();
    for (size_t i = 0; i < (*listed)->size(); ++i) {
      const json::value& o = (**listed)[i];
      if (!o.is_string() || o.as_string().empty() || o.as_string().size() > 100)
        return Error::invalid(fmt::format("{}[{}]", r.at("options"), i),
                              "must be text of 1 to 100 characters");
      options.emplace_back(o.as_string());
    }
  }
  if (Status s = r.finish(); !s) return s.error();
  return FieldSpec{.name = *name,
                   .type = *type,
                   .required = *required,
                   .max_length = static_cast<size_t>(*max),
                   .past = *past,
                   .options = std::move(options)};
}

Result<StepSpec> read_step(const json::value& v, const std::string& where) {
  if (!v.is_object()) return Error::invalid(where, "must be an object");
  Reader r(v.as_object(), where);
  StepSpec step;
  auto id = r.text("id", true, 60);
  if (!id) return std::move(id).error();
  auto kind = r.text("kind", true, 40);
  if (!kind) return std::move(kind).error();
  const auto known = step_kinds().find(*kind);
  if (known == step_kinds().end())
    return Error::invalid(r.at("kind"), "is not a step Peel knows (" + *kind + ")");
  auto next = r.text("next", false, 60);
  if (!next) return std::move(next).error();
  step.id = *id, step.kind = *kind, step.next = *next;
  auto with = r.object("with", false);
  if (!with) return std::move(with).error();
  if (*with) {
    for (const auto& [key, value] : **with) {
      const std::string name(key);
      const std::string at = r.at("with") + "." + name;
      const auto& spec = known->second;
      if (!one_of(spec.required, name) && !one_of(spec.optional, name))
        return Error::invalid(at, "is not a parameter of " + *kind);
      if (!value.is_string()) return Error::invalid(at, "must be text");
      step.with[name] = std::string(value.as_string());
    }
  }
  for (const auto& needed : known->second.required) {
    if (!step.with.contains(needed))
      return Error::invalid(r.at("with") + "." + needed, "is required by " + *kind);
  }
  auto retry = r.object("retry", false);
  if (!retry) return std::move(retry).error();
  if (*retry) {
    Reader rr(**retry, r.at("retry"));
    auto attempts = rr.whole("max_attempts", 3, 1, 20);
    if (!attempts) return std::move(attempts).error();
    auto backoff = rr.whole("backoff_ms", 1000, 10, 3'600'000);
    if (!backoff) return std::move(backoff).error();
    if (Status s = rr.finish(); !s) return s.error();
    step.retry = {static_cast<int>(*attempts), std::chrono::milliseconds(*backoff)};
  }
  if (Status s = r.finish(); !s) return s.error();
  return step;
}

Result<TriggerSpec> read_trigger(const json::object& o) {
  Reader r(o, "trigger");
  auto kind = r.text("kind", true, 20);
  if (!kind) return std::move(kind).error();
  if (!one_of(kTriggerKinds, *kind))
    return Error::invalid("trigger.kind", "must be form, folder, webhook, schedule or event");
  auto source = r.text("source", *kind == "folder" || *kind == "schedule" || *kind == "event", 500);
  if (!source) return std::move(source).error();
  auto format = r.text("format", *kind == "folder", 10);
  if (!format) return std::move(format).error();
  if (*kind == "folder" && !one_of(kFolderFormats, *format))
    return Error::invalid("trigger.format", "must be csv, json or eml");
  int every = 0;
  if (*kind == "schedule") {
    static const std::regex period(R"(every (\d{1,5}) minutes?)");
    std::smatch m;
    if (!std::regex_match(*source, m, period) || std::stoi(m[1]) < 1 || std::stoi(m[1]) > 10'080)
      return Error::invalid("trigger.source",
                            "must say \"every N minutes\", N from 1 to 10080 (a week)");
    every = std::stoi(m[1]);
  }
  if (*kind == "event") {
    static const std::regex type("[A-Z][A-Za-z]{2,60}");
    if (!std::regex_match(*source, type))
      return Error::invalid("trigger.source", "must name an event type, as IncidentClosed");
  }
  if (Status s = r.finish(); !s) return s.error();
  return TriggerSpec{.kind = *kind, .source = *source, .format = *format, .every_minutes = every};
}

// The steps in the order the "next" links run them from the first, or the error naming the
// link that goes round in a cycle or nowhere.
Result<std::vector<size_t>> path_of(const std::vector<StepSpec>& steps) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (!index.emplace(steps[i].id, i).second)
      return Error::invalid(fmt::format("steps[{}].id", i), "is used twice (" + steps[i].id + ")");
  }
  std::vector<size_t> path;
  std::set<size_t> visited;
  for (size_t i = 0; i < steps.size();) {
    if (!visited.insert(i).second)
      return Error::invalid(fmt::format("steps[{}].next", path.back()),
                            "goes round in a cycle back to " + steps[i].id);
    path.push_back(i);
    if (steps[i].next.empty()) {
      ++i;
      continue;
    }
    const auto to = index.find(steps[i].next);
    if (to == index.end())
      return Error::invalid(fmt::format("steps[{}].next", i),
                            "names no step (" + steps[i].next + ")");
    i = to->second;
  }
  for (size_t i = 0; i < steps.size(); ++i) {
    if (!visited.contains(i))
      return Error::invalid(fmt::format("steps[{}]", i), "is never reached (" + steps[i].id + ")");
  }
  return path;
}

// Every ${...} of each step names a declared field or an output of a step run before it.
Status check_references(const ProcessDefinition& p, const std::vector<size_t>& path) {
  std::set<std::string> fields;
  for (const auto& f : p.fields) fields.insert(f.name);
  std::set<std::string> available;  // "s.y" outputs of steps already run
  static const std::regex reference(R"(\$\{([^}]*)\})");
  static const std::regex input_ref(R"(input\.([a-z][a-z0-9_]*))");
  static const std::regex step_ref(R"(steps\.([A-Za-z0-9_\-]+)\.([a-z][a-z0-9_]*))");
  for (const size_t i : path) {
    const StepSpec& step = p.steps[i];
    for (const auto& [param, value] : step.with) {
      const std::string at = fmt::format("steps[{}].with.{}", i, param);
      for (std::sregex_iterator it(value.begin(), value.end(), reference), end; it != end; ++it) {
        const std::string name = (*it)[1];
        std::smatch m;
        if (std::regex_match(name, m, input_ref)) {
          if (!fields.contains(m[1])) return Error::invalid(at, "names no field (" + name + ")");
        } else if (std::regex_match(name, m, step_ref)) {
          if (!available.contains(std::string(m[1]) + "." + std::string(m[2])))
            return Error::invalid(at, "names no output of a step before this one (" + name + ")");
        } else {
          return Error::invalid(
              at, "must refer to ${input.<field>} or ${steps.<id>.<output>} (" + name + ")");
        }
      }
    }
    for (const auto& out : step_kinds().at(step.kind).outputs)
      available.insert(step.id + "." + out);
  }
  return {};
}

}  // namespace

const std::map<std::string, StepKind>& step_kinds() {
  static const std::map<std::string, StepKind> kinds{
      {"validate", {{}, {}, {}}},
      // One strong match on record, or the person recorded; an ambiguous match is a business
      // exception for a person to settle.
      {"match_person",
       {{"surname"},
        {"forenames", "date_of_birth", "postcode", "email", "address", "phone"},
        {"person_id", "matched"}}},
      {"record_person",
       {{"surname"}, {"forenames", "date_of_birth", "address", "email", "phone"}, {"person_id"}}},
      {"record_crime",
       {{"classification", "occurred_from"},
        {"occurred_to", "address", "narrative", "victim_id", "property"},
        {"crime_id", "reference"}}},
      {"transform", {{"value", "into"}, {}, {"value"}}},
      {"notify", {{"to", "template"}, {"subject"}, {"message_id"}}},
      {"http_call", {{"url"}, {"method", "body", "timeout_ms"}, {"status", "body"}}},
      {"wait_for_decision", {{"question"}, {"queue"}, {"decision", "decided_by"}}},
  };
  return kinds;
}

Result<ProcessDefinition> parse_process_definition(std::string_view json_text) {
  boost::system::error_code ec;
  const json::value doc = json::parse(json_text, ec);
  if (ec) return Error::invalid("definition", "is not JSON: " + ec.message());
  if (!doc.is_object()) return Error::invalid("definition", "must be a JSON object");
  Reader r(doc.as_object(), "");
  ProcessDefinition p;
  auto id = r.text("id", true, 60);
  if (!id) return std::move(id).error();
  static const std::regex slug("[a-z0-9][a-z0-9\\-]*");
  if (!std::regex_match(*id, slug))
    return Error::invalid("id", "must be lower case letters, digits and - (" + *id + ")");
  auto name = r.text("name", true, 200);
  if (!name) return std::move(name).error();
  auto version = r.whole("version", 1, 1, 1'000'000);
  if (!version) return std::move(version).error();
  auto queue = r.text("queue", true, 100);
  if (!queue) return std::move(queue).error();
  auto priority = r.whole("priority", 0, -100, 100);
  if (!priority) return std::move(priority).error();
  auto deadline = r.whole("deadline_minutes", 60, 1, 60LL * 24 * 90);
  if (!deadline) return std::move(deadline).error();
  auto saved = r.number("minutes_saved", 0, 24 * 60);
  if (!saved) return std::move(saved).error();
  auto trigger = r.object("trigger", true);
  if (!trigger) return std::move(trigger).error();
  auto read_trigger_result = read_trigger(**trigger);
  if (!read_trigger_result) return std::move(read_trigger_result).error();
  auto fields = r.array("fields", kMostFields);
  if (!fields) return std::move(fields).error();
  auto steps = r.array("steps", kMostSteps);
  if (!steps) return std::move(steps).error();
  if (Status s = r.finish(); !s) return s.error();
  p.id = *id, p.name = *name, p.version = static_cast<int>(*version), p.queue = *queue;
  p.priority = static_cast<int>(*priority), p.deadline_minutes = static_cast<int>(*deadline);
  p.minutes_saved = *saved;
  p.trigger = std::move(*read_trigger_result);
  std::set<std::string> names;
  for (size_t i = 0; i < (*fields)->size(); ++i) {
    auto f = read_field((**fields)[i], fmt::format("fields[{}]", i));
    if (!f) return std::move(f).error();
    if (!names.insert(f->name).second)
      return Error::invalid(fmt::format("fields[{}].name", i), "is used twice (" + f->name + ")");
    p.fields.push_back(std::move(*f));
  }
  for (size_t i = 0; i < (*steps)->size(); ++i) {
    auto s = read_step((**steps)[i], fmt::format("steps[{}]", i));
    if (!s) return std::move(s).error();
    p.steps.push_back(std::move(*s));
  }
  auto path = path_of(p.steps);
  if (!path) return std::move(path).error();
  if (Status s = check_references(p, *path); !s) return s.error();
  p.order = std::move(*path);
  return p;
}

}  // namespace peel::robotics
