#include "api_fixture.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>

#include "core/id.h"
#include "geo/geo_service.h"
#include "geo/synth.h"

namespace peel::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

boost::json::value HttpReply::json() const {
  std::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value() : v;
}

std::string send_raw(int port, const std::string& bytes) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  boost::system::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
  std::string received;
  char buffer[4096];
  while (true) {
    const size_t n = socket.read_some(asio::buffer(buffer), ec);
    received.append(buffer, n);
    if (ec) break;
  }
  return received;
}

void ApiTest::SetUp() {
  db_ = std::make_unique<TestStore>(GetParam());
  if (!db_->skip_reason.empty()) GTEST_SKIP() << db_->skip_reason;
  ASSERT_TRUE(store::migrate(db_->store(), app::all_migrations(), clock_).ok());
  options_.db_url = db_->url();
  options_.http.port = 0;
  options_.auth.argon2_memory_kib = 64;  // cheap for tests
  options_.auth.argon2_passes = 1;
  // Robotics' watched folders in a directory of the test's own, not the working directory.
  folders_ =
      (std::filesystem::temp_directory_path() / ("peel-robotics-" + new_id(clock_))).string();
  options_.robotics_policy.folder_root = folders_;
  adjust(options_);
  restart();
}

void ApiTest::restart() {
  platform_.reset();
  auto opened = app::Platform::open(options_, clock_);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  platform_ = std::move(opened).value();
  ASSERT_TRUE(platform_->serve().ok());
}

void ApiTest::TearDown() {
  platform_.reset();
  if (!geo_dir_.empty()) std::filesystem::remove_all(geo_dir_);
  if (!folders_.empty()) std::filesystem::remove_all(folders_);
}

void ApiTest::install_town(uint32_t junctions) {
  geo_dir_ = (std::filesystem::temp_directory_path() / ("peel-geo-" + new_id(clock_))).string();
  geo::SynthOptions options;
  options.junctions = junctions;
  auto town = geo::synthesize(options);
  auto record =
      geo::install_map(db_->store(), clock_, geo_dir_, "test town", std::move(town.network),
                       std::move(town.places), geo::SpeedFactors::emergency_defaults());
  ASSERT_TRUE(record.ok()) << record.error().message;
}

HttpReply ApiTest::call(const std::string& method, const std::string& target,
                        const std::string& body, const std::string& token,
                        const std::map<std::string, std::string>& headers) {
  return call_port(port(), method, target, body, token, headers);
}

HttpReply ApiTest::call_port(int port, const std::string& method, const std::string& target,
                             const std::string& body, const std::string& token,
                             const std::map<std::string, std::string>& headers) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
  request.set(bhttp::field::host, "localhost");
  if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
  if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(stream, request);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(stream, buffer, response);
  HttpReply reply;
  reply.status = static_cast<int>(response.result_int());
  reply.body = response.body();
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  return reply;
}

std::string ApiTest::user_token(const std::string& username, const std::string& role) {
  auto user = platform_->auth().add_user(
      {username, "Test " + username, role, "a long passphrase 1", false}, auth::Actor::system());
  EXPECT_TRUE(user.ok());
  auto login = platform_->auth().login(username, "a long passphrase 1", {"127.0.0.1"});
  EXPECT_TRUE(login.ok());
  return login.ok() ? login->token : std::string();
}

}  // namespace peel::testing
