// What the robotics API sends (docs/api.md, "Endpoints (robotics)").
export interface ProcessField { name: string; type: string; required: boolean; max_length: number; past: boolean; options: string[] }

export interface Process {
  id: string; name: string; version: number; queue: string; deadline_minutes: number; minutes_saved: number;
  trigger: { kind: string; source?: string; format?: string }; fields: ProcessField[]; installed_at: string;
}

export interface HistoryLine { at: string; what: string; actor: string; detail: string }

export interface WorkItem {
  id: string; process_id: string; process_version: number; queue: string; source_reference: string;
  state: "new" | "in_progress" | "done" | "exception" | "retried" | "abandoned";
  priority: number; deadline: string; attempts: number; next_step: number;
  outcome: Record<string, unknown>; reason: string | null; waiting_for: string | null;
  created_at: string; updated_at: string; history: HistoryLine[]; input?: Record<string, string>;
}

export interface Submitted { id: string; state: string; source_reference: string; deadline: string }

export interface QueueFigures {
  queue: string; by_state: Record<string, number>; overdue: number; oldest_waiting: string | null;
}

export interface Dashboard {
  from: string; to: string;
  totals: { done: number; hours_saved: number; exceptions: number; waiting: number; overdue: number };
  processes: { process_id: string; name: string; done: number; minutes_saved_each: number; hours_saved: number;
               median_seconds: number | null; p90_seconds: number | null }[];
  queues: QueueFigures[];
  throughput: { hour: string; done: number }[];
}
