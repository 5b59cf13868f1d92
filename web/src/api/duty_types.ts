// What the duty API sends (docs/api.md, "Endpoints (duty)").
export interface SkillGrant { skill: string; granted: string; expires: string | null }

export interface DutyPerson {
  id: string; number: string; name: string; rank: string; team: string; area: string; role: string;
  user: string | null; skills: SkillGrant[];
}

export interface Tour {
  id: string; person_id: string; start: string; end: string; kind: string; unit: string | null;
  override?: { reason: string; by: string; rules: { rule: string; detail: string }[] };
}

export interface Abstraction {
  id: string; person_id: string; kind: string; start: string; end: string; note: string;
  status: "requested" | "approved" | "refused"; requested_by: string; decided_by: string | null;
}

export interface Roster { people: DutyPerson[]; tours: Tour[]; abstractions: Abstraction[] }

export interface OnDuty {
  person_id: string; number: string; name: string; rank: string; area: string; skills: string[]; tour: Tour;
}

export interface HourCover {
  hour: string; on_duty: number; by_rank: Record<string, number>; by_skill: Record<string, number>; gaps: string[];
}

export interface Cover { area: string; hours_short: number; items: HourCover[] }

export interface NewAbstraction { kind: string; start: string; end: string; note?: string; person_id?: string }

export interface NewTour { person_id: string; start: string; end: string; kind: string; unit: string | null }

export interface PlanGap { day: string; kind: string; need: string; have: number; wanted: number }

export interface PersonLoad { person_id: string; name: string; hours_before: number; hours_after: number; away_days: number }

export interface RosterPlan {
  add: NewTour[]; cancel: Tour[]; kept: number; gaps: PlanGap[]; people: PersonLoad[]; penalty: number;
}

export interface PlanApplied extends RosterBuilt { cancelled: string[] }

export interface SwapOption { tour: Tour; person: { id: string; number: string; name: string; rank: string } }

export interface SwapRequest {
  id: string; tour_id: string; other_tour_id: string; note: string;
  status: "requested" | "approved" | "refused"; requested_by: string; decided_by: string | null;
}

export interface DutyVocabulary { skills: string[]; ranks: string[]; tour_kinds: string[]; abstraction_kinds: string[] }

export interface NewDutyPerson { number: string; name: string; rank: string; team: string; area: string; role: string; user?: string }

export interface PatternTour { day: number; kind: string; start: string; hours: number }

export interface Pattern { id: string; name: string; length_days: number; tours: PatternTour[] }

export interface RosterBuilt { rostered: Tour[]; refused: (NewTour & { reason: string })[] }
