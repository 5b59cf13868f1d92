// Checking in at a Tech Bar: on the kiosk at a site (#/techbar/kiosk/<site>, the site fixed,
// ready for the next person once one is done) or on any device (#/techbar/checkin); or booking
// a slot instead (#/techbar/book), which a check-in near it then arrives for. The
// person gives their warrant or staff number, or their name, picks the device and the problem,
// and is shown their place and wait; their visit's own page (#/techbar/visit/<id>) follows it
// to the counter and, once resolved, offers the survey.
import { api, ApiError } from "../../api/client";
import type { CheckIn, TechbarSite } from "../../api/techbar_types";
import { fill, h } from "../../dom";
import type { Run } from "../../screen";
import { commonSymptoms, deviceNames, minutes } from "./words";

function field(name: string, label: string, input: HTMLElement): HTMLElement {
  return h("div", { class: "field", "data-field": name }, h("label", { for: input.id }, label), input,
    h("span", { class: "field-error" }));
}

function showErrors(form: HTMLElement, error: unknown): void {
  for (const e of form.querySelectorAll(".field-error")) e.textContent = "";
  if (!(error instanceof ApiError)) return;
  for (const e of error.problem.errors ?? []) {
    const holder = form.querySelector(`[data-field="${e.field}"] .field-error`);
    if (holder) holder.textContent = e.reason;
  }
}

// What a visit's page says of it, as it moves on.
export function visitLine(v: CheckIn): string {
  if (v.state === "waiting")
    return `You are number ${v.position} in the queue. Estimated wait: ${minutes(v.estimated_wait_seconds)}.`;
  if (v.state === "at_counter") return "Please go to the counter: an engineer is ready for you.";
  if (v.state === "left") return "Your visit ended without a fix. Check in again whenever you need to.";
  if (v.ticket_state === "escalated") return "Your problem has been passed on; we will keep you informed.";
  return "Your problem is resolved.";
}

export function visitView(body: HTMLElement, run: Run, id: string): () => void {
  const line = h("p", { id: "visit-status", role: "status", class: "visit-status" });
  const survey = h("div", { id: "visit-survey" });
  fill(body, h("h3", {}, "Your visit"), line, survey);
  let timer = 0;
  const look = () => void run(async () => {
    const visit = await api.checkInState(id);
    line.textContent = visitLine(visit);
    const token = visit.survey_link?.split("/").pop();
    if (token)
      fill(survey, h("a", { href: `#/techbar/survey/${token}`, id: "survey-link" }, "Tell us how we did (1 minute)"));
    if (visit.state === "waiting" || visit.state === "at_counter" || visit.ticket_state === "open")
      timer = window.setTimeout(look, 3000);
  });
  look();
  return () => clearTimeout(timer);
}

// Who and what: the person's number or name, the device and the problem picked from its common
// symptoms (or written), as both checking in and booking ask.
export function personAndProblem() {
  const number = h("input", { id: "checkin-number", autocomplete: "off", placeholder: "MP4521" });
  const name = h("input", { id: "checkin-name", autocomplete: "off" });
  const device = h("select", { id: "checkin-device" },
    ...Object.entries(deviceNames).map(([value, label]) => h("option", { value }, label)));
  const symptom = h("select", { id: "checkin-symptom" });
  const other = h("input", { id: "checkin-other", maxlength: "500", hidden: true, "aria-label": "What is wrong" });
  const showSymptoms = () => {
    fill(symptom, ...(commonSymptoms[device.value] ?? []).map((s) => h("option", { value: s }, s)),
      h("option", { value: "" }, "Something else…"));
    other.hidden = symptom.value !== "";
  };
  device.onchange = showSymptoms;
  symptom.onchange = () => { other.hidden = symptom.value !== ""; };
  showSymptoms();
  return {
    fields: [field("staff_number", "Warrant or staff number", number), field("name", "or your full name", name),
             field("device_type", "Device", device), field("symptom", "Problem", h("div", {}, symptom, other))],
    values: () => ({
      ...(number.value.trim() ? { staff_number: number.value.trim() } : { name: name.value.trim() }),
      device_type: device.value,
      symptom: symptom.value || other.value.trim(),
    }),
    reset: showSymptoms,
  };
}

