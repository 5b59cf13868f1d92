import { ApiError } from "./api/client";
// A screen the frame shows: its element, what to stop when it is left (sockets, timers), and,
// for screens with tabs or filters in the address (#/cad/map), how to follow a change of it
// without being built again.
export interface Screen {
  element: HTMLElement;
  dispose?(): void;
  route?(path: string[], query: URLSearchParams): void;
}

// "#/cad/dispatch?incident=x" -> part "cad", path ["dispatch"], query incident=x.
export function parseHash(hash: string): { part: string; path: string[]; query: URLSearchParams } {
  const [route, search = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const [part = "", ...path] = route.split("/").filter(Boolean);
  return { part, path, query: new URLSearchParams(search) };
}

// Runs a screen's work, showing what went wrong in its message line (the server's problem
// detail when there is one) instead of letting it escape.
export type Run = (work: () => Promise<void>) => Promise<void>;

export function runReporting(message: HTMLElement): Run {
  return async (work) => {
    message.textContent = "";
    try {
      await work();
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.message : String(error);
    }
  };
}
