// A process's fields as inputs: each of the type the server checks it by, long text as a text
// area, and each field's own error beside it. Times are entered in the browser's local time and
// sent as RFC 3339 UTC.
import type { ApiError } from "../../api/client";
import type { ProcessField } from "../../api/robotics_types";
import { h } from "../../dom";

export const words = (s: string) => s.replaceAll("_", " ");

export interface FieldInputs {
  element: HTMLElement;
  values(): Record<string, string>;
  // Each field's reason from the server's refusal (none: clears them); `prefix` is how the
  // server names the fields ("input." when they are an item's corrected input).
  showErrors(error?: ApiError, prefix?: string): void;
}

const inputType: Record<string, string> = { date: "date", datetime: "datetime-local", email: "email", phone: "tel", number: "number" };

// RFC 3339 UTC into what a datetime-local input shows (local time), and back.
const toLocal = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (local: string) => (local ? new Date(local).toISOString().replace(".000Z", "Z") : "");

export function fieldInputs(fields: ProcessField[], idPrefix: string, initial: Record<string, string> = {}): FieldInputs {
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  const errors = new Map<string, HTMLElement>();
  const rows = fields.map((f) => {
    const id = `${idPrefix}-${f.name}`;
    const start = initial[f.name] ?? "";
    const input = f.type === "choice"
      ? h("select", { id, name: f.name }, h("option", { value: "" }, "Choose…"),
          ...f.options.map((o) => h("option", { value: o }, words(o).replaceAll("-", " "))))
      : f.type === "text" && f.max_length > 300
        ? h("textarea", { id, name: f.name, rows: "4", maxlength: String(f.max_length) })
        : h("input", { id, name: f.name, type: inputType[f.type] ?? "text",
                       ...(f.type === "text" ? { maxlength: String(f.max_length) } : {}) });
    input.value = f.type === "datetime" ? toLocal(start) : start;
    if (f.required) input.setAttribute("required", "");
    const error = h("span", { class: "field-error", id: `${id}-error` });
    inputs.set(f.name, input);
    errors.set(f.name, error);
    return h("label", { for: id, class: "form-field" }, `${words(f.name)}${f.required ? " *" : ""}`, input, error);
  });
  return {
    element: h("div", { class: "form-fields" }, ...rows),
    values() {
      const out: Record<string, string> = {};
      for (const f of fields) {
        const value = inputs.get(f.name)!.value.trim();
        if (value) out[f.name] = f.type === "datetime" ? fromLocal(value) : value;
      }
      return out;
    },
    showErrors(error, prefix = "") {
      for (const f of fields) errors.get(f.name)!.textContent = error?.reasonFor(prefix + f.name) ?? "";
    },
  };
}
