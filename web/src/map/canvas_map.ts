// The road map, drawn on a 2D canvas from Peel's own road data (GET /api/v1/geo/roads): no
// tiles from outside and no WebGL, so it runs on any control room PC and in a headless browser.
// Roads are drawn once per view into a cached layer; what moves (units, incidents, routes, the
// heat map) is drawn over it when something changes, at most once per animation frame.
import { api } from "../api/client";
import type { LatLon, RoadFeature } from "../api/types";

export interface Marker {
  id: string;
  at: LatLon;
  kind: "incident" | "unit";
  colour: string;
  label: string;
  ring?: boolean;  // selected
}

export interface Overlay {
  markers: Marker[];
  routes: { points: LatLon[]; colour: string; label: string }[];
  heat: { at: LatLon; weight: number }[];
}

const roadStyle: Record<string, [string, number]> = {
  motorway: ["#5b8bd6", 3], trunk: ["#6b9be0", 2.6], primary: ["#8aa9c9", 2.2],
  secondary: ["#7f93a8", 1.8], tertiary: ["#6f8194", 1.4],
};
const MAX_ROADS_SPAN = 0.2;  // degrees a side the roads endpoint serves

export class CanvasMap {
  readonly canvas = document.createElement("canvas");
  private roadsLayer = document.createElement("canvas");
  private roads: RoadFeature[] = [];
  private roadsFor = "";
  private centre: LatLon = { lat: 51.5072, lon: -0.1276 };
  private scale = 60000;  // pixels per degree of longitude
  private overlay: Overlay = { markers: [], routes: [], heat: [] };
  private drawScheduled = false;
  private roadsDirty = true;
  private resize = new ResizeObserver(() => this.redrawAll());
  private loadTimer = 0;

  constructor(private readonly onPick: (marker: Marker) => void) {
    this.canvas.className = "map-canvas";
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute("aria-label", "Map of incidents and units; arrows pan, + and - zoom");
    this.resize.observe(this.canvas);
    this.listen();
  }

  dispose(): void {
    this.resize.disconnect();
    clearTimeout(this.loadTimer);
  }

  // Shows all of these points (the units and incidents, or an area).
  fit(points: LatLon[]): void {
    if (points.length === 0) return;
    const lats = points.map((p) => p.lat), lons = points.map((p) => p.lon);
    const [s, n, w, e] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
    this.centre = { lat: (s + n) / 2, lon: (w + e) / 2 };
    const width = this.canvas.clientWidth || 800, height = this.canvas.clientHeight || 500;
    const k = this.kx();
    this.scale = Math.min(width / Math.max(e - w, 0.005), height / (Math.max(n - s, 0.005) / k)) * 0.9;
    this.redrawAll();
  }

  centreOn(at: LatLon): void {
    this.centre = { ...at };
    this.scale = Math.max(this.scale, 90000);
    this.redrawAll();
  }

  show(overlay: Overlay): void {
    this.overlay = overlay;
    this.schedule();
  }

  // Longitude degrees are shorter than latitude ones away from the equator.
  private kx(): number {
    return Math.cos((this.centre.lat * Math.PI) / 180);
  }

  private toScreen(at: LatLon): [number, number] {
    const w = this.canvas.width / devicePixelRatio, h = this.canvas.height / devicePixelRatio;
    return [w / 2 + (at.lon - this.centre.lon) * this.scale,
            h / 2 - ((at.lat - this.centre.lat) * this.scale) / this.kx()];
  }

  private view(): { south: number; west: number; north: number; east: number } {
    const w = this.canvas.clientWidth, h = this.canvas.clientHeight;
    const dLon = w / 2 / this.scale, dLat = ((h / 2) * this.kx()) / this.scale;
    return { south: this.centre.lat - dLat, north: this.centre.lat + dLat,
             west: this.centre.lon - dLon, east: this.centre.lon + dLon };
  }

  private redrawAll(): void {
    this.roadsDirty = true;
    this.schedule();
    clearTimeout(this.loadTimer);
    this.loadTimer = window.setTimeout(() => void this.loadRoads(), 120);
  }

  private async loadRoads(): Promise<void> {
    if (this.canvas.clientWidth === 0 || this.canvas.clientHeight === 0) return;  // not shown
    const v = this.view();
    if (v.north - v.south > MAX_ROADS_SPAN || v.east - v.west > MAX_ROADS_SPAN) {
      this.roads = [];
      this.roadsFor = "";
      this.roadsDirty = true;
      this.schedule();
      return;
    }
    // A margin around the view, so small pans need no new request.
    const m = Math.min((v.north - v.south) / 2, (MAX_ROADS_SPAN - (v.north - v.south)) / 2, 0.02);
    const box = [v.south - m, v.west - m, v.north + m, v.east + m].map((x) => x.toFixed(4));
    const key = box.join(",");
    if (key === this.roadsFor) return;
    try {
      const fc = await api.roads(+box[0], +box[1], +box[2], +box[3]);
      this.roads = fc.features;
      this.roadsFor = key;
      this.roadsDirty = true;
      this.schedule();
    } catch (error) {
      console.warn("roads:", error);  // the markers still show; the next pan tries again
    }
  }

  private schedule(): void {
    if (this.drawScheduled) return;
    this.drawScheduled = true;
    requestAnimationFrame(() => {
      this.drawScheduled = false;
      this.draw();
    });
  }

  private sizeTo(canvas: HTMLCanvasElement): boolean {
    const w = Math.round(this.canvas.clientWidth * devicePixelRatio);
    const h = Math.round(this.canvas.clientHeight * devicePixelRatio);
    if (canvas.width === w && canvas.height === h) return false;
    canvas.width = w;
    canvas.height = h;
    return true;
  }

