// The call handler's form, keyboard first: the location is searched as it is typed (↓/↑ and
// Enter pick a suggestion), then classification, grade, THRIVE, caller and narrative;
// Ctrl+Enter saves. Once a place and classification are known, possible duplicates and the
// place's warnings and history are shown before saving.
import { api, ApiError } from "../../api/client";
import type { Classification, Grade, LatLon, Place } from "../../api/types";
import { gradeNames, timeOfDay } from "../../control/format";
import { h } from "../../dom";

const thriveParts = ["threat", "harm", "risk", "investigation", "vulnerability", "engagement"] as const;

export class CallForm {
  readonly element: HTMLElement;
  private place: (LatLon & { name: string }) | null = null;
  private suggestions: Place[] = [];
  private highlighted = -1;
  private searchTimer = 0;
  private searchTicket = 0;
  private location = h("input", { id: "call-location", autocomplete: "off", placeholder: "Street, address, place or junction", "aria-autocomplete": "list", "aria-controls": "location-suggestions" });
  private suggestionList = h("ul", { id: "location-suggestions", class: "suggestions", role: "listbox" });
  private classification = h("select", { id: "call-classification" });
  private grade = h("select", { id: "call-grade" },
    ...(["I", "S", "E", "R"] as Grade[]).map((g) => h("option", { value: g }, `${g} — ${gradeNames[g]}`)));
  private channel = h("select", { id: "call-channel" },
    ...["999", "101", "online", "officer"].map((c) => h("option", { value: c }, c)));
  private thrive = Object.fromEntries(thriveParts.map((p) => [p, h("input", { id: `thrive-${p}`, autocomplete: "off" })])) as Record<(typeof thriveParts)[number], HTMLInputElement>;
  private callerName = h("input", { id: "caller-name", autocomplete: "off" });
  private callerPhone = h("input", { id: "caller-phone", autocomplete: "off", inputmode: "tel" });
  private narrative = h("textarea", { id: "call-narrative", rows: "4" });
  private error = h("p", { class: "form-error", role: "alert" });
  private briefing = h("section", { class: "panel briefing", id: "briefing", "aria-label": "Before you save" },
    h("h3", {}, "Before you save"), h("p", { class: "muted" }, "Choose a location and classification to see possible duplicates, warnings and history here."));
  private saved = h("p", { class: "saved", role: "status", id: "call-saved" });

