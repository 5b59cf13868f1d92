// Alerts that must be acknowledged: the unacknowledged ones first, each with who and when once
// someone has taken it on. "A" acknowledges the oldest waiting one.
import { api } from "../../api/client";
import { timeOfDay } from "../../control/format";
import type { LiveBoard } from "../../control/live_board";
import { fill, h } from "../../dom";

export class AlertsPanel {
  readonly element: HTMLElement;
  private list = h("ul", { class: "alerts", id: "alerts" });

  constructor(private readonly board: LiveBoard, private readonly canAcknowledge: boolean) {
    this.element = h("section", { class: "panel alerts-panel", "aria-label": "Alerts" },
      h("h3", {}, "Alerts ", h("span", { class: "count", id: "alert-count" })), this.list);
    this.render();
  }

  render(): void {
    const waiting = this.board.alerts.filter((a) => !a.acknowledged_at);
    const done = this.board.alerts.filter((a) => a.acknowledged_at).slice(0, 5);
    document.getElementById("alert-count")?.replaceChildren(waiting.length ? `${waiting.length} to acknowledge` : "");
    this.element.classList.toggle("alarm", waiting.length > 0);
    fill(this.list, 
      ...waiting.slice(0, 30).map((a) => h("li", { class: "waiting", "data-id": a.id },
        h("time", {}, timeOfDay(a.raised_at)), " ", a.message, " ",
        this.canAcknowledge
          ? h("button", { type: "button", class: "ack", onclick: () => void this.acknowledge(a.id) }, "Acknowledge")
          : null)),
      ...done.map((a) => h("li", { class: "muted" }, h("time", {}, timeOfDay(a.raised_at)), " ", a.message,
        ` — taken by ${a.acknowledged_by}`)),
      waiting.length + done.length === 0 ? h("li", { class: "muted" }, "No alerts.") : null);
  }

  async acknowledgeOldest(): Promise<void> {
    const waiting = this.board.alerts.filter((a) => !a.acknowledged_at);
    const oldest = waiting[waiting.length - 1];
    if (oldest) await this.acknowledge(oldest.id);
  }

  private async acknowledge(id: string): Promise<void> {
    try {
      await api.acknowledgeAlert(id);
    } catch (error) {
      console.warn("acknowledge:", error);  // 409: someone else took it; the feed will say who
    }
  }
}
