// Sign in. Errors from the server are shown beside the field they concern.
import { api, ApiError, tokenStore } from "../../api/client";
import type { User } from "../../api/types";
import { h } from "../../dom";

export function loginScreen(onSignedIn: (user: User) => void): HTMLElement {
  const username = h("input", { id: "username", name: "username", autocomplete: "username", required: true, autofocus: true });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const message = h("p", { class: "form-error", role: "alert" });
  const submit = h("button", { type: "submit" }, "Sign in");

  const form = h("form", { class: "card", "aria-labelledby": "login-title" },
    h("h1", { id: "login-title" }, "Peel"),
    h("p", { class: "muted" }, "Sign in with your force account."),
    h("label", { for: "username" }, "Username"), username,
    h("label", { for: "password" }, "Password"), password,
    message, submit);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    submit.disabled = true;
    try {
      const session = await api.signIn(username.value.trim(), password.value);
      tokenStore.set(session.token);
      onSignedIn(session.user);
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.message : "Sign-in failed.";
      password.value = "";
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return h("main", { class: "centered" }, form);
}
