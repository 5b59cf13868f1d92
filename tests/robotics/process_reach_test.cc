// What a process may reach, tried as the assessment tried it: an automation administrator (no
// cad.read, no pole.read) may not install a process started by incidents or reading Records; a
// call goes only to an allowed host over https with the certificate checked; a folder trigger
// stays below the folder root; installing names what the process reads and where it sends; a
// retired version takes no new items and its items are still worked.
#include "robotics/process_reach.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "core/id.h"
#include "robotics/http_call.h"
#include "robotics/robotics.h"
#include "robotics_store.h"

namespace peel::robotics {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// The permissions of an automation administrator (auth's roles table).
bool automation_administrator(std::string_view permission) {
  static const std::set<std::string, std::less<>> held{
      "geo.read",      "duty.own",        "techbar.use",    "robotics.submit",
      "robotics.read", "robotics.review", "robotics.manage"};
  return held.contains(permission);
}

std::string process_with(const std::string& trigger, const std::string& steps) {
  return R"({"id": "copy-out", "name": "Copy out", "version": 1, "trigger": )" + trigger +
         R"(, "queue": "q", "fields": [{"name": "caller", "type": "text"}], "steps": )" + steps +
         "}";
}

std::string calling(const std::string& url) {
  return R"([{"id": "send", "kind": "http_call", "with": {"url": ")" + url +
         R"(", "body": "${input.caller}"}}])";
}

const std::string kTransform =
    R"([{"id": "t", "kind": "transform", "with": {"value": "${input.caller}", "into": "trim"}}])";

Result<ProcessReach> reach_of(const std::string& text, const RoboticsPolicy& policy,
                              bool (*may)(std::string_view) = automation_administrator) {
  auto definition = parse_process_definition(text);
  EXPECT_TRUE(definition) << definition.error().message;
  return check_reach(*definition, policy, may);
}

TEST(ProcessReach, AnEventTriggerNeedsThePermissionToReadTheEvent) {
  const RoboticsPolicy policy;
  auto incidents = reach_of(
      process_with(R"({"kind": "event", "source": "IncidentOpened"})", kTransform), policy);
  ASSERT_FALSE(incidents);
  EXPECT_EQ(incidents.error().code, ErrorCode::kForbidden);
  EXPECT_NE(incidents.error().message.find("cad.read"), std::string::npos);
  auto people = reach_of(
      process_with(R"({"kind": "event", "source": "PersonRecorded"})", kTransform), policy);
  ASSERT_FALSE(people);
  EXPECT_NE(people.error().message.find("pole.read"), std::string::npos);
  auto sign_ins =
      reach_of(process_with(R"({"kind": "event", "source": "SessionStarted"})", kTransform), policy,
               [](std::string_view) { return true; });
  ASSERT_FALSE(sign_ins) << "an event not listed starts nothing, whoever installs it";
  EXPECT_EQ(sign_ins.error().fields.front().field, "trigger.source");
  auto allowed =
      reach_of(process_with(R"({"kind": "event", "source": "IncidentOpened"})", kTransform), policy,
               [](std::string_view p) { return p == "cad.read"; });
  ASSERT_TRUE(allowed) << allowed.error().message;
  EXPECT_EQ(allowed->reads, std::vector<std::string>{"IncidentOpened (cad.read)"});
}

TEST(ProcessReach, StepsOnRecordsNeedTheInstallersOwnPermissions) {
  auto matching = reach_of(process_with(R"({"kind": "form"})",
                                        R"([{"id": "m", "kind": "match_person",
                                             "with": {"surname": "${input.caller}"}}])"),
                           {});
  ASSERT_FALSE(matching);
  EXPECT_EQ(matching.error().code, ErrorCode::kForbidden);
  EXPECT_NE(matching.error().message.find("pole.read"), std::string::npos);
}

