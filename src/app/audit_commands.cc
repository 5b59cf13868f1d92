// peel audit verify: the chain recomputed with its key, the access log checked against its
// events both ways, and each checkpoint given (--checkpoint) checked against the log.
// peel audit checkpoint --out FILE: the log's head signed with the Ed25519 signing key, to be
// kept where the database's administrators cannot write (another machine, write-once media):
// a database rewritten with the chain key stolen still differs from the checkpoints taken.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/audit_keys.h"
#include "app/cli_support.h"
#include "app/commands.h"
#include "auth/auth.h"
#include "core/crypto.h"
#include "core/json_text.h"
#include "events/event_log.h"

namespace peel::app {

namespace json = boost::json;

namespace {

// What a checkpoint signs: the head of the log, under which chain key.
std::string signed_text(long long sequence, const std::string& hash, const std::string& at,
                        const std::string& key) {
  return "peel checkpoint\n" + std::to_string(sequence) + "\n" + hash + "\n" + at + "\n" + key;
}

// The hash the log holds for event `sequence`; empty when it has none.
Result<std::string> hash_at(store::Store& store, long long sequence) {
  auto rows =
      store::in_transaction<store::Rows>(store, store::Access::kRead, [&](store::Session& s) {
        return s.query("SELECT hash FROM events WHERE sequence = $1", {sequence});
      });
  if (!rows) return std::move(rows).error();
  return rows->empty() ? std::string() : rows->front().text(0);
}

// Empty when the checkpoint holds, else what is wrong, for a person.
Result<std::string> check_checkpoint(store::Store& store, const std::string& file,
                                     const std::string& public_pem) {
  std::ifstream in(file);
  if (!in) return Error::not_found("no checkpoint " + file);
  std::stringstream text;
  text << in.rdbuf();
  std::error_code ec;
  const json::value doc = json::parse(text.str(), ec);
  const json::object* o = ec ? nullptr : doc.if_object();
  const auto field = [&](const char* name) -> std::string {
    const json::value* v = o ? o->if_contains(name) : nullptr;
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const json::value* sequence = o ? o->if_contains("sequence") : nullptr;
  if (!sequence || !sequence->is_int64()) return file + " is not a Peel checkpoint";
  if (field("public_key") != public_pem)
    return file + " was not signed with this force's signing key (audit.signing_key_file)";
  const std::string signed_part =
      signed_text(sequence->as_int64(), field("hash"), field("at"), field("key_id"));
  if (!ed25519_verify(public_pem, signed_part, field("signature")))
    return file + ": the signature does not match: the checkpoint was altered";
  auto held = hash_at(store, sequence->as_int64());
  if (!held) return std::move(held).error();
  if (held->empty())
    return "event " + std::to_string(sequence->as_int64()) + " of checkpoint " + file +
           " is not in the log: events were removed";
  if (*held != field("hash"))
    return "event " + std::to_string(sequence->as_int64()) + " differs from checkpoint " + file +
           " taken " + field("at") + ": the log was rewritten";
  return std::string();
}

int verify(const CommonOptions& options, const std::vector<std::string>& checkpoints) {
  auto config = config_for(options);
  if (!config) return fail(config.error());
  auto store = store::Store::open(config->platform.db_url, config->platform.store);
  if (!store) return fail(store.error());
  auto key = chain_key(config->platform.audit_key_file, false);
  if (!key && key.error().code != ErrorCode::kNotFound) return fail(key.error());
  auto report = events::verify(**store, key ? *key : std::string());
  if (!report) return fail(report.error());
  const auto broken = [&](long long checked, const std::string& problem,
                          std::optional<long long> sequence) {
    json::object out{{"intact", false}, {"checked", checked}, {"problem", problem}};
    if (sequence) out["first_bad_sequence"] = *sequence;
    print(options, out, "");
    return fail(Error::conflict("the evidential history is not intact: " + problem));
  };
  if (report->first_bad) return broken(report->checked, report->problem, report->first_bad);
  auto access = auth::check_access_log(**store);
  if (!access) return fail(access.error());
  if (!access->problem.empty()) return broken(report->checked, access->problem, std::nullopt);
  if (!checkpoints.empty()) {
    auto signing = signing_key(config->platform.audit_signing_key_file, false);
    if (!signing) return fail(signing.error());
    for (const auto& file : checkpoints) {
      auto problem = check_checkpoint(**store, file, ed25519_public_pem(*signing));
      if (!problem) return fail(problem.error());
      if (!problem->empty()) return broken(report->checked, *problem, std::nullopt);
    }
  }
  print(options,
        json::object{{"intact", true},
                     {"checked", report->checked},
                     {"access_log_rows", access->checked},
                     {"checkpoints", checkpoints.size()}},
        "The event log is intact: " + std::to_string(report->checked) + " events checked, " +
            std::to_string(access->checked) + " access log rows match their events" +
            (checkpoints.empty()
                 ? std::string(".")
                 : ", " + std::to_string(checkpoints.size()) + " checkpoint(s) hold."));
  return 0;
}

int checkpoint(const CommonOptions& options, const std::string& out) {
  auto config = config_for(options);
  if (!config) return fail(config.error());
  if (std::filesystem::exists(out))
    return fail(Error::conflict(out + " exists: a checkpoint never overwrites another"));
  auto store = store::Store::open(config->platform.db_url, config->platform.store);
  if (!store) return fail(store.error());
  auto signing = signing_key(config->platform.audit_signing_key_file, true);
  if (!signing) return fail(signing.error());
  auto key = chain_key(config->platform.audit_key_file, false);
  auto head = store::in_transaction<store::Rows>(
      **store, store::Access::kRead,
      [](store::Session& s) { return s.query("SELECT sequence, hash FROM event_log_head"); });
  if (!head) return fail(head.error());
  const long long sequence = head->front().integer(0);
  const std::string hash = head->front().text(1);
  const std::string at = format_rfc3339(SystemClock().now());
  const std::string key_name = key ? events::key_id(*key) : "";
  json::object doc{
      {"sequence", sequence},
      {"hash", hash},
      {"at", at},
      {"key_id", key_name},
      {"public_key", ed25519_public_pem(*signing)},
      {"signature", ed25519_sign_hex(*signing, signed_text(sequence, hash, at, key_name))}};
  std::ofstream file(out);
  file << json_text(doc) << "\n";
  if (!file) return fail(Error::unavailable("cannot write " + out));
  print(options, doc,
        "Checkpoint of event " + std::to_string(sequence) + " written to " + out +
            ": keep it where the database's administrators cannot write.");
  return 0;
}

}  // namespace

void add_audit_commands(CLI::App& app, int& exit_code) {
  auto* audit = app.add_subcommand("audit", "Check the evidential history");
  audit->require_subcommand(1);
  auto options = std::make_shared<CommonOptions>();
  auto checkpoints = std::make_shared<std::vector<std::string>>();
  auto* verify_command = audit->add_subcommand(
      "verify",
      "Recompute the event log's keyed chain, check the access log against its events and any"
      " checkpoints; exit 1 naming the first difference");
  add_common_options(*verify_command, *options);
  verify_command->add_option("--checkpoint", *checkpoints,
                             "A checkpoint file from peel audit checkpoint (repeatable)");
  verify_command->callback(
      [options, checkpoints, &exit_code] { exit_code = verify(*options, *checkpoints); });

  auto checkpoint_options = std::make_shared<CommonOptions>();
  auto out = std::make_shared<std::string>();
  auto* checkpoint_command = audit->add_subcommand(
      "checkpoint",
      "Sign the log's head (Ed25519) into a file to keep out of the database's reach");
  add_common_options(*checkpoint_command, *checkpoint_options);
  checkpoint_command->add_option("--out", *out, "The new checkpoint file")->required();
  checkpoint_command->callback(
      [checkpoint_options, out, &exit_code] { exit_code = checkpoint(*checkpoint_options, *out); });
}

}  // namespace peel::app
