// The client's start: resume the tab's session if it is still valid, otherwise sign in.
import "./styles.css";
import { api, ApiError, tokenStore } from "./api/client";
import type { User } from "./api/types";
import { mount } from "./dom";
import { frameScreen } from "./screens/frame/frame";
import { loginScreen } from "./screens/login/login";
import { changePasswordScreen } from "./screens/password/password";
import { callDraft } from "./screens/control/call_draft";

const root = document.getElementById("app")!;

function showSignIn(): void {
  mount(root, loginScreen(showSignedIn));
}

async function signOut(): Promise<void> {
  try {
    await api.signOut();
  } catch (error) {
    // An expired session is already signed out; anything else is worth a look in the console.
    if (!(error instanceof ApiError) || error.problem.status !== 401) console.warn(error);
  }
  tokenStore.clear();
  callDraft.clear(); // signing out on purpose leaves nothing of a caller behind in the tab
  history.replaceState(null, "", "#/");
  showSignIn();
}

function showSignedIn(user: User): void {
  if (user.must_change_password) {
    mount(root, changePasswordScreen(async () => showSignedIn((await api.currentSession()).user), signOut));
    return;
  }
  mount(root, frameScreen(user, signOut));
}

async function start(): Promise<void> {
  if (!tokenStore.get()) return showSignIn();
  try {
    showSignedIn((await api.currentSession()).user);
  } catch {
    tokenStore.clear();
    showSignIn();
  }
}

void start();
