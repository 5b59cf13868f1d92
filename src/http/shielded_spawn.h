#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <utility>

namespace peel::http {

// Runs the coroutine `work` makes on `where` (an executor or an execution context such as a pool)
// and resumes the caller with (exception, result) when it ends, never throwing. The work is not
// told of the caller's cancellation: asio hands a cancellation to a coroutine spawned on another
// executor by throwing from its own entry point, outside every handler of ours, and the process
// ends (seen when a WebSocket's reader was cancelled while the worker pool served its
// subscription). A cancelled caller instead meets the cancellation at its next co_await, inside its
// own coroutine, where it is handled.
template <typename Where, typename Work>
auto spawn_shielded(Where& where, Work&& work) {
  return boost::asio::co_spawn(
      where, std::forward<Work>(work),
      boost::asio::bind_cancellation_slot(boost::asio::cancellation_slot(),
                                          boost::asio::as_tuple(boost::asio::use_awaitable)));
}

}  // namespace peel::http
