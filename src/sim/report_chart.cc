// The report as a chart: one curve a grade of the share of its decided calls attended within
// x minutes (a step each call), solid for the simulation and dashed for what really happened,
// with the targets as dashed verticals and each grade's figures in the legend.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "chart/canvas.h"
#include "sim/sim.h"

namespace peel::sim {

namespace {

using chart::Canvas;
using chart::Rgb;

constexpr int kWidth = 960, kHeight = 540, kScale = 2;
constexpr int kLeft = 84, kTop = 64, kRight = kWidth - 300, kBottom = kHeight - 72;
constexpr Rgb kBackground{255, 255, 255}, kInk{20, 20, 20}, kGrid{226, 226, 226}, kAxis{90, 90, 90};

struct GradeStyle {
  const char* grade;
  Rgb colour;
};
constexpr GradeStyle kGrades[] = {
    {"I", {200, 30, 30}}, {"S", {215, 135, 0}}, {"E", {30, 90, 200}}};  // R: no unit is sent

double target_minutes(const std::string& grade, const SimOptions& o) {
  if (grade == "I") return static_cast<double>(o.immediate_target.count());
  if (grade == "S") return static_cast<double>(o.significant_target.count());
  return 0;
}

// The x axis: an hour, or longer (in half hours, at most four hours) when a grade's 90th
// percentile is later.
double axis_minutes(const SimReport& r) {
  double longest = 60;
  for (const auto* grades : {&r.by_grade, &r.historical}) {
    for (const auto& [grade, g] : *grades) {
      if (g.p90_minutes) longest = std::max(longest, *g.p90_minutes);
    }
  }
  return std::min(240.0, std::ceil(longest / 30) * 30);
}

class ReportChart {
 public:
  ReportChart(const SimReport& r, const SimOptions& o)
      : r_(r), o_(o), canvas_(kWidth, kHeight, kBackground), x_max_(axis_minutes(r)) {}

  std::string png() {
    canvas_.text(24, 18,
                 fmt::format("Response times: policy {}, {:.1f} h, {} units",
                             policy_name(r_.policy), r_.simulated_hours, r_.units),
                 kInk, kScale);
    canvas_.text(24, 42, "Share of calls attended", kAxis, kScale);
    axes();
    // The most urgent grade drawn last, on top.
    for (auto style = std::rbegin(kGrades); style != std::rend(kGrades); ++style) {
      targets(*style);
      curve(r_.response_minutes, r_.by_grade, *style, 0);
      curve(r_.historical_minutes, r_.historical, *style, 6);
    }
    legend();
    return canvas_.png();
  }

 private:
  double x_of(double minutes) const { return kLeft + (kRight - kLeft) * minutes / x_max_; }
  double y_of(double share) const { return kBottom - (kBottom - kTop) * share; }

  void axes() {
    for (int percent = 0; percent <= 100; percent += 20) {
      const double y = y_of(percent / 100.0);
      canvas_.line(kLeft, y, kRight, y, kGrid);
      const std::string label = fmt::format("{}%", percent);
      canvas_.text(kLeft - 8 - Canvas::text_width(label, kScale),
                   static_cast<int>(y) - Canvas::text_height(kScale) / 2, label, kInk, kScale);
    }
    const int step = x_max_ <= 90 ? 15 : 30;
    for (int minutes = 0; minutes <= static_cast<int>(x_max_); minutes += step) {
      const double x = x_of(minutes);
      canvas_.line(x, kTop, x, kBottom, kGrid);
      const std::string label = std::to_string(minutes);
      canvas_.text(static_cast<int>(x) - Canvas::text_width(label, kScale) / 2, kBottom + 10, label,
                   kInk, kScale);
    }
    canvas_.line(kLeft, kTop, kLeft, kBottom, kAxis, 2);
    canvas_.line(kLeft, kBottom, kRight, kBottom, kAxis, 2);
    const std::string title = "Minutes to the first unit at scene";
    canvas_.text((kLeft + kRight - Canvas::text_width(title, kScale)) / 2, kBottom + 36, title,
                 kAxis, kScale);
  }

  void targets(const GradeStyle& style) {
    const double target = target_minutes(style.grade, o_);
    if (target <= 0 || target > x_max_ || !r_.by_grade.contains(style.grade)) return;
    const double x = x_of(target);
    canvas_.line(x, kTop, x, kBottom, style.colour, 1, 4);
    // Beside the line, inside the plot.
    const std::string label = fmt::format("{} target", style.grade);
    const int width = Canvas::text_width(label, kScale);
    const int left =
        x + 4 + width > kRight ? static_cast<int>(x) - 4 - width : static_cast<int>(x) + 4;
    canvas_.text(left, kTop + 4, label, style.colour, kScale);
  }

  // A step up at each call's response time, over the grade's decided calls (those never
  // attended keep the curve below 100%).
  void curve(const std::map<std::string, std::vector<double>>& minutes,
             const std::map<std::string, GradeOutcome>& outcomes, const GradeStyle& style,
             int dash) {
    const auto times = minutes.find(style.grade);
    const auto outcome = outcomes.find(style.grade);
    if (times == minutes.end() || outcome == outcomes.end() || outcome->second.decided == 0) return;
    const double decided = static_cast<double>(outcome->second.decided);
    double x = x_of(0), y = y_of(0);
    size_t attended = 0;
    for (const double m : times->second) {
      const double next_x = x_of(std::min(m, x_max_));
      canvas_.line(x, y, next_x, y, style.colour, 2, dash);
      if (m > x_max_) return;
      const double next_y = y_of(static_cast<double>(++attended) / decided);
      canvas_.line(next_x, y, next_x, next_y, style.colour, 2, dash);
      x = next_x, y = next_y;
    }
    canvas_.line(x, y, x_of(x_max_), y, style.colour, 2, dash);
  }

  void legend() {
    int y = kTop;
    const int x = kRight + 30;
    auto entry = [&](const GradeOutcome& g, const GradeStyle& style, bool historical) {
      canvas_.line(x, y + 6, x + 28, y + 6, style.colour, 3, historical ? 6 : 0);
      const double target = target_minutes(style.grade, o_);
      const std::string within = target > 0 && g.decided
                                     ? fmt::format("{:.0f}% in {:.0f} min",
                                                   100.0 * static_cast<double>(g.within_target) /
                                                       static_cast<double>(g.decided),
                                                   target)
                                     : fmt::format("{} attended", g.attended);
      canvas_.text(x + 36, y,
                   fmt::format("{}{}: {}", style.grade, historical ? " real" : "", within), kInk,
                   kScale);
      y += 22;
      if (g.median_minutes && g.p90_minutes) {
        canvas_.text(x + 36, y,
                     fmt::format("med {:.1f} p90 {:.1f}", *g.median_minutes, *g.p90_minutes), kAxis,
                     kScale);
      }
      y += 30;
    };
    for (const auto& style : kGrades) {
      if (auto it = r_.by_grade.find(style.grade); it != r_.by_grade.end())
        entry(it->second, style, false);
      if (auto it = r_.historical.find(style.grade); it != r_.historical.end())
        entry(it->second, style, true);
    }
    canvas_.text(x, y + 8, fmt::format("Units busy {:.0f}%", 100 * r_.utilisation), kInk, kScale);
  }

  const SimReport& r_;
  const SimOptions& o_;
  Canvas canvas_;
  double x_max_;
};

}  // namespace

std::string report_png(const SimReport& report, const SimOptions& options) {
  return ReportChart(report, options).png();
}

}  // namespace peel::sim
