// The planner's view of the roster optimiser (duty.plan): ask for a plan of an area and period,
// see it as a grid of people by day — what stands, what the plan adds and what it cancels —
// with the hours each works before and after and the gaps nobody could fill, then apply it
// with a reason. Nothing changes until the planner applies.
import { api } from "../../api/client";
import type { NewTour, RosterPlan, Tour } from "../../api/duty_types";
import { fill, h, labelledInput as field } from "../../dom";
import { day, iso, todayStart, words } from "./duty_format";

const letter: Record<string, string> = { early: "E", late: "L", night: "N", day: "D", rest_day_working: "R" };
const dayOf = (time: string) => time.slice(0, 10);

function grid(plan: RosterPlan, standing: Tour[], days: string[]): HTMLTableElement {
  const cancelled = new Set(plan.cancel.map((t) => t.id));
  const cells = new Map<string, HTMLElement>();  // person|day -> cell
  const key = (person: string, on: string) => `${person}|${on}`;
  const rows = plan.people.map((p) => h("tr", {},
    h("th", { scope: "row" }, p.name),
    ...days.map((d) => {
      const cell = h("td", {});
      cells.set(key(p.person_id, d), cell);
      return cell;
    }),
    h("td", {}, `${p.hours_before} → ${p.hours_after}${p.away_days ? ` (${p.away_days} days away)` : ""}`)));
  const mark = (t: Tour | NewTour, state: "kept" | "added" | "cancelled") => {
    const cell = cells.get(key(t.person_id, dayOf(t.start)));
    if (!cell) return;
    cell.append(h("span", { class: `plan-${state}`, title: `${words(t.kind)} ${state}` }, letter[t.kind] ?? "?"));
  };
  for (const t of standing) mark(t, cancelled.has(t.id) ? "cancelled" : "kept");
  for (const t of plan.add) mark(t, "added");
  return h("table", { class: "duty-table plan-grid", id: "plan-grid" },
    h("thead", {}, h("tr", {}, h("th", {}, "Person"), ...days.map((d) => h("th", {}, d.slice(5))), h("th", {}, "Hours"))),
    h("tbody", {}, ...rows));
}

export function planView(body: HTMLElement, run: (work: () => Promise<void>) => Promise<void>): void {
  const [areaLabel, area] = field("plan-area", "Area ", { required: "true", placeholder: "BCU" });
  const [fromLabel, from] = field("plan-from", "From ", { type: "date", required: "true" });
  const [toLabel, to] = field("plan-to", "To ", { type: "date", required: "true" });
  const [secondsLabel, seconds] = field("plan-seconds", "Seconds ", { type: "number", min: "1", max: "60", value: "10" });
  from.value = iso(todayStart() + 28 * day).slice(0, 10);
  to.value = iso(todayStart() + 41 * day).slice(0, 10);
  const form = h("form", { class: "records-search", id: "plan-form" },
    areaLabel, fromLabel, toLabel, secondsLabel, h("button", { type: "submit" }, "Propose"));
  const result = h("div", { id: "plan-result" });
  form.onsubmit = (e) => {
    e.preventDefault();
    fill(result, h("p", { class: "muted", role: "status" }, "Planning…"));
    void run(async () => {
      const wanted = { area: area.value.trim(), from: from.value, to: to.value, seconds: Number(seconds.value) };
      const plan = await api.proposePlan(wanted);
      const first = Date.parse(`${wanted.from}T00:00:00Z`), last = Date.parse(`${wanted.to}T00:00:00Z`);
      const standing = await api.roster(iso(first), iso(last + day), wanted.area);
      const days: string[] = [];
      for (let d = first; d <= last; d += day) days.push(iso(d).slice(0, 10));
      const gaps = h("ul", { id: "plan-gaps" }, ...plan.gaps.map((g) =>
        h("li", {}, `${g.day} ${g.kind}: ${words(g.need)} ${g.have} of ${g.wanted}`)));
      const [reasonLabel, reason] = field("plan-reason", "Reason ", { required: "true", size: "40" });
      const applied = h("div", { id: "plan-applied", role: "status" });
      const apply = h("form", { class: "records-search", id: "plan-apply" }, reasonLabel,
        h("button", { type: "submit" }, "Apply plan"));
      apply.onsubmit = (ev) => {
        ev.preventDefault();
        void run(async () => {
          const done = await api.applyPlan({ add: plan.add, cancel: plan.cancel.map((t) => t.id), reason: reason.value });
          fill(applied,
            h("p", {}, `Rostered ${done.rostered.length} tours, cancelled ${done.cancelled.length}; ${done.refused.length} refused by the rules.`),
            h("ul", {}, ...done.refused.map((r) => h("li", {}, `${r.person_id} ${r.start}: ${r.reason}`))));
          apply.remove();
        });
      };
      fill(result,
        h("p", { id: "plan-summary" },
          `${plan.add.length} tours to add, ${plan.cancel.length} to cancel, ${plan.kept} kept. `,
          plan.gaps.length ? `${plan.gaps.length} shifts still short:` : "Every minimum is met."),
        gaps, grid(plan, standing.tours, days),
        h("p", { class: "muted" }, "E early, L late, N night; highlighted: added by the plan; struck through: cancelled."),
        plan.add.length + plan.cancel.length ? apply : h("p", {}, "Nothing to change."), applied);
    });
  };
  fill(body, h("h3", {}, "Plan a roster"), form, result);
}
