// The exception queue: items a process could not finish alone, nearest deadline first, each
// with the reason. Opening one shows its history and its input as a form: correct the fields
// and resume in one click, resume as it is (after fixing the cause elsewhere), give the decision
// it waits for, or abandon it with the reason. #/robotics/exceptions/<item id> opens one.
import { api, ApiError } from "../../api/client";
import type { Process, WorkItem } from "../../api/robotics_types";
import { fill, h, labelledInput as field } from "../../dom";
import { fieldInputs, words } from "./form_inputs";

type Run = (work: () => Promise<void>) => Promise<void>;

function historyList(item: WorkItem): HTMLElement {
  return h("ol", { class: "log", id: "item-history" }, ...item.history.map((line) =>
    h("li", {}, `${new Date(line.at).toLocaleTimeString()} ${words(line.what)} by ${line.actor}${line.detail ? ` — ${line.detail}` : ""}`)));
}

function itemPanel(item: WorkItem, process: Process | undefined, run: Run, settled: (message: string) => void): HTMLElement {
  const status = h("p", { id: "item-status", role: "status" });
  const panel = h("div", { class: "panel review-item", id: "review-item" },
    h("h3", {}, `${process?.name ?? item.process_id}: item ${item.id}`),
    h("p", { id: "item-reason", class: "form-error" }, item.reason ?? ""),
    h("p", { class: "muted" }, `Received ${new Date(item.created_at).toLocaleString()}; due ${new Date(item.deadline).toLocaleString()}; attempts ${item.attempts}`));
  const done = (message: string) => {
    status.textContent = message;
    settled(message);
  };

  if (item.waiting_for) {
    const [decisionLabel, decision] = field("item-decision", "Decision ", { required: "true", size: "40" });
    const decide = h("form", { id: "item-decide", class: "records-search" }, decisionLabel, h("button", { type: "submit" }, "Decide"));
    decide.onsubmit = (e) => {
      e.preventDefault();
      void run(async () => {
        await api.decideItem(item.id, item.waiting_for!, decision.value.trim());
        done(`Decided: ${decision.value.trim()}. The item is back at work.`);
      });
    };
    panel.append(decide);
  } else {
    const inputs = fieldInputs(process?.fields ?? [], "fix", item.input ?? {});
    const [noteLabel, note] = field("fix-note", "Note ", { size: "40", placeholder: "what was corrected" });
    const fix = h("form", { id: "item-fix", class: "robotics-form" }, inputs.element, noteLabel,
      h("div", { class: "actions" },
        h("button", { type: "submit" }, "Fix and resume"),
        h("button", { type: "button", class: "secondary", id: "resume-as-is", onclick: () => void run(async () => {
          await api.resumeItem(item.id, undefined, note.value.trim());
          done("Resumed as it was.");
        }) }, "Resume as it is")));
    fix.onsubmit = (e) => {
      e.preventDefault();
      void run(async () => {
        try {
          await api.resumeItem(item.id, inputs.values(), note.value.trim());
          inputs.showErrors();
          done("Corrected and resumed.");
        } catch (error) {
          if (error instanceof ApiError) inputs.showErrors(error, "input.");
          throw error;
        }
      });
    };
    panel.append(fix);
  }
  const [reasonLabel, reason] = field("abandon-reason", "Reason ", { required: "true", size: "40" });
  const abandon = h("form", { id: "item-abandon", class: "records-search" }, reasonLabel,
    h("button", { type: "submit", class: "secondary" }, "Abandon"));
  abandon.onsubmit = (e) => {
    e.preventDefault();
    void run(async () => {
      await api.abandonItem(item.id, reason.value.trim());
      done("Abandoned.");
    });
  };
  panel.append(abandon, status, h("h4", {}, "History"), historyList(item));
  return panel;
}

export function reviewView(body: HTMLElement, run: Run, open?: string): void {
  const rows = h("tbody", { id: "exception-list" });
  const detail = h("div", { id: "exception-detail" });
  const done = h("p", { id: "review-done", role: "status", class: "saved" });
  let processes: Process[] = [];
  const show = (id: string) => void run(async () => {
    const item = await api.workItem(id);
    fill(detail, itemPanel(item, processes.find((p) => p.id === item.process_id), run, (message) => {
      done.textContent = message;
      fill(detail);
      void list();
    }));
  });
  const list = () => run(async () => {
    processes = (await api.processes()).items;
    const items = (await api.workItems("exception")).items;
    const now = Date.now();
    fill(rows, ...(items.length ? items.map((item) => h("tr", { class: Date.parse(item.deadline) < now ? "short" : "" },
      h("td", {}, processes.find((p) => p.id === item.process_id)?.name ?? item.process_id),
      h("td", {}, new Date(item.created_at).toLocaleString()),
      h("td", {}, new Date(item.deadline).toLocaleString()),
      h("td", { class: "reason" }, item.reason ?? ""),
      h("td", {}, h("a", { href: `#/robotics/exceptions/${item.id}` }, "Open"))))
      : [h("tr", {}, h("td", { colspan: "5", class: "muted" }, "No item waits for a person."))]));
  });
  fill(body,
    h("table", { class: "duty-table" },
      h("thead", {}, h("tr", {}, ...["Process", "Received", "Due", "Why it waits", ""].map((c) => h("th", {}, c)))),
      rows),
    done, detail);
  void list();
  if (open) show(open);
}
