// The one way the web client talks to Peel: JSON over fetch, the bearer token attached, and
// every failure turned into an ApiError carrying the server's problem details.
import type {
  Alert, Board, Briefing, Classification, CurrentSession, IncidentDetails, IncidentSummary, LogEntry,
  NewIncident, OpenedIncident, Picture, Place, PossibleDuplicate, Problem, Recommendation, Resource,
  RoadFeature, Route, SessionCreated,
} from "./types";
import type {
  DuplicatePair, EventHit, Merge, ObjectHit, PersonHit, PersonRecord, PoleEvent,
} from "./pole_types";
import type {
  Abstraction, Cover, DutyPerson, DutyVocabulary, NewAbstraction, NewDutyPerson, NewTour, OnDuty,
  Pattern, PatternTour, PlanApplied, Roster, RosterBuilt, RosterPlan, SwapOption, SwapRequest,
} from "./duty_types";
import type { Dashboard, Process, Submitted, WorkItem } from "./robotics_types";
import type {
  Asset, Booking, CheckIn, CounterVisit, Slot, SurveyState, TechbarMetrics, TechbarSite, TechbarTicket,
} from "./techbar_types";

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

// The session ending under the user's feet (expired, signed out elsewhere, account disabled):
// the server answers 401 to a signed-in call, or closes the stream with 4401. Every screen is
// told at once (the frame offers sign-in in place; live indicators stop saying "Live"), and
// told again when the user has signed back in, so that streams reconnect and forms carry on.
type SessionListener = (reason: string) => void;
const endedListeners = new Set<SessionListener>();
const resumedListeners = new Set<() => void>();
let sessionOver = false;
export const session = {
  onEnded(listener: SessionListener): () => void {
    endedListeners.add(listener);
    return () => endedListeners.delete(listener);
  },
  onResumed(listener: () => void): () => void {
    resumedListeners.add(listener);
    return () => resumedListeners.delete(listener);
  },
  get over(): boolean {
    return sessionOver;
  },
  ended(reason: string): void {
    if (sessionOver) return;
    sessionOver = true;
    for (const listener of [...endedListeners]) listener(reason);
  },
  resumed(): void {
    sessionOver = false;
    for (const listener of [...resumedListeners]) listener();
  },
};

// Why personal data is being opened: asked once per tab on the Records screen, sent with every
// read of a record and written in the access log beside the user's name.
export const purposeStore = {
  get: (): string => sessionStorage.getItem("peel.purpose") ?? "",
  set: (purpose: string) => sessionStorage.setItem("peel.purpose", purpose),
};

async function request<T>(method: string, path: string, body?: unknown,
                          accept = "application/json", extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: accept, ...extra };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  // A body is JSON unless the caller names its type (a CSV file sent as it is).
  const raw = body !== undefined && "Content-Type" in extra;
  if (body !== undefined && !raw) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? String(body) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ type: "urn:peel:problem:network", title: "No connection", status: 0,
                         detail: "Peel cannot be reached. Check the network and try again." });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = (response.headers.get("Content-Type") ?? "").includes("json");
  if (!json && response.ok) return text as T;
  const parsed: unknown = text && json ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (parsed as Problem | undefined) ??
      { type: "about:blank", title: response.statusText, status: response.status };
    // Signing in, out and changing the password answer 401 for their own reasons.
    if (response.status === 401 && token && !path.startsWith("/api/v1/session"))
      session.ended(problem.detail ?? "Your session has ended.");
    throw new ApiError(problem);
  }
  return parsed as T;
}

function purposeHeader(): Record<string, string> {
  const purpose = purposeStore.get();
  return purpose ? { "Peel-Purpose": purpose } : {};
}

