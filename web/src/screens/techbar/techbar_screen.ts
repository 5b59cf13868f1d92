// The Tech Bar: checking in, on a site's kiosk or any device, or booking a slot (techbar.use,
// checkin_view.ts);
// the engineers' counter (techbar.serve, counter_view.ts); the managers' metrics beside the
// service desk's (techbar.read, metrics_view.ts); and the pages a person is sent to: their
// visit and its survey. Tabs are in the address: #/techbar/checkin, /book, /counter?site=, /metrics,
// /kiosk/<site>, /visit/<id>, /survey/<token>.
import { api } from "../../api/client";
import type { User } from "../../api/types";
import { h } from "../../dom";
import { runReporting, type Screen } from "../../screen";
import { bookingView, checkInView, visitView } from "./checkin_view";
import { counterView } from "./counter_view";
import { metricsView } from "./metrics_view";
import { surveyView } from "./survey_view";

type Tab = "checkin" | "book" | "counter" | "metrics";

export function techbarScreen(user: User): Screen {
  const can = (permission: string) => user.permissions.includes(permission);
  const tabs: [Tab, string, boolean][] = [
    ["checkin", "Check in", can("techbar.use")], ["book", "Book", can("techbar.use")],
    ["counter", "Counter", can("techbar.serve")],
    ["metrics", "Metrics", can("techbar.read")]];
  const tabBar = h("div", { class: "tabs", role: "tablist", "aria-label": "Tech Bar" },
    ...tabs.filter(([, , allowed]) => allowed).map(([id, name]) =>
      h("a", { href: `#/techbar/${id}`, role: "tab", "data-tab": id }, name)));
  const message = h("p", { class: "form-error", role: "alert", id: "techbar-error" });
  const body = h("div", { class: "duty-body", id: "techbar-body" });
  const element = h("section", { class: "page wide", "aria-labelledby": "techbar-title" },
    h("div", { class: "records-bar" }, h("h2", { id: "techbar-title" }, "Tech Bar"), tabBar), message, body);
  let stop: (() => void) | undefined;

  const run = runReporting(message);

  const route = (path: string[], query: URLSearchParams) => {
    stop?.();
    stop = undefined;
    message.textContent = "";
    const allowed = tabs.filter(([, , ok]) => ok).map(([id]) => id);
    const view = path[0] ?? allowed[0];
    for (const link of tabBar.querySelectorAll("a"))
      link.setAttribute("aria-selected", String(link.dataset.tab === view));
    void run(async () => {
      if (view === "visit" && path[1]) {
        stop = visitView(body, run, path[1]);
        return;
      }
      if (view === "survey" && path[1]) return surveyView(body, run, path[1]);
      // Read afresh each time: who waits, and which sites are open, change.
      const sites = (await api.techbarSites()).items;
      if (view === "kiosk") return checkInView(body, run, sites, path[1]);
      if (view === "book") return bookingView(body, run, sites);
      if (view === "counter" && allowed.includes("counter")) {
        stop = counterView(body, run, sites, query.get("site") ?? "", can("techbar.manage"));
        return;
      }
      if (view === "metrics" && allowed.includes("metrics")) return metricsView(body, run, sites, can("techbar.manage"));
      checkInView(body, run, sites);
    });
  };
  return { element, route, dispose: () => stop?.() };
}
