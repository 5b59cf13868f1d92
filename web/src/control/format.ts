// How the control room screens show times, grades and statuses: one way everywhere.
import type { Grade } from "../api/types";

export const gradeNames: Record<Grade, string> = {
  I: "Immediate", S: "Significant", E: "Extended", R: "Referred",
};
const gradeOrder: Record<Grade, number> = { I: 0, S: 1, E: 2, R: 3 };
export const byGrade = (a: Grade, b: Grade): number => gradeOrder[a] - gradeOrder[b];

// "4:05" or "1:02:09".
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

export const secondsSince = (iso: string, now = Date.now()): number => (now - Date.parse(iso)) / 1000;

// "3 min" for ETAs and response times.
export function minutes(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "–";
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

export const statusLabel = (status: string): string => status.replaceAll("_", " ");

export const timeOfDay = (iso: string): string =>
  new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

export const percent = (share: number | null): string =>
  share === null ? "–" : `${Math.round(share * 100)}%`;
