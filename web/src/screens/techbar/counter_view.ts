// The engineers' counter at a site (#/techbar/counter?site=<id>): the queue with each person's
// wait, calling the next person, and for each person at the counter their ticket, pre-filled
// from the check-in: diagnosis, actions, parts and level; a device lent or swapped from the
// site's loan stock; an escalation with the other side's reference; and the resolution. The
// day's appointments and the loan stock, with who holds what, are listed below.
import { api } from "../../api/client";
import type { Asset, CounterVisit, TechbarSite, TechbarTicket } from "../../api/techbar_types";
import { fill, h } from "../../dom";
import type { Run } from "../../screen";
import { deviceNames, minutes, when } from "./words";

function labelled(label: string, input: HTMLElement): HTMLElement {
  return h("label", { class: "counter-field" }, label, input);
}

// Registering a device in the site's loan stock (techbar.manage): its type, serial and model.
function stockForm(run: Run, siteId: string, refresh: () => Promise<void>): HTMLElement {
  const device = h("select", { id: "stock-device", "aria-label": "Device" },
    ...Object.entries(deviceNames).map(([value, label]) => h("option", { value }, label)));
  const serial = h("input", { id: "stock-serial", placeholder: "serial number", maxlength: "60", "aria-label": "Serial number" });
  const model = h("input", { id: "stock-model", placeholder: "model", maxlength: "100", "aria-label": "Model" });
  const form = h("form", { id: "stock-form", class: "counter-row" }, device, serial, model,
    h("button", { type: "submit", class: "secondary" }, "Add to stock"));
  form.onsubmit = (e) => {
    e.preventDefault();
    void run(async () => {
      await api.addAsset({ location_id: siteId, device_type: device.value, serial: serial.value.trim(), model: model.value.trim() });
      form.reset();
      await refresh();
    });
  };
  return form;
}

