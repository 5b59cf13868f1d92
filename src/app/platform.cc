#include "app/platform.h"

#include <unistd.h>

#include "app/audit_keys.h"
#include "app/ops_api.h"
#include "app/record_warnings.h"
#include "auth/api/auth_api.h"
#include "core/log.h"
#include "core/periodic.h"
#include "duty/api/duty_api.h"
#include "geo/geo_store.h"
#include "iop/api/iop_api.h"
#include "pole/api/pole_api.h"
#include "robotics/api/robotics_api.h"
#include "techbar/api/techbar_api.h"

namespace peel::app {

namespace {

// "pid 4242 on ctl1, http://127.0.0.1:8080": enough for an operator to find the other server.
std::string server_description(const http::ServerOptions& http, int port) {
  char host[256] = "";
  (void)gethostname(host, sizeof host - 1);
  return "pid " + std::to_string(getpid()) + " on " + host + ", " +
         (http.tls_certificate_file.empty() ? "http://" : "https://") + http.address + ":" +
         std::to_string(port);
}

// Event triggers read as their installer: only while that account is enabled and holds the
// permission. Peel's own processes (and the command line's) are installed by "system".
robotics::InstallerRights installer_rights(auth::AuthService& auth) {
  return {.may = [&auth](const std::string& user_id,
                         std::string_view permission) -> std::optional<auth::Actor> {
            if (user_id == "system") return auth::Actor::system();
            const auto user = auth.find_user(user_id);
            if (!user || user->disabled || !auth::role_has(user->role, permission))
              return std::nullopt;
            return auth::Actor{user->id, user->username, {"robotics"}};
          },
          .log_read =
              [&auth](const auth::Actor& by, const std::string& subject_type,
                      const std::string& subject_id, const std::string& purpose,
                      const std::string& detail) {
                return auth.record_access(by, auth::AccessAction::kConsultation, subject_type,
                                          subject_id, purpose, detail);
              }};
}

}  // namespace

std::vector<store::Migration> all_migrations() {
  std::vector<store::Migration> all;
  for (auto list :
       {events::migrations(), auth::migrations(), geo::migrations(), cad::migrations(),
        pole::migrations(), duty::migrations(), robotics::migrations(), techbar::migrations()}) {
    all.insert(all.end(), list.begin(), list.end());
  }
  return all;
}

Result<std::unique_ptr<Platform>> Platform::open(const PlatformOptions& options,
                                                 const Clock& clock) {
  std::unique_ptr<Platform> p(new Platform());
  p->options_ = options;
  p->clock_ = &clock;
  auto opened = store::Store::open(options.db_url, options.store);
  if (!opened) return std::move(opened).error();
  p->store_ = std::move(opened).value();
  auto pending = store::pending_migrations(*p->store_, all_migrations());
  if (!pending) return std::move(pending).error();
  if (*pending > 0) {
    return Error::unavailable(std::to_string(*pending) + " migration(s) not applied to " +
                              p->store_->description() + ": run peel migrate");
  }
  auto key = app::chain_key(options.audit_key_file, true);
  if (!key) return std::move(key).error();
  p->chain_key_ = *key;
  p->events_ = std::make_unique<events::EventLog>(*p->store_, clock, p->metrics_);
  p->events_->set_chain_key(*key);
  p->auth_ = std::make_unique<auth::AuthService>(*p->store_, *p->events_, clock, options.auth);
  if (Status s = p->auth_->load(); !s) return std::move(s).error();
  p->router_ = std::make_unique<http::Router>(*p->auth_, p->metrics_);
  // Topics of the live stream; each module adds its own as it is built.
  p->stream_ = std::make_unique<http::StreamHub>(
      *p->events_,
      std::vector<http::Topic>{
          // Who the people are, whom an access was about and from where are read with
          // GET /users and GET /access-log, which log the read and need its purpose; the
          // live frames say that something changed.
          {"users", "user/", auth::permission::kUsersRead, {"display_name", "origin"}},
          {"access_log",
           "access",
           auth::permission::kAccessLogRead,
           {"subject_id", "detail", "origin"}},
          // Callers' details and what they said are read with
          // GET /incidents/{id}, which records the access.
          {"incidents", "incident/", auth::permission::kCadRead, {"caller", "thrive", "narrative"}},
          {"resources", "resource/", auth::permission::kCadRead, {}},
          {"alerts", "alert/", auth::permission::kCadRead, {}}});
  auto* stream = p->stream_.get();
  p->auth_->on_sessions_ended(
      [stream](const std::vector<std::string>& ids) { stream->end_sessions(ids); });
  stream->set_session_check(
      [accounts = p->auth_.get()](const std::string& session_id, bool activity) {
        return accounts->check_session(session_id, activity);
      });
  if (Status s = p->events_->start(); !s) return std::move(s).error();

  auth::add_session_routes(*p->router_, *p->auth_);
  auth::add_user_routes(*p->router_, *p->auth_);
  auth::add_access_log_routes(*p->router_, *p->auth_);
  // A server without a map still runs (users, records); geo requests say why there is none.
  if (auto loaded = geo::GeoService::load(*p->store_); loaded) {
    p->geo_.service = std::move(*loaded);
    log::debug("geo.map_loaded", {{"map", p->geo_.service->record().id},
                                  {"source", p->geo_.service->record().source}});
    const auto& built_with =
        p->geo_.service->map().factors.at(static_cast<size_t>(geo::Profile::kEmergency));
    if (built_with.by_class != options.emergency_speed.by_class) {
      log::warn("geo.emergency_factors_differ",
                {{"reason",
                  "the map was built with other geo.emergency_factor_* settings; "
                  "re-import it (peel geo import) to apply the configured ones"}});
    }
  } else {
    p->geo_.missing = loaded.error();
    if (loaded.error().code != ErrorCode::kNotFound)
      log::error("geo.map_not_loaded", {{"reason", loaded.error().message}});
  }
  geo::add_geo_routes(*p->router_, p->geo_);
  p->cad_ = std::make_unique<cad::CadService>(*p->events_, clock, p->geo_, options.cad);
  if (Status s = p->cad_->rebuild(); !s) return std::move(s).error();
  p->breadcrumbs_ = std::make_unique<cad::Breadcrumbs>(*p->store_, clock, options.breadcrumbs);
  auto last_fixes = p->breadcrumbs_->last_fixes();
  if (!last_fixes) return std::move(last_fixes).error();
  p->cad_->restore_fixes(*last_fixes);
  // Maps are redrawn a few times a second: the latest fix of each unit that moved, that often.
  p->position_feed_ =
      std::make_unique<cad::PositionFeed>(*p->stream_, std::chrono::milliseconds(250));
  p->duty_ = std::make_unique<duty::Duty>(*p->store_, *p->events_, clock);
  cad::add_cad_routes(*p->router_, *p->stream_,
                      {*p->cad_, *p->breadcrumbs_, *p->position_feed_, crew_register(*p->duty_)});
  iop::add_iop_routes(*p->router_, *p->cad_, clock);
  p->pole_ = std::make_unique<pole::Pole>(*p->store_, *p->events_, clock);
  pole::add_pole_routes(*p->router_, {*p->pole_, *p->auth_, clock, p->geo_, *p->cad_});
  p->cad_->add_warning_source(record_warnings(p->pole_->markers));
  duty::add_duty_routes(*p->router_, {*p->duty_, clock, *p->auth_});
  p->crew_feed_ = std::make_unique<CrewFeed>(*p->duty_, *p->cad_, clock.now());
  p->robotics_ =
      std::make_unique<robotics::Robotics>(*p->store_, *p->events_, clock, options.robotics_policy);
  if (Status s = p->robotics_->processes.install_shipped(auth::Actor::system()); !s)
    return std::move(s).error();
  robotics::add_robotics_routes(*p->router_, {*p->robotics_, *p->auth_, clock});
  if (options.robotics.max_workers > 0) {
    const geo::LoadedMap& map = p->geo_;
    p->robotics_workers_ = std::make_unique<robotics::WorkerPool>(
        *p->robotics_,
        robotics::StepServices{.pole = *p->pole_,
                               .outbox = p->robotics_->outbox,
                               .clock = clock,
                               .place =
                                   [&map](const std::string& address) {
                                     return map.service ? map.service->place_of(address)
                                                        : std::nullopt;
                                   },
                               .policy = p->robotics_->policy},
        options.robotics);
    p->robotics_triggers_ = std::make_unique<robotics::Triggers>(
        *p->robotics_, *p->events_, *p->store_, clock, installer_rights(*p->auth_));
    // Work queued by this server is started at once, not at the workers' next look.
    auto* workers = p->robotics_workers_.get();
    p->events_->subscribe([workers](const events::Event& e) {
      if (e.type == "WorkItemCreated" || e.type == "WorkItem_resumed" ||
          e.type == "WorkItem_decided")
        workers->wake();
    });
  }
  p->techbar_ = std::make_unique<techbar::Techbar>(*p->store_, *p->events_, clock, p->duty_->staff);
  if (Status s = p->techbar_->locations.install_shipped(auth::Actor::system()); !s)
    return std::move(s).error();
  techbar::add_techbar_routes(*p->router_, {*p->techbar_, *p->auth_, clock, p->duty_->staff});
  const Platform* platform = p.get();
  add_ops_routes(*p->router_, {*p->store_, p->metrics_, all_migrations(), *p->stream_,
                               p->chain_key_, [platform] { return platform->active(); }});

  const auto& pool = *p->store_;
  p->metrics_.gauge("peel_db_pool_connections", "Store connections open", {{"state", "open"}},
                    [&pool] { return pool.pool_stats().open; });
  p->metrics_.gauge("peel_db_pool_connections", "Store connections open", {{"state", "in_use"}},
                    [&pool] { return pool.pool_stats().in_use; });
  p->metrics_.gauge("peel_db_pool_max", "Store connection limit", {},
                    [&pool] { return pool.pool_stats().max; });
  p->metrics_.gauge("peel_db_pool_waits_total", "Acquisitions that waited for a connection", {},
                    [&pool] { return static_cast<double>(pool.pool_stats().waits); });
  p->metrics_.gauge("peel_db_pool_timeouts_total", "Acquisitions that gave up", {},
                    [&pool] { return static_cast<double>(pool.pool_stats().timeouts); });
  auto* auth = p->auth_.get();
  p->metrics_.gauge("peel_sessions_live", "Signed-in sessions", {},
                    [auth] { return static_cast<double>(auth->live_sessions()); });
  return p;
}

Platform::~Platform() { stop(); }

Status Platform::serve() {
  if (!options_.web_root.empty()) {
    auto web = http::StaticFiles::load(options_.web_root);
    if (!web) return std::move(web).error();
    web_ = std::move(web).value();
  }
  server_ = std::make_unique<http::Server>(*router_, metrics_, options_.http,
                                           web_ ? &*web_ : nullptr, stream_.get());
  leadership_ = std::make_unique<Leadership>(
      *store_, *events_, "",
      LeadershipHooks{[this] { start_active_work(); }, [this] { stop_active_work(); }});
  // Until this server is active, writes other than signing in and out are refused.
  const Leadership* leadership = leadership_.get();
  router_->set_standby_gate([leadership] { return leadership->refusal(); });
  stream_->set_standby_gate([leadership] { return leadership->refusal(); });
  if (Status s = server_->start(); !s) return s;
  // Units' tracks are written once a second by whichever server took the fixes, active or not:
  // one that has just stood down (a database failover) still has fixes queued.
  // Sessions past their limits end here too, each second, so their sockets close at once.
  track_timer_ = run_every(std::chrono::seconds(1), [this] {
    flush_breadcrumbs();
    if (Status s = auth_->end_expired(); !s)
      log::warn("auth.expiry_failed", {{"reason", s.error().message}});
  });
  leadership_->set_holder(server_description(options_.http, server_->port()));
  if (Status s = leadership_->start(options_.leadership_period,
                                    store_->dialect() == store::Dialect::kSqlite);
      !s) {
    server_.reset();
    return s;
  }
  return {};
}

void Platform::start_active_work() {
  std::lock_guard lock(active_work_mutex_);
  // Tours that began while no server was active crew their units now, not at their next start.
  if (auto crewed = crew_feed_->crew_tours_in_progress(clock_->now()); !crewed)
    log::warn("duty.crew_feed_failed", {{"reason", crewed.error().message}});
  // Command & Control's timers, once a second while active.
  alert_timer_ = run_every(std::chrono::seconds(1), [this] {
    (void)cad_->check_alerts();
    crew_feed_->catch_up(clock_->now());
  });
  if (robotics_workers_) robotics_workers_->start();
  if (robotics_triggers_) {
    robotics_timer_ = run_every(std::chrono::seconds(1), [this] {
      if (Status s = robotics_triggers_->tick(); !s)
        log::warn("robotics.triggers_failed", {{"reason", s.error().message}});
    });
  }
}

void Platform::stop_active_work() {
  std::lock_guard lock(active_work_mutex_);
  if (alert_timer_.joinable()) {
    alert_timer_.request_stop();
    alert_timer_.join();
  }
  if (robotics_timer_.joinable()) {
    robotics_timer_.request_stop();
    robotics_timer_.join();
  }
  if (robotics_workers_) robotics_workers_->stop();
}

void Platform::stop() {
  // Destroying the server closes every connection still open, not just the listening socket.
  server_.reset();
  if (track_timer_.joinable()) {
    track_timer_.request_stop();
    track_timer_.join();
  }
  // Gives up the lock (a standby takes over) after stopping the active work.
  leadership_.reset();
  stop_active_work();
  if (breadcrumbs_) flush_breadcrumbs();
  if (auth_) {
    if (auto flushed = auth_->flush_activity(); !flushed) {
      log::warn("auth.flush_failed", {{"reason", flushed.error().message}});
    }
  }
  if (events_) events_->stop();
}

void Platform::flush_breadcrumbs() {
  // Kept queued and tried again next time: a store that is down loses no track.
  if (Status s = breadcrumbs_->flush(); !s)
    log::warn("cad.breadcrumbs_not_written", {{"reason", s.error().message}});
}

}  // namespace peel::app
