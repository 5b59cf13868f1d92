// A blocking WebSocket client of GET /api/v1/stream for tests, signed in by the "bearer."
// subprotocol as a browser would.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <string>

namespace peel::testing {

class StreamClient {
 public:
  // `origin`: the Origin header a browser would send for the page opening the socket.
  StreamClient(int port, const std::string& token, const std::string& origin = "") : ws_(io_) {
    boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                            static_cast<unsigned short>(port));
    boost::beast::get_lowest_layer(ws_).connect(endpoint);
    ws_.set_option(boost::beast::websocket::stream_base::decorator(
        [token, origin](boost::beast::websocket::request_type& r) {
          r.set(boost::beast::http::field::sec_websocket_protocol, "peel, bearer." + token);
          if (!origin.empty()) r.set(boost::beast::http::field::origin, origin);
        }));
    ws_.handshake(response_, "localhost", "/api/v1/stream");
  }
  void send(const boost::json::value& v) {
    ws_.write(boost::asio::buffer(boost::json::serialize(v)));
  }
  boost::json::value receive() {
    boost::beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(5));
    boost::beast::flat_buffer buffer;
    ws_.read(buffer);
    return boost::json::parse(boost::beast::buffers_to_string(buffer.data()));
  }
  // Frames until one of `type` arrives (returns it).
  boost::json::value receive_type(const std::string& type) {
    for (int i = 0; i < 50; ++i) {
      auto v = receive();
      if (v.at("type") == type.c_str()) return v;
    }
    return {};
  }
  const boost::beast::websocket::response_type& response() const { return response_; }
  // Reads until the server closes (within `within`): the close frame's code and reason, or
  // code 0 when it did not close.
  boost::beast::websocket::close_reason closed_with(std::chrono::milliseconds within) {
    boost::beast::get_lowest_layer(ws_).expires_after(within);
    boost::beast::flat_buffer buffer;
    boost::beast::error_code ec;
    while (!ec) {
      ws_.read(buffer, ec);
      buffer.consume(buffer.size());
    }
    if (ec != boost::beast::websocket::error::closed) return {};
    return ws_.reason();
  }
  // Sends without throwing: false once the connection is gone.
  bool try_send(const boost::json::value& v) {
    boost::beast::error_code ec;
    ws_.write(boost::asio::buffer(boost::json::serialize(v)), ec);
    return !ec;
  }

 private:
  boost::asio::io_context io_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::websocket::response_type response_;
};

}  // namespace peel::testing
