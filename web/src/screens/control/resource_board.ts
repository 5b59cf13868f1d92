// The resource board: every booked-on unit with its status, call sign, capabilities and area,
// filterable by status; rows are kept and changed in place when a unit's status changes. A
// dispatcher changes a unit's status from its row (what a crew radios in); a refusal is said
// under the table.
import { api, ApiError } from "../../api/client";
import type { Resource, UnitStatus } from "../../api/types";
import { statusLabel, timeOfDay } from "../../control/format";
import type { BoardChange, LiveBoard } from "../../control/live_board";
import { h } from "../../dom";

export class ResourceBoard {
  readonly element: HTMLElement;
  private body = h("tbody");
  private rows = new Map<string, HTMLTableRowElement>();
  private filter = h("select", { id: "unit-filter", "aria-label": "Show units" },
    h("option", { value: "" }, "All booked on"), h("option", { value: "available" }, "Available"),
    h("option", { value: "committed" }, "Committed"), h("option", { value: "off_duty" }, "Off duty"));

  private said = h("p", { class: "muted", id: "unit-status-said", role: "status" });
  private static readonly statuses: UnitStatus[] =
    ["available", "dispatched", "en_route", "at_scene", "transporting", "off_duty"];

  // `canChange`: the user may set any unit's status (cad.dispatch).
  constructor(private readonly board: LiveBoard, private readonly canChange = false) {
    this.filter.addEventListener("change", () => this.rebuild());
    this.element = h("section", { class: "panel units", "aria-label": "Resource board" },
      h("h3", {}, "Units ", h("span", { class: "count", id: "unit-count" }), " ", this.filter),
      h("div", { class: "scroll" }, h("table", { class: "grid", id: "resource-board" },
        h("thead", {}, h("tr", {}, h("th", {}, "Call sign"), h("th", {}, "Status"), h("th", {}, "Since"),
          h("th", {}, "Type"), h("th", {}, "Capabilities"), h("th", {}, "Area"))),
        this.body)), this.said);
    this.rebuild();
  }

  update(change: BoardChange): void {
    if (change.resources.size === 0) return;
    const shown = new Set(this.rows.keys());
    for (const id of change.resources) {
      const unit = this.board.resources.get(id);
      if (!unit) continue;
      if (!this.wanted(unit) || !shown.has(id)) {
        this.rebuild();
        return;
      }
      this.fill(this.rows.get(id)!, unit);
    }
  }

  private wanted(r: Resource): boolean {
    const f = this.filter.value;
    if (f === "") return r.status !== "off_duty";
    if (f === "committed") return r.incident_id !== null;
    return r.status === f;
  }

  private rebuild(): void {
    const units = [...this.board.resources.values()].filter((r) => this.wanted(r))
      .sort((a, b) => a.call_sign.localeCompare(b.call_sign, "en", { numeric: true }));
    this.rows.clear();
    this.body.replaceChildren(...units.map((u) => {
      const row = h("tr", { "data-id": u.id });
      for (let i = 0; i < 6; ++i) row.append(h("td"));
      if (this.canChange) row.cells[1].append(this.statusPicker(u));
      this.fill(row, u);
      this.rows.set(u.id, row);
      return row;
    }));
    document.getElementById("unit-count")?.replaceChildren(String(units.length));
  }

  private statusPicker(unit: Resource): HTMLSelectElement {
    const picker = h("select", { "aria-label": `Status of ${unit.call_sign}`, class: "unit-status" },
      ...ResourceBoard.statuses.map((s) => h("option", { value: s }, statusLabel(s))));
    picker.value = unit.status;
    picker.addEventListener("change", async () => {
      const wanted = picker.value;
      try {
        await api.setStatus(unit.id, wanted);
        this.said.textContent = `${unit.call_sign}: ${statusLabel(wanted)}.`;
      } catch (error) {
        this.said.textContent = `${unit.call_sign}: ${error instanceof ApiError ? error.message : String(error)}`;
        picker.value = this.board.resources.get(unit.id)?.status ?? unit.status;
      }
      picker.blur();
    });
    return picker;
  }

  private fill(row: HTMLTableRowElement, r: Resource): void {
    row.className = `status-${r.status}`;
    row.cells[0].textContent = r.call_sign;
    const picker = row.cells[1].querySelector("select");
    if (!picker) row.cells[1].textContent = statusLabel(r.status);
    else if (document.activeElement !== picker) picker.value = r.status;
    row.cells[2].textContent = timeOfDay(r.status_at);
    row.cells[3].textContent = r.type;
    row.cells[4].textContent = r.capabilities.join(", ");
    row.cells[5].textContent = r.home_area;
  }
}
