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
