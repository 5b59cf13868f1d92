// Robotics: a form a process starts, sent and followed until its crime number (or the reason it
// waits) comes back (robotics.submit); the dashboard of throughput, waiting and overdue items and
// the time saved (robotics.read); the exceptions waiting for a person, fixed and resumed,
// decided or abandoned (robotics.review, review_view.ts); the installed processes and new
// versions of them (robotics.read, robotics.manage). Tabs are in the address:
// #/robotics/report, /dashboard, /exceptions, /processes.
import { api, ApiError } from "../../api/client";
import type { Process, WorkItem } from "../../api/robotics_types";
import type { User } from "../../api/types";
import { fill, h } from "../../dom";
import { runReporting, type Screen } from "../../screen";
import { fieldInputs, words } from "./form_inputs";
import { reviewView } from "./review_view";

type Tab = "report" | "dashboard" | "exceptions" | "processes";

const seconds = (s: number | null) => (s === null ? "—" : s < 120 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`);
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

// What the outcome says for a person: the crime number first.
export function outcomeLine(item: WorkItem): string {
  const o = item.outcome;
  if (item.state === "done" && typeof o.reference === "string") return `Done: crime reference ${o.reference}`;
  if (item.state === "done") return "Done";
  if (item.state === "exception") return `Waiting for a person: ${item.reason ?? ""}`;
  if (item.state === "abandoned") return `Abandoned: ${item.reason ?? ""}`;
  return `${words(item.state)}…`;
}

export function roboticsScreen(user: User): Screen {
  const can = (permission: string) => user.permissions.includes(permission);
  const tabs: [Tab, string, boolean][] = [
    ["report", "Send a form", can("robotics.submit")], ["dashboard", "Dashboard", can("robotics.read")],
    ["exceptions", "Exceptions", can("robotics.review")], ["processes", "Processes", can("robotics.read")]];
  const tabBar = h("div", { class: "tabs", role: "tablist", "aria-label": "Robotics" },
    ...tabs.filter(([, , allowed]) => allowed).map(([id, name]) =>
      h("a", { href: `#/robotics/${id}`, role: "tab", "data-tab": id }, name)));
  const message = h("p", { class: "form-error", role: "alert", id: "robotics-error" });
  const body = h("div", { class: "duty-body", id: "robotics-body" });
  const element = h("section", { class: "page wide", "aria-labelledby": "robotics-title" },
    h("div", { class: "records-bar" }, h("h2", { id: "robotics-title" }, "Robotics"), tabBar), message, body);
  let polling = 0;

  const run = runReporting(message);

  // Follows an item until it is done or waits for a person, showing each state.
  const follow = (id: string, status: HTMLElement) => {
    const mine = ++polling;
    const look = async () => {
      if (mine !== polling) return;
      const item = await api.workItem(id);
      status.textContent = outcomeLine(item);
      if (item.state !== "done" && item.state !== "exception" && item.state !== "abandoned")
        setTimeout(() => void run(look), 400);
    };
    void run(look);
  };

  const report = () => run(async () => {
    const forms = (await api.processes()).items.filter((p) => p.trigger.kind === "form");
    if (!forms.length) return fill(body, h("p", { class: "muted" }, "No process is started by a form."));
    const choice = h("select", { id: "form-process", "aria-label": "Form" },
      ...forms.map((p) => h("option", { value: p.id }, p.name)));
    const holder = h("div", {});
    const status = h("p", { id: "form-status", role: "status" });
    let inputs = fieldInputs(forms[0].fields, "form");
    const show = () => {
      const process = forms.find((p) => p.id === choice.value)!;
      inputs = fieldInputs(process.fields, "form");
      fill(holder, inputs.element);
    };
    choice.onchange = show;
    show();
    const form = h("form", { id: "robotics-form", class: "robotics-form" }, holder,
      h("button", { type: "submit" }, "Send"));
    form.onsubmit = (e) => {
      e.preventDefault();
      void run(async () => {
        try {
          const sent = await api.submitForm(choice.value, inputs.values());
          inputs.showErrors();
          status.textContent = `Received as item ${sent.id}; working on it…`;
          follow(sent.id, status);
        } catch (error) {
          if (error instanceof ApiError) inputs.showErrors(error);
          throw error;
        }
      });
    };
    fill(body, h("p", { class: "muted" }, "What a member of the public or an officer sends; nobody re-keys it."),
      h("label", { for: "form-process" }, "Form ", choice), form, status);
  });

  const dashboard = () => {
    const period = h("select", { id: "dashboard-hours", "aria-label": "Period" },
      ...[[24, "Last 24 hours"], [168, "Last 7 days"], [720, "Last 30 days"]].map(([v, label]) =>
        h("option", { value: String(v) }, String(label))));
    const content = h("div", { id: "dashboard" });
    const show = () => void run(async () => {
      const d = await api.roboticsDashboard(Number(period.value));
      const tile = (id: string, value: string, label: string) =>
        h("div", { class: "tile", id }, h("div", { class: "tile-value" }, value), h("div", { class: "tile-label" }, label));
      const table = (head: string[], rows: (string | number)[][], id: string) =>
        h("table", { class: "duty-table", id },
          h("thead", {}, h("tr", {}, ...head.map((c) => h("th", {}, c)))),
          h("tbody", {}, ...(rows.length ? rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, String(c)))))
            : [h("tr", {}, h("td", { colspan: String(head.length), class: "muted" }, "Nothing yet."))])));
      const most = Math.max(1, ...d.throughput.map((t) => t.done));
      fill(content,
        h("div", { class: "tiles robotics-tiles" },
          tile("tile-done", String(d.totals.done), "items done"),
          tile("tile-saved", d.totals.hours_saved.toFixed(1), "hours of manual work saved"),
          tile("tile-waiting", String(d.totals.waiting), "waiting"),
          tile("tile-exceptions", String(d.totals.exceptions), "exceptions for people"),
          tile("tile-overdue", String(d.totals.overdue), "past their deadline")),
        h("h3", {}, "Processes"),
        table(["Process", "Done", "Made to done, median", "90th percentile", "Minutes saved each", "Hours saved"],
          d.processes.map((p) => [p.name, p.done, seconds(p.median_seconds), seconds(p.p90_seconds),
                                  p.minutes_saved_each, p.hours_saved.toFixed(1)]), "dashboard-processes"),
        h("h3", {}, "Queues"),
        table(["Queue", "New", "In progress", "Retried", "Exceptions", "Done", "Abandoned", "Overdue", "Oldest waiting"],
          d.queues.map((q) => [q.queue, q.by_state.new, q.by_state.in_progress, q.by_state.retried, q.by_state.exception,
                               q.by_state.done, q.by_state.abandoned, q.overdue, time(q.oldest_waiting)]), "dashboard-queues"),
        h("h3", {}, "Done by hour"),
        h("div", { class: "throughput", id: "dashboard-throughput" }, ...(d.throughput.length
          ? d.throughput.map((t) => h("div", { class: "throughput-row" },
              h("span", {}, `${t.hour.slice(5, 10)} ${t.hour.slice(11, 16)}`),
              h("span", { class: "throughput-bar", style: `width: ${(100 * t.done) / most}%` }),
              h("span", {}, String(t.done))))
          : [h("p", { class: "muted" }, "Nothing done in this period.")])));
    });
    period.onchange = show;
    fill(body, h("label", { for: "dashboard-hours" }, "Period ", period), content);
    show();
  };

  const processes = () => run(async () => {
    const list = (await api.processes()).items;
    const documentView = h("pre", { id: "process-document", class: "process-document" });
    const row = (p: Process) => h("tr", {},
      h("td", {}, p.name), h("td", {}, p.id), h("td", {}, String(p.version)),
      h("td", {}, `${p.trigger.kind}${p.trigger.source ? ` ${p.trigger.source}` : ""}`), h("td", {}, p.queue),
      h("td", {}, `${p.deadline_minutes} min`), h("td", {}, String(p.minutes_saved)),
      h("td", {}, h("button", { type: "button", class: "secondary", onclick: () => void run(async () => {
        const doc = await api.processDocument(p.id);
        documentView.textContent = JSON.stringify(doc, null, 2);
        if (editor) editor.value = JSON.stringify({ ...doc, version: p.version + 1 }, null, 2);
      }) }, "Definition")));
    const editor = can("robotics.manage") ? h("textarea", { id: "process-editor", rows: "14", "aria-label": "New version" }) : null;
    const installed = h("p", { id: "process-installed", role: "status" });
    const install = editor && h("form", { id: "process-install" }, editor,
      h("button", { type: "submit" }, "Install this version"));
    if (install && editor) {
      install.onsubmit = (e) => {
        e.preventDefault();
        void run(async () => {
          let doc: unknown;
          try {
            doc = JSON.parse(editor.value);
          } catch (error) {
            throw new Error(`The definition is not JSON: ${String(error)}`);
          }
          const made = await api.installProcess(doc);
          installed.textContent = `Installed ${made.id} version ${made.version}.`;
          void processes();
        });
      };
    }
    fill(body,
      h("table", { class: "duty-table", id: "process-list" },
        h("thead", {}, h("tr", {}, ...["Name", "Id", "Version", "Trigger", "Queue", "Deadline", "Minutes saved each", ""]
          .map((c) => h("th", {}, c)))),
        h("tbody", {}, ...list.map(row))),
      documentView,
      install ? h("h3", {}, "Install a new version") : null, install, installed);
  });

  const route = (path: string[]) => {
    polling += 1;
    const allowed = tabs.filter(([, , ok]) => ok).map(([id]) => id);
    const view = (allowed.includes(path[0] as Tab) ? path[0] : allowed[0]) as Tab;
    for (const link of tabBar.querySelectorAll("a"))
      link.setAttribute("aria-selected", String(link.dataset.tab === view));
    message.textContent = "";
    if (view === "dashboard") dashboard();
    else if (view === "exceptions") reviewView(body, run, path[1]);
    else if (view === "processes") void processes();
    else void report();
  };
  return { element, route };
}