  private drawRoads(): void {
    this.sizeTo(this.roadsLayer);
    const g = this.roadsLayer.getContext("2d")!;
    g.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    g.fillStyle = "#0b1117";
    g.fillRect(0, 0, this.roadsLayer.width, this.roadsLayer.height);
    g.lineCap = "round";
    for (const road of this.roads) {
      const [colour, width] = roadStyle[road.properties.class] ?? ["#3b4856", 1];
      g.strokeStyle = colour;
      g.lineWidth = width * Math.min(1.5, Math.max(0.5, this.scale / 80000));
      g.beginPath();
      road.geometry.coordinates.forEach(([lon, lat], i) => {
        const [x, y] = this.toScreen({ lat, lon });
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.stroke();
    }
    if (this.roads.length === 0) {
      g.fillStyle = "#9fb0c0";
      g.font = "13px system-ui";
      g.fillText("Zoom in to see roads", 12, 20);
    }
    this.roadsDirty = false;
  }

  private draw(): void {
    if (this.canvas.clientWidth === 0 || this.canvas.clientHeight === 0) return;  // not shown
    const resized = this.sizeTo(this.canvas);
    if (this.roadsDirty || resized) this.drawRoads();
    const g = this.canvas.getContext("2d")!;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.drawImage(this.roadsLayer, 0, 0);
    g.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    const { heat, routes, markers } = this.overlay;
    const maxHeat = Math.max(1, ...heat.map((c) => c.weight));
    for (const c of heat) {
      const [x, y] = this.toScreen(c.at);
      const r = Math.max(8, 0.004 * this.scale);
      const glow = g.createRadialGradient(x, y, 0, x, y, r);
      glow.addColorStop(0, `rgba(248, 113, 113, ${0.25 + 0.6 * (c.weight / maxHeat)})`);
      glow.addColorStop(1, "rgba(248, 113, 113, 0)");
      g.fillStyle = glow;
      g.fillRect(x - r, y - r, 2 * r, 2 * r);
    }
    g.font = "12px system-ui";
    for (const route of routes) {
      g.strokeStyle = route.colour;
      g.lineWidth = 4;
      g.setLineDash([8, 6]);
      g.beginPath();
      route.points.forEach((p, i) => {
        const [x, y] = this.toScreen(p);
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.stroke();
      g.setLineDash([]);
      const [lx, ly] = this.toScreen(route.points[0]);
      this.label(g, route.label, lx + 8, ly + 16);
    }
    for (const m of markers) {
      const [x, y] = this.toScreen(m.at);
      g.fillStyle = m.colour;
      g.beginPath();
      if (m.kind === "incident") {
        g.moveTo(x, y - 8); g.lineTo(x + 7, y + 5); g.lineTo(x - 7, y + 5); g.closePath();
      } else {
        g.arc(x, y, 4.5, 0, 2 * Math.PI);
      }
      g.fill();
      if (m.ring) {
        g.strokeStyle = "#ffffff";
        g.lineWidth = 2;
        g.beginPath();
        g.arc(x, y, 12, 0, 2 * Math.PI);
        g.stroke();
      }
      if (this.scale > 70000 || m.ring) this.label(g, m.label, x + 8, y - 6);
    }
  }

  private label(g: CanvasRenderingContext2D, text: string, x: number, y: number): void {
    g.fillStyle = "rgba(11, 17, 23, 0.8)";
    g.fillRect(x - 2, y - 11, g.measureText(text).width + 4, 15);
    g.fillStyle = "#e6edf3";
    g.fillText(text, x, y);
  }

  private nearest(px: number, py: number): Marker | null {
    let best: Marker | null = null, bestD = 12 * 12;
    for (const m of this.overlay.markers) {
      const [x, y] = this.toScreen(m.at);
      const d = (x - px) ** 2 + (y - py) ** 2;
      if (d < bestD) { best = m; bestD = d; }
    }
    return best;
  }

  private listen(): void {
    let drag: { x: number; y: number; moved: boolean } | null = null;
    this.canvas.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
    this.canvas.addEventListener("pointermove", (e) => {
      if (!drag || e.buttons === 0) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) < 3 && !drag.moved) return;
      drag.moved = true;
      this.centre = { lat: this.centre.lat + (dy * this.kx()) / this.scale, lon: this.centre.lon - dx / this.scale };
      drag.x = e.clientX;
      drag.y = e.clientY;
      this.redrawAll();
    });
    this.canvas.addEventListener("pointerup", (e) => {
      const wasDrag = drag?.moved;
      drag = null;
      if (wasDrag) return;
      const rect = this.canvas.getBoundingClientRect();
      const picked = this.nearest(e.clientX - rect.left, e.clientY - rect.top);
      if (picked) this.onPick(picked);
    });
    this.canvas.addEventListener("wheel", (e) => {
      e.preventDefault();
      this.zoom(e.deltaY < 0 ? 1.25 : 0.8);
    }, { passive: false });
    this.canvas.addEventListener("keydown", (e) => {
      const step = 80 / this.scale;
      const moves: Record<string, [number, number]> = {
        ArrowUp: [step * this.kx(), 0], ArrowDown: [-step * this.kx(), 0], ArrowLeft: [0, -step], ArrowRight: [0, step],
      };
      if (e.key in moves) {
        this.centre = { lat: this.centre.lat + moves[e.key][0], lon: this.centre.lon + moves[e.key][1] };
        this.redrawAll();
      } else if (e.key === "+" || e.key === "=") {
        this.zoom(1.25);
      } else if (e.key === "-") {
        this.zoom(0.8);
      } else {
        return;
      }
      e.preventDefault();
    });
  }

  private zoom(factor: number): void {
    this.scale = Math.min(2_000_000, Math.max(2000, this.scale * factor));
    this.redrawAll();
  }
}
