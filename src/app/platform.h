// The running platform: every module wired together over one store. `peel serve` builds one,
// and so do the integration tests, so they exercise exactly what runs in production.
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/crew_feed.h"
#include "app/leadership.h"
#include "auth/auth.h"
#include "cad/api/cad_api.h"
#include "cad/breadcrumbs.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "duty/duty.h"
#include "events/event_log.h"
#include "geo/api/geo_api.h"
#include "http/http.h"
#include "http/server.h"
#include "http/static_files.h"
#include "http/stream_hub.h"
#include "pole/pole.h"
#include "robotics/robotics.h"
#include "robotics/triggers.h"
#include "robotics/worker_pool.h"
#include "store/migrations.h"
#include "store/store.h"
#include "techbar/techbar.h"

namespace peel::app {

struct PlatformOptions {
  std::string db_url = "sqlite:var/peel.db";
  store::StoreOptions store;
  auth::AuthOptions auth;
  http::ServerOptions http;
  std::string web_root;  // empty: serve the API only
  // Blue-light speed factors by road class; they take effect when a map is imported.
  geo::SpeedFactors emergency_speed = geo::SpeedFactors::emergency_defaults();
  cad::CadOptions cad;  // alert thresholds, duplicate window, arrival radius
  cad::BreadcrumbOptions breadcrumbs;
  // Robotics' workers and its triggers (folders, schedules, events), started by serve();
  // max_workers 0: neither (items wait in their queues).
  robotics::WorkerPoolOptions robotics;
  robotics::RoboticsPolicy robotics_policy;
  // The tamper evidence's keys, outside the database (audit_keys.h); the chain key is made on
  // the first start when missing.
  std::string audit_key_file = "var/audit.key";
  std::string audit_signing_key_file =
      "var/audit-signing.pem";  // watched folders' root, where calls may go
  // How often a standby server tries to take over, and the active one checks it still may.
  std::chrono::milliseconds leadership_period{1000};
};

// Every module's migrations, in the order they must run.
std::vector<store::Migration> all_migrations();

class Platform {
 public:
  // Opens the store, checks migrations are applied, loads state and starts the event log.
  // Does not listen; call serve().
  static Result<std::unique_ptr<Platform>> open(const PlatformOptions& options, const Clock& clock);
  ~Platform();

  // Binds the HTTP server, then becomes the active server or stands by (leadership.h). On
  // SQLite a second server on the same file is refused, naming the first.
  Status serve();
  void stop();  // drains HTTP, flushes session activity, stops the event log
  // Whether this server is the active one (false before serve()).
  bool active() const { return leadership_ && leadership_->active(); }

  const PlatformOptions& options() const { return options_; }
  // The event log's chain key (audit_keys.h), for verifying it.
  const std::string& chain_key() const { return chain_key_; }
  store::Store& store() { return *store_; }
  events::EventLog& events() { return *events_; }
  auth::AuthService& auth() { return *auth_; }
  http::Router& router() { return *router_; }
  MetricsRegistry& metrics() { return metrics_; }
  // The current map, or why none is loaded.
  const geo::LoadedMap& geo() const { return geo_; }
  cad::CadService& cad() { return *cad_; }
  pole::Pole& pole() { return *pole_; }
  duty::Duty& duty() { return *duty_; }
  robotics::Robotics& robotics() { return *robotics_; }
  // Null when robotics.max_workers is 0.
  robotics::WorkerPool* robotics_workers() { return robotics_workers_.get(); }
  techbar::Techbar& techbar() { return *techbar_; }
  CrewFeed& crew_feed() { return *crew_feed_; }
  cad::Breadcrumbs& tracks() { return *breadcrumbs_; }
  int port() const { return server_ ? server_->port() : 0; }

 private:
  Platform() = default;
  void flush_breadcrumbs();
  // The work of the active server alone: alert timers, crewing, robotics.
  void start_active_work();
  void stop_active_work();

  PlatformOptions options_;
  std::string chain_key_;
  MetricsRegistry metrics_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<events::EventLog> events_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::StreamHub> stream_;
  geo::LoadedMap geo_;
  std::unique_ptr<cad::CadService> cad_;
  std::unique_ptr<cad::Breadcrumbs> breadcrumbs_;
  std::unique_ptr<cad::PositionFeed> position_feed_;
  std::unique_ptr<pole::Pole> pole_;
  std::unique_ptr<duty::Duty> duty_;
  std::unique_ptr<robotics::Robotics> robotics_;
  std::unique_ptr<robotics::WorkerPool> robotics_workers_;
  std::unique_ptr<robotics::Triggers> robotics_triggers_;
  std::unique_ptr<techbar::Techbar> techbar_;
  std::jthread robotics_timer_;
  std::unique_ptr<CrewFeed> crew_feed_;
  std::jthread alert_timer_;
  std::jthread track_timer_;
  const Clock* clock_ = nullptr;
  std::optional<http::StaticFiles> web_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<Leadership> leadership_;
  std::mutex active_work_mutex_;  // start and stop come from the leadership thread and stop()
};

}  // namespace peel::app
