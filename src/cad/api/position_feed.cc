#include "cad/api/position_feed.h"

#include <boost/json.hpp>

#include "cad/api/positions_api.h"
#include "core/periodic.h"

namespace peel::cad {

namespace json = boost::json;

PositionFeed::PositionFeed(http::StreamHub& stream, std::chrono::milliseconds period)
    : stream_(stream), sender_(run_every(period, [this] { send(); })) {}

void PositionFeed::add(const std::vector<PositionReport>& fixes) {
  std::lock_guard lock(mutex_);
  for (const auto& f : fixes) {
    auto [it, fresh] = latest_.try_emplace(f.resource_id, f);
    if (!fresh && f.time >= it->second.time) it->second = f;
  }
}

void PositionFeed::send() {
  std::unordered_map<std::string, PositionReport> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(latest_);
  }
  if (batch.empty()) return;
  stream_.publish_live("positions", [&batch]() -> json::value {
    json::array out;
    out.reserve(batch.size());
    for (const auto& [id, f] : batch) out.push_back(position_json(f.resource_id, f.at, f.time));
    return json::object{{"positions", std::move(out)}};
  });
}

}  // namespace peel::cad
