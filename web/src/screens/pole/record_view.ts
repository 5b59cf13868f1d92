// One record as an officer reads it: a person's warning markers first, then who they are, what
// they are linked to and by whom it was said, the people they may duplicate (with the evidence,
// and a merge for those permitted), the records merged into them and the merges (undoable); an
// event's classification, times, place, narrative and links.
import { api } from "../../api/client";
import type { Link, Marker, PersonRecord, PoleEvent } from "../../api/pole_types";
import type { User } from "../../api/types";
import { fill, h } from "../../dom";

export function markerBadges(markers: Marker[]): HTMLElement | null {
  if (!markers.length) return null;
  return h("span", { class: "markers" },
    ...markers.map((m) => h("span", { class: `marker marker-${m.kind}`, title: m.note }, m.kind.replaceAll("_", " "))));
}

function rows(pairs: [string, string][]): HTMLElement {
  return h("dl", { class: "facts" }, ...pairs.filter(([, v]) => v).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function linkList(links: Link[], self: string): HTMLElement {
  if (!links.length) return h("p", { class: "muted" }, "No links.");
  return h("table", { class: "grid links", id: "links" },
    h("thead", {}, h("tr", {}, h("th", {}, "Link"), h("th", {}, "With"), h("th", {}, "When"), h("th", {}, "Source"))),
    h("tbody", {}, ...links.map((l) => {
      const outward = l.from_id === self;
      const [kind, id, label] = outward ? [l.to_kind, l.to_id, l.to_label] : [l.from_kind, l.from_id, l.from_label];
      const target = kind === "person" || kind === "event" ? h("a", { href: `#/pole/${kind}/${id}` }, label) : label;
      return h("tr", {}, h("td", {}, (outward ? "" : "← ") + l.type.replaceAll("_", " ")), h("td", {}, target),
        h("td", {}, [l.valid_from, l.valid_to].filter(Boolean).join(" – ")), h("td", {}, l.source));
    })));
}

function reasonFrom(input: HTMLInputElement, say: (m: string) => void): string | null {
  const reason = input.value.trim();
  if (!reason) {
    say("Give a reason: it is kept with the merge.");
    input.focus();
    return null;
  }
  return reason;
}

export function personView(id: string, user: User, failed: (e: unknown) => void): HTMLElement {
  const view = h("article", { class: "record", id: "person-record" }, h("p", { class: "muted" }, "Loading…"));
  const canMerge = user.permissions.includes("pole.merge");
  const load = async () => {
    let p: PersonRecord;
    try {
      p = await api.person(id);
    } catch (error) {
      fill(view);
      failed(error);
      return;
    }
    const reason = h("input", { id: "merge-reason", placeholder: "reason (kept with the merge)", size: "30" });
    const act = async (work: () => Promise<unknown>) => {
      try {
        await work();
        await load();
      } catch (error) {
        failed(error);
      }
    };
    const duplicates = p.possible_duplicates.map((d) => {
      const other = d.other.id;
      return h("li", { class: "duplicate" },
        h("a", { href: `#/pole/person/${other}` }, `${d.other.surname.toUpperCase()}, ${d.other.forenames.join(" ")}`),
        " ", h("span", { class: "muted" }, d.other.date_of_birth ? `born ${d.other.date_of_birth}` : ""), " ",
        h("span", { class: "score" }, `score ${d.score.toFixed(1)}`),
        h("ul", { class: "reasons" }, ...d.evidence.map((e) => h("li", {}, `${e.why} (${e.weight > 0 ? "+" : ""}${e.weight.toFixed(1)})`))),
        canMerge ? h("button", { type: "button", class: "merge", onclick: () => {
          const why = reasonFrom(reason, failed);
          if (why) void act(() => api.merge(p.id, other, why));
        } }, "Merge into this record") : null);
    });
    fill(view,
      h("h3", { id: "person-name" }, `${p.surname.toUpperCase()}, ${p.forenames.join(" ")}`),
      p.merged_into ? h("p", { class: "status-badge" }, "Merged into ", h("a", { href: `#/pole/person/${p.merged_into}` }, "another record")) : null,
      p.markers.length ? h("div", { class: "warnings", id: "warnings", role: "note" },
        h("strong", {}, "Warnings "), markerBadges(p.markers),
        h("ul", {}, ...p.markers.map((m) => h("li", {}, `${m.kind.replaceAll("_", " ")}: ${m.note}`)))) : null,
      rows([["Born", p.date_of_birth ?? "not recorded"], ["Aliases", p.aliases.join("; ")],
            ["Identifiers", p.identifiers.map((i) => `${i.kind} ${i.value}`).join("; ")],
            ["Addresses", p.addresses.join("; ")], ["Description", p.description],
            ["Recorded", p.recorded_at.slice(0, 16).replace("T", " ")],
            ["Review due", `${p.review_due} (MoPI group ${p.mopi_group})`]]),
      h("h4", {}, "Links"), linkList(p.links, p.id),
      h("h4", {}, "Possible duplicates"),
      canMerge && (duplicates.length || p.merges.some((m) => !m.undone_at)) ? reason : null,
      duplicates.length ? h("ol", { id: "duplicates" }, ...duplicates) : h("p", { class: "muted" }, "None found."),
      p.merged_records.length ? h("h4", {}, "Merged into this record") : null,
      ...p.merged_records.map((m) => h("p", { class: "merged" }, h("a", { href: `#/pole/person/${m.id}` },
        `${m.surname.toUpperCase()}, ${m.forenames.join(" ")}`), ` born ${m.date_of_birth ?? "not recorded"}`)),
      p.merges.length ? h("h4", {}, "Merges") : null,
      p.merges.length ? h("ul", { id: "merges" }, ...p.merges.map((m) => h("li", {},
        m.merged_id === p.id ? "This record was merged into " : "Merged into this record: ",
        h("a", { href: `#/pole/person/${m.merged_id === p.id ? m.survivor_id : m.merged_id}` },
          m.merged_id === p.id ? "the survivor" : "the duplicate"),
        ` on ${m.merged_at.slice(0, 10)}: ${m.reason}`,
        m.undone_at ? h("span", { class: "muted" }, ` (undone ${m.undone_at.slice(0, 10)})`)
          : canMerge ? h("button", { type: "button", class: "secondary undo", onclick: () => {
            const why = reasonFrom(reason, failed);
            if (why) void act(() => api.undoMerge(m.id, why));
          } }, "Undo") : null))) : null);
  };
  void load();
  return view;
}

export function eventView(id: string, failed: (e: unknown) => void): HTMLElement {
  const view = h("article", { class: "record", id: "event-record" }, h("p", { class: "muted" }, "Loading…"));
  void (async () => {
    let e: PoleEvent;
    try {
      e = await api.event(id);
    } catch (error) {
      fill(view);
      failed(error);
      return;
    }
    fill(view,
      h("h3", {}, `${e.reference ?? e.type} · ${e.classification_name}`),
      rows([["Occurred", `${e.occurred_from.slice(0, 16).replace("T", " ")} – ${e.occurred_to.slice(0, 16).replace("T", " ")}`],
            ["Place", e.place], ["Point", e.location ? `${e.location.lat.toFixed(5)}, ${e.location.lon.toFixed(5)}` : ""],
            ["Modus operandi", e.modus_operandi], ["Outcome", e.outcome], ["Source", e.source],
            ["Review due", `${e.review_due} (MoPI group ${e.mopi_group})`]]),
      e.narrative ? h("p", { class: "narrative" }, e.narrative) : null,
      h("h4", {}, "Links"), linkList(e.links ?? [], e.id));
  })();
  return view;
}
