#include "app/config.h"

namespace peel::app {

std::string emergency_factor_key(geo::RoadClass road_class) {
  return std::string("geo.emergency_factor_") + geo::road_class_name(road_class);
}

const std::vector<std::string>& known_settings() {
  const std::vector<std::string> keys = {
      "db.url",
      "db.max_connections",
      "http.address",
      "http.port",
      "http.io_threads",
      "http.worker_threads",
      "http.body_limit_bytes",
      "http.max_connections",
      "http.idle_timeout_seconds",
      "http.trusted_proxies",
      "web.root",
      "tls.certificate_file",
      "tls.private_key_file",
      "audit.key_file",
      "audit.signing_key_file",
      "auth.idle_timeout_minutes",
      "auth.session_hours",
      "auth.max_failed_logins",
      "auth.lockout_minutes",
      "auth.attempts_per_address_per_minute",
      "auth.attempts_per_account_per_minute",
      "log.level",
      "cad.immediate_unassigned_seconds",
      "cad.welfare_check_minutes",
      "cad.immediate_target_minutes",
      "cad.significant_target_minutes",
      "cad.significant_warning_minutes",
      "cad.arrival_radius_meters",
      "cad.breadcrumb_seconds",
      "cad.breadcrumb_meters",
      "cad.breadcrumb_retention_days",
      "robotics.folder_root",
      "robotics.allowed_hosts",
      "robotics.ca_file",
      "robotics.min_workers",
      "robotics.max_workers",
      "robotics.backlog_per_worker",
      "robotics.lease_seconds",
      "robotics.worker_name",
  };
  static const std::vector<std::string> all = [&keys] {
    std::vector<std::string> k = keys;
    for (int c = 0; c < geo::kRoadClassCount; ++c)
      k.push_back(emergency_factor_key(static_cast<geo::RoadClass>(c)));
    return k;
  }();
  return all;
}

namespace {

// "a, b,c" -> {"a", "b", "c"}.
std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  for (size_t start = 0; start < text.size();) {
    const size_t end = std::min(text.find(',', start), text.size());
    std::string item = text.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<Config> load_config(const std::string& config_file,
                           const std::vector<std::pair<std::string, std::string>>& flags) {
  Settings settings;
  if (!config_file.empty()) {
    auto loaded = Settings::from_toml_file(config_file);
    if (!loaded) return std::move(loaded).error();
    settings = std::move(loaded).value();
    if (auto unknown = settings.unknown_keys(known_settings()); !unknown.empty()) {
      return Error::invalid(unknown.front(),
                            "is not a setting Peel knows (in " + config_file + ")");
    }
  }
  settings.apply_environment(known_settings());
  for (const auto& [key, value] : flags) settings.set(key, value);

  Config config;
  auto& p = config.platform;
  p.db_url = settings.get_string("db.url", p.db_url);
  p.web_root = settings.get_string("web.root", p.web_root);
  p.audit_key_file = settings.get_string("audit.key_file", p.audit_key_file);
  p.audit_signing_key_file =
      settings.get_string("audit.signing_key_file", p.audit_signing_key_file);
  p.robotics_policy.folder_root =
      settings.get_string("robotics.folder_root", p.robotics_policy.folder_root);
  p.robotics_policy.allowed_hosts = comma_list(settings.get_string("robotics.allowed_hosts", ""));
  for (const auto& host : p.robotics_policy.allowed_hosts) {
    if (host.find_first_of("/@ ") != std::string::npos || host.find("://") != std::string::npos)
      return Error::invalid(
          "robotics.allowed_hosts",
          "must list host names or host:port, separated by commas (" + host + ")");
  }
  p.robotics_policy.ca_file = settings.get_string("robotics.ca_file", "");
  p.robotics.name = settings.get_string("robotics.worker_name", p.robotics.name);
  if (p.robotics.name.empty() || p.robotics.name.size() > 40 ||
      p.robotics.name.find_first_of(" %_") != std::string::npos)
    return Error::invalid("robotics.worker_name",
                          "must be 1 to 40 characters without spaces, % or _");
  p.http.address = settings.get_string("http.address", p.http.address);
  p.http.tls_certificate_file = settings.get_string("tls.certificate_file", "");
  // "10.0.0.5, 10.0.0.6": the reverse proxies in front of Peel.
  p.http.trusted_proxies = comma_list(settings.get_string("http.trusted_proxies", ""));
  p.http.tls_private_key_file = settings.get_string("tls.private_key_file", "");

  // Each integer setting: where it goes, its default and its range.
  struct IntSetting {
    const char* key;
    long long fallback, min, max;
    std::function<void(long long)> apply;
  };
  const std::vector<IntSetting> ints = {
      {"db.max_connections", p.store.max_connections, 1, 500,
       [&](long long v) { p.store.max_connections = int(v); }},
      {"http.port", p.http.port, 0, 65535, [&](long long v) { p.http.port = int(v); }},
      {"http.io_threads", p.http.io_threads, 1, 256,
       [&](long long v) { p.http.io_threads = int(v); }},
      {"http.worker_threads", p.http.worker_threads, 1, 1024,
       [&](long long v) { p.http.worker_threads = int(v); }},
      {"http.body_limit_bytes", static_cast<long long>(p.http.body_limit), 1024, 1LL << 30,
       [&](long long v) { p.http.body_limit = static_cast<size_t>(v); }},
      {"http.max_connections", p.http.max_connections, 1, 1'000'000,
       [&](long long v) { p.http.max_connections = int(v); }},
      {"http.idle_timeout_seconds", p.http.idle_timeout.count(), 1, 3600,
       [&](long long v) { p.http.idle_timeout = std::chrono::seconds(v); }},
      {"auth.idle_timeout_minutes", p.auth.idle_timeout.count(), 1, 24LL * 60,
       [&](long long v) { p.auth.idle_timeout = std::chrono::minutes(v); }},
      {"auth.session_hours", p.auth.absolute_timeout.count(), 1, 24LL * 7,
       [&](long long v) { p.auth.absolute_timeout = std::chrono::hours(v); }},
      {"auth.max_failed_logins", p.auth.max_failed_logins, 1, 100,
       [&](long long v) { p.auth.max_failed_logins = int(v); }},
      {"auth.lockout_minutes", p.auth.lockout.count(), 1, 24LL * 60,
       [&](long long v) { p.auth.lockout = std::chrono::minutes(v); }},
      {"auth.attempts_per_address_per_minute", p.auth.attempts_per_address_per_minute, 1, 100'000,
       [&](long long v) { p.auth.attempts_per_address_per_minute = int(v); }},
      {"auth.attempts_per_account_per_minute", p.auth.attempts_per_account_per_minute, 1, 1000,
       [&](long long v) { p.auth.attempts_per_account_per_minute = int(v); }},
      {"cad.immediate_unassigned_seconds", p.cad.immediate_unassigned.count(), 10, 3600,
       [&](long long v) { p.cad.immediate_unassigned = std::chrono::seconds(v); }},
      {"cad.welfare_check_minutes", p.cad.welfare_check.count(), 1, 600,
       [&](long long v) { p.cad.welfare_check = std::chrono::minutes(v); }},
      {"cad.immediate_target_minutes", p.cad.immediate_target.count(), 1, 24LL * 60,
       [&](long long v) { p.cad.immediate_target = std::chrono::minutes(v); }},
      {"cad.significant_target_minutes", p.cad.significant_target.count(), 5, 24LL * 60,
       [&](long long v) { p.cad.significant_target = std::chrono::minutes(v); }},
      {"cad.significant_warning_minutes", p.cad.significant_warning.count(), 1, 120,
       [&](long long v) { p.cad.significant_warning = std::chrono::minutes(v); }},
      {"cad.arrival_radius_meters", static_cast<long long>(p.cad.arrival_radius_m), 10, 1000,
       [&](long long v) { p.cad.arrival_radius_m = static_cast<double>(v); }},
      {"cad.breadcrumb_seconds", p.breadcrumbs.interval.count(), 1, 3600,
       [&](long long v) { p.breadcrumbs.interval = std::chrono::seconds(v); }},
      {"cad.breadcrumb_meters", static_cast<long long>(p.breadcrumbs.meters), 10, 10'000,
       [&](long long v) { p.breadcrumbs.meters = static_cast<double>(v); }},
      {"cad.breadcrumb_retention_days", p.breadcrumbs.retention.count() / 24, 1, 3650,
       [&](long long v) { p.breadcrumbs.retention = std::chrono::hours(24 * v); }},
      {"robotics.min_workers", p.robotics.min_workers, 0, 64,
       [&](long long v) { p.robotics.min_workers = int(v); }},
      {"robotics.max_workers", p.robotics.max_workers, 0, 64,
       [&](long long v) { p.robotics.max_workers = int(v); }},
      {"robotics.backlog_per_worker", p.robotics.backlog_per_worker, 1, 10'000,
       [&](long long v) { p.robotics.backlog_per_worker = int(v); }},
      {"robotics.lease_seconds", p.robotics.lease.count() / 1000, 5, 3600,
       [&](long long v) { p.robotics.lease = std::chrono::seconds(v); }},
  };
  for (const auto& s : ints) {
    auto value = settings.get_int(s.key, s.fallback, s.min, s.max);
    if (!value) return std::move(value).error();
    s.apply(*value);
  }
  // Blue lights: how much faster than the road's speed, by class (1.0 = no faster).
  for (int c = 0; c < geo::kRoadClassCount; ++c) {
    const auto road_class = static_cast<geo::RoadClass>(c);
    double& factor = p.emergency_speed.by_class.at(static_cast<size_t>(c));
    auto value = settings.get_double(emergency_factor_key(road_class), factor, 0.5, 3.0);
    if (!value) return std::move(value).error();
    factor = *value;
  }
  const std::string level = settings.get_string("log.level", "info");
  if (!log::parse_level(level, config.log_level)) {
    return Error::invalid("log.level", "must be debug, info, warn or error, got \"" + level + "\"");
  }
  return config;
}

}  // namespace peel::app
