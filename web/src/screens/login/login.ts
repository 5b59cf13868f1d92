// Sign in. Errors from the server are shown beside the field they concern.
import { api, ApiError, tokenStore } from "../../api/client";
import type { User } from "../../api/types";
import { h } from "../../dom";

// Signs in with the password typed, keeping the session's token; on failure the reason goes in
// `message`, the password is emptied and focused. The one way both sign-in forms do it.
export async function signInFrom(username: string, password: HTMLInputElement, message: HTMLElement,
                                 submit: HTMLButtonElement): Promise<User | null> {
  message.textContent = "";
  submit.disabled = true;
  try {
    const session = await api.signIn(username, password.value);
    tokenStore.set(session.token);
    password.value = "";
    return session.user;
  } catch (error) {
    message.textContent = error instanceof ApiError ? error.message : "Sign-in failed.";
    password.value = "";
    password.focus();
    return null;
  } finally {
    submit.disabled = false;
  }
}

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
    const user = await signInFrom(username.value.trim(), password, message, submit);
    if (user) onSignedIn(user);
  });
  return h("main", { class: "centered" }, form);
}
