// The Integrated Operating Picture: for the force or one area, open incidents by grade and
// state, units by status and type, attendance against target (today, the last 24 hours and by
// hour), response time median and 90th percentile, a demand heat map, every area side by side,
// CSV downloads, and a wall-display mode (#/iop/wall). It is fetched again when the incidents or
// units feeds say something changed (at most every 2 s) and every 30 s as targets pass.
import { api } from "../../api/client";
import { LiveStream } from "../../api/stream";
import type { AreaPicture, Attendance, Grade, Picture } from "../../api/types";
import { minutes, percent, statusLabel } from "../../control/format";
import { downloadText, h } from "../../dom";
import { CanvasMap } from "../../map/canvas_map";
import type { Screen } from "../../screen";
import { hourChart } from "./hour_chart";

const grades: Grade[] = ["I", "S", "E", "R"];

function tile(label: string, value: string | number, cls = ""): HTMLElement {
  return h("div", { class: `tile ${cls}` }, h("div", { class: "tile-value" }, String(value)), h("div", { class: "tile-label" }, label));
}

function attendanceRow(label: string, a: Attendance, target: number): HTMLElement {
  return h("tr", {}, h("th", {}, label), h("td", { class: "share" }, percent(a.share)),
    h("td", {}, `${a.within_target} of ${a.decided}`), h("td", {}, String(a.incidents)),
    h("td", {}, minutes(a.median_seconds)), h("td", {}, minutes(a.p90_seconds)), h("td", {}, `${target} min`));
}

