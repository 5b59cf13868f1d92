// Incidents and units live on the road map; the selected incident's units on their way show
// their route and ETA; clicking a marker tells what it is, with a link to the dispatcher.
import { api } from "../../api/client";
import type { LatLon } from "../../api/types";
import { minutes, statusLabel } from "../../control/format";
import type { BoardChange, LiveBoard } from "../../control/live_board";
import { fill, h } from "../../dom";
import { CanvasMap, type Marker } from "../../map/canvas_map";

export const gradeColours: Record<string, string> = { I: "#ef4444", S: "#f59e0b", E: "#38bdf8", R: "#a3a3a3" };
const unitColours: Record<string, string> = {
  available: "#22c55e", dispatched: "#f472b6", en_route: "#e879f9", at_scene: "#facc15", transporting: "#fb923c",
};

export class MapView {
  readonly element: HTMLElement;
  private map: CanvasMap;
  private info = h("aside", { class: "map-info", id: "map-info", "aria-live": "polite" },
    h("p", { class: "muted" }, "Click an incident (triangle) or a unit (dot)."));
  private selected: string | null = null;
  private routes = new Map<string, { points: LatLon[]; seconds: number; from: string }>();
  private routeTimer: number;
  private fitted = false;

  constructor(private readonly board: LiveBoard) {
    this.map = new CanvasMap((m) => this.picked(m));
    this.element = h("div", { class: "map-screen" }, this.map.canvas, this.info);
    this.routeTimer = window.setInterval(() => void this.loadRoutes(), 10_000);
  }

  dispose(): void {
    clearInterval(this.routeTimer);
    this.map.dispose();
  }

  shown(): void {
    if (!this.fitted) {
      const points: LatLon[] = [...this.board.resources.values()].flatMap((r) => (r.position ? [r.position] : []));
      points.push(...[...this.board.incidents.values()].map((i) => i.location));
      this.map.fit(points);
      this.fitted = points.length > 0;
    }
    this.draw();
    this.map.canvas.focus();
  }

  select(incidentId: string | null): void {
    this.selected = incidentId;
    this.routes.clear();
    const i = incidentId ? this.board.incidents.get(incidentId) : undefined;
    if (i) {
      // The incident and the units sent to it, so their routes show whole.
      const around: LatLon[] = [i.location];
      for (const u of this.board.unitsOn(i.id)) if (u.position) around.push(u.position);
      if (around.length > 1) this.map.fit(around); else this.map.centreOn(i.location);
    }
    void this.loadRoutes();
    this.draw();
  }

  update(change: BoardChange): void {
    // Routes are asked for again only when one of the selected incident's units changed.
    const selected = this.selected;
    if (selected && [...change.resources].some((id) => this.board.resources.get(id)?.incident_id === selected
                                                      || this.routes.has(id))) {
      void this.loadRoutes();
    }
    if (change.incidents.size || change.resources.size || change.positions) this.draw();
  }

  private draw(): void {
    const markers: Marker[] = [];
    for (const r of this.board.resources.values()) {
      if (!r.position || r.status === "off_duty") continue;
      markers.push({ id: r.id, at: r.position, kind: "unit", colour: unitColours[r.status] ?? "#9ca3af",
                     label: r.call_sign, ring: r.incident_id !== null && r.incident_id === this.selected });
    }
    for (const i of this.board.incidents.values()) {
      markers.push({ id: i.id, at: i.location, kind: "incident", colour: gradeColours[i.grade],
                     label: i.reference, ring: i.id === this.selected });
    }
    const routes = [...this.routes.values()].map((r) => ({
      points: r.points, colour: "#f472b6", label: `${r.from} ETA ${minutes(r.seconds)}` }));
    this.map.show({ markers, routes, heat: [] });
  }

  // Road routes of the selected incident's units still on their way.
  private async loadRoutes(): Promise<void> {
    const incident = this.selected ? this.board.incidents.get(this.selected) : undefined;
    if (!incident) return;
    const moving = this.board.unitsOn(incident.id)
      .filter((u) => (u.status === "dispatched" || u.status === "en_route") && u.position);
    const found = await Promise.all(moving.map(async (u) => {
      try {
        const route = await api.route(u.position!, incident.location);
        return [u.id, { points: route.geometry.coordinates.map(([lon, lat]) => ({ lat, lon })), seconds: route.seconds, from: u.call_sign }] as const;
      } catch {
        return null;
      }
    }));
    if (this.selected !== incident.id) return;
    this.routes = new Map(found.filter((f) => f !== null));
    this.draw();
    this.describeSelected();
  }

  private describeSelected(): void {
    const i = this.selected ? this.board.incidents.get(this.selected) : undefined;
    if (!i) return;
    const units = this.board.unitsOn(i.id);
    this.info.replaceChildren(
      h("h3", {}, `${i.reference} · ${i.grade}`),
      h("p", {}, i.classification.replaceAll("_", " "), " — ", i.address || i.area),
      h("ul", {}, ...units.map((u) => {
        const route = this.routes.get(u.id);
        return h("li", {}, `${u.call_sign}: ${statusLabel(u.status)}`, route ? ` · ETA ${minutes(route.seconds)}` : "");
      })),
      h("a", { href: `#/cad/dispatch?incident=${i.id}` }, "Open in the dispatcher"));
  }

  private picked(m: Marker): void {
    if (m.kind === "incident") {
      this.select(m.id);
      this.describeSelected();
      return;
    }
    const r = this.board.resources.get(m.id);
    if (!r) return;
    fill(this.info,
      h("h3", {}, r.call_sign),
      h("p", {}, `${r.type} · ${statusLabel(r.status)} · ${r.home_area}`),
      h("p", { class: "muted" }, r.capabilities.join(", ") || "no special capabilities"),
      r.crew.length ? h("p", {}, `Crew: ${r.crew.join(", ")}`) : null,
      r.incident_id ? h("a", { href: `#/cad/dispatch?incident=${r.incident_id}` }, "Its incident in the dispatcher") : null);
  }
}
