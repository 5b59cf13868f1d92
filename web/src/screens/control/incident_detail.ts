// The selected incident: what it is, what the call handler recorded (the place's warnings first,
// THRIVE, every further call with its own account, what happened there before), its full log,
// and the units recommended for it with their ETAs and reasons; a unit is sent with one key (1-5,
// Enter for the first) or one click. Taking a unit off lower-graded work asks for the reason the
// log will keep.
import { api, ApiError } from "../../api/client";
import type { IncidentDetails, LogEntry, Recommendation, Thrive } from "../../api/types";
import { minutes, statusLabel, timeOfDay } from "../../control/format";
import type { LiveBoard } from "../../control/live_board";
import { fill, h } from "../../dom";
import { incidentActions } from "./incident_actions";

function describe(e: LogEntry): string {
  const p = e.payload as Record<string, string | number | undefined>;
  switch (e.type) {
    case "IncidentOpened": return `Opened: ${p.classification}, grade ${p.grade}, by ${p.channel}`;
    case "ResourceDispatched": return `Dispatched ${p.call_sign ?? p.resource_id}${p.eta_seconds ? `, ETA ${minutes(Number(p.eta_seconds))}` : ""}`;
    case "ResourceStatusChanged": return `${e.stream.startsWith("resource/") ? "Unit" : ""} ${statusLabel(String(p.status))}${p.detected_by === "avl" ? " (AVL)" : ""}`;
    case "IncidentRegraded": return `Re-graded ${p.grade}`;
    case "IncidentUpdateAdded": return `Update: ${p.text}`;
    case "CallLinked": return `Further call (${p.channel ?? "call"})${p.narrative ? `: ${p.narrative}` : ""}`;
    case "ResourceDiverted": return `Unit diverted to ${p.to_reference ?? "another incident"}`;
    case "IncidentClosed": return `Closed: ${p.closing_code}`;
    case "IncidentMerged": return "Merged as a duplicate";
    default: return e.type;
  }
}

const thriveNames: [keyof Thrive, string][] = [
  ["threat", "Threat"], ["harm", "Harm"], ["risk", "Risk"], ["investigation", "Investigation"],
  ["vulnerability", "Vulnerability"], ["engagement", "Engagement"],
];

// The warnings come first and stand out: they are why an officer goes in carefully.
function warningsPanel(i: IncidentDetails): HTMLElement {
  const warnings = i.briefing.warnings;
  if (warnings.length === 0) return h("p", { class: "muted", id: "incident-warnings" }, "No warnings at this place.");
  return h("section", { class: "warnings", id: "incident-warnings", role: "alert", "aria-label": "Warnings at this place" },
    h("h4", {}, `⚠ Warnings here (${warnings.length})`),
    h("ul", {}, ...warnings.map((w) => h("li", {}, h("strong", {}, w.kind), ` ${w.subject}: ${w.note}`))));
}

function thrivePanel(t: Thrive): HTMLElement {
  const given = thriveNames.filter(([part]) => t[part]?.trim());
  if (given.length === 0) return h("p", { class: "muted", id: "incident-thrive" }, "THRIVE: not recorded.");
  return h("dl", { class: "thrive-read", id: "incident-thrive", "aria-label": "THRIVE" },
    ...given.flatMap(([part, name]) => [h("dt", {}, name), h("dd", {}, t[part])]));
}

function callsPanel(i: IncidentDetails): HTMLElement | null {
  if (i.calls.length === 0) return null;
  return h("section", { id: "incident-calls", "aria-label": "Further calls" },
    h("h4", {}, `Further calls (${i.calls.length})`),
    h("ol", { class: "calls" }, ...i.calls.map((c) => h("li", {},
      h("time", {}, timeOfDay(c.at)), ` ${c.channel} · ${c.caller.name || "caller not named"} ${c.caller.phone}`,
      c.narrative ? h("p", { class: "narrative" }, c.narrative) : null))));
}

function historyPanel(i: IncidentDetails): HTMLElement {
  const history = i.briefing.history;
  return h("section", { id: "incident-history", "aria-label": "History at this place" },
    h("h4", {}, `History here (${history.length})`),
    history.length
      ? h("ul", {}, ...history.map((e) => h("li", {},
          `${e.reference} · ${e.classification.replaceAll("_", " ")} · ${new Date(e.opened_at).toLocaleDateString("en-GB")} ${timeOfDay(e.opened_at)}${e.open ? " (open)" : ""}`)))
      : h("p", { class: "muted" }, "No earlier incidents."));
}

export class IncidentDetail {
  readonly element = h("section", { class: "panel detail", "aria-label": "Selected incident" });
  private incident: IncidentDetails | null = null;
  private recommendations: Recommendation[] = [];
  private loading = 0;

  private actions: { id: string; element: HTMLElement } | null = null;

