// The one way the web client talks to Peel: JSON over fetch, the bearer token attached, and
// every failure turned into an ApiError carrying the server's problem details.
import type { CurrentSession, Problem, SessionCreated } from "./types";

const TOKEN_KEY = "peel.token";

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  // The reason given for one field, if the server named it.
  reasonFor(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.reason;
  }
}

// Kept for the browser tab's life only: closing the tab signs the device out of the client.
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ type: "urn:peel:problem:network", title: "No connection", status: 0,
                         detail: "Peel cannot be reached. Check the network and try again." });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (parsed as Problem | undefined) ??
      { type: "about:blank", title: response.statusText, status: response.status };
    throw new ApiError(problem);
  }
  return parsed as T;
}

export const api = {
  signIn: (username: string, password: string) =>
    request<SessionCreated>("POST", "/api/v1/session", { username, password }),
  currentSession: () => request<CurrentSession>("GET", "/api/v1/session"),
  signOut: () => request<void>("DELETE", "/api/v1/session"),
  changePassword: (current_password: string, new_password: string) =>
    request<void>("POST", "/api/v1/session/password", { current_password, new_password }),
};
