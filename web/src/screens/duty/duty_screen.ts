// Duty: your own roster for the next fortnight, asking for leave and for swaps (everyone); who
// is on duty now with the skills that count and cover by hour against minimum staffing
// (duty.read); leave and swaps waiting for a decision (duty.approve, swap_view.ts); people and
// their skills (people_view.ts); shift patterns and rosters built from them (pattern_view.ts)
// and the roster optimiser's plans (duty.plan, plan_view.ts). Tabs are in the address:
// #/duty/mine, /now, /cover, /requests, /people, /patterns, /plan.
import { api, ApiError } from "../../api/client";
import type { Abstraction, DutyPerson } from "../../api/duty_types";
import type { User } from "../../api/types";
import { fill, h, labelledInput as field } from "../../dom";
import type { Screen } from "../../screen";
import { day, hhmm, iso, todayStart, words } from "./duty_format";
import { patternView } from "./pattern_view";
import { peopleView } from "./people_view";
import { planView } from "./plan_view";
import { swapOffer, swapRequests, tourLine } from "./swap_view";

type Tab = "mine" | "now" | "cover" | "requests" | "people" | "patterns" | "plan";

function abstractionLine(a: Abstraction): string {
  const last = new Date(Date.parse(a.end) - 1).toISOString().slice(0, 10);
  return `${words(a.kind)} ${a.start.slice(0, 10)} to ${last} — ${a.status}${a.note ? ` (${a.note})` : ""}`;
}