  // `canDispatch`: the user's role may send units (otherwise the list is for reading);
  // `canSupervise`: it may re-grade, close and merge.
  constructor(private readonly board: LiveBoard, private readonly canDispatch: boolean,
              private readonly canSupervise = false) {
    this.element.append(h("p", { class: "muted" }, "Select an incident (↑/↓ or click)."));
  }

  get id(): string | null {
    return this.incident?.id ?? null;
  }

  async show(id: string): Promise<void> {
    const ticket = ++this.loading;
    try {
      const [incident, log, recs] = await Promise.all([
        api.incident(id), api.incidentLog(id), api.recommendations(id, 5).catch(() => ({ items: [] })),
      ]);
      if (ticket !== this.loading) return;  // another incident was selected meanwhile
      this.incident = incident;
      this.recommendations = recs.items;
      this.render(log.items);
    } catch (error) {
      if (ticket !== this.loading) return;
      this.element.replaceChildren(h("p", { class: "form-error" }, (error as Error).message));
    }
  }

  // Refresh after a change that touches the shown incident or the units it could get.
  refresh(): void {
    if (this.incident && this.board.incidents.has(this.incident.id)) void this.show(this.incident.id);
  }

  async dispatch(index: number): Promise<void> {
    const rec = this.recommendations[index];
    if (!this.incident || !rec || !this.canDispatch) return;
    let divert: { reason: string } | undefined;
    if (rec.diverted_from) {
      const reason = prompt(`${rec.call_sign} is on ${rec.diverted_from.reference}. Why divert it?`);
      if (!reason) return;
      divert = { reason };
    }
    const id = this.incident.id;
    try {
      await api.dispatch(id, rec.resource_id, divert);
      this.say(id, `${rec.call_sign} dispatched.`);
    } catch (error) {
      this.say(id, error instanceof ApiError ? error.message : String(error));
    }
  }

  // What the last action on an incident came to stays shown while that incident is, through
  // the refreshes its own change brings (it was wiped by the next one).
  private said: { id: string; text: string } | null = null;
  private say(id: string, text: string): void {
    this.said = { id, text };
    this.element.querySelector(".dispatch-status")?.replaceChildren(text);
  }

  // The update form (dispatchers) and the supervisor's forms for this incident: the same element
  // through every refresh.
  private actionsFor(id: string): HTMLElement | null {
    if (!this.canSupervise && !this.canDispatch) return null;
    if (this.actions?.id !== id) {
      this.actions = { id, element: incidentActions(id, this.board, this.canSupervise, (text) => this.say(id, text)) };
    }
    return this.actions.element;
  }

  private render(log: LogEntry[]): void {
    const i = this.incident!;
    const units = this.board.unitsOn(i.id);
    fill(this.element,
      h("h3", { class: `grade-${i.grade}` }, `${i.reference} · ${i.grade} · ${i.classification.replaceAll("_", " ")}`),
      h("p", {}, i.address || `${i.location.lat.toFixed(5)}, ${i.location.lon.toFixed(5)}`, i.area ? ` (${i.area})` : ""),
      warningsPanel(i),
      i.narrative ? h("p", { class: "narrative" }, i.narrative) : null,
      h("p", { class: "muted" }, `Caller: ${i.caller.name || "not given"} ${i.caller.phone}`),
      thrivePanel(i.thrive),
      callsPanel(i),
      h("p", {}, "Units: ", units.length ? units.map((u) => `${u.call_sign} (${statusLabel(u.status)})`).join(", ") : "none yet"),
      h("h4", {}, "Recommended units"),
      this.recommendations.length === 0
        ? h("p", { class: "muted" }, "No unit available carries what this needs.")
        : h("ol", { class: "recommendations", id: "recommendations" },
            ...this.recommendations.map((r, n) => h("li", {},
              this.canDispatch
                ? h("button", { type: "button", class: n === 0 ? "" : "secondary", "data-resource": r.resource_id,
                                onclick: () => void this.dispatch(n) }, `${n + 1} · ${r.call_sign}`)
                : h("strong", { "data-resource": r.resource_id }, r.call_sign),
              h("span", { class: "eta" }, ` ETA ${minutes(r.eta_seconds)} · ${(r.meters / 1000).toFixed(1)} km`),
              r.diverted_from ? h("span", { class: "divert" }, ` (on ${r.diverted_from.reference})`) : null,
              h("div", { class: "muted reasons", title: r.reasons.join("; ") }, r.reasons.join("; "))))),
      h("p", { class: "dispatch-status", role: "status" }, this.said?.id === i.id ? this.said.text : ""),
      this.actionsFor(i.id),
      historyPanel(i),
      h("h4", {}, "Log"),
      h("ol", { class: "log", id: "incident-log" },
        ...log.map((e) => h("li", {}, h("time", {}, timeOfDay(e.at)), " ", describe(e),
          e.reason ? h("span", { class: "muted" }, ` — ${e.reason}`) : null))));
  }
}
