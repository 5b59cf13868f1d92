// The managers' page (#/techbar/metrics): the Tech Bar beside the service desk for a period, a
// site and a device type (the trial's headline comparison); charts of resolution by device and
// of the problems users bring; how far the promised waits were out; a CSV of it all; and, for
// those who manage the Tech Bar, the service desk's export imported.
import { api } from "../../api/client";
import type { Figures, TechbarMetrics, TechbarSite } from "../../api/techbar_types";
import { downloadText, fill, h } from "../../dom";
import type { Run } from "../../screen";
import { deviceNames, duration, minutes, percent } from "./words";

const day = (d: Date) => d.toISOString().slice(0, 10);

const rows: [string, (f: Figures) => string][] = [
  ["Tickets", (f) => String(f.tickets)],
  ["First-time fixes", (f) => percent(f.first_time_fix_rate)],
  ["Resolution, mean", (f) => duration(f.resolution_mean_seconds)],
  ["Resolution, median", (f) => duration(f.resolution_median_seconds)],
  ["Resolution, 90th percentile", (f) => duration(f.resolution_p90_seconds)],
  ["Waiting, median", (f) => minutes(f.wait_median_seconds)],
  ["Waiting, 90th percentile", (f) => minutes(f.wait_p90_seconds)],
  ["Survey response", (f) => `${percent(f.response_rate)} (${f.surveys_answered} of ${f.surveys_sent})`],
  ["Mean score", (f) => (f.mean_score === null ? "—" : f.mean_score.toFixed(2))],
  ["Rated excellent", (f) => percent(f.excellent_share)],
];

// Bars of mean resolution by device, the two channels one above the other.
function resolutionChart(m: TechbarMetrics): HTMLElement {
  const most = Math.max(1, ...m.by_device.flatMap((d) =>
    [d.techbar.resolution_mean_seconds ?? 0, d.service_desk.resolution_mean_seconds ?? 0]));
  const bar = (cls: string, s: number | null) => h("div", { class: "chart-line" },
    h("span", { class: `chart-bar ${cls}`, style: `width: ${(100 * (s ?? 0)) / most}%` }),
    h("span", { class: "chart-value" }, duration(s)));
  return h("div", { class: "chart", id: "chart-resolution", role: "img",
                    "aria-label": "Mean resolution time by device, Tech Bar and service desk" },
    h("div", { class: "chart-legend" }, h("span", { class: "chart-bar techbar" }), " Tech Bar ",
      h("span", { class: "chart-bar desk" }), " Service desk"),
    ...m.by_device.filter((d) => d.techbar.resolved || d.service_desk.resolved).map((d) =>
      h("div", { class: "chart-row" }, h("span", { class: "chart-label" }, deviceNames[d.device_type] ?? d.device_type),
        h("div", {}, bar("techbar", d.techbar.resolution_mean_seconds), bar("desk", d.service_desk.resolution_mean_seconds)))));
}

