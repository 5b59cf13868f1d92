// The application frame: who is signed in, navigation to every part, and sign out. The address
// says which screen shows (#/cad/dispatch); a screen stays up while only its own part of the
// address changes, and is disposed (sockets closed, timers stopped) when it is left. When the
// session ends, the screen stays under a panel that signs the same person in again.
import type { User } from "../../api/types";
import { h } from "../../dom";
import { parts, type Part } from "../../parts";
import { parseHash, type Screen } from "../../screen";
import { controlRoomScreen } from "../control/control_screen";
import { dutyScreen } from "../duty/duty_screen";
import { pictureScreen } from "../iop/picture_screen";
import { recordsScreen } from "../pole/records_screen";
import { roboticsScreen } from "../robotics/robotics_screen";
import { techbarScreen } from "../techbar/techbar_screen";
import { notBuiltScreen } from "../not_built/not_built";
import { watchSessionEnd } from "./session_ended";

const built: Record<string, (user: User) => Screen> = {
  cad: controlRoomScreen,
  duty: dutyScreen,
  iop: () => pictureScreen(),
  pole: recordsScreen,
  robotics: roboticsScreen,
  techbar: techbarScreen,
};

function homeScreen(user: User): HTMLElement {
  return h("section", { class: "page", "aria-labelledby": "page-title" },
    h("h2", { id: "page-title" }, `Welcome, ${user.display_name}`),
    h("p", {}, "Peel brings command and control, duty management, records, custody, case files, the officer app, robotics and the Tech Bar into one platform. The parts below are being built; each says so until it is ready."),
    h("ul", { class: "part-list" },
      ...parts.map((p) => h("li", {},
        h("a", { href: `#/${p.id}` }, p.name), " — ",
        h("span", { class: "muted" }, p.built ? "ready" : "not built yet")))));
}

function notPermittedScreen(part: Part, user: User): HTMLElement {
  return h("section", { class: "page", "aria-labelledby": "page-title" },
    h("h2", { id: "page-title" }, part.name),
    h("p", {}, `Your role (${user.role.replaceAll("_", " ")}) does not give access to ${part.name}.`),
    h("p", { class: "muted" }, `For: ${part.users}.`));
}

export function frameScreen(user: User, onSignOut: () => void): HTMLElement {
  const content = h("div", { id: "content", class: "content", tabindex: "-1" });
  const links = parts.map((p) => h("a", { href: `#/${p.id}`, "data-part": p.id }, p.name));
  const nav = h("nav", { "aria-label": "Parts of Peel" },
    h("a", { href: "#/", "data-part": "" }, "Home"), ...links);
  let current: { part: string; screen: Screen | null } = { part: "\0", screen: null };

  const frame = h("div", { class: "frame" });
  const show = () => {
    const { part: id, path, query } = parseHash(location.hash);
    const part = parts.find((p) => p.id === id);
    frame.classList.toggle("wall", id === "iop" && path[0] === "wall");
    if (current.part !== (part?.id ?? "")) {
      current.screen?.dispose?.();
      let screen: Screen | null = null;
      if (part && built[part.id] && (!part.permission || user.permissions.includes(part.permission))) {
        screen = built[part.id](user);
        content.replaceChildren(screen.element);
      } else if (part && built[part.id]) {
        content.replaceChildren(notPermittedScreen(part, user));
      } else {
        content.replaceChildren(part ? notBuiltScreen(part) : homeScreen(user));
      }
      current = { part: part?.id ?? "", screen };
    }
    current.screen?.route?.(path, query);
    for (const link of nav.querySelectorAll("a")) {
      if (link.dataset.part === (part?.id ?? "")) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  };
  window.addEventListener("hashchange", show);
  const sessionEnd = watchSessionEnd(user, () => signOut());
  const signOut = () => {
    window.removeEventListener("hashchange", show);
    sessionEnd.dispose();
    current.screen?.dispose?.();
    onSignOut();
  };

  frame.append(
    h("header", { class: "topbar" },
      h("span", { class: "brand" }, "Peel"),
      h("span", { class: "who" }, `${user.display_name} · ${user.role.replaceAll("_", " ")}`),
      h("button", { type: "button", class: "secondary", id: "sign-out", onclick: signOut }, "Sign out")),
    nav, content, sessionEnd.element);
  show();
  return frame;
}
