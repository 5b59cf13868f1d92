// When the session ends under a user (idle expiry, signed out elsewhere, password changed), the
// screen they are on stays where it is, with what they typed, and this panel covers it: it says
// why, and signs the same person in again in place. Signing in as someone else is not offered
// here, because the screen underneath holds the first person's work; that is "Sign out".
import { session } from "../../api/client";
import type { User } from "../../api/types";
import { h } from "../../dom";
import { signInFrom } from "../login/login";

export function watchSessionEnd(user: User, onSignOut: () => void): { element: HTMLElement; dispose(): void } {
  const reason = h("p", { id: "session-ended-reason" });
  const password = h("input", { id: "session-password", name: "session-password", type: "password",
    autocomplete: "current-password", required: true });
  const message = h("p", { class: "form-error", id: "session-password-error", role: "alert" });
  const submit = h("button", { type: "submit" }, "Sign in again");
  const leave = h("button", { type: "button", class: "secondary", onclick: onSignOut }, "Sign out");
  const form = h("form", { class: "card" },
    h("h2", { id: "session-ended-title" }, "You are signed out"),
    reason,
    h("p", { class: "muted" }, `Sign in again as ${user.display_name} (${user.username}) to carry on where you were; what you had typed is kept.`),
    h("label", { for: "session-password" }, "Password"), password,
    message,
    h("div", { class: "actions" }, submit, leave));
  const element = h("div", { id: "session-ended", class: "session-ended", role: "alertdialog",
    "aria-modal": "true", "aria-labelledby": "session-ended-title", "aria-describedby": "session-ended-reason",
    hidden: true }, form);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!(await signInFrom(user.username, password, message, submit))) return;
    element.hidden = true;
    session.resumed();
  });

  const stop = session.onEnded((why) => {
    reason.textContent = why;
    element.hidden = false;
    password.focus();
  });
  return { element, dispose: stop };
}
