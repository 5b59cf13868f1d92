#include "app/record_warnings.h"

#include "core/log.h"

namespace peel::app {

namespace {

cad::WarningKind cad_kind(const std::string& kind) {
  if (kind == "weapons" || kind == "firearms") return cad::WarningKind::kWeapons;
  if (kind == "violence") return cad::WarningKind::kViolence;
  if (kind == "dogs") return cad::WarningKind::kDogs;
  if (kind == "self_harm" || kind == "vulnerable" || kind == "mental_health")
    return cad::WarningKind::kVulnerability;
  return cad::WarningKind::kOther;
}

}  // namespace

cad::CadService::WarningSource record_warnings(const pole::Markers& markers) {
  return [&markers](geo::LatLon at, double meters) {
    std::vector<cad::WarningMarker> out;
    auto near = markers.near(at, meters);
    if (!near) {
      // A briefing without the records' markers is better than no briefing: CAD's own show.
      log::warn("cad.record_warnings_unavailable", {{"reason", near.error().message}});
      return out;
    }
    for (const auto& m : *near) {
      out.push_back({m.marker.id, cad_kind(m.marker.facts.kind), m.subject,
                     m.marker.facts.kind + ": " + m.marker.facts.note, m.at, m.marker.created_at,
                     m.marker.created_by});
    }
    return out;
  };
}

}  // namespace peel::app
