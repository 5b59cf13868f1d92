#include "http/shielded_spawn.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <thread>

namespace peel::http {
namespace {

namespace asio = boost::asio;
using asio::awaitable;

// The shape of the server's WebSocket: a reader waiting on work in the pool is cancelled because
// the writer ended first. Unshielded, asio throws the cancellation from the pool's thread and the
// process aborts; shielded, the work finishes and the group ends normally.
TEST(SpawnShielded, WorkInThePoolOutlivesTheCancellationOfItsCaller) {
  asio::io_context io;
  asio::thread_pool pool(2);
  std::atomic<int> finished_work{0};
  std::atomic<int> finished_groups{0};
  constexpr int kRounds = 20;
  auto waits_for_work = [&]() -> awaitable<void> {
    auto [failure] = co_await spawn_shielded(pool, [&]() -> awaitable<void> {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      ++finished_work;
      co_return;
    });
    EXPECT_FALSE(failure);
  };
  auto ends_first = [&]() -> awaitable<void> {
    asio::steady_timer timer(io, std::chrono::milliseconds(1));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  };
  for (int round = 0; round < kRounds; ++round) {
    asio::co_spawn(
        io,
        [&]() -> awaitable<void> {
          using namespace asio::experimental::awaitable_operators;
          co_await (waits_for_work() || ends_first());
          ++finished_groups;
        },
        asio::detached);
  }
  io.run();
  pool.join();
  EXPECT_EQ(finished_work.load(), kRounds);
  EXPECT_EQ(finished_groups.load(), kRounds);
}

TEST(SpawnShielded, AResultAndAnExceptionComeBackAsValues) {
  asio::io_context io;
  asio::thread_pool pool(1);
  int result = 0;
  bool threw = false;
  asio::co_spawn(
      io,
      [&]() -> awaitable<void> {
        auto [failure, value] =
            co_await spawn_shielded(pool, []() -> awaitable<int> { co_return 42; });
        if (!failure) result = value;
        auto [thrown] = co_await spawn_shielded(pool, []() -> awaitable<void> {
          throw std::runtime_error("store gone");
          co_return;
        });
        threw = thrown != nullptr;
      },
      asio::detached);
  io.run();
  pool.join();
  EXPECT_EQ(result, 42);
  EXPECT_TRUE(threw);
}

}  // namespace
}  // namespace peel::http