export const api = {
  signIn: (username: string, password: string) =>
    request<SessionCreated>("POST", "/api/v1/session", { username, password }),
  currentSession: () => request<CurrentSession>("GET", "/api/v1/session"),
  signOut: () => request<void>("DELETE", "/api/v1/session"),
  changePassword: (current_password: string, new_password: string) =>
    request<void>("POST", "/api/v1/session/password", { current_password, new_password }),

  // Command & Control
  board: () => request<Board>("GET", "/api/v1/cad/board"),
  classifications: () => request<{ items: Classification[] }>("GET", "/api/v1/cad/classifications"),
  openIncident: (incident: NewIncident) => request<OpenedIncident>("POST", "/api/v1/incidents", incident),
  linkCall: (id: string, call: { caller: { name: string; phone: string }; narrative: string; channel: string }) =>
    request<IncidentSummary>("POST", `/api/v1/incidents/${encodeURIComponent(id)}/calls`, call),
  incident: (id: string) => request<IncidentDetails>("GET", `/api/v1/incidents/${encodeURIComponent(id)}`),
  incidentLog: (id: string) =>
    request<{ items: LogEntry[] }>("GET", `/api/v1/incidents/${encodeURIComponent(id)}/log`),
  recommendations: (id: string, limit = 8) =>
    request<{ items: Recommendation[] }>(
      "GET", `/api/v1/incidents/${encodeURIComponent(id)}/recommendations?limit=${limit}&diversions=true`),
  dispatch: (id: string, resource_id: string, divert?: { reason: string }) =>
    request<IncidentSummary>("POST", `/api/v1/incidents/${encodeURIComponent(id)}/dispatch`,
                             divert ? { resource_id, divert: true, reason: divert.reason } : { resource_id }),
  addUpdate: (id: string, text: string) =>
    request<IncidentSummary>("POST", `/api/v1/incidents/${encodeURIComponent(id)}/updates`, { text }),
  regrade: (id: string, grade: string, reason: string) =>
    request<IncidentSummary>("POST", `/api/v1/incidents/${encodeURIComponent(id)}/grade`, { grade, reason }),
  closeIncident: (id: string, closing_code: string, reason: string) =>
    request<IncidentSummary>("POST", `/api/v1/incidents/${encodeURIComponent(id)}/close`,
                             reason ? { closing_code, reason } : { closing_code }),
  mergeIncident: (id: string, into: string, reason: string) =>
    request<IncidentSummary>("POST", `/api/v1/incidents/${encodeURIComponent(id)}/merge`, { into, reason }),
  closingCodes: () => request<{ items: string[] }>("GET", "/api/v1/cad/closing-codes"),
  possibleDuplicates: (at: { lat: number; lon: number }, classification: string) =>
    request<{ items: PossibleDuplicate[] }>("GET",
      `/api/v1/cad/possible-duplicates?at=${at.lat},${at.lon}&classification=${encodeURIComponent(classification)}`),
  briefing: (at: { lat: number; lon: number }) =>
    request<Briefing>("GET", `/api/v1/cad/briefing?at=${at.lat},${at.lon}`),
  acknowledgeAlert: (id: string) =>
    request<Alert>("POST", `/api/v1/alerts/${encodeURIComponent(id)}/acknowledge`, {}),
  setStatus: (id: string, status: string) =>
    request<Resource>("POST", `/api/v1/resources/${encodeURIComponent(id)}/status`, { status }),

  // Geography
  searchPlaces: (q: string, limit = 8) =>
    request<{ items: Place[]; clearly_first: boolean }>("GET", `/api/v1/geo/search?q=${encodeURIComponent(q)}&limit=${limit}`),
  route: (from: { lat: number; lon: number }, to: { lat: number; lon: number }) =>
    request<Route>("GET", `/api/v1/geo/route?from=${from.lat},${from.lon}&to=${to.lat},${to.lon}&profile=emergency`),
  roads: (south: number, west: number, north: number, east: number, limit = 50000) =>
    request<{ features: RoadFeature[] }>("GET",
      `/api/v1/geo/roads?bbox=${south},${west},${north},${east}&limit=${limit}`, undefined, "application/geo+json"),

  // Records: every read states its purpose (purposeStore).
  searchPersons: (q: string, dob: string, minAge: string, maxAge: string) => {
    const query = new URLSearchParams({ q });
    if (dob) query.set("dob", dob);
    if (minAge) query.set("min_age", minAge);
    if (maxAge) query.set("max_age", maxAge);
    return request<{ items: PersonHit[] }>("GET", `/api/v1/persons/search?${query}`, undefined,
                                           "application/json", purposeHeader());
  },
  person: (id: string) =>
    request<PersonRecord>("GET", `/api/v1/persons/${encodeURIComponent(id)}`, undefined,
                          "application/json", purposeHeader()),
  searchVehicles: (vrm: string) =>
    request<{ items: ObjectHit[] }>("GET", `/api/v1/objects/search?vrm=${encodeURIComponent(vrm)}`,
                                    undefined, "application/json", purposeHeader()),
  searchEvents: (query: URLSearchParams) =>
    request<{ items: EventHit[] }>("GET", `/api/v1/events/search?${query}`, undefined,
                                   "application/json", purposeHeader()),
  event: (id: string) =>
    request<PoleEvent>("GET", `/api/v1/events/${encodeURIComponent(id)}`, undefined,
                       "application/json", purposeHeader()),
  duplicates: (personId: string) =>
    request<{ items: DuplicatePair[] }>("GET", `/api/v1/persons/duplicates?person_id=${encodeURIComponent(personId)}`,
                                        undefined, "application/json", purposeHeader()),
  merge: (survivor_id: string, merged_id: string, reason: string) =>
    request<Merge>("POST", "/api/v1/persons/merges", { survivor_id, merged_id, reason }),
  undoMerge: (id: string, reason: string) =>
    request<Merge>("POST", `/api/v1/persons/merges/${encodeURIComponent(id)}/undo`, { reason }),

  // Operating picture
  picture: (area?: string) =>
    request<Picture>("GET", `/api/v1/iop/picture${area ? `?area=${encodeURIComponent(area)}` : ""}`),
  pictureCsv: (table: "areas" | "hours", area?: string) =>
    request<string>("GET", `/api/v1/iop/picture.csv?table=${table}${area ? `&area=${encodeURIComponent(area)}` : ""}`,
                    undefined, "text/csv"),

  myRoster: (from: string, to: string) =>
    request<Roster>("GET", `/api/v1/duty/my-roster?from=${from}&to=${to}`),
  roster: (from: string, to: string, area: string) =>
    request<Roster>("GET", `/api/v1/duty/roster?from=${from}&to=${to}${area ? `&area=${encodeURIComponent(area)}` : ""}`),
  onDuty: (area: string) =>
    request<{ items: OnDuty[] }>("GET", `/api/v1/duty/on-duty${area ? `?area=${encodeURIComponent(area)}` : ""}`),
  cover: (area: string, from: string, to: string) =>
    request<Cover>("GET", `/api/v1/duty/cover?area=${encodeURIComponent(area)}&from=${from}&to=${to}`),
  requestAbstraction: (a: NewAbstraction) => request<Abstraction>("POST", "/api/v1/duty/abstractions", a),
  decideAbstraction: (id: string, approve: boolean) =>
    request<Abstraction>("POST", `/api/v1/duty/abstractions/${encodeURIComponent(id)}/decision`, { approve }),
  dutyVocabulary: () => request<DutyVocabulary>("GET", "/api/v1/duty/vocabulary"),
  dutyPeople: (area: string) =>
    request<{ items: DutyPerson[] }>("GET", `/api/v1/duty/people${area ? `?area=${encodeURIComponent(area)}` : ""}`),
  addDutyPerson: (person: NewDutyPerson) => request<DutyPerson>("POST", "/api/v1/duty/people", person),
  grantSkill: (personId: string, grant: { skill: string; granted: string; expires?: string }) =>
    request<DutyPerson>("POST", `/api/v1/duty/people/${encodeURIComponent(personId)}/skills`, grant),
  patterns: () => request<{ items: Pattern[] }>("GET", "/api/v1/duty/patterns"),
  addPattern: (pattern: { name: string; length_days: number; tours: PatternTour[] }) =>
    request<Pattern>("POST", "/api/v1/duty/patterns", pattern),
  buildRoster: (patternId: string, build: { people: { person_id: string; offset: number }[]; from: string; to: string; unit?: string }) =>
    request<RosterBuilt>("POST", `/api/v1/duty/patterns/${encodeURIComponent(patternId)}/roster`, build),
  swapOptions: (tourId: string) =>
    request<{ items: SwapOption[] }>("GET", `/api/v1/duty/swap-options?tour_id=${encodeURIComponent(tourId)}`),
  requestSwap: (tourId: string, otherTourId: string, note: string) =>
    request<SwapRequest>("POST", "/api/v1/duty/swaps", { tour_id: tourId, other_tour_id: otherTourId, note }),
  waitingSwaps: () => request<{ items: SwapRequest[] }>("GET", "/api/v1/duty/swaps"),
  decideSwap: (id: string, approve: boolean) =>
    request<SwapRequest>("POST", `/api/v1/duty/swaps/${encodeURIComponent(id)}/decision`, { approve }),
  proposePlan: (plan: { area: string; from: string; to: string; seconds: number }) =>
    request<RosterPlan>("POST", "/api/v1/duty/plans", plan),
  applyPlan: (changes: { add: NewTour[]; cancel: string[]; reason: string }) =>
    request<PlanApplied>("POST", "/api/v1/duty/plans/apply", changes),

  processes: () => request<{ items: Process[] }>("GET", "/api/v1/robotics/processes"),
  processDocument: (id: string) =>
    request<Record<string, unknown>>("GET", `/api/v1/robotics/processes/${encodeURIComponent(id)}`),
  installProcess: (document: unknown) =>
    request<{ id: string; version: number }>("POST", "/api/v1/robotics/processes", document),
  submitForm: (processId: string, fields: Record<string, string>) =>
    request<Submitted>("POST", `/api/v1/robotics/forms/${encodeURIComponent(processId)}`, fields),
  workItem: (id: string) =>
    request<WorkItem>("GET", `/api/v1/robotics/items/${encodeURIComponent(id)}`, undefined, "application/json", purposeHeader()),
  workItems: (state: string) =>
    request<{ items: WorkItem[] }>("GET", `/api/v1/robotics/items?state=${encodeURIComponent(state)}`,
                                   undefined, "application/json", purposeHeader()),
  resumeItem: (id: string, input: Record<string, string> | undefined, note: string) =>
    request<WorkItem>("POST", `/api/v1/robotics/items/${encodeURIComponent(id)}/resume`, { ...(input ? { input } : {}), note }),
  decideItem: (id: string, stepId: string, decision: string) =>
    request<WorkItem>("POST", `/api/v1/robotics/items/${encodeURIComponent(id)}/decide`, { step_id: stepId, decision }),
  abandonItem: (id: string, reason: string) =>
    request<WorkItem>("POST", `/api/v1/robotics/items/${encodeURIComponent(id)}/abandon`, { reason }),
  roboticsDashboard: (hours: number) => request<Dashboard>("GET", `/api/v1/robotics/dashboard?hours=${hours}`),

  // Tech Bar
  techbarSites: () => request<{ items: TechbarSite[] }>("GET", "/api/v1/techbar/locations"),
  changeSite: (site: TechbarSite) =>
    request<TechbarSite>("PUT", `/api/v1/techbar/locations/${encodeURIComponent(site.id)}`,
                         { name: site.name, address: site.address, opens: site.opens, closes: site.closes,
                           days: site.days, engineers: site.engineers }),
  checkIn: (check: { location_id: string; staff_number?: string; name?: string; device_type: string; symptom: string }) =>
    request<CheckIn>("POST", "/api/v1/techbar/checkins", check),
  checkInState: (id: string) => request<CheckIn>("GET", `/api/v1/techbar/checkins/${encodeURIComponent(id)}`),
  counterQueue: (locationId: string) =>
    request<{ items: CounterVisit[]; at_counter: CounterVisit[] }>(
      "GET", `/api/v1/techbar/queue?location_id=${encodeURIComponent(locationId)}`),
  callNext: (locationId: string) => request<CounterVisit>("POST", "/api/v1/techbar/queue/next", { location_id: locationId }),
  finishVisit: (id: string, helped: boolean) =>
    request<CounterVisit>("POST", `/api/v1/techbar/checkins/${encodeURIComponent(id)}/finish`, { helped }),
  openTicket: (visitId: string) => request<TechbarTicket>("POST", "/api/v1/techbar/tickets", { visit_id: visitId }),
  ticket: (id: string) => request<TechbarTicket>("GET", `/api/v1/techbar/tickets/${encodeURIComponent(id)}`),
  workTicket: (id: string, work: { diagnosis: string; actions: string; parts: string; level: number }) =>
    request<TechbarTicket>("POST", `/api/v1/techbar/tickets/${encodeURIComponent(id)}/work`, work),
  escalateTicket: (id: string, to: string, reference: string) =>
    request<TechbarTicket>("POST", `/api/v1/techbar/tickets/${encodeURIComponent(id)}/escalate`, { to, reference }),
  resolveTicket: (id: string, resolution: string, firstTimeFix: boolean) =>
    request<TechbarTicket>("POST", `/api/v1/techbar/tickets/${encodeURIComponent(id)}/resolve`,
                           { resolution, first_time_fix: firstTimeFix }),
  loanStock: (locationId: string) =>
    request<{ items: Asset[] }>("GET", `/api/v1/techbar/assets?location_id=${encodeURIComponent(locationId)}`),
  lendAsset: (id: string, lending: { staff_number: string; ticket_id: string; swap: boolean }) =>
    request<Asset>("POST", `/api/v1/techbar/assets/${encodeURIComponent(id)}/lend`, lending),
  addAsset: (asset: { location_id: string; device_type: string; serial: string; model: string }) =>
    request<Asset>("POST", "/api/v1/techbar/assets", asset),
  returnAsset: (id: string) => request<Asset>("POST", `/api/v1/techbar/assets/${encodeURIComponent(id)}/return`, {}),
  slots: (locationId: string, day: string) =>
    request<{ items: Slot[] }>("GET", `/api/v1/techbar/slots?location_id=${encodeURIComponent(locationId)}&day=${day}`),
  book: (booking: { location_id: string; staff_number?: string; name?: string; device_type: string; symptom: string; starts_at: string }) =>
    request<Booking>("POST", "/api/v1/techbar/appointments", booking),
  cancelBooking: (id: string) => request<Booking>("POST", `/api/v1/techbar/appointments/${encodeURIComponent(id)}/cancel`, {}),
  bookingsOfDay: (locationId: string, day: string) =>
    request<{ items: Booking[] }>("GET", `/api/v1/techbar/appointments?location_id=${encodeURIComponent(locationId)}&day=${day}`),
  survey: (token: string) => request<SurveyState>("GET", `/api/v1/techbar/surveys/${encodeURIComponent(token)}`),
  answerSurvey: (token: string, score: number, comment: string) =>
    request<SurveyState>("POST", `/api/v1/techbar/surveys/${encodeURIComponent(token)}`, { score, comment }),
  techbarMetrics: (query: string) => request<TechbarMetrics>("GET", `/api/v1/techbar/metrics?${query}`),
  techbarMetricsCsv: (query: string) =>
    request<string>("GET", `/api/v1/techbar/metrics.csv?${query}`, undefined, "text/csv"),
  importServiceDesk: async (file: File) =>
    request<{ tickets: number; added: number; replaced: number }>(
      "POST", `/api/v1/techbar/service-desk/imports?file=${encodeURIComponent(file.name)}`, await file.text(),
      "application/json", { "Content-Type": "text/csv" }),
};
