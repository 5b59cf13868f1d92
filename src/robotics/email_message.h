// An email message as a file (.eml, RFC 5322 with MIME): the headers a process reads and the
// text of the message. Folded headers are unfolded; a multipart message gives its first
// text/plain part; quoted-printable and base64 bodies are decoded, and so are the encoded words
// of the subject and the sender's name (=?utf-8?B?...?=) in UTF-8 and Latin-1. Not a full MIME
// reader: attachments are left out, and a body in a character set other than UTF-8 is read as
// UTF-8 (bytes that are not become U+FFFD).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace peel::robotics {

struct EmailMessage {
  std::string from;       // the address alone: "jo@example.org"
  std::string from_name;  // the name before it, when given
  std::string to, subject;
  std::string date;  // RFC 3339 UTC when the Date header could be read, otherwise as written
  std::string body;
};

// Error::invalid naming `name` when the text is not an email message (no headers, no From).
Result<EmailMessage> read_email(std::string_view text, const std::string& name);

}  // namespace peel::robotics