export function dutyScreen(user: User): Screen {
  const can = (permission: string) => user.permissions.includes(permission);
  const tabs: [Tab, string, boolean][] = [
    ["mine", "My roster", true], ["now", "On duty", can("duty.read")],
    ["cover", "Cover", can("duty.read")], ["requests", "Requests", can("duty.approve")], ["people", "People", can("duty.read")],
    ["patterns", "Patterns", can("duty.plan")],
    ["plan", "Plan", can("duty.plan")]];
  const tabBar = h("div", { class: "tabs", role: "tablist", "aria-label": "Duty" },
    ...tabs.filter(([, , allowed]) => allowed).map(([id, name]) =>
      h("a", { href: `#/duty/${id}`, role: "tab", "data-tab": id }, name)));
  const message = h("p", { class: "form-error", role: "alert", id: "duty-error" });
  const body = h("div", { class: "duty-body", id: "duty-body" });
  const element = h("section", { class: "page wide", "aria-labelledby": "duty-title" },
    h("div", { class: "records-bar" }, h("h2", { id: "duty-title" }, "Duty"), tabBar), message, body);

  const failed = (error: unknown) => {
    message.textContent = error instanceof ApiError ? error.message : String(error);
  };
  const run = async (work: () => Promise<void>) => {
    message.textContent = "";
    try {
      await work();
    } catch (error) {
      failed(error);
    }
  };

  const mine = () => run(async () => {
    const roster = await api.myRoster(iso(todayStart()), iso(todayStart() + 14 * day));
    const tours = h("ul", { id: "my-tours" }, ...(roster.tours.length
      ? roster.tours.map((t) => h("li", {}, tourLine(t), " ", Date.parse(t.start) > Date.now() ? swapOffer(t, run) : ""))
      : [h("li", { class: "muted" }, "No tours in the next fortnight.")]));
    const away = h("ul", { id: "my-abstractions" }, ...roster.abstractions.map((a) => h("li", {}, abstractionLine(a))));
    const kind = h("select", { id: "leave-kind", "aria-label": "Kind" },
      ...["annual_leave", "compassionate", "other"].map((k) => h("option", { value: k }, words(k))));
    const [fromLabel, from] = field("leave-from", "From ", { type: "date", required: "true" });
    const [toLabel, to] = field("leave-to", "To ", { type: "date", required: "true" });
    const [noteLabel, note] = field("leave-note", "Note ", { size: "30" });
    const done = h("p", { id: "leave-done", class: "muted", role: "status" });
    const form = h("form", { id: "leave-form", class: "records-search" },
      kind, fromLabel, toLabel, noteLabel, h("button", { type: "submit" }, "Ask for leave"));
    form.onsubmit = (e) => {
      e.preventDefault();
      void run(async () => {
        const end = iso(Date.parse(`${to.value}T00:00:00Z`) + day);
        const asked = await api.requestAbstraction({ kind: kind.value, start: `${from.value}T00:00:00Z`, end, note: note.value });
        done.textContent = `Asked: ${abstractionLine(asked)}`;
        away.append(h("li", {}, abstractionLine(asked)));
      });
    };
    const person = roster.people[0];
    fill(body,
      person ? h("p", {}, `${person.name} · ${person.number} · ${words(person.rank)} · ${person.team} · ${person.area}`) : null,
      h("h3", {}, "Tours, next 14 days"), tours,
      h("h3", {}, "Leave and other time away"), away, form, done);
  });

  const areaForm = (id: string, required: boolean, then: (area: string) => void) => {
    const [label, area] = field(`${id}-area`, "Area ", { placeholder: required ? "BCU (required)" : "all areas", ...(required ? { required: "true" } : {}) });
    const form = h("form", { class: "records-search", id: `${id}-form` }, label, h("button", { type: "submit" }, "Show"));
    form.onsubmit = (e) => {
      e.preventDefault();
      then(area.value.trim());
    };
    return form;
  };

  const now = () => {
    const table = h("tbody", { id: "on-duty" });
    const show = (area: string) => void run(async () => {
      const on = (await api.onDuty(area)).items;
      fill(table, ...(on.length ? on.map((o) => h("tr", {},
        h("td", {}, o.number), h("td", {}, o.name), h("td", {}, words(o.rank)), h("td", {}, o.area),
        h("td", {}, o.skills.map(words).join(", ") || "—"), h("td", {}, o.tour.unit ?? "—"),
        h("td", {}, `${hhmm(o.tour.start)}–${hhmm(o.tour.end)}`)))
        : [h("tr", {}, h("td", { colspan: "7", class: "muted" }, "Nobody is on duty."))]));
    });
    fill(body, areaForm("now", false, show),
      h("table", { class: "duty-table" },
        h("thead", {}, h("tr", {}, ...["Number", "Name", "Rank", "Area", "Valid skills", "Unit", "Tour"].map((c) => h("th", {}, c)))),
        table));
    show("");
  };

  const cover = () => {
    const summary = h("p", { id: "cover-summary" });
    const table = h("tbody", { id: "cover-hours" });
    const show = (area: string) => void run(async () => {
      const from = Math.floor(Date.now() / 3_600_000) * 3_600_000;
      const c = await api.cover(area, iso(from), iso(from + day));
      summary.textContent = c.hours_short
        ? `${c.hours_short} of the next 24 hours are short of ${area}'s minimum staffing.`
        : `Every hour of the next 24 meets ${area}'s minimum staffing.`;
      fill(table, ...c.items.map((hour) => h("tr", { class: hour.gaps.length ? "short" : "" },
        h("td", {}, `${hour.hour.slice(5, 10)} ${hhmm(hour.hour)}`), h("td", {}, String(hour.on_duty)),
        h("td", {}, String(hour.by_rank.sergeant ?? 0)),
        h("td", {}, Object.entries(hour.by_skill).map(([s, n]) => `${words(s)} ${n}`).join(", ")),
        h("td", {}, hour.gaps.join("; ") || "—"))));
    });
    fill(body, areaForm("cover", true, show), summary,
      h("table", { class: "duty-table" },
        h("thead", {}, h("tr", {}, ...["Hour (UTC)", "On duty", "Sergeants", "Skills", "Short of"].map((c) => h("th", {}, c)))),
        table));
  };

  const requests = () => run(async () => {
    const roster = await api.roster(iso(todayStart() - day), iso(todayStart() + 91 * day), "");
    const names = new Map<string, DutyPerson>(roster.people.map((p) => [p.id, p]));
    const waiting = roster.abstractions.filter((a) => a.status === "requested");
    const list = h("ul", { id: "requests" });
    const row = (a: Abstraction) => {
      const who = names.get(a.person_id);
      const item = h("li", {}, `${who ? `${who.name} (${who.number})` : a.person_id}: ${abstractionLine(a)} `);
      const decide = (approve: boolean) => void run(async () => {
        const decided = await api.decideAbstraction(a.id, approve);
        fill(item, `${who?.name ?? a.person_id}: ${abstractionLine(decided)}`);
      });
      item.append(h("button", { type: "button", onclick: () => decide(true) }, "Approve"), " ",
        h("button", { type: "button", class: "secondary", onclick: () => decide(false) }, "Refuse"));
      return item;
    };
    fill(list, ...(waiting.length ? waiting.map(row) : [h("li", { class: "muted" }, "No requests waiting.")]));
    const swaps = (await api.waitingSwaps()).items;
    fill(body, h("h3", {}, "Leave waiting for a decision"), list,
      h("h3", {}, "Swaps waiting for a decision"), swapRequests(swaps, roster.tours, roster.people, run));
  });

  const route = (path: string[]) => {
    const allowed = tabs.filter(([, , ok]) => ok).map(([id]) => id);
    const view = (allowed.includes(path[0] as Tab) ? path[0] : "mine") as Tab;
    for (const link of tabBar.querySelectorAll("a"))
      link.setAttribute("aria-selected", String(link.dataset.tab === view));
    message.textContent = "";
    if (view === "now") now();
    else if (view === "cover") cover();
    else if (view === "requests") void requests();
    else if (view === "people") peopleView(body, run, can("duty.plan"));
    else if (view === "patterns") patternView(body, run, (m) => { message.textContent = m; });
    else if (view === "plan") planView(body, run);
    else void mine();
  };
  return { element, route };
}