export function counterView(body: HTMLElement, run: Run, sites: TechbarSite[], siteId: string,
                            canManage: boolean): () => void {
  const site = sites.find((s) => s.id === siteId) ?? sites[0];
  const siteSelect = h("select", { id: "counter-site", "aria-label": "Tech Bar" },
    ...sites.map((s) => h("option", { value: s.id, selected: s.id === site.id }, s.name)));
  siteSelect.onchange = () => { location.hash = `#/techbar/counter?site=${siteSelect.value}`; };
  const queue = h("div", { id: "counter-queue" });
  const serving = h("div", { id: "counter-serving" });
  const stock = h("div", { id: "counter-stock" });
  const booked = h("div", { id: "counter-bookings" });
  const note = h("p", { id: "counter-note", role: "status" });
  let timer = 0;
  let assets: Asset[] = [];

  const ticketPanel = (visit: CounterVisit, t: TechbarTicket): HTMLElement => {
    const diagnosis = h("input", { id: `diagnosis-${t.id}`, value: t.diagnosis, maxlength: "4000" });
    const actions = h("input", { id: `actions-${t.id}`, value: t.actions, maxlength: "4000" });
    const parts = h("input", { id: `parts-${t.id}`, value: t.parts, maxlength: "1000" });
    const level = h("select", { id: `level-${t.id}` },
      ...[1, 2, 3].map((l) => h("option", { value: String(l), selected: l === t.level }, `Level ${l}`)));
    const save = () => api.workTicket(t.id, { diagnosis: diagnosis.value, actions: actions.value, parts: parts.value,
                                             level: Number(level.value) });
    const inStock = assets.filter((a) => a.state === "in_stock");
    const loan = h("select", { id: `loan-${t.id}`, "aria-label": "Device from stock" },
      ...inStock.map((a) => h("option", { value: a.id, selected: a.device_type === t.device_type },
        `${deviceNames[a.device_type] ?? a.device_type} ${a.serial}${a.model ? ` (${a.model})` : ""}`)));
    const lend = (swap: boolean) => void run(async () => {
      const lent = await api.lendAsset(loan.value, { staff_number: t.staff_number, ticket_id: t.id, swap });
      note.textContent = `${swap ? "Swapped" : "Lent"} ${lent.serial} to ${lent.holder?.name ?? t.person_name}.`;
      await refresh();
    });
    const escalateTo = h("select", { id: `escalate-to-${t.id}`, "aria-label": "Escalate to" },
      h("option", { value: "service_desk" }, "Service desk"), h("option", { value: "third_party" }, "Third party"));
    const reference = h("input", { id: `escalate-ref-${t.id}`, placeholder: "their reference", maxlength: "100" });
    const resolution = h("input", { id: `resolution-${t.id}`, maxlength: "4000" });
    const firstTime = h("input", { type: "checkbox", id: `first-time-${t.id}`, checked: t.state === "open" });
    return h("div", { class: "ticket-panel", id: `ticket-${t.id}` },
      h("p", {}, h("strong", {}, t.person_name), ` (${t.staff_number}) · ${deviceNames[t.device_type] ?? t.device_type}: `,
        t.symptom, ` · ticket ${t.state}`,
        t.escalation_reference ? ` · with ${t.escalated_to?.replace("_", " ")} as ${t.escalation_reference}` : ""),
      h("div", { class: "counter-row" }, labelled("Diagnosis", diagnosis), labelled("Actions", actions),
        labelled("Parts", parts), labelled("Level", level),
        h("button", { type: "button", class: "secondary", id: `save-${t.id}`, onclick: () => void run(async () => {
          await save();
          note.textContent = "Ticket saved.";
        }) }, "Save")),
      h("div", { class: "counter-row" },
        inStock.length ? loan : h("span", { class: "muted" }, "Nothing in stock to lend."),
        h("button", { type: "button", class: "secondary", id: `lend-${t.id}`, disabled: !inStock.length,
                      onclick: () => lend(false) }, "Lend"),
        h("button", { type: "button", class: "secondary", id: `swap-${t.id}`, disabled: !inStock.length,
                      onclick: () => lend(true) }, "Swap for good")),
      h("div", { class: "counter-row" }, escalateTo, reference,
        h("button", { type: "button", class: "secondary", id: `escalate-${t.id}`, onclick: () => void run(async () => {
          await save();
          await api.escalateTicket(t.id, escalateTo.value, reference.value.trim());
          note.textContent = `Escalated to the ${escalateTo.value.replace("_", " ")}.`;
          await refresh();
        }) }, "Escalate")),
      h("div", { class: "counter-row" }, labelled("Resolution", resolution),
        h("label", { for: firstTime.id }, firstTime, " fixed first time"),
        h("button", { type: "button", id: `resolve-${t.id}`, onclick: () => void run(async () => {
          await save();
          await api.resolveTicket(t.id, resolution.value.trim(), firstTime.checked);
          note.textContent = `Resolved: ${visit.person_name} has been offered the survey.`;
          await refresh();
        }) }, "Resolve")));
  };

  const servingRow = async (v: CounterVisit): Promise<HTMLElement> => {
    if (v.ticket_id) return ticketPanel(v, await api.ticket(v.ticket_id));
    return h("div", { class: "ticket-panel" },
      h("p", {}, h("strong", {}, v.person_name), ` (${v.staff_number}) · ${deviceNames[v.device_type] ?? v.device_type}: `,
        v.symptom, ` · called ${when(v.called_at)}`),
      h("button", { type: "button", id: `open-ticket-${v.id}`, onclick: () => void run(async () => {
        await api.openTicket(v.id);
        await refresh();
      }) }, "Open ticket"), " ",
      h("button", { type: "button", class: "secondary", onclick: () => void run(async () => {
        await api.finishVisit(v.id, false);
        await refresh();
      }) }, "Left without help"));
  };

  const refresh = async () => {
    clearTimeout(timer);
    const today = new Date().toISOString().slice(0, 10);
    const [line, stockList, bookings] = await Promise.all([
      api.counterQueue(site.id), api.loanStock(site.id), api.bookingsOfDay(site.id, today)]);
    assets = stockList.items;
    fill(queue, h("table", { class: "duty-table", id: "queue-table" },
      h("thead", {}, h("tr", {}, ...["#", "Name", "Number", "Device", "Problem", "Checked in", "Expected wait"]
        .map((c) => h("th", {}, c)))),
      h("tbody", {}, ...(line.items.length ? line.items.map((v) => h("tr", {},
        h("td", {}, String(v.position)), h("td", {}, v.booked ? `${v.person_name} (appointment)` : v.person_name), h("td", {}, v.staff_number),
        h("td", {}, deviceNames[v.device_type] ?? v.device_type), h("td", {}, v.symptom),
        h("td", {}, when(v.checked_in_at)), h("td", {}, minutes(v.estimated_wait_seconds))))
        : [h("tr", {}, h("td", { colspan: "7", class: "muted" }, "Nobody is waiting."))]))));
    fill(booked, h("table", { class: "duty-table", id: "bookings-table" },
      h("thead", {}, h("tr", {}, ...["Time", "Name", "Number", "Device", "Problem", "State"].map((c) => h("th", {}, c)))),
      h("tbody", {}, ...(bookings.items.length ? bookings.items.map((b) => h("tr", {},
        h("td", {}, new Date(b.starts_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })),
        h("td", {}, b.person_name ?? ""), h("td", {}, b.staff_number ?? ""),
        h("td", {}, deviceNames[b.device_type] ?? b.device_type), h("td", {}, b.symptom), h("td", {}, b.state)))
        : [h("tr", {}, h("td", { colspan: "6", class: "muted" }, "No appointments today."))]))));
    fill(serving, ...(line.at_counter.length ? await Promise.all(line.at_counter.map(servingRow))
      : [h("p", { class: "muted" }, "Nobody is at the counter.")]));
    fill(stock, h("table", { class: "duty-table", id: "stock-table" },
      h("thead", {}, h("tr", {}, ...["Device", "Serial", "Model", "State", "Held by", "Due back", ""].map((c) => h("th", {}, c)))),
      h("tbody", {}, ...assets.map((a) => h("tr", {},
        h("td", {}, deviceNames[a.device_type] ?? a.device_type), h("td", {}, a.serial), h("td", {}, a.model),
        h("td", {}, a.state === "on_loan" ? (a.swap ? "swapped" : "on loan") : "in stock"),
        h("td", {}, a.holder ? `${a.holder.name} (${a.holder.staff_number})` : ""),
        h("td", {}, a.due_back ? when(a.due_back) : ""),
        h("td", {}, a.state === "on_loan" ? h("button", { type: "button", class: "secondary", onclick: () => void run(async () => {
          await api.returnAsset(a.id);
          await refresh();
        }) }, "Returned") : ""))))));
    timer = window.setTimeout(() => void run(refresh), 10000);
  };

  const engineers = h("input", { type: "number", min: "0", max: "50", id: "counter-engineers",
                                 value: String(site.engineers), "aria-label": "Engineers on shift" });
  const shift = canManage ? h("form", { id: "shift-form", class: "counter-row" },
    h("label", { for: "counter-engineers" }, "Engineers on shift ", engineers),
    h("button", { type: "submit", class: "secondary" }, "Set")) : null;
  if (shift) shift.onsubmit = (e) => {
    e.preventDefault();
    void run(async () => {
      const changed = await api.changeSite({ ...site, engineers: Number(engineers.value) });
      site.engineers = changed.engineers;
      note.textContent = `${changed.engineers} engineers on shift: the waits are worked out again.`;
      await refresh();
    });
  };
  fill(body,
    h("div", { class: "records-bar" }, siteSelect, shift,
      h("button", { type: "button", id: "call-next", onclick: () => void run(async () => {
        const called = await api.callNext(site.id);
        note.textContent = `Called ${called.person_name} to the counter.`;
        await refresh();
      }) }, "Call next")),
    note, h("h3", {}, "Waiting"), queue, h("h3", {}, "At the counter"), serving,
    h("h3", {}, "Appointments today"), booked, h("h3", {}, "Loan stock"), stock,
    canManage ? stockForm(run, site.id, refresh) : null);
  void run(refresh);
  return () => clearTimeout(timer);
}
