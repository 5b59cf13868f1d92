// People and their skills (duty.read to see; duty.plan to add people and grant skills): the
// people of an area with each skill marked valid, not yet valid or expired today, a form to add
// someone and, per person, one to grant a skill with its expiry.
import { api } from "../../api/client";
import type { DutyPerson, DutyVocabulary, SkillGrant } from "../../api/duty_types";
import { fill, h, labelledInput as field } from "../../dom";
import { iso, todayStart, words } from "./duty_format";

type Run = (work: () => Promise<void>) => Promise<void>;

function skillText(g: SkillGrant, today: string): HTMLElement {
  const expired = g.expires !== null && g.expires <= today;
  const pending = g.granted > today;
  const label = `${words(g.skill)}${g.expires ? ` (expires ${g.expires})` : ""}`;
  return h("span", { class: expired || pending ? "skill lapsed" : "skill", title: expired ? "expired" : pending ? "not yet valid" : "valid" },
    expired ? `${words(g.skill)} (expired ${g.expires})` : pending ? `${label} (from ${g.granted})` : label);
}

const options = (values: string[]) => values.map((v) => h("option", { value: v }, words(v)));

export function peopleView(body: HTMLElement, run: Run, canPlan: boolean): void {
  const [areaLabel, area] = field("people-area", "Area ", { placeholder: "all areas" });
  const filter = h("form", { class: "records-search", id: "people-form" }, areaLabel, h("button", { type: "submit" }, "Show"));
  const table = h("tbody", { id: "people" });
  const adding = h("div", { id: "person-add" });
  let vocabulary: DutyVocabulary = { skills: [], ranks: [], tour_kinds: [], abstraction_kinds: [] };

  const grantForm = (person: DutyPerson, after: () => void) => {
    const skill = h("select", { "aria-label": `Skill for ${person.name}` }, ...options(vocabulary.skills));
    const granted = h("input", { type: "date", "aria-label": "Granted", required: "true", value: iso(todayStart()).slice(0, 10) });
    const expires = h("input", { type: "date", "aria-label": "Expires" });
    const form = h("form", { class: "inline-form" }, skill, granted, expires, h("button", { type: "submit", class: "secondary" }, "Grant"));
    form.onsubmit = (e) => {
      e.preventDefault();
      void run(async () => {
        await api.grantSkill(person.id, { skill: skill.value, granted: granted.value, ...(expires.value ? { expires: expires.value } : {}) });
        after();
      });
    };
    return form;
  };

  const show = () => void run(async () => {
    const today = iso(Date.now()).slice(0, 10);
    const people = (await api.dutyPeople(area.value.trim())).items;
    fill(table, ...(people.length ? people.map((p) => h("tr", {},
      h("td", {}, p.number), h("td", {}, p.name), h("td", {}, words(p.rank)), h("td", {}, p.team), h("td", {}, p.area),
      h("td", {}, ...p.skills.flatMap((g) => [skillText(g, today), " "])),
      canPlan ? h("td", {}, grantForm(p, show)) : null))
      : [h("tr", {}, h("td", { colspan: "7", class: "muted" }, "Nobody on the roster here."))]));
  });
  filter.onsubmit = (e) => {
    e.preventDefault();
    show();
  };

  if (canPlan) {
    const [numberLabel, number] = field("person-number", "Number ", { required: "true", size: "8" });
    const [nameLabel, name] = field("person-name", "Name ", { required: "true" });
    const rank = h("select", { id: "person-rank", "aria-label": "Rank" });
    const [teamLabel, team] = field("person-team", "Team ", { size: "10" });
    const [personAreaLabel, personArea] = field("person-area", "Area ", { required: "true", size: "12" });
    const [roleLabel, role] = field("person-role", "Role ", { required: "true", size: "10", value: "response" });
    const form = h("form", { class: "records-search", id: "person-add-form" },
      numberLabel, nameLabel, h("label", { for: "person-rank" }, "Rank ", rank), teamLabel, personAreaLabel, roleLabel, h("button", { type: "submit" }, "Add person"));
    form.onsubmit = (e) => {
      e.preventDefault();
      void run(async () => {
        const made = await api.addDutyPerson({ number: number.value.trim(), name: name.value.trim(), rank: rank.value,
          team: team.value.trim(), area: personArea.value.trim(), role: role.value.trim() });
        area.value = made.area;
        show();
      });
    };
    void run(async () => {
      vocabulary = await api.dutyVocabulary();
      fill(rank, ...options(vocabulary.ranks));
    });
    fill(adding, h("h3", {}, "Add a person"), form);
  }
  fill(body, filter,
    h("table", { class: "duty-table" },
      h("thead", {}, h("tr", {}, ...["Number", "Name", "Rank", "Team", "Area", "Skills", ...(canPlan ? ["Grant a skill"] : [])].map((c) => h("th", {}, c)))),
      table),
    adding);
  show();
}
