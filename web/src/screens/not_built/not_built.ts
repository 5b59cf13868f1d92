// The honest page for a part that does not exist yet.
import { h } from "../../dom";
import type { Part } from "../../parts";

export function notBuiltScreen(part: Part): HTMLElement {
  return h("section", { class: "page", "aria-labelledby": "page-title" },
    h("h2", { id: "page-title" }, part.name),
    h("p", { class: "status-badge" }, "Not built yet"),
    h("p", {}, part.purpose),
    h("p", { class: "muted" }, `For: ${part.users}.`));
}