TEST(ProcessReach, CallsGoOnlyToAllowedHostsOverHttps) {
  const std::string form = R"({"kind": "form"})";
  auto none = reach_of(process_with(form, calling("https://collector.example/in")), {});
  ASSERT_FALSE(none) << "no host is allowed by default";
  EXPECT_EQ(none.error().fields.front().field, "steps[0].with.url");
  EXPECT_NE(none.error().fields.front().reason.find("robotics.allowed_hosts"), std::string::npos);

  RoboticsPolicy policy;
  policy.allowed_hosts = {"partner.example", "gateway.example:8443"};
  EXPECT_TRUE(
      reach_of(process_with(form, calling("https://partner.example/in/${input.caller}")), policy));
  EXPECT_TRUE(reach_of(process_with(form, calling("https://gateway.example:8443/in")), policy));
  EXPECT_FALSE(reach_of(process_with(form, calling("https://gateway.example/in")), policy))
      << "the port listed is the one allowed";
  EXPECT_FALSE(reach_of(process_with(form, calling("http://partner.example/in")), policy))
      << "plain http is refused";
  auto templated = reach_of(process_with(form, calling("https://${input.caller}/in")), policy);
  ASSERT_FALSE(templated) << "the host cannot come from the data";
  EXPECT_NE(templated.error().fields.front().reason.find("only in the path"), std::string::npos);
  auto reach = reach_of(process_with(form, calling("https://partner.example/x")), policy);
  ASSERT_TRUE(reach);
  EXPECT_EQ(reach->sends, std::vector<std::string>{"https://partner.example"});
  EXPECT_FALSE(allowed_address("https://partner.example@evil.example/", policy))
      << "user information before the host does not fool the check";
}

TEST(ProcessReach, AFolderTriggerStaysBelowTheRootAndOffLinks) {
  const fs::path root = fs::temp_directory_path() / ("peel-reach-" + std::to_string(getpid()));
  fs::create_directories(root / "in");
  fs::create_directory_symlink("/root", root / "in" / "keys");
  RoboticsPolicy policy;
  policy.folder_root = root.string();
  const auto folder = [&](const std::string& source) {
    return reach_of(
        process_with(R"({"kind": "folder", "format": "csv", "source": ")" + source + R"("})",
                     kTransform),
        policy);
  };
  EXPECT_TRUE(folder("in/legacy"));
  for (const std::string bad :
       {"/root/.ssh", "../etc", "in/../../etc", ".", "in/keys", "in/keys/inner"}) {
    auto refused = folder(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().fields.front().field, "trigger.source") << bad;
  }
  fs::remove_all(root);
}

class RetiringTest : public RoboticsStore {
 protected:
  void SetUp() override {
    RoboticsStore::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    robotics_ = std::make_unique<Robotics>(db_->store(), *log_, clock_);
    ASSERT_TRUE(robotics_->processes.install(process_with(R"({"kind": "form"})", kTransform),
                                             auth::Actor::system()));
  }
  Result<WorkItem> submit(const std::string& reference) {
    return robotics_->queue.enqueue({.queue = "q",
                                     .process_id = "copy-out",
                                     .process_version = 1,
                                     .reference = reference,
                                     .priority = 0,
                                     .deadline = clock_.now() + std::chrono::hours(1),
                                     .input = R"({"caller": "x"})",
                                     .refused_reason = ""},
                                    auth::Actor::system());
  }
  std::unique_ptr<Robotics> robotics_;
};

