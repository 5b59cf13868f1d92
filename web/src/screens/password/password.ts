// Choose a new password, required after signing in with a one-time password.
import { api, ApiError } from "../../api/client";
import { h } from "../../dom";

export function changePasswordScreen(onChanged: () => void, onSignOut: () => void): HTMLElement {
  const current = h("input", { id: "current-password", type: "password", autocomplete: "current-password", required: true, autofocus: true });
  const next = h("input", { id: "new-password", type: "password", autocomplete: "new-password", required: true });
  const repeat = h("input", { id: "repeat-password", type: "password", autocomplete: "new-password", required: true });
  const message = h("p", { class: "form-error", role: "alert" });

  const form = h("form", { class: "card", "aria-labelledby": "password-title" },
    h("h1", { id: "password-title" }, "Choose a new password"),
    h("p", { class: "muted" }, "You signed in with a one-time password. Choose your own: at least 12 characters, not containing your username."),
    h("label", { for: "current-password" }, "One-time password"), current,
    h("label", { for: "new-password" }, "New password"), next,
    h("label", { for: "repeat-password" }, "New password again"), repeat,
    message,
    h("div", { class: "actions" },
      h("button", { type: "submit" }, "Save password"),
      h("button", { type: "button", class: "secondary", onclick: onSignOut }, "Sign out")));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    if (next.value !== repeat.value) {
      message.textContent = "The two new passwords differ.";
      return;
    }
    try {
      await api.changePassword(current.value, next.value);
      onChanged();
    } catch (error) {
      message.textContent = error instanceof ApiError
        ? error.reasonFor("new_password") ? `New password ${error.reasonFor("new_password")}.`
          : error.reasonFor("current_password") ? "The one-time password is wrong." : error.message
        : "The password could not be changed.";
    }
  });
  return h("main", { class: "centered" }, form);
}
