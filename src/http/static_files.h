// The built web client, loaded into memory at start (it is small) and served with the right
// content types. Paths without a file fall back to index.html so the client's own routes work
// on reload.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "core/result.h"
#include "http/http.h"

namespace peel::http {

class StaticFiles {
 public:
  // Loads every file under `root`. An absent directory is an error naming it.
  static Result<StaticFiles> load(const std::string& root);

  // A response for GET `path`, or nothing when neither the file nor a fallback exists.
  std::optional<Response> serve(const std::string& path) const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::unordered_map<std::string, File> files_;  // by URL path: "/assets/app-1a2b.js"
};

}  // namespace peel::http