TEST_P(RetiringTest, ARetiredVersionTakesNoNewItemsAndItsItemsAreStillWorked) {
  auto before = submit("a");
  ASSERT_TRUE(before) << before.error().message;
  const auth::Actor admin{"u-9", "automation", {"127.0.0.1"}};
  EXPECT_EQ(robotics_->processes.retire("copy-out", 1, "", admin).error().code,
            ErrorCode::kInvalid);
  auto retired = robotics_->processes.retire("copy-out", 1, "sends to a retired system", admin);
  ASSERT_TRUE(retired) << retired.error().message;
  EXPECT_TRUE(retired->retired_at);
  EXPECT_EQ(robotics_->processes.retire("copy-out", 1, "again", admin).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(robotics_->processes.retire("copy-out", 7, "none", admin).error().code,
            ErrorCode::kNotFound);
  auto after = submit("b");
  ASSERT_FALSE(after);
  EXPECT_NE(after.error().message.find("retired"), std::string::npos);
  auto claimed = robotics_->queue.claim("drainer", std::chrono::seconds(60));
  ASSERT_TRUE(claimed) << claimed.error().message;
  ASSERT_TRUE(*claimed) << "the item made before is still worked";
  EXPECT_EQ((*claimed)->id, before->id);
  auto history = log_->read(0, 1000);
  ASSERT_TRUE(history);
  const bool audited = std::any_of(history->begin(), history->end(), [](const events::Event& e) {
    return e.type == "ProcessRetired" && e.actor == "u-9" &&
           e.reason == "sends to a retired system";
  });
  EXPECT_TRUE(audited);
}

TEST_P(RetiringTest, InstallingIsAnAuditedEventNamingWhatItReadsAndWhereItSends) {
  auto history = log_->read(0, 1000);
  ASSERT_TRUE(history);
  const auto installed = std::find_if(history->begin(), history->end(),
                                      [](const auto& e) { return e.type == "ProcessInstalled"; });
  ASSERT_NE(installed, history->end());
  const json::object payload = json::parse(installed->payload).as_object();
  EXPECT_EQ(json::serialize(payload.at("reads")), R"(["form submissions"])");
  EXPECT_EQ(json::serialize(payload.at("sends")), "[]");
}

INSTANTIATE_TEST_SUITE_P(Backends, RetiringTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

// openssl's own test server, on loopback, with a certificate made for the test.
class TlsServer {
 public:
  explicit TlsServer(const fs::path& dir) {
    const std::string key = (dir / "key.pem").string(), cert = (dir / "cert.pem").string();
    const std::string make =
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout " + key + " -out " + cert +
        " -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
        " >/dev/null 2>&1";
    made_ = std::system(make.c_str()) == 0;  // NOLINT(cert-env33-c): a fixed command line
    cert_ = cert;
    {
      boost::asio::io_context io;
      boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
      port_ = probe.local_endpoint().port();
    }
    pid_ = fork();
    if (pid_ == 0) {
      const std::string accept = std::to_string(port_);  // every address: 127.0.0.2 too
      execlp("openssl", "openssl", "s_server", "-quiet", "-www", "-accept", accept.c_str(), "-cert",
             cert.c_str(), "-key", key.c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 100; ++i) {  // until it listens
      boost::asio::io_context io;
      boost::asio::ip::tcp::socket socket(io);
      boost::system::error_code ec;
      socket.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
      if (!ec) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~TlsServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  TlsServer(const TlsServer&) = delete;
  TlsServer& operator=(const TlsServer&) = delete;
  bool made() const { return made_; }
  unsigned short port() const { return port_; }
  const std::string& certificate() const { return cert_; }

 private:
  bool made_ = false;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
  std::string cert_;
};

TEST(HttpsCall, TheCertificateIsCheckedAgainstTheTrustedAuthoritiesAndTheName) {
  const fs::path dir = fs::temp_directory_path() / ("peel-tls-" + std::to_string(getpid()));
  fs::create_directories(dir);
  {
    TlsServer server(dir);
    ASSERT_TRUE(server.made()) << "openssl could not make a certificate";
    const std::string port = std::to_string(server.port());
    const auto timeout = std::chrono::milliseconds(5000);
    auto untrusted = call_https("GET", "https://127.0.0.1:" + port + "/", "", timeout, "");
    ASSERT_FALSE(untrusted) << "a certificate no authority signed is refused";
    EXPECT_NE(untrusted.error().message.find("checking its certificate"), std::string::npos)
        << untrusted.error().message;
    auto trusted =
        call_https("GET", "https://localhost:" + port + "/", "", timeout, server.certificate());
    ASSERT_TRUE(trusted) << trusted.error().message;
    EXPECT_EQ(trusted->status, 200);
    // The same certificate, trusted, under a name it was not made for.
    auto misnamed =
        call_https("GET", "https://127.0.0.2:" + port + "/", "", timeout, server.certificate());
    ASSERT_FALSE(misnamed) << "the name is checked, not only the signature";
    EXPECT_NE(misnamed.error().message.find("checking its certificate"), std::string::npos)
        << misnamed.error().message;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peel::robotics
