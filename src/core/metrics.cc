#include "core/metrics.h"

#include <fmt/format.h>

#include <variant>

namespace peel {

void Histogram::observe(double seconds) {
  size_t i = 0;
  while (i < kBounds.size() && seconds > kBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<unsigned long long>(seconds * 1e6), std::memory_order_relaxed);
}

unsigned long long Histogram::cumulative(size_t i) const {
  unsigned long long total = 0;
  for (size_t b = 0; b <= i && b < buckets_.size(); ++b) {
    total += buckets_[b].load(std::memory_order_relaxed);
  }
  return total;
}

double Histogram::sum() const { return sum_micros_.load(std::memory_order_relaxed) / 1e6; }

struct MetricsRegistry::Family {
  std::string name, help, type;
  struct Series {
    Labels labels;
    std::variant<std::unique_ptr<Counter>, std::unique_ptr<Histogram>, std::function<double()>>
        value;
  };
  std::vector<Series> series;

  Series* find(const Labels& labels) {
    for (auto& s : series) {
      if (s.labels == labels) return &s;
    }
    return nullptr;
  }
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

MetricsRegistry::Family& MetricsRegistry::family(const std::string& name, const std::string& help,
                                                 const char* type) {
  for (auto& f : families_) {
    if (f->name == name) return *f;
  }
  families_.push_back(std::make_unique<Family>(Family{name, help, type, {}}));
  return *families_.back();
}

Counter& MetricsRegistry::counter(const std::string& name, const std::string& help,
                                  const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& f = family(name, help, "counter");
  if (auto* s = f.find(labels)) return *std::get<0>(s->value);
  f.series.push_back({labels, std::make_unique<Counter>()});
  return *std::get<0>(f.series.back().value);
}

Histogram& MetricsRegistry::histogram(const std::string& name, const std::string& help,
                                      const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& f = family(name, help, "histogram");
  if (auto* s = f.find(labels)) return *std::get<1>(s->value);
  f.series.push_back({labels, std::make_unique<Histogram>()});
  return *std::get<1>(f.series.back().value);
}

void MetricsRegistry::gauge(const std::string& name, const std::string& help, const Labels& labels,
                            std::function<double()> read) {
  std::lock_guard lock(mutex_);
  auto& f = family(name, help, "gauge");
  if (auto* s = f.find(labels)) {
    s->value = std::move(read);
    return;
  }
  f.series.push_back({labels, std::move(read)});
}

namespace {

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string label_text(const Labels& labels, const std::string& extra = {}) {
  if (labels.empty() && extra.empty()) return {};
  std::string out = "{";
  for (const auto& [k, v] : labels) {
    if (out.size() > 1) out += ',';
    out += k + "=\"" + escape_label(v) + "\"";
  }
  if (!extra.empty()) {
    if (out.size() > 1) out += ',';
    out += extra;
  }
  return out + "}";
}

}  // namespace

std::string MetricsRegistry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& f : families_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", f->name, f->help, f->name, f->type);
    for (const auto& s : f->series) {
      if (const auto* c = std::get_if<0>(&s.value)) {
        out += fmt::format("{}{} {}\n", f->name, label_text(s.labels), (*c)->value());
      } else if (const auto* h = std::get_if<1>(&s.value)) {
        const auto& hist = **h;
        for (size_t i = 0; i < Histogram::kBounds.size(); ++i) {
          out += fmt::format("{}_bucket{} {}\n", f->name,
                             label_text(s.labels, fmt::format("le=\"{}\"", Histogram::kBounds[i])),
                             hist.cumulative(i));
        }
        out += fmt::format("{}_bucket{} {}\n", f->name, label_text(s.labels, "le=\"+Inf\""),
                           hist.count());
        out += fmt::format("{}_sum{} {}\n", f->name, label_text(s.labels), hist.sum());
        out += fmt::format("{}_count{} {}\n", f->name, label_text(s.labels), hist.count());
      } else {
        out += fmt::format("{}{} {}\n", f->name, label_text(s.labels), std::get<2>(s.value)());
      }
    }
  }
  return out;
}

}  // namespace peel