export function checkInView(body: HTMLElement, run: Run, sites: TechbarSite[], kioskSite?: string): void {
  const open = sites.filter((s) => s.open_now);
  const kiosk = sites.find((s) => s.id === kioskSite);
  const site = h("select", { id: "checkin-site" },
    ...(open.length ? open : sites).map((s) => h("option", { value: s.id }, `${s.name} (${s.waiting} waiting)`)));
  const who = personAndProblem();
  const result = h("div", { id: "checkin-result", role: "status" });
  const form = h("form", { id: "checkin-form", class: "checkin-form" },
    kiosk ? null : field("location_id", "Tech Bar", site), ...who.fields,
    h("button", { type: "submit" }, "Check in"));
  form.onsubmit = (e) => {
    e.preventDefault();
    void run(async () => {
      try {
        const visit = await api.checkIn({ location_id: kiosk?.id ?? site.value, ...who.values() });
        showErrors(form, null);
        form.reset();
        who.reset();
        fill(result, h("p", { class: "checkin-place" }, visitLine(visit)),
          visit.booked ? h("p", {}, "Welcome: you have an appointment, so you are called first.") : null,
          h("p", {}, "Follow your place and answer the survey afterwards: ",
            h("a", { href: `#/techbar/visit/${visit.id}`, id: "visit-link" }, "your visit")));
      } catch (error) {
        showErrors(form, error);
        throw error;
      }
    });
  };
  if (!open.length && !kiosk)
    fill(body, h("p", { class: "muted" }, "No Tech Bar is open now: book an appointment instead."),
      h("ul", {}, ...sites.map((s) => h("li", {}, `${s.name}: ${s.hours}`))));
  else
    fill(body, h("h3", {}, kiosk ? `Welcome to the ${kiosk.name} Tech Bar` : "Check in at a Tech Bar"),
      kiosk && !kiosk.open_now ? h("p", { class: "form-error" }, `Closed now: open ${kiosk.hours}.`) : null,
      kiosk ? h("p", { class: "muted" }, "Booked an appointment? Check in here as everyone does.") : null,
      form, result);
}

// Booking a slot (#/techbar/book): a site and a day, its free half hours, who and what.
export function bookingView(body: HTMLElement, run: Run, sites: TechbarSite[]): void {
  const site = h("select", { id: "book-site" }, ...sites.map((s) => h("option", { value: s.id }, `${s.name} (${s.hours})`)));
  const day = h("input", { type: "date", id: "book-day", value: new Date().toISOString().slice(0, 10) });
  const slots = h("div", { id: "book-slots", class: "slots", role: "radiogroup", "aria-label": "Free times" });
  const who = personAndProblem();
  const result = h("div", { id: "book-result", role: "status" });
  const showSlots = () => void run(async () => {
    const now = Date.now();
    const free = (await api.slots(site.value, day.value)).items.filter((s) => s.free && Date.parse(s.starts_at) > now);
    fill(slots, ...(free.length ? free.map((s, i) => h("label", { class: "slot" },
      h("input", { type: "radio", name: "slot", value: s.starts_at, id: `slot-${i}` }),
      ` ${new Date(s.starts_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`))
      : [h("p", { class: "muted" }, "No free times that day.")]));
  });
  site.onchange = showSlots;
  day.onchange = showSlots;
  const form = h("form", { id: "book-form", class: "checkin-form" },
    field("location_id", "Tech Bar", site), field("day", "Day", day), field("starts_at", "Time", slots), ...who.fields,
    h("button", { type: "submit" }, "Book"));
  form.onsubmit = (e) => {
    e.preventDefault();
    const picked = form.querySelector<HTMLInputElement>("input[name=slot]:checked");
    void run(async () => {
      try {
        const booking = await api.book({ location_id: site.value, starts_at: picked?.value ?? "", ...who.values() });
        showErrors(form, null);
        const name = sites.find((s) => s.id === booking.location_id)?.name ?? "";
        fill(result, h("p", { class: "checkin-place", id: "book-done" },
          `Booked: ${new Date(booking.starts_at).toLocaleString()} at ${name}.`),
          h("p", {}, "Check in at the kiosk when you arrive, from half an hour before. ",
            h("button", { type: "button", class: "secondary", id: "book-cancel", onclick: () => void run(async () => {
              await api.cancelBooking(booking.id);
              fill(result, h("p", {}, "Your booking is cancelled."));
              showSlots();
            }) }, "Cancel this booking")));
        showSlots();
      } catch (error) {
        showErrors(form, error);
        throw error;
      }
    });
  };
  fill(body, h("h3", {}, "Book an appointment"), form, result);
  showSlots();
}
