// Checking in at a Tech Bar: on the kiosk at a site (#/techbar/kiosk/<site>, the site fixed,
// ready for the next person once one is done) or on any device (#/techbar/checkin). The
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

export function checkInView(body: HTMLElement, run: Run, sites: TechbarSite[], kioskSite?: string): void {
  const open = sites.filter((s) => s.open_now);
  const kiosk = sites.find((s) => s.id === kioskSite);
  const site = h("select", { id: "checkin-site" },
    ...(open.length ? open : sites).map((s) => h("option", { value: s.id }, `${s.name} (${s.waiting} waiting)`)));
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
  const result = h("div", { id: "checkin-result", role: "status" });
  const form = h("form", { id: "checkin-form", class: "checkin-form" },
    kiosk ? null : field("location_id", "Tech Bar", site),
    field("staff_number", "Warrant or staff number", number),
    field("name", "or your full name", name),
    field("device_type", "Device", device),
    field("symptom", "Problem", h("div", {}, symptom, other)),
    h("button", { type: "submit" }, "Check in"));
  form.onsubmit = (e) => {
    e.preventDefault();
    void run(async () => {
      try {
        const visit = await api.checkIn({
          location_id: kiosk?.id ?? site.value,
          ...(number.value.trim() ? { staff_number: number.value.trim() } : { name: name.value.trim() }),
          device_type: device.value,
          symptom: symptom.value || other.value.trim(),
        });
        showErrors(form, null);
        form.reset();
        showSymptoms();
        fill(result, h("p", { class: "checkin-place" }, visitLine(visit)),
          h("p", {}, "Follow your place and answer the survey afterwards: ",
            h("a", { href: `#/techbar/visit/${visit.id}`, id: "visit-link" }, "your visit")));
      } catch (error) {
        showErrors(form, error);
        throw error;
      }
    });
  };
  if (!open.length && !kiosk)
    fill(body, h("p", { class: "muted" }, "No Tech Bar is open now."),
      h("ul", {}, ...sites.map((s) => h("li", {}, `${s.name}: ${s.hours}`))));
  else
    fill(body, h("h3", {}, kiosk ? `Welcome to the ${kiosk.name} Tech Bar` : "Check in at a Tech Bar"),
      kiosk && !kiosk.open_now ? h("p", { class: "form-error" }, `Closed now: open ${kiosk.hours}.`) : null,
      form, result);
}
