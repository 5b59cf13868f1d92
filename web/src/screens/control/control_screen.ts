// The control room: the call handler's form, the dispatcher's queue and the map, over one live
// board. Tabs are in the address (#/cad/call, #/cad/dispatch, #/cad/map) and on F2/F3/F4; the
// connection to the live feeds is shown, and a dropped one resumes where it stopped.
import type { User } from "../../api/types";
import type { BoardChange } from "../../control/live_board";
import { LiveBoard } from "../../control/live_board";
import { h } from "../../dom";
import type { Screen } from "../../screen";
import { AlertsPanel } from "./alerts_panel";
import { CallForm } from "./call_form";
import { IncidentDetail } from "./incident_detail";
import { IncidentQueue } from "./incident_queue";
import { MapView } from "./map_view";
import { ResourceBoard } from "./resource_board";

const tabs = [
  { id: "call", name: "Call handling", key: "F2" },
  { id: "dispatch", name: "Dispatch", key: "F3" },
  { id: "map", name: "Map", key: "F4" },
] as const;
type Tab = (typeof tabs)[number]["id"];

const shortcuts: Record<Tab, [string, string][]> = {
  call: [["Alt+L", "location"], ["↓ ↑ Enter", "pick a place"], ["Alt+G", "grade"], ["Ctrl+Enter", "open incident"], ["Esc", "clear"]],
  dispatch: [["↓ ↑ or J K", "select incident"], ["Enter", "send first recommended"], ["1–5", "send that unit"], ["A", "acknowledge oldest alert"], ["M", "show on map"]],
  map: [["drag, arrows", "pan"], ["wheel, + −", "zoom"], ["click", "incident or unit"]],
};

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function controlRoomScreen(user: User): Screen {
  const canDispatch = user.permissions.includes("cad.dispatch");
  const canOpen = user.permissions.includes("cad.incidents.create");
  const status = h("span", { class: "connection", id: "connection", role: "status" }, "Connecting…");
  const tabBar = h("div", { class: "tabs", role: "tablist" }, ...tabs.map((t) =>
    h("a", { href: `#/cad/${t.id}`, role: "tab", "data-tab": t.id }, `${t.name} (${t.key})`)));
  const help = h("div", { class: "shortcuts", id: "shortcuts", "aria-label": "Keyboard shortcuts" });
  const body = h("div", { class: "control-body" }, h("p", { class: "muted" }, "Loading the board…"));
  const element = h("section", { class: "control-room", "aria-label": "Command and control" },
    h("div", { class: "control-bar" }, tabBar, status), help, body);

  let board: LiveBoard | null = null;
  let tab: Tab = canOpen && !canDispatch ? "call" : "dispatch";
  let wantedIncident: string | null = null;
  let views: { call: CallForm; dispatch: HTMLElement; map: MapView; queue: IncidentQueue;
               detail: IncidentDetail; units: ResourceBoard; alerts: AlertsPanel } | null = null;
  let stopListening = () => {};

  const selectIncident = (id: string | null) => {
    if (!views) return;
    views.queue.select(id);
    views.map.select(id);
    if (id) void views.detail.show(id);
    const url = id ? `#/cad/${tab}?incident=${id}` : `#/cad/${tab}`;
    if (location.hash !== url) history.replaceState(null, "", url);
  };

  const showTab = () => {
    for (const a of tabBar.querySelectorAll("a")) {
      if (a.dataset.tab === tab) a.setAttribute("aria-selected", "true"); else a.removeAttribute("aria-selected");
    }
    help.replaceChildren(h("span", { class: "muted" }, "Keys: "), ...shortcuts[tab].flatMap(([k, what]) =>
      [h("kbd", {}, k), ` ${what}  `]));
    if (!views) return;
    body.replaceChildren(tab === "call" ? views.call.element : tab === "dispatch" ? views.dispatch : views.map.element);
    if (tab === "call") views.call.focus();
    if (tab === "map") views.map.shown();
    if (wantedIncident) {
      selectIncident(wantedIncident);
      wantedIncident = null;
    }
  };

  const onChange = (change: BoardChange) => {
    if (!views || !board) return;
    status.textContent = board.connection === "live" ? "Live"
      : board.connection === "connecting" ? "Connecting…"
      : board.connection === "signed-out" ? `Not live: signed out — ${board.connectionDetail}`
      : `Reconnecting — ${board.connectionDetail}`;
    status.className = `connection ${board.connection}`;
    views.queue.update(change);
    views.units.update(change);
    if (change.alerts) views.alerts.render();
    if (tab === "map") views.map.update(change);
    const shown = views.detail.id;
    if (shown && (change.incidents.has(shown) || change.resources.size > 0)) views.detail.refresh();
    if (shown && !board.incidents.has(shown) && change.incidents.has(shown)) selectIncident(null);
  };

  const onKey = (e: KeyboardEvent) => {
    const t = tabs.find((x) => x.key === e.key);
    if (t) {
      e.preventDefault();
      location.hash = `#/cad/${t.id}`;
      return;
    }
    if (!views || tab !== "dispatch" || typing(e.target) || e.ctrlKey || e.altKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    if (key === "arrowdown" || key === "j") views.queue.step(1);
    else if (key === "arrowup" || key === "k") views.queue.step(-1);
    else if (key === "enter" && canDispatch) void views.detail.dispatch(0);
    else if (/^[1-5]$/.test(key) && canDispatch) void views.detail.dispatch(Number(key) - 1);
    else if (key === "a" && canDispatch) void views.alerts.acknowledgeOldest();
    else if (key === "m" && views.detail.id) location.hash = `#/cad/map?incident=${views.detail.id}`;
    else return;
    e.preventDefault();
  };
  window.addEventListener("keydown", onKey);

  void LiveBoard.load(true).then((loaded) => {
    board = loaded;
    const detail = new IncidentDetail(loaded, canDispatch, user.permissions.includes("cad.supervise"));
    const queue = new IncidentQueue(loaded, (id) => selectIncident(id));
    const units = new ResourceBoard(loaded, canDispatch);
    const alerts = new AlertsPanel(loaded, canDispatch);
    views = {
      call: new CallForm(user.username), map: new MapView(loaded), queue, detail, units, alerts,
      dispatch: h("div", { class: "dispatch-screen" }, queue.element, detail.element,
        h("div", { class: "side" }, alerts.element, units.element)),
    };
    stopListening = loaded.listen(onChange);
    showTab();
  }).catch((error: Error) => {
    body.replaceChildren(h("p", { class: "form-error" }, `The board could not be loaded: ${error.message}`));
  });

  return {
    element,
    route(path, query) {
      const asked = path[0] as Tab | undefined;
      tab = tabs.some((t) => t.id === asked) ? asked! : tab;
      wantedIncident = query.get("incident");
      showTab();
    },
    dispose() {
      window.removeEventListener("keydown", onKey);
      stopListening();
      views?.queue.dispose();
      views?.map.dispose();
      board?.close();
    },
  };
}
