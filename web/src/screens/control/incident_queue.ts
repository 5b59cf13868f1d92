// The dispatcher's queue: open incidents, most urgent first (grade, then age), coloured by
// grade, each with a timer counting against its attendance target. Rows are kept and changed in
// place, moved only when their place changes, and the browser skips laying out rows scrolled
// out of sight (content-visibility), so 500 open incidents cost what the ~25 in view cost. Each
// new incident's row is timed from the server's event to the frame that draws it (performance
// mark "peel:incident-drawn").
import type { IncidentSummary, Resource } from "../../api/types";
import type { BoardChange, LiveBoard } from "../../control/live_board";
import { byGrade, clock, secondsSince, statusLabel } from "../../control/format";
import { h } from "../../dom";

// Writing the same text again still costs the browser a style pass: skip it.
function setIfChanged(cell: HTMLElement, text: string, className: string): void {
  if (cell.textContent !== text) cell.textContent = text;
  if (cell.className !== className) cell.className = className;
}

export class IncidentQueue {
  readonly element: HTMLElement;
  private body = h("div", { class: "queue-rows", role: "rowgroup" });
  private rows = new Map<string, HTMLElement>();
  private order: string[] = [];
  private timer: number;
  selected: string | null = null;

  constructor(private readonly board: LiveBoard, private readonly onSelect: (id: string) => void) {
    this.element = h("section", { class: "panel queue", "aria-label": "Incident queue" },
      h("h3", {}, "Incidents ", h("span", { class: "count", id: "queue-count" }, "")),
      h("div", { class: "queue-table", id: "incident-queue", role: "table" },
        h("div", { class: "queue-row queue-head", role: "row" }, ...["Ref", "Gr", "Classification", "Where", "Age / target", "Units"]
          .map((name) => h("div", { role: "columnheader" }, name))),
        h("div", { class: "scroll" }, this.body)));
    this.update({ incidents: new Set(board.incidents.keys()), resources: new Set(), positions: false, alerts: false, opened: [] });
    this.timer = window.setInterval(() => this.tick(), 1000);
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  // The incidents in queue order (RFC 3339 times in UTC sort as text).
  sorted(): IncidentSummary[] {
    return [...this.board.incidents.values()].sort((a, b) =>
      byGrade(a.grade, b.grade) || (a.opened_at < b.opened_at ? -1 : a.opened_at > b.opened_at ? 1 : 0));
  }

  select(id: string | null): void {
    if (this.selected) this.rows.get(this.selected)?.removeAttribute("aria-selected");
    this.selected = id;
    if (!id) return;
    const row = this.rows.get(id);
    row?.setAttribute("aria-selected", "true");
    row?.scrollIntoView({ block: "nearest" });
  }

  // Moves the selection up or down the queue.
  step(delta: number): string | null {
    const list = this.order;
    if (list.length === 0) return null;
    const at = this.selected ? list.indexOf(this.selected) : -1;
    const next = list[Math.min(list.length - 1, Math.max(0, at + delta))];
    this.onSelect(next);
    return next;
  }

  update(change: BoardChange): void {
    const touched = new Set(change.incidents);
    for (const id of change.resources) {
      const job = this.board.resources.get(id)?.incident_id;
      if (job) touched.add(job);
    }
    // A unit that left a job changes that job's row too: refresh rows whose units moved on.
    if (change.resources.size > 0) for (const id of this.rows.keys()) touched.add(id);
    const units = this.board.unitsByIncident();
    for (const id of touched) {
      const incident = this.board.incidents.get(id);
      const row = this.rows.get(id);
      if (!incident) {
        row?.remove();
        this.rows.delete(id);
        continue;
      }
      this.fill(row ?? this.newRow(id), incident, units.get(id) ?? []);
    }
    const order = this.sorted().map((i) => i.id);
    // Moves only the rows out of place: one new incident is one insertion, not 500 moves.
    let cursor = this.body.firstElementChild;
    for (const id of order) {
      const row = this.rows.get(id)!;
      if (row === cursor) cursor = cursor.nextElementSibling;
      else this.body.insertBefore(row, cursor);
    }
    this.order = order;
    document.getElementById("queue-count")?.replaceChildren(String(order.length));
    if (change.opened.length > 0) {
      // The rows are in the document now; the next frame paints them.
      const opened = change.opened;
      requestAnimationFrame(() => {
        const now = Date.now();
        for (const o of opened) {
          performance.mark("peel:incident-drawn", { detail: { id: o.id, lag_ms: now - Date.parse(o.at) } });
        }
      });
    }
  }

  private newRow(id: string): HTMLElement {
    const row = h("div", { role: "row", "data-id": id, tabindex: "-1", onclick: () => this.onSelect(id) });
    for (let i = 0; i < 6; ++i) row.append(h("div", { role: "cell" }));
    this.rows.set(id, row);
    return row;
  }

  private fill(row: HTMLElement, i: IncidentSummary, units: Resource[]): void {
    const cells = row.children;
    row.className = `queue-row grade-${i.grade}`;
    cells[0].textContent = i.reference;
    cells[1].textContent = i.grade;
    cells[2].textContent = i.classification.replaceAll("_", " ");
    cells[3].textContent = i.address || i.area || `${i.location.lat.toFixed(4)}, ${i.location.lon.toFixed(4)}`;
    cells[5].textContent = units.length === 0 ? "none"
      : units.map((u) => `${u.call_sign} ${statusLabel(u.status)}`).join(", ");
    this.setTimer(row, i);
  }

  private setTimer(row: HTMLElement, i: IncidentSummary): void {
    const target = i.grade === "I" ? this.board.targets.I : i.grade === "S" ? this.board.targets.S : null;
    const age = secondsSince(i.opened_at);
    const cell = row.children[4] as HTMLElement;
    if (i.attended_at) {
      setIfChanged(cell, `✓ ${clock(secondsSince(i.opened_at, Date.parse(i.attended_at)))}`, "timer met");
      cell.title ||= "First unit at scene this long after the call";
      return;
    }
    setIfChanged(cell, target ? `${clock(age)} / ${target}:00` : clock(age),
                 !target ? "timer" : age > target * 60 ? "timer late" : age > target * 45 ? "timer near" : "timer");
    cell.title ||= target ? `Age against the ${target}-minute attendance target` : "Age";
  }

  private tick(): void {
    for (const [id, row] of this.rows) {
      const i = this.board.incidents.get(id);
      if (i) this.setTimer(row, i);
    }
  }
}
