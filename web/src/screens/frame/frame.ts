// The application frame: who is signed in, navigation to every part, and sign out.
import type { User } from "../../api/types";
import { h } from "../../dom";
import { parts } from "../../parts";
import { notBuiltScreen } from "../not_built/not_built";

function homeScreen(user: User): HTMLElement {
  return h("section", { class: "page", "aria-labelledby": "page-title" },
    h("h2", { id: "page-title" }, `Welcome, ${user.display_name}`),
    h("p", {}, "Peel brings command and control, duty management, records, custody, case files, the officer app, robotics and the Tech Bar into one platform. The parts below are being built; each says so until it is ready."),
    h("ul", { class: "part-list" },
      ...parts.map((p) => h("li", {},
        h("a", { href: `#/${p.id}` }, p.name), " — ",
        h("span", { class: "muted" }, p.built ? "ready" : "not built yet")))));
}

export function frameScreen(user: User, onSignOut: () => void): HTMLElement {
  const content = h("div", { id: "content", class: "content", tabindex: "-1" });
  const links = parts.map((p) => h("a", { href: `#/${p.id}`, "data-part": p.id }, p.name));
  const nav = h("nav", { "aria-label": "Parts of Peel" },
    h("a", { href: "#/", "data-part": "" }, "Home"), ...links);

  const show = () => {
    const id = location.hash.replace(/^#\/?/, "");
    const part = parts.find((p) => p.id === id);
    content.replaceChildren(part ? notBuiltScreen(part) : homeScreen(user));
    for (const link of nav.querySelectorAll("a")) {
      if (link.dataset.part === (part?.id ?? "")) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  };
  window.addEventListener("hashchange", show);
  show();

  return h("div", { class: "frame" },
    h("header", { class: "topbar" },
      h("span", { class: "brand" }, "Peel"),
      h("span", { class: "who" }, `${user.display_name} · ${user.role.replaceAll("_", " ")}`),
      h("button", { type: "button", class: "secondary", id: "sign-out", onclick: () => {
        window.removeEventListener("hashchange", show);
        onSignOut();
      } }, "Sign out")),
    nav, content);
}
