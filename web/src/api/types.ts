// Shapes of the API's JSON, as served in /api/v1/openapi.json.

export interface User {
  id: string;
  username: string;
  display_name: string;
  role: string;
  permissions: string[];
  disabled: boolean;
  must_change_password: boolean;
  created_at: string;
  locked_until?: string;
}

export interface SessionCreated {
  token: string;
  expires_at: string;
  user: User;
}

export interface CurrentSession {
  expires_at: string;
  user: User;
}

// RFC 9457 problem details, with the fields that failed validation.
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; reason: string }[];
}

// Command & Control (see docs/api.md, "Endpoints (cad)").
export type Grade = "I" | "S" | "E" | "R";
export type UnitStatus = "off_duty" | "available" | "dispatched" | "en_route" | "at_scene" | "transporting";

export interface LatLon {
  lat: number;
  lon: number;
}

export interface IncidentSummary {
  id: string;
  reference: string;
  classification: string;
  grade: Grade;
  channel: string;
  location: LatLon;
  address: string;
  area: string;
  opened_at: string;
  dispatched_at: string | null;
  attended_at: string | null;
  open: boolean;
  closing_code: string | null;
  merged_into: string | null;
  resources: string[];
  linked_calls: number;
}

export interface Thrive {
  threat: string;
  harm: string;
  risk: string;
  investigation: string;
  vulnerability: string;
  engagement: string;
}

export interface LinkedCall {
  caller: { name: string; phone: string };
  narrative: string;
  channel: string;
  at: string;
}

export interface Incident extends IncidentSummary {
  thrive: Thrive;
  caller: { name: string; phone: string };
  narrative: string;
  opened_by: string;
  calls: LinkedCall[];
}

// GET /incidents/{id}: with the place's warnings and history, as the call handler saw them.
export interface IncidentDetails extends Incident {
  briefing: Briefing;
}

export interface Position extends LatLon {
  resource_id: string;
  at: string;
}

export interface Resource {
  id: string;
  call_sign: string;
  type: string;
  capabilities: string[];
  home_area: string;
  crew: string[];
  status: UnitStatus;
  status_at: string;
  incident_id: string | null;
  position: { lat: number; lon: number; at: string } | null;
}

export interface Alert {
  id: string;
  kind: string;
  incident_id: string;
  resource_id: string | null;
  message: string;
  raised_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

export interface Board {
  incidents: IncidentSummary[];
  resources: Resource[];
  alerts: Alert[];
  targets_minutes: { I: number; S: number };
  sequence: number;
}

export interface Classification {
  code: string;
  name: string;
  group: string;
  capabilities: string[];
  retired: boolean;
}

export interface Recommendation {
  resource_id: string;
  call_sign: string;
  eta_seconds: number;
  meters: number;
  diverted_from: { incident_id: string; reference: string } | null;
  reasons: string[];
}

export interface PossibleDuplicate {
  incident_id: string;
  reference: string;
  classification: string;
  meters: number;
  minutes_ago: number;
}

export interface WarningMarker {
  id: string;
  kind: string;
  subject: string;
  note: string;
  location: LatLon;
  created_at: string;
}

export interface Briefing {
  warnings: WarningMarker[];
  history: IncidentSummary[];
}

export interface OpenedIncident extends Incident {
  possible_duplicates: PossibleDuplicate[];
  briefing: Briefing;
}

export interface NewIncident {
  classification: string;
  grade: Grade;
  channel: string;
  location?: LatLon;
  address?: string;
  thrive: Partial<Thrive>;
  caller: { name: string; phone: string };
  narrative: string;
}

export interface LogEntry {
  sequence: number;
  at: string;
  stream: string;
  type: string;
  actor: string;
  reason: string;
  payload: Record<string, unknown>;
}

export interface Place {
  name: string;
  kind: string;
  category?: string;
  housenumber?: string;
  street?: string;
  lat: number;
  lon: number;
  score: number;
  // A house number the map lacks, placed along its street; `note` says where.
  interpolated?: boolean;
  note?: string;
}

export interface Route {
  meters: number;
  seconds: number;
  geometry: { type: "LineString"; coordinates: [number, number][] };
}

export interface RoadFeature {
  geometry: { type: "LineString"; coordinates: [number, number][] };
  properties: { name: string; class: string; oneway: boolean };
}

// The Integrated Operating Picture.
export interface Attendance {
  incidents: number;
  decided: number;
  within_target: number;
  share: number | null;
  median_seconds: number | null;
  p90_seconds: number | null;
}

export interface Performance {
  I: Attendance;
  S: Attendance;
}

export interface AreaPicture {
  area: string | null;
  open_by_grade: Record<Grade, number>;
  open_by_state: { unassigned: number; dispatched: number; at_scene: number };
  units_by_status: Record<string, number>;
  units_by_type: Record<string, number>;
  today: Performance;
  last_24_hours: Performance;
}

export interface Picture {
  generated_at: string;
  today_from: string;
  targets_minutes: { I: number; S: number };
  force: AreaPicture;
  areas: AreaPicture[];
  focus: string | null;
  by_hour: { from: string; opened: number; performance: Performance }[];
  heat: { lat: number; lon: number; incidents: number }[];
}