export function pictureScreen(): Screen {
  const areaSelect = h("select", { id: "iop-area", "aria-label": "Area" }, h("option", { value: "" }, "Whole force"));
  const updated = h("span", { class: "muted", id: "iop-updated", role: "status" });
  const content = h("div", { class: "iop-content" }, h("p", { class: "muted" }, "Loading the picture…"));
  const heatMap = new CanvasMap(() => {});
  let focus = "", wall = false, fitted = false;
  let refreshTimer = 0, soonTimer = 0, lastLoad = 0;

  const csv = async (table: "areas" | "hours") => downloadText(`operating-picture-${table}.csv`, await api.pictureCsv(table, focus || undefined));
  const element = h("section", { class: "iop", "aria-labelledby": "iop-title" },
    h("div", { class: "iop-bar" },
      h("h2", { id: "iop-title" }, "Operating Picture"), areaSelect,
      h("button", { type: "button", class: "secondary", id: "csv-areas", onclick: () => void csv("areas") }, "Areas CSV"),
      h("button", { type: "button", class: "secondary", id: "csv-hours", onclick: () => void csv("hours") }, "Hours CSV"),
      h("a", { href: "#/iop/wall", id: "wall-link", class: "wall-toggle" }, "Wall display (W)"),
      updated),
    h("p", { class: "shortcuts" }, h("span", { class: "muted" }, "Keys: "), h("kbd", {}, "W"), " wall display  ",
      h("kbd", {}, "Esc"), " leave it  ", h("kbd", {}, "R"), " refresh"),
    content);

  const areaLabel = (a: AreaPicture) => a.area ?? "Force";

  const render = (p: Picture) => {
    const chosen = focus ? p.areas.find((a) => a.area === focus) ?? null : p.force;
    const known = new Set([...areaSelect.options].map((o) => o.value));
    for (const a of p.areas) if (a.area && !known.has(a.area)) areaSelect.append(h("option", { value: a.area }, a.area));
    updated.textContent = `Updated ${new Date(p.generated_at).toLocaleTimeString("en-GB")}`;
    if (!chosen) {
      content.replaceChildren(h("p", { class: "muted" }, `Nothing in ${focus} in the last 24 hours.`));
      return;
    }
    const units = Object.entries(chosen.units_by_status);
    const available = chosen.units_by_status.available ?? 0;
    content.replaceChildren(
      h("div", { class: "tiles", id: "iop-open" },
        ...grades.map((g) => tile(`open ${g}`, chosen.open_by_grade[g], `grade-${g}`)),
        tile("unassigned", chosen.open_by_state.unassigned, chosen.open_by_state.unassigned ? "warn" : ""),
        tile("units sent", chosen.open_by_state.dispatched), tile("at scene", chosen.open_by_state.at_scene),
        tile("units available", available, available === 0 ? "warn" : "")),
      h("div", { class: "iop-columns" },
        h("section", { class: "panel" }, h("h3", {}, "Attendance within target"),
          h("table", { class: "grid", id: "iop-performance" },
            h("thead", {}, h("tr", {}, h("th", {}), h("th", {}, "Within"), h("th", {}, "Of decided"), h("th", {}, "Opened"),
              h("th", {}, "Median"), h("th", {}, "90th pct"), h("th", {}, "Target"))),
            h("tbody", {},
              attendanceRow("I today", chosen.today.I, p.targets_minutes.I),
              attendanceRow("S today", chosen.today.S, p.targets_minutes.S),
              attendanceRow("I last 24 h", chosen.last_24_hours.I, p.targets_minutes.I),
              attendanceRow("S last 24 h", chosen.last_24_hours.S, p.targets_minutes.S))),
          h("p", { class: "muted" }, "Decided: attended, or past target with nobody there yet. Response: call to first unit at scene.")),
        h("section", { class: "panel" }, h("h3", {}, "Units booked on"),
          h("table", { class: "grid", id: "iop-units" }, h("tbody", {},
            h("tr", { class: "iop-units-heading" }, h("th", { colspan: "2" }, "By status")),
            ...units.map(([s, n]) => h("tr", {}, h("th", {}, statusLabel(s)), h("td", {}, String(n)))),
            h("tr", { class: "iop-units-heading" }, h("th", { colspan: "2" }, "By type")),
            ...Object.entries(chosen.units_by_type).map(([t, n]) => h("tr", {}, h("th", {}, t), h("td", {}, String(n)))))))),
      h("div", { class: "iop-columns" },
        h("section", { class: "panel" }, h("h3", {}, "Last 24 hours by hour"), hourChart(p),
          h("p", { class: "legend" }, h("span", { class: "bar-key" }), " opened ", h("span", { class: "mark-I-key" }), " I within target ", h("span", { class: "mark-S-key" }), " S within target")),
        h("section", { class: "panel heat" }, h("h3", {}, "Demand, last 24 hours"), heatMap.canvas)),
      h("section", { class: "panel" }, h("h3", {}, "Areas"),
        h("table", { class: "grid", id: "iop-areas" },
          h("thead", {}, h("tr", {}, h("th", {}, "Area"), ...grades.map((g) => h("th", {}, `Open ${g}`)), h("th", {}, "Unassigned"),
            h("th", {}, "Available units"), h("th", {}, "I within (today)"), h("th", {}, "S within (today)"), h("th", {}, "I median"))),
          h("tbody", {}, ...[p.force, ...p.areas].map((a) => h("tr", { class: a.area === (focus || null) ? "chosen" : "" },
            h("th", {}, areaLabel(a)), ...grades.map((g) => h("td", {}, String(a.open_by_grade[g]))),
            h("td", {}, String(a.open_by_state.unassigned)), h("td", {}, String(a.units_by_status.available ?? 0)),
            h("td", {}, percent(a.today.I.share)), h("td", {}, percent(a.today.S.share)), h("td", {}, minutes(a.today.I.median_seconds))))))));
    const heat = p.heat.map((c) => ({ at: { lat: c.lat, lon: c.lon }, weight: c.incidents }));
    if (!fitted && heat.length) { heatMap.fit(heat.map((c) => c.at)); fitted = true; }
    heatMap.show({ markers: [], routes: [], heat });
  };

  const load = async () => {
    lastLoad = Date.now();
    try {
      render(await api.picture(focus || undefined));
    } catch (error) {
      updated.textContent = `Not updated: ${(error as Error).message}`;
    }
  };
  // Changes come in bursts; the picture is fetched at most every 2 s.
  const loadSoon = () => {
    if (soonTimer) return;
    soonTimer = window.setTimeout(() => { soonTimer = 0; void load(); }, Math.max(0, 2000 - (Date.now() - lastLoad)));
  };
  const stream = new LiveStream(["incidents", "resources"], null, {
    onEvent: loadSoon,
    onConnection: (state, detail) => {
      if (state === "reconnecting") updated.textContent = `Reconnecting — ${detail}`;
      if (state === "signed-out") updated.textContent = `Not live: signed out — ${detail}`;
      if (state === "live") loadSoon();
    },
  });
  refreshTimer = window.setInterval(() => void load(), 30_000);
  areaSelect.addEventListener("change", () => { focus = areaSelect.value; fitted = false; void load(); });
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    if (e.key === "w" || e.key === "W") location.hash = wall ? "#/iop" : "#/iop/wall";
    else if (e.key === "Escape" && wall) location.hash = "#/iop";
    else if (e.key === "r" || e.key === "R") void load();
  };
  window.addEventListener("keydown", onKey);
  void load();

  return {
    element,
    route(path) {
      wall = path[0] === "wall";
      element.classList.toggle("wall", wall);
      document.getElementById("wall-link")?.setAttribute("href", wall ? "#/iop" : "#/iop/wall");
    },
    dispose() {
      stream.close();
      clearInterval(refreshTimer);
      clearTimeout(soonTimer);
      heatMap.dispose();
      window.removeEventListener("keydown", onKey);
    },
  };
}
