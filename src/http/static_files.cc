#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace peel::http {

namespace {

std::string content_type_for(const std::string& extension) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"},
  };
  const auto it = types.find(extension);
  return it == types.end() ? "application/octet-stream" : it->second;
}

// The client is same-origin only: no inline script, no outside hosts.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: "
    "blob:;"
    " connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'";

}  // namespace

Result<StaticFiles> StaticFiles::load(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Error::invalid("web_root",
                          root + " is not a directory (build the web client with make)");
  }
  StaticFiles files;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    const std::string url = "/" + fs::relative(entry.path(), root).generic_string();
    files.files_[url] = {content_type_for(entry.path().extension().string()), body.str()};
  }
  if (ec) return Error::unavailable("cannot read " + root + ": " + ec.message());
  return files;
}

std::optional<Response> StaticFiles::serve(const std::string& path) const {
  auto it = files_.find(path == "/" ? "/index.html" : path);
  const bool fallback = it == files_.end();
  if (fallback) {
    // Only extension-less paths are client routes; a missing .js is a real 404.
    const auto last = path.substr(path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) return std::nullopt;
    it = files_.find("/index.html");
    if (it == files_.end()) return std::nullopt;
  }
  Response r{200, it->second.content_type, it->second.body, {}};
  const bool hashed_asset = it->first.rfind("/assets/", 0) == 0;
  r.headers.emplace_back("Cache-Control",
                         hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace peel::http
