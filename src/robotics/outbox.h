// Messages the automated processes send (an acknowledgement with a crime number, ...), kept in
// an outbox until the force's mail gateway takes them. One message per item and step at most:
// a step that runs again after its worker died finds the message it queued the first time, so
// nobody is told twice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "store/store.h"

namespace peel::robotics {

struct Message {
  std::string id, item_id, step_id, to, subject, body;
  Timestamp queued_at;
  std::optional<Timestamp> sent_at;
};

class Outbox {
 public:
  Outbox(store::Store& store, events::EventLog& log, const Clock& clock);

  // The message queued for (item_id, step_id): made now, or the one made before.
  Result<Message> queue(const std::string& item_id, const std::string& step_id,
                        const std::string& to, const std::string& subject, const std::string& body);
  // Oldest first; only those not yet sent when `unsent_only`.
  Result<std::vector<Message>> list(bool unsent_only, size_t limit) const;
  // The gateway took it; 409 when it was marked sent already.
  Result<Message> mark_sent(const std::string& id, const std::string& by);
  Result<Message> get(const std::string& id) const;

 private:
  Result<std::optional<Message>> queued_for(const std::string& item_id,
                                            const std::string& step_id) const;

  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::robotics
