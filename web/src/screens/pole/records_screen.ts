// Records: search people (by name, sounds-alike, with a partial date of birth or an age range),
// vehicles (by partial VRM) and events (by words, type and time), each result saying why it
// matched and showing its warning markers; a result opens the record (#/pole/person/ID,
// #/pole/event/ID). Every read states the purpose typed at the top, which the access log keeps.
import { api, ApiError, purposeStore } from "../../api/client";
import type { User } from "../../api/types";
import { fill, h, labelledInput as field } from "../../dom";
import type { Screen } from "../../screen";
import { eventView, markerBadges, personView } from "./record_view";

type Tab = "people" | "vehicles" | "events";
const tabs: [Tab, string][] = [["people", "People"], ["vehicles", "Vehicles"], ["events", "Events"]];

export function recordsScreen(user: User): Screen {
  const [purposeLabel, purpose] = field("purpose", "Purpose ", { placeholder: "why you are looking (logged)", size: "32" });
  purpose.value = purposeStore.get();
  purpose.addEventListener("input", () => purposeStore.set(purpose.value.trim()));
  const tabBar = h("div", { class: "tabs", role: "tablist", "aria-label": "Search" },
    ...tabs.map(([id, name]) => h("a", { href: `#/pole/${id}`, role: "tab", "data-tab": id }, name)));
  const form = h("form", { class: "records-search", id: "records-search" });
  const message = h("p", { class: "form-error", role: "alert", id: "records-error" });
  const results = h("ol", { class: "results", id: "results" });
  const body = h("div", { class: "records-body" }, form, message, results);
  const element = h("section", { class: "records", "aria-labelledby": "records-title" },
    h("div", { class: "records-bar" }, h("h2", { id: "records-title" }, "Records"), purposeLabel, tabBar), body);

  const failed = (error: unknown) => {
    message.textContent = error instanceof ApiError
      ? (error.reasonFor("purpose") ? "State your purpose at the top first: it is logged with what you open." : error.message)
      : String(error);
  };
  const run = async (search: () => Promise<HTMLElement[]>) => {
    message.textContent = "";
    try {
      const items = await search();
      fill(results, ...(items.length ? items : [h("li", { class: "muted" }, "Nothing found.")]));
    } catch (error) {
      failed(error);
    }
  };
  const why = (reasons: string[]) => h("ul", { class: "reasons" }, ...reasons.map((r) => h("li", {}, r)));

  const peopleForm = () => {
    const [name, q] = field("q", "Name ", { required: "true", placeholder: "any order, as heard" });
    const [dobLabel, dob] = field("dob", "Born ", { placeholder: "YYYY[-MM[-DD]]", size: "10" });
    const [minLabel, min] = field("min-age", "Age from ", { size: "3", inputmode: "numeric" });
    const [maxLabel, max] = field("max-age", " to ", { size: "3", inputmode: "numeric" });
    fill(form, name, dobLabel, minLabel, maxLabel, h("button", { type: "submit" }, "Search"));
    form.onsubmit = (e) => {
      e.preventDefault();
      void run(async () => (await api.searchPersons(q.value, dob.value, min.value, max.value)).items.map((p) =>
        h("li", { class: "result" },
          h("a", { href: `#/pole/person/${p.id}`, class: "result-name" },
            `${p.surname.toUpperCase()}, ${p.forenames.join(" ")}`),
          " ", h("span", { class: "muted" }, p.date_of_birth ? `born ${p.date_of_birth}` : "date of birth not recorded"),
          " ", markerBadges(p.markers), " ", h("span", { class: "score" }, `${Math.round(p.score * 100)}%`),
          why(p.why))));
    };
    q.focus();
  };
  const vehiclesForm = () => {
    const [label, vrm] = field("vrm", "VRM ", { required: "true", placeholder: "AB12 or AB1?CDE", size: "10" });
    fill(form, label, h("button", { type: "submit" }, "Search"));
    form.onsubmit = (e) => {
      e.preventDefault();
      void run(async () => (await api.searchVehicles(vrm.value)).items.map((o) =>
        h("li", { class: "result" }, h("strong", { class: "vrm" }, o.vrm ?? ""), " ",
          [o.colour, o.make, o.model].filter(Boolean).join(" "), why(o.why))));
    };
    vrm.focus();
  };
  const eventsForm = () => {
    const [textLabel, text] = field("text", "Words ", { placeholder: "in narrative, MO, place" });
    const type = h("select", { id: "event-type", "aria-label": "Type" },
      ...["", "crime", "incident", "stop", "arrest", "intelligence"].map((t) => h("option", { value: t }, t || "any type")));
    const [fromLabel, from] = field("from", "From ", { type: "date" });
    const [toLabel, to] = field("to", "To ", { type: "date" });
    fill(form, textLabel, type, fromLabel, toLabel, h("button", { type: "submit" }, "Search"));
    form.onsubmit = (e) => {
      e.preventDefault();
      const query = new URLSearchParams();
      if (text.value) query.set("text", text.value);
      if (type.value) query.set("type", type.value);
      if (from.value) query.set("from", `${from.value}T00:00:00Z`);
      if (to.value) query.set("to", `${to.value}T23:59:59Z`);
      void run(async () => (await api.searchEvents(query)).items.map((ev) =>
        h("li", { class: "result" },
          h("a", { href: `#/pole/event/${ev.id}`, class: "result-name" }, ev.reference ?? `${ev.type} ${ev.classification_name}`),
          " ", h("span", {}, ev.classification_name), " ",
          h("span", { class: "muted" }, `${ev.occurred_from.slice(0, 10)} · ${ev.place}`), why(ev.why))));
    };
    text.focus();
  };

  const route = (path: string[]) => {
    const [view = "people", id] = path;
    for (const link of tabBar.querySelectorAll("a"))
      link.setAttribute("aria-selected", String(link.dataset.tab === view));
    if ((view === "person" || view === "event") && id) {
      message.textContent = "";
      const shown = view === "person" ? personView(id, user, failed) : eventView(id, failed);
      fill(body, shown, message);
      return;
    }
    fill(body, form, message, results);
    fill(results);
    if (view === "vehicles") vehiclesForm();
    else if (view === "events") eventsForm();
    else peopleForm();
  };
  return { element, route };
}