export function metricsView(body: HTMLElement, run: Run, sites: TechbarSite[], canImport: boolean): void {
  const now = new Date();
  const from = h("input", { type: "date", id: "metrics-from", value: day(new Date(now.getTime() - 29 * 86400e3)) });
  const to = h("input", { type: "date", id: "metrics-to", value: day(now) });
  const site = h("select", { id: "metrics-site", "aria-label": "Tech Bar" }, h("option", { value: "" }, "All sites"),
    ...sites.map((s) => h("option", { value: s.id }, s.name)));
  const device = h("select", { id: "metrics-device", "aria-label": "Device" }, h("option", { value: "" }, "All devices"),
    ...Object.entries(deviceNames).map(([value, label]) => h("option", { value }, label)));
  const content = h("div", { id: "techbar-metrics" });
  const query = () => new URLSearchParams({ from: from.value, to: to.value,
    ...(site.value ? { location_id: site.value } : {}), ...(device.value ? { device_type: device.value } : {}) }).toString();
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? id;

  const show = () => void run(async () => {
    const m = await api.techbarMetrics(query());
    const c = m.comparison;
    const tile = (id: string, value: string, label: string) =>
      h("div", { class: "tile", id }, h("div", { class: "tile-value" }, value), h("div", { class: "tile-label" }, label));
    const cal = m.calibration;
    fill(content,
      h("div", { class: "tiles techbar-tiles" },
        tile("tile-tickets", String(m.techbar.tickets), "Tech Bar tickets"),
        tile("tile-ftf", percent(m.techbar.first_time_fix_rate), "fixed first time"),
        tile("tile-resolution", duration(m.techbar.resolution_median_seconds), "median resolution"),
        tile("tile-wait", minutes(m.techbar.wait_median_seconds), "median wait"),
        tile("tile-response", percent(m.techbar.response_rate), "answered the survey"),
        tile("tile-excellent", percent(m.techbar.excellent_share), "rated it excellent"),
        tile("tile-shorter", c.resolution_mean_days_shorter === null ? "—" : `${c.resolution_mean_days_shorter.toFixed(1)} d`,
          "shorter than the service desk, on average")),
      h("h3", {}, "Tech Bar and service desk"),
      h("table", { class: "duty-table", id: "metrics-comparison" },
        h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, "Tech Bar"), h("th", {}, "Service desk"))),
        h("tbody", {}, ...rows.map(([label, value]) =>
          h("tr", {}, h("th", {}, label), h("td", {}, value(m.techbar)), h("td", {}, value(m.service_desk)))),
          h("tr", {}, h("th", {}, "First-time fixes, difference"),
            h("td", { colspan: "2" }, c.first_time_fix_points === null ? "—"
              : `${c.first_time_fix_points >= 0 ? "+" : ""}${c.first_time_fix_points.toFixed(1)} points`)))),
      m.location_id ? h("p", { class: "muted" }, "The service desk has no sites: its figures are the whole force's.") : null,
      h("h3", {}, "Mean resolution by device"), resolutionChart(m),
      h("h3", {}, "By site"),
      h("table", { class: "duty-table", id: "metrics-sites" },
        h("thead", {}, h("tr", {}, ...["Site", ...rows.map(([label]) => label)].map((l) => h("th", {}, l)))),
        h("tbody", {}, ...(m.by_location.length ? m.by_location.map((s) => h("tr", {}, h("td", {}, s.name),
          ...rows.map(([, value]) => h("td", {}, value(s)))))
          : [h("tr", {}, h("td", { colspan: String(rows.length + 1), class: "muted" }, "No visits in this period."))]))),
      h("h3", {}, "Problems users bring"),
      h("table", { class: "duty-table", id: "metrics-problems" },
        h("thead", {}, h("tr", {}, ...["Device", "Problem", "Visits", "Period before", "Where"].map((l) => h("th", {}, l)))),
        h("tbody", {}, ...m.top_problems.map((p) => h("tr", {},
          h("td", {}, deviceNames[p.device_type] ?? p.device_type), h("td", {}, p.symptom),
          h("td", {}, h("span", { class: "chart-bar techbar", style: `width: ${4 * p.visits}px` }), ` ${p.visits}`),
          h("td", {}, `${p.previous_visits}${p.visits > p.previous_visits ? " ▲" : p.visits < p.previous_visits ? " ▼" : ""}`),
          h("td", {}, Object.entries(p.by_location).map(([id, n]) => `${siteName(id)} ${n}`).join(", ")))))),
      h("h3", {}, "Wait estimates"),
      h("p", { id: "metrics-calibration" }, cal.visits === 0 ? "Nobody has been called in this period."
        : `Of ${cal.visits} people called, ${percent(cal.within_five_minutes)} were called within five minutes of the wait promised at check-in. ` +
          `On average they waited ${minutes(Math.abs(cal.mean_error_seconds ?? 0))} ${(cal.mean_error_seconds ?? 0) >= 0 ? "longer" : "less"} than promised; ` +
          `the promise was out by ${minutes(cal.median_absolute_error_seconds)} at the median and ${minutes(cal.p90_absolute_error_seconds)} at the 90th percentile.`));
  });

  const importer = h("form", { id: "desk-import", class: "records-bar" });
  const status = h("span", { id: "desk-import-status", role: "status" });
  if (canImport) {
    const file = h("input", { type: "file", id: "desk-file", accept: ".csv,text/csv", "aria-label": "Service desk export" });
    importer.append(h("label", { for: "desk-file" }, "Service desk export (CSV) "), file,
      h("button", { type: "submit", class: "secondary" }, "Import"), status);
    importer.onsubmit = (e) => {
      e.preventDefault();
      const chosen = file.files?.[0];
      if (!chosen) return;
      void run(async () => {
        const done = await api.importServiceDesk(chosen);
        status.textContent = `Imported ${done.tickets} tickets: ${done.added} new, ${done.replaced} updated.`;
        show();
      });
    };
  }
  const filters = h("form", { id: "metrics-filters", class: "records-bar" },
    h("label", { for: "metrics-from" }, "From ", from), h("label", { for: "metrics-to" }, "to ", to), site, device,
    h("button", { type: "submit" }, "Show"),
    h("button", { type: "button", class: "secondary", id: "metrics-csv", onclick: () => void run(async () =>
      downloadText("techbar-metrics.csv", await api.techbarMetricsCsv(query()))) }, "Export CSV"));
  filters.onsubmit = (e) => {
    e.preventDefault();
    show();
  };
  fill(body, filters, canImport ? importer : null, content);
  show();
}
