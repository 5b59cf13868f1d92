#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include "http/http.h"

namespace peel::http {

std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](const std::string& address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
           trusted_proxies.end();
  };
  if (!trusted(peer) || forwarded_for.empty()) return peer;
  std::string client = peer;
  size_t end = forwarded_for.size();
  while (true) {
    const size_t comma = forwarded_for.rfind(',', end == 0 ? 0 : end - 1);
    const size_t start = comma == std::string::npos ? 0 : comma + 1;
    std::string entry = forwarded_for.substr(start, end - start);
    entry.erase(0, entry.find_first_not_of(" \t"));
    entry.erase(entry.find_last_not_of(" \t") + 1);
    boost::system::error_code ec;
    const auto parsed = boost::asio::ip::make_address(entry, ec);
    if (ec) return client;
    client = parsed.to_string();
    if (!trusted(client) || comma == std::string::npos) return client;
    end = comma;
  }
}

}  // namespace peel::http
