// What managers and Digital Policing see of the Tech Bar over a period: its figures overall,
// by site and by device type beside the service desk's for the same period and device (the
// trial's headline comparison), how well the promised waits came true, and the problems users
// bring most, against the period before.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "techbar/calibration.h"
#include "techbar/figures.h"
#include "techbar/service_desk.h"

namespace peel::techbar {

struct MetricsQuery {
  Timestamp from, to;                    // contacts opened in [from, to)
  std::string location_id, device_type;  // empty: all
};

struct SiteFigures {
  std::string location_id;
  Figures figures;
};

struct DeviceFigures {
  std::string device_type;
  Figures techbar, service_desk;
};

// A problem users bring: a device type and the symptom picked or written at check-in.
struct Problem {
  std::string device_type, symptom;
  int visits = 0;
  int previous_visits = 0;  // in the period of the same length just before
  std::map<std::string, int> by_location;
};

struct MetricsReport {
  MetricsQuery query;
  Figures techbar;
  // The service desk has no sites: its figures are the force's whatever location is asked.
  Figures service_desk;
  std::vector<SiteFigures> by_location;  // sites with contacts in the period
  std::vector<DeviceFigures> by_device;  // every device type, in device_types() order
  Calibration calibration;
  std::vector<Problem> top_problems;  // the most brought first, at most 10
};

inline constexpr size_t kTopProblems = 10;

Result<MetricsReport> techbar_metrics(store::Store& store, const ServiceDesk& service_desk,
                                      const MetricsQuery& query);

}  // namespace peel::techbar
