// The call handler's form, keyboard first: the location is searched as it is typed (↓/↑ and
// Enter pick a suggestion; Enter alone takes the first only when it is clearly the place meant,
// otherwise the list stays open), then classification, grade, THRIVE, caller and narrative;
// Ctrl+Enter saves. Esc closes the suggestions and never clears the call; Clear asks first.
// Once a place and classification are known, possible duplicates and the place's warnings and
// history are shown before saving. What is typed is kept in the tab until the call is saved or
// cleared, and restored for the same user (an expired session, a reload).
import { api, ApiError } from "../../api/client";
import type { Classification, Grade, LatLon, Place } from "../../api/types";
import { gradeNames, timeOfDay } from "../../control/format";
import { h } from "../../dom";
import { callDraft } from "./call_draft";

const thriveParts = ["threat", "harm", "risk", "investigation", "vulnerability", "engagement"] as const;

export class CallForm {
  readonly element: HTMLElement;
  private place: (LatLon & { name: string }) | null = null;
  private suggestions: Place[] = [];
  private highlighted = -1;
  private suggestionHint = h("p", { class: "muted suggestion-hint", id: "location-hint", role: "status" });
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

  constructor(private readonly username: string) {
    this.location.addEventListener("input", () => this.searchSoon());
    this.location.addEventListener("keydown", (e) => this.onLocationKey(e));
    this.classification.addEventListener("change", () => void this.brief());
    const field = (label: string, input: HTMLElement, name: string) =>
      h("div", { class: "field", "data-field": name }, h("label", { for: input.id }, label), input, h("span", { class: "field-error" }));
    const form = h("form", { class: "call-form", id: "call-form", onsubmit: (e: Event) => { e.preventDefault(); void this.save(); } },
      h("div", { class: "field location-field", "data-field": "location" },
        h("label", { for: "call-location" }, "Location (Alt+L)"), this.location, this.suggestionList,
        this.suggestionHint, h("span", { class: "field-error" })),
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
        h("button", { type: "button", class: "secondary", id: "call-clear", onclick: () => this.clearAsked() }, "Clear")),
      this.saved);
    form.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void this.save(); }
      else if (e.altKey && e.key.toLowerCase() === "l") { e.preventDefault(); this.location.focus(); }
      else if (e.altKey && e.key.toLowerCase() === "g") { e.preventDefault(); this.grade.focus(); }
    });
    form.addEventListener("input", () => this.keepDraft());
    form.addEventListener("change", () => this.keepDraft());
    this.element = h("div", { class: "call-screen" }, form, this.briefing);
    void this.loadClassifications().then(() => this.restoreDraft());
  }

  // Every input, select and textarea with an id, by id: what a draft holds besides the place.
  private fields(): (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[] {
    return [...this.element.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
      "input[id], textarea[id], select[id]")];
  }

  private keepDraft(): void {
    const typed = this.fields().some((f) => f.tagName !== "SELECT" && f.value.trim() !== "");
    if (!typed) { callDraft.clear(); return; }
    callDraft.save(this.username, { place: this.place, fields: Object.fromEntries(this.fields().map((f) => [f.id, f.value])) });
  }

  private restoreDraft(): void {
    const draft = callDraft.load(this.username);
    if (!draft) return;
    for (const f of this.fields()) if (draft.fields[f.id] !== undefined) f.value = draft.fields[f.id];
    this.place = draft.place;
    this.saved.textContent = "The call you were taking is restored.";
    void this.brief();
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
        const { items, clearly_first } = await api.searchPlaces(text, 8);
        if (ticket === this.searchTicket) this.showSuggestions(items, clearly_first);
      } catch (error) {
        if (ticket === this.searchTicket) this.showSuggestions([]);
        this.setError("location", error instanceof ApiError ? error.message : String(error));
      }
    }, 120);
  }

  // The first is highlighted (and Enter takes it) only when it is clearly the place meant.
  private showSuggestions(items: Place[], clearlyFirst = false): void {
    this.suggestions = items;
    this.highlighted = items.length && clearlyFirst ? 0 : -1;
    this.suggestionHint.textContent = items.length && !clearlyFirst
      ? "More than one place could be meant: pick one with ↓/↑ and Enter, or click it." : "";
    this.suggestionList.replaceChildren(...items.map((p, n) => h("li", {
      role: "option", "aria-selected": n === this.highlighted ? "true" : "false",
      class: p.interpolated ? "interpolated" : "",
      onmousedown: (e: Event) => { e.preventDefault(); this.pick(n); },
    }, p.name, h("span", { class: "muted" }, ` ${p.interpolated ? "not on the map" : p.category ?? p.kind}`),
      p.note ? h("div", { class: "suggestion-note" }, p.note) : null)));
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
      if (this.highlighted >= 0) this.pick(this.highlighted);
      else this.suggestionHint.textContent = "Pick the place with ↓/↑ first: the first is not clearly the one meant.";
    } else if (e.key === "Escape") {
      // Only the list closes: the call being taken stays as it is.
      e.preventDefault();
      e.stopPropagation();
      this.showSuggestions([]);
    }
  }

  private pick(n: number): void {
    const p = this.suggestions[n];
    if (!p) return;
    this.place = { lat: p.lat, lon: p.lon, name: p.name };
    this.location.value = p.name;
    this.keepDraft();
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

  // Clearing throws away what was typed: asked first when there is anything to lose.
  private clearAsked(): void {
    const typed = [...this.element.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea")]
      .some((input) => input.value.trim() !== "");
    if (!typed || confirm("Clear this call? What was typed is lost.")) this.reset();
  }

  private reset(): void {
    callDraft.clear();
    this.place = null;
    for (const input of this.element.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea")) input.value = "";
    this.classification.value = "";
    this.grade.value = "I";
    this.channel.value = "999";
    this.showSuggestions([]);
    this.location.focus();
  }
}
