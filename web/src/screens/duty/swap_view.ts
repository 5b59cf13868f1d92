// Shift swaps on the Duty screen: an officer opens the colleagues' tours one of theirs could be
// exchanged for and asks for one; a supervisor sees the swaps waiting, each tour described, and
// approves (the tours change hands if the rules allow) or refuses.
import { api } from "../../api/client";
import type { DutyPerson, SwapRequest, Tour } from "../../api/duty_types";
import { fill, h } from "../../dom";
import { hhmm, words } from "./duty_format";

type Run = (work: () => Promise<void>) => Promise<void>;

export function tourLine(t: Tour): string {
  return `${t.start.slice(0, 10)} ${words(t.kind)} ${hhmm(t.start)}–${hhmm(t.end)}${t.unit ? ` on ${t.unit}` : ""}`;
}

// "Swap…" beside one of your tours: the options, each with "Ask to swap".
export function swapOffer(mine: Tour, run: Run): HTMLElement {
  const box = h("div", { class: "swap-options" });
  const open = h("button", { type: "button", class: "secondary", "data-swap": mine.id }, "Swap…");
  open.onclick = () => void run(async () => {
    const options = (await api.swapOptions(mine.id)).items;
    const note = h("input", { "aria-label": "Note for the supervisor", placeholder: "why (for the supervisor)", size: "28" });
    fill(box, ...(options.length
      ? [note, h("ul", {}, ...options.map((o) => {
        const item = h("li", {}, `${o.person.name} (${o.person.number}): ${tourLine(o.tour)} `);
        const ask = h("button", { type: "button" }, "Ask to swap");
        ask.onclick = () => void run(async () => {
          const asked = await api.requestSwap(mine.id, o.tour.id, note.value);
          fill(box, h("p", { class: "muted", role: "status" }, `Swap with ${o.person.name} asked — ${asked.status}.`));
        });
        item.append(ask);
        return item;
      }))]
      : [h("p", { class: "muted" }, "No colleague in your area has a tour within a week of this one.")]));
  });
  return h("span", {}, open, box);
}

// The swaps waiting for a decision, described from the roster the supervisor sees.
export function swapRequests(waiting: SwapRequest[], tours: Tour[], people: DutyPerson[], run: Run): HTMLElement {
  const tourOf = new Map(tours.map((t) => [t.id, t]));
  const nameOf = new Map(people.map((p) => [p.id, `${p.name} (${p.number})`]));
  const describe = (id: string) => {
    const t = tourOf.get(id);
    return t ? `${nameOf.get(t.person_id) ?? t.person_id}'s ${tourLine(t)}` : `tour ${id}`;
  };
  const list = h("ul", { id: "swap-requests" });
  const row = (r: SwapRequest) => {
    const item = h("li", {}, `${describe(r.tour_id)} for ${describe(r.other_tour_id)}${r.note ? ` (${r.note})` : ""} `);
    const decide = (approve: boolean) => void run(async () => {
      const decided = await api.decideSwap(r.id, approve);
      fill(item, `${describe(r.tour_id)} for ${describe(r.other_tour_id)} — ${decided.status}`);
    });
    item.append(h("button", { type: "button", onclick: () => decide(true) }, "Approve"), " ",
      h("button", { type: "button", class: "secondary", onclick: () => decide(false) }, "Refuse"));
    return item;
  };
  fill(list, ...(waiting.length ? waiting.map(row) : [h("li", { class: "muted" }, "No swaps waiting.")]));
  return list;
}
