// What the control room does to an incident from its detail: a dispatcher adds an update to its
// log; a supervisor also re-grades with a reason, closes with a result code, merges into another
// open incident. One form per incident, kept across the detail's refreshes (positions arrive
// every few seconds), so that what is being typed is not wiped; closing and merging ask first.
// A refusal is shown beside its field.
import { api, ApiError } from "../../api/client";
import type { Grade } from "../../api/types";
import type { LiveBoard } from "../../control/live_board";
import { gradeNames } from "../../control/format";
import { h } from "../../dom";

let closingCodes: Promise<string[]> | null = null;
// Asked once; asked again next time if it failed (a session ending, say).
const codes = () => (closingCodes ??= api.closingCodes().then((r) => r.items)
  .catch(() => { closingCodes = null; return []; }));

export function incidentActions(incidentId: string, board: LiveBoard, canSupervise: boolean,
                                done: (text: string) => void): HTMLElement {
  const field = (name: string, label: string, input: HTMLElement) =>
    h("div", { class: "field", "data-field": name }, h("label", { for: input.id }, label), input,
      h("span", { class: "field-error" }));
  const grade = h("select", { id: "action-grade" },
    ...(["I", "S", "E", "R"] as Grade[]).map((g) => h("option", { value: g }, `${g} — ${gradeNames[g]}`)));
  const gradeReason = h("input", { id: "action-grade-reason", autocomplete: "off" });
  const code = h("select", { id: "action-closing-code" });
  const closeReason = h("input", { id: "action-close-reason", autocomplete: "off" });
  const into = h("select", { id: "action-merge-into" });
  const mergeReason = h("input", { id: "action-merge-reason", autocomplete: "off" });
  const update = h("textarea", { id: "action-update-text", rows: "2" });
  void codes().then((list) => code.replaceChildren(h("option", { value: "" }, "Choose…"),
    ...list.map((c) => h("option", { value: c }, c.replaceAll("_", " ")))));

  // The other open incidents, refreshed each time the list is opened.
  const fillInto = () => {
    const chosen = into.value;
    into.replaceChildren(h("option", { value: "" }, "Choose…"),
      ...[...board.incidents.values()].filter((i) => i.id !== incidentId && i.open)
        .map((i) => h("option", { value: i.id }, `${i.reference} · ${i.classification.replaceAll("_", " ")} · ${i.address || i.area}`)));
    into.value = chosen;
  };
  into.addEventListener("focus", fillInto);
  fillInto();

  const element = h("section", { class: "incident-actions", id: "incident-actions", "aria-label": "Actions on this incident" });
  const clearErrors = () => { for (const e of element.querySelectorAll(".field-error")) e.textContent = ""; };
  const run = async (action: () => Promise<unknown>, fields: Record<string, string>, said: string) => {
    clearErrors();
    try {
      await action();
      done(said);
      for (const input of [gradeReason, closeReason, mergeReason, update]) input.value = "";
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      if (problem?.errors?.length) {
        for (const e of problem.errors) {
          const holder = element.querySelector(`[data-field="${fields[e.field] ?? ""}"] .field-error`);
          if (holder) holder.textContent = e.reason;
          else done(e.reason);
        }
      } else {
        done(error instanceof Error ? error.message : String(error));
      }
    }
  };
  const required = (input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, name: string, what: string) => {
    if (input.value.trim()) return true;
    const holder = element.querySelector(`[data-field="${name}"] .field-error`);
    if (holder) holder.textContent = what;
    return false;
  };

  // One action: its title, fields and button; `submit` runs once the errors shown are cleared.
  const action = (title: string, fields: HTMLElement[], button: string, submit: () => void) => {
    const form = h("form", { class: "action", id: `action-${title.toLowerCase().replace(/[^a-z]+/g, "-")}` },
      h("h5", {}, title), ...fields,
      h("button", { type: "submit", class: "secondary" }, button));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      clearErrors();
      submit();
    });
    return form;
  };
  const label = (code: string) => code.replaceAll("_", " ");

  const regrade = action("Re-grade",
    [field("action-grade", "Grade", grade), field("action-grade-reason", "Why", gradeReason)], "Re-grade", () => {
      if (!required(gradeReason, "action-grade-reason", "Say why it is re-graded.")) return;
      void run(() => api.regrade(incidentId, grade.value, gradeReason.value.trim()),
        { grade: "action-grade", reason: "action-grade-reason" }, `Re-graded ${grade.value}.`);
    });
  const close = action("Close",
    [field("action-closing-code", "Result", code), field("action-close-reason", "Note (optional)", closeReason)],
    "Close incident", () => {
      if (!required(code, "action-closing-code", "Choose the result it is closed with.")) return;
      if (!confirm(`Close this incident as "${label(code.value)}"?`)) return;
      void run(() => api.closeIncident(incidentId, code.value, closeReason.value.trim()),
        { closing_code: "action-closing-code", reason: "action-close-reason" }, `Closed: ${label(code.value)}.`);
    });
  const merge = action("Merge",
    [field("action-merge-into", "Into", into), field("action-merge-reason", "Why", mergeReason)], "Merge", () => {
      const intoChosen = required(into, "action-merge-into", "Choose the incident it duplicates.");
      if (!required(mergeReason, "action-merge-reason", "Say why they are the same incident.") || !intoChosen) return;
      const target = board.incidents.get(into.value)?.reference ?? "the incident chosen";
      if (!confirm(`Merge this incident into ${target}? It is closed as a duplicate.`)) return;
      void run(() => api.mergeIncident(incidentId, into.value, mergeReason.value.trim()),
        { into: "action-merge-into", reason: "action-merge-reason" }, `Merged into ${target}.`);
    });
  const addUpdate = action("Update", [field("action-update-text", "What has happened", update)], "Add to the log", () => {
    if (!required(update, "action-update-text", "Write what has happened.")) return;
    void run(() => api.addUpdate(incidentId, update.value.trim()), { text: "action-update-text" }, "Update added to the log.");
  });
  element.append(h("h4", {}, canSupervise ? "Actions" : "Update"), addUpdate,
    ...(canSupervise ? [regrade, close, merge] : []));
  return element;
}
