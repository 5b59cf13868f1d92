// Operations endpoints: /healthz, /readyz, /metrics, the OpenAPI document, the audit check and
// the live stream's entry point.
#pragma once

#include <functional>
#include <vector>

#include "core/metrics.h"
#include "http/http.h"
#include "http/stream_hub.h"
#include "store/migrations.h"
#include "store/store.h"

namespace peel::app {

struct OpsDependencies {
  store::Store& store;
  MetricsRegistry& metrics;
  std::vector<store::Migration> migrations;
  http::StreamHub& stream;
  std::string chain_key;         // to verify the event log's chain
  std::function<bool()> active;  // does this server hold the active-server lock
};

void add_ops_routes(http::Router& router, OpsDependencies deps);

// The OpenAPI 3 document, built from the routes themselves so it cannot drift from them.
boost::json::object openapi_document(const http::Router& router);

}  // namespace peel::app
