// Shift patterns (duty.plan): the patterns kept, a form to add one (one tour a line: "day kind
// HH:MM hours"), and rostering an area's people from a pattern for a period — each starting at
// their own place in the rotation, spread evenly so that crews take turns. Tours a rule refuses
// are listed with the rule, the rest are rostered.
import { api } from "../../api/client";
import type { Pattern, PatternTour } from "../../api/duty_types";
import { fill, h, labelledInput as field } from "../../dom";
import { day, iso, todayStart, words } from "./duty_format";

type Run = (work: () => Promise<void>) => Promise<void>;

function describe(p: Pattern): string {
  return p.tours.map((t) => `day ${t.day} ${words(t.kind)} ${t.start} ${t.hours} h`).join("; ");
}

// "0 early 07:00 8" per line; a line that is not one is named.
function readTours(text: string): PatternTour[] | string {
  const tours: PatternTour[] = [];
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l);
  for (const [i, line] of lines.entries()) {
    const m = /^(\d+)\s+(\S+)\s+(\d\d:\d\d)\s+(\d+(?:\.\d+)?)$/.exec(line);
    if (!m) return `line ${i + 1} ("${line}") is not "day kind HH:MM hours"`;
    tours.push({ day: Number(m[1]), kind: m[2], start: m[3], hours: Number(m[4]) });
  }
  return tours;
}

export function patternView(body: HTMLElement, run: Run, failed: (message: string) => void): void {
  const list = h("ul", { id: "patterns" });
  const choice = h("select", { id: "build-pattern", "aria-label": "Pattern" });
  const show = () => void run(async () => {
    const patterns = (await api.patterns()).items;
    fill(list, ...(patterns.length
      ? patterns.map((p) => h("li", {}, h("strong", {}, p.name), ` — ${p.length_days} days: ${describe(p)}`))
      : [h("li", { class: "muted" }, "No patterns yet.")]));
    fill(choice, ...patterns.map((p) => h("option", { value: p.id }, p.name)));
  });

  const [nameLabel, name] = field("pattern-name", "Name ", { required: "true" });
  const [lengthLabel, length] = field("pattern-length", "Days in the rotation ", { type: "number", min: "1", max: "84", required: "true", size: "4" });
  const tours = h("textarea", { id: "pattern-tours", rows: "4", cols: "30", "aria-label": "Tours, one a line: day kind HH:MM hours",
    placeholder: "0 early 07:00 8\n1 early 07:00 8\n2 late 15:00 8" });
  const add = h("form", { class: "records-search", id: "pattern-form" }, nameLabel, lengthLabel, tours, h("button", { type: "submit" }, "Add pattern"));
  add.onsubmit = (e) => {
    e.preventDefault();
    const read = readTours(tours.value);
    if (typeof read === "string") return failed(`Tours: ${read}`);
    void run(async () => {
      await api.addPattern({ name: name.value.trim(), length_days: Number(length.value), tours: read });
      show();
    });
  };

  const [areaLabel, area] = field("build-area", "Area ", { required: "true", size: "12" });
  const [fromLabel, from] = field("build-from", "From ", { type: "date", required: "true", value: iso(todayStart() + 28 * day).slice(0, 10) });
  const [toLabel, to] = field("build-to", "To ", { type: "date", required: "true", value: iso(todayStart() + 55 * day).slice(0, 10) });
  const [unitLabel, unit] = field("build-unit", "Unit ", { size: "6", placeholder: "call sign" });
  const result = h("div", { id: "build-result", role: "status" });
  const build = h("form", { class: "records-search", id: "build-form" },
    h("label", { for: "build-pattern" }, "Pattern ", choice), areaLabel, fromLabel, toLabel, unitLabel, h("button", { type: "submit" }, "Roster"));
  build.onsubmit = (e) => {
    e.preventDefault();
    void run(async () => {
      const people = (await api.dutyPeople(area.value.trim())).items;
      const pattern = (await api.patterns()).items.find((p) => p.id === choice.value);
      if (!pattern || !people.length) return failed(pattern ? `Nobody is on the roster in ${area.value}.` : "Choose a pattern.");
      const placed = people.map((p, i) => ({ person_id: p.id, offset: Math.floor((i * pattern.length_days) / people.length) }));
      const built = await api.buildRoster(pattern.id, { people: placed, from: from.value, to: to.value, ...(unit.value.trim() ? { unit: unit.value.trim() } : {}) });
      const names = new Map(people.map((p) => [p.id, p.name]));
      fill(result,
        h("p", {}, `Rostered ${built.rostered.length} tours for ${people.length} people; ${built.refused.length} refused by the rules.`),
        h("ul", {}, ...built.refused.map((r) => h("li", {}, `${names.get(r.person_id) ?? r.person_id} ${r.start.slice(0, 16)}: ${r.reason}`))));
    });
  };

  fill(body, h("h3", {}, "Shift patterns"), list, add, h("h3", {}, "Roster an area from a pattern"), build, result);
  show();
}
