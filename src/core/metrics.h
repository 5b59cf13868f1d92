// Prometheus metrics. Series are created once (at wiring time, under a lock) and then updated
// lock-free with relaxed atomics, so recording a request costs a few nanoseconds.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace peel {

class Counter {
 public:
  void add(unsigned long long n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  unsigned long long value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<unsigned long long> value_{0};
};

// Fixed buckets in seconds, chosen for request and append latencies (100 µs .. 10 s).
class Histogram {
 public:
  static constexpr std::array<double, 14> kBounds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 10.0};
  void observe(double seconds);
  // Cumulative count of observations <= kBounds[i]; index kBounds.size() is +Inf.
  unsigned long long cumulative(size_t i) const;
  unsigned long long count() const { return count_.load(std::memory_order_relaxed); }
  double sum() const;

 private:
  std::array<std::atomic<unsigned long long>, kBounds.size() + 1> buckets_{};
  std::atomic<unsigned long long> count_{0};
  std::atomic<unsigned long long> sum_micros_{0};
};

using Labels = std::vector<std::pair<std::string, std::string>>;

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // Returns the series for (name, labels), creating it on first use. The reference stays valid
  // for the registry's life. `help` is taken from the first call for a name.
  Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& histogram(const std::string& name, const std::string& help, const Labels& labels = {});
  // A value read when scraped (pool sizes, queue depths).
  void gauge(const std::string& name, const std::string& help, const Labels& labels,
             std::function<double()> read);

  // The Prometheus text exposition format, version 0.0.4.
  std::string render() const;

 private:
  struct Family;
  Family& family(const std::string& name, const std::string& help, const char* type);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Family>> families_;
};

}  // namespace peel
