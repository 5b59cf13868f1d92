// The control room's live state in the browser: the board from GET /api/v1/cad/board, kept
// current by applying the events of the incidents, resources and alerts topics (the same events
// the server applies, cad_service.cc) and the positions feed. Screens listen for changes.
import { api } from "../api/client";
import { LiveStream, type Connection, type StreamEvent } from "../api/stream";
import type { Alert, Grade, IncidentSummary, Resource, UnitStatus } from "../api/types";

export interface BoardChange {
  incidents: Set<string>;  // ids changed, added or closed
  resources: Set<string>;
  positions: boolean;
  alerts: boolean;
  // Events applied in this change that opened an incident, with their server time.
  opened: { id: string; at: string }[];
}

type Listener = (change: BoardChange) => void;

const emptyChange = (): BoardChange =>
  ({ incidents: new Set(), resources: new Set(), positions: false, alerts: false, opened: [] });

const text = (data: Record<string, unknown>, key: string): string =>
  typeof data[key] === "string" ? (data[key] as string) : "";

export class LiveBoard {
  readonly incidents = new Map<string, IncidentSummary>();  // open ones
  readonly resources = new Map<string, Resource>();
  alerts: Alert[] = [];  // newest first
  targets = { I: 15, S: 60 };  // minutes to the first unit at scene, from the server
  connection: Connection = "connecting";
  connectionDetail = "";
  private listeners = new Set<Listener>();
  private stream: LiveStream | null = null;
  private pending = emptyChange();
  private scheduled = false;

  static async load(withPositions: boolean): Promise<LiveBoard> {
    const board = new LiveBoard();
    const first = await api.board();
    for (const i of first.incidents) board.incidents.set(i.id, i);
    for (const r of first.resources) board.resources.set(r.id, r);
    board.alerts = first.alerts;
    board.targets = first.targets_minutes;
    const topics = ["incidents", "resources", "alerts"];
    if (withPositions) topics.push("positions");
    board.stream = new LiveStream(topics, first.sequence, {
      onEvent: (e) => board.apply(e),
      onLive: (frame) => {
        if (frame.topic !== "positions") return;
        const list = (frame.data.positions ?? []) as { resource_id: string; lat: number; lon: number; at: string }[];
        for (const p of list) {
          const unit = board.resources.get(p.resource_id);
          if (unit) unit.position = { lat: p.lat, lon: p.lon, at: p.at };
        }
        board.changed((c) => { c.positions = true; });
      },
      onConnection: (state, detail) => {
        board.connection = state;
        board.connectionDetail = detail;
        board.changed(() => {});
      },
    });
    return board;
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.stream?.close();
    this.listeners.clear();
  }

  unitsOn(incidentId: string): Resource[] {
    return [...this.resources.values()].filter((r) => r.incident_id === incidentId);
  }

  // Every committed unit by its incident, in one pass.
  unitsByIncident(): Map<string, Resource[]> {
    const out = new Map<string, Resource[]>();
    for (const r of this.resources.values()) {
      if (!r.incident_id) continue;
      const list = out.get(r.incident_id);
      if (list) list.push(r); else out.set(r.incident_id, [r]);
    }
    return out;
  }

  // Changes are gathered and told to listeners once per animation frame, however many
  // events arrive in it (a burst of AVL or a replay after reconnecting).
  private changed(mark: (change: BoardChange) => void): void {
    mark(this.pending);
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const change = this.pending;
      this.pending = emptyChange();
      for (const l of this.listeners) l(change);
    });
  }

  private apply(e: StreamEvent): void {
    const id = e.stream.slice(e.stream.indexOf("/") + 1);
    const d = e.data;
    const incident = this.incidents.get(id);
    switch (e.event) {
      case "IncidentOpened":
        this.incidents.set(id, {
          id, reference: text(d, "reference"), classification: text(d, "classification"),
          grade: text(d, "grade") as Grade, channel: text(d, "channel"),
          location: d.location as { lat: number; lon: number }, address: text(d, "address"),
          area: text(d, "area"), opened_at: e.at, dispatched_at: null, attended_at: null, open: true,
          closing_code: null, merged_into: null, resources: [], linked_calls: 0,
        });
        this.changed((c) => { c.incidents.add(id); c.opened.push({ id, at: e.at }); });
        return;
      case "CallLinked":
        if (incident) incident.linked_calls += 1;
        break;
      case "IncidentUpdateAdded":
        break;  // in the incident's log: its detail refreshes
      case "IncidentRegraded":
        if (incident) incident.grade = text(d, "grade") as Grade;
        break;
      case "IncidentClosed":
      case "IncidentMerged":
        this.incidents.delete(id);
        break;
      case "ResourceDispatched": {
        const unit = this.resources.get(text(d, "resource_id"));
        if (incident && unit) {
          if (!incident.resources.includes(unit.id)) incident.resources.push(unit.id);
          incident.dispatched_at ??= e.at;
          unit.status = "dispatched";
          unit.status_at = e.at;
          unit.incident_id = id;
          this.changed((c) => c.resources.add(unit.id));
        }
        break;
      }
      case "ResourceRegistered":
        this.resources.set(id, {
          id, call_sign: text(d, "call_sign"), type: text(d, "type"),
          capabilities: (d.capabilities ?? []) as string[], home_area: text(d, "home_area"),
          crew: (d.crew ?? []) as string[], status: (text(d, "status") || "available") as UnitStatus,
          status_at: e.at, incident_id: null, position: null,
        });
        this.changed((c) => c.resources.add(id));
        return;
      case "ResourceCrewChanged": {
        const unit = this.resources.get(id);
        if (unit) unit.crew = (d.crew ?? []) as string[];
        this.changed((c) => c.resources.add(id));
        return;
      }
      case "ResourceStatusChanged": {
        const unit = this.resources.get(id);
        if (!unit) return;
        unit.status = text(d, "status") as UnitStatus;
        unit.status_at = e.at;
        const job = this.incidents.get(text(d, "incident_id"));
        if (job && unit.status === "at_scene") job.attended_at ??= e.at;
        if (unit.status === "available" || unit.status === "off_duty") unit.incident_id = null;
        this.changed((c) => { c.resources.add(id); if (job) c.incidents.add(job.id); });
        return;
      }
      case "AlertRaised":
        if (this.alerts.some((a) => a.id === id)) return;
        this.alerts.unshift({
          id, kind: text(d, "kind"), incident_id: text(d, "incident_id"),
          resource_id: text(d, "resource_id") || null, message: text(d, "message"), raised_at: e.at,
          acknowledged_by: null, acknowledged_at: null,
        });
        this.alerts.length = Math.min(this.alerts.length, 500);
        this.changed((c) => { c.alerts = true; });
        return;
      case "AlertAcknowledged": {
        const alert = this.alerts.find((a) => a.id === id);
        if (alert) {
          alert.acknowledged_by = text(d, "username");
          alert.acknowledged_at = e.at;
        }
        this.changed((c) => { c.alerts = true; });
        return;
      }
      default:
        return;  // ResourceDiverted and others change nothing the screens show here
    }
    this.changed((c) => c.incidents.add(id));
  }
}