  constructor() {
    this.location.addEventListener("input", () => this.searchSoon());
    this.location.addEventListener("keydown", (e) => this.onLocationKey(e));
    this.classification.addEventListener("change", () => void this.brief());
    const field = (label: string, input: HTMLElement, name: string) =>
      h("div", { class: "field", "data-field": name }, h("label", { for: input.id }, label), input, h("span", { class: "field-error" }));
    const form = h("form", { class: "call-form", id: "call-form", onsubmit: (e: Event) => { e.preventDefault(); void this.save(); } },
      h("div", { class: "field location-field", "data-field": "location" },
        h("label", { for: "call-location" }, "Location (Alt+L)"), this.location, this.suggestionList,
        h("span", { class: "field-error" })),
      h("div", { class: "row3" },
        field("Classification", this.classification, "classification"),
        field("Grade (Alt+G)", this.grade, "grade"),
        field("Channel", this.channel, "channel")),
      h("fieldset", { class: "thrive" }, h("legend", {}, "THRIVE"),
        ...thriveParts.map((p) => field(p[0].toUpperCase() + p.slice(1), this.thrive[p], `thrive.${p}`))),
      h("div", { class: "row2" }, field("Caller's name", this.callerName, "caller.name"), field("Caller's phone", this.callerPhone, "caller.phone")),
      field("What the caller says", this.narrative, "narrative"),
      this.error,
      h("div", { class: "actions" }, h("button", { type: "submit", id: "call-save" }, "Open incident (Ctrl+Enter)"),
        h("button", { type: "button", class: "secondary", onclick: () => this.reset() }, "Clear (Esc)")),
      this.saved);
    form.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void this.save(); }
      else if (e.key === "Escape" && !this.suggestions.length) { this.reset(); }
      else if (e.altKey && e.key.toLowerCase() === "l") { e.preventDefault(); this.location.focus(); }
      else if (e.altKey && e.key.toLowerCase() === "g") { e.preventDefault(); this.grade.focus(); }
    });
    this.element = h("div", { class: "call-screen" }, form, this.briefing);
    void this.loadClassifications();
  }

  focus(): void {
    this.location.focus();
  }

  private async loadClassifications(): Promise<void> {
    const { items } = await api.classifications();
    const groups = new Map<string, Classification[]>();
    for (const c of items) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
    this.classification.replaceChildren(h("option", { value: "" }, "Choose…"),
      ...[...groups].map(([group, list]) => {
        const optgroup = h("optgroup", { label: group });
        optgroup.append(...list.map((c) => h("option", { value: c.code }, c.name)));
        return optgroup;
      }));
  }

  private searchSoon(): void {
    this.place = null;
    clearTimeout(this.searchTimer);
    const text = this.location.value.trim();
    if (text.length < 2) { this.showSuggestions([]); return; }
    this.searchTimer = window.setTimeout(async () => {
      const ticket = ++this.searchTicket;
      try {
        const { items } = await api.searchPlaces(text, 8);
        if (ticket === this.searchTicket) this.showSuggestions(items);
      } catch (error) {
        if (ticket === this.searchTicket) this.showSuggestions([]);
        this.setError("location", error instanceof ApiError ? error.message : String(error));
      }
    }, 120);
  }

  private showSuggestions(items: Place[]): void {
    this.suggestions = items;
    this.highlighted = items.length ? 0 : -1;
    this.suggestionList.replaceChildren(...items.map((p, n) => h("li", {
      role: "option", "aria-selected": n === 0 ? "true" : "false",
      onmousedown: (e: Event) => { e.preventDefault(); this.pick(n); },
    }, p.name, h("span", { class: "muted" }, ` ${p.category ?? p.kind}`))));
  }

  private onLocationKey(e: KeyboardEvent): void {
    if (!this.suggestions.length) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const n = this.suggestions.length;
      this.highlighted = (this.highlighted + (e.key === "ArrowDown" ? 1 : n - 1)) % n;
      [...this.suggestionList.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === this.highlighted)));
    } else if (e.key === "Enter" && !e.ctrlKey) {
      e.preventDefault();
      this.pick(Math.max(0, this.highlighted));
    } else if (e.key === "Escape") {
      this.showSuggestions([]);
    }
  }

  private pick(n: number): void {
    const p = this.suggestions[n];
    if (!p) return;
    this.place = { lat: p.lat, lon: p.lon, name: p.name };
    this.location.value = p.name;
    this.showSuggestions([]);
    this.setError("location", "");
    this.classification.focus();
    void this.brief();
  }

  // Possible duplicates and the place's warnings and history, while the call is still open.
  private async brief(): Promise<void> {
    const place = this.place;
    if (!place) return;
    const code = this.classification.value;
    const [briefing, duplicates] = await Promise.all([
      api.briefing(place), code ? api.possibleDuplicates(place, code) : Promise.resolve({ items: [] }),
    ]);
    if (this.place !== place) return;
    this.briefing.replaceChildren(h("h3", {}, "Before you save"),
      h("h4", {}, `Possible duplicates (${duplicates.items.length})`),
      duplicates.items.length
        ? h("ul", { id: "possible-duplicates" }, ...duplicates.items.map((d) =>
            h("li", {}, `${d.reference} · ${d.classification.replaceAll("_", " ")} · ${d.meters} m away, ${Math.round(d.minutes_ago)} min ago `,
              h("button", { type: "button", class: "secondary link-call", onclick: () => void this.linkTo(d.incident_id, d.reference) },
                "Add this call to it"))))
        : h("p", { class: "muted" }, code ? "None nearby." : "Choose a classification to check."),
      h("h4", {}, `Warnings here (${briefing.warnings.length})`),
      briefing.warnings.length
        ? h("ul", { class: "warnings", id: "location-warnings" }, ...briefing.warnings.map((w) =>
            h("li", {}, h("strong", {}, w.kind), ` ${w.subject}: ${w.note}`)))
        : h("p", { class: "muted" }, "None."),
      h("h4", {}, `History here (${briefing.history.length})`),
      briefing.history.length
        ? h("ul", { id: "location-history" }, ...briefing.history.map((i) =>
            h("li", {}, `${i.reference} · ${i.classification.replaceAll("_", " ")} · ${timeOfDay(i.opened_at)}${i.open ? " (open)" : ""}`)))
        : h("p", { class: "muted" }, "No earlier incidents."));
  }

  // The caller is reporting an incident already open: their call joins it instead.
  private async linkTo(id: string, reference: string): Promise<void> {
    this.error.textContent = "";
    try {
      await api.linkCall(id, {
        caller: { name: this.callerName.value.trim(), phone: this.callerPhone.value.trim() },
        narrative: this.narrative.value.trim(), channel: this.channel.value,
      });
      this.reset();
      this.saved.textContent = `Call added to ${reference}.`;
    } catch (error) {
      this.error.textContent = error instanceof Error ? error.message : String(error);
    }
  }

  private setError(field: string, reason: string): void {
    const holder = this.element.querySelector(`[data-field="${field}"] .field-error`);
    if (holder) holder.textContent = reason;
  }

  private async save(): Promise<void> {
    this.error.textContent = "";
    for (const e of this.element.querySelectorAll(".field-error")) e.textContent = "";
    const thrive = Object.fromEntries(thriveParts.map((p) => [p, this.thrive[p].value.trim()]));
    const where = this.place ? { location: { lat: this.place.lat, lon: this.place.lon }, address: this.place.name }
      : this.location.value.trim() ? { address: this.location.value.trim() } : {};
    const button = this.element.querySelector<HTMLButtonElement>("#call-save")!;
    button.disabled = true;
    try {
      const opened = await api.openIncident({
        classification: this.classification.value, grade: this.grade.value as Grade, channel: this.channel.value,
        ...where, thrive, caller: { name: this.callerName.value.trim(), phone: this.callerPhone.value.trim() },
        narrative: this.narrative.value.trim(),
      });
      this.reset();
      this.saved.textContent = `Opened ${opened.reference} (${opened.grade}, ${opened.area || opened.address}).` +
        (opened.possible_duplicates.length ? ` ${opened.possible_duplicates.length} possible duplicate(s) nearby.` : "");
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) {
        for (const e of error.problem.errors) this.setError(e.field.startsWith("address") ? "location" : e.field, e.reason);
        this.error.textContent = "Check the fields marked.";
      } else {
        this.error.textContent = error instanceof Error ? error.message : String(error);
      }
    } finally {
      button.disabled = false;
    }
  }

  private reset(): void {
    this.place = null;
    for (const input of this.element.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea")) input.value = "";
    this.classification.value = "";
    this.grade.value = "I";
    this.channel.value = "999";
    this.showSuggestions([]);
    this.location.focus();
  }
}
