// A call being taken is kept in the tab as it is typed, so that a session that expires, or a
// page reloaded to sign in again, does not lose it: the same user finds it restored. It is kept
// in sessionStorage (this tab only, gone when the tab closes) because it holds a caller's name
// and number; another user signing in at the same console never sees it, and signing out on
// purpose clears it.
const DRAFT_KEY = "peel.call-draft";

export interface CallDraft {
  place: { lat: number; lon: number; name: string } | null;
  fields: Record<string, string>;
}

export const callDraft = {
  save(username: string, draft: CallDraft): void {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ username, ...draft }));
  },
  load(username: string): CallDraft | null {
    try {
      const kept = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? "null") as (CallDraft & { username: string }) | null;
      return kept && kept.username === username ? { place: kept.place, fields: kept.fields } : null;
    } catch {
      return null;
    }
  },
  clear(): void {
    sessionStorage.removeItem(DRAFT_KEY);
  },
};
