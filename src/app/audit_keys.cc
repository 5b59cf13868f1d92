#include "app/audit_keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"

namespace peel::app {

namespace fs = std::filesystem;

namespace {

// Written whole to a file of its own and linked into place, so two processes starting at once
// never read a half-written key: the second finds the first's.
Status create_once(const std::string& path, const std::string& content) {
  const fs::path file(path);
  std::error_code ec;
  if (file.has_parent_path() && !fs::exists(file.parent_path(), ec)) {
    fs::create_directories(file.parent_path(), ec);
    if (ec) return Error::unavailable("cannot make the folder of " + path + ": " + ec.message());
    fs::permissions(file.parent_path(), fs::perms::owner_all, ec);
  }
  const std::string temporary = path + ".new." + std::to_string(getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return Error::unavailable("cannot write " + temporary);
  const bool written =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
      ::fsync(fd) == 0;
  ::close(fd);
  const bool linked = written && ::link(temporary.c_str(), path.c_str()) == 0;
  const int link_error = errno;
  ::unlink(temporary.c_str());
  if (!linked && link_error != EEXIST) return Error::unavailable("cannot write " + path);
  return {};
}

Result<std::string> read_key(const std::string& path, bool create, const std::string& fresh) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (!create)
      return Error::not_found("no audit key at " + path + " (audit.key_file): run peel init");
    if (Status s = create_once(path, fresh); !s) return s.error();
    if (::stat(path.c_str(), &info) != 0) return Error::unavailable("cannot read " + path);
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    return Error::conflict("the audit key " + path +
                           " may be read by others than its owner: chmod 600 it");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  if (!in && !in.eof()) return Error::unavailable("cannot read " + path);
  return all.str();
}

}  // namespace

Result<std::string> chain_key(const std::string& path, bool create) {
  auto text = read_key(path, create, to_hex(random_bytes(32)) + "\n");
  if (!text) return text;
  std::string hex = *text;
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  if (hex.size() < 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
    return Error::conflict(path + " is not an audit key (64 or more hex digits)");
  return hex;
}

Result<std::string> signing_key(const std::string& path, bool create) {
  auto pem = read_key(path, create, create ? ed25519_new_private_pem() : "");
  if (!pem) return pem;
  if (ed25519_public_pem(*pem).empty())
    return Error::conflict(path + " is not an Ed25519 private key (PEM)");
  return pem;
}

}  // namespace peel::app
