// The records (POLE) resources as the API returns them (docs/api.md, "Records").
import type { LatLon } from "./types";

export interface Marker {
  id: string;
  record_id: string;
  record_kind: string;
  kind: string;
  note: string;
  created_at: string;
  created_by: string;
}

export interface Retained {
  mopi_group: number;
  review_due: string;
}

export interface Person extends Retained {
  id: string;
  surname: string;
  forenames: string[];
  date_of_birth: string | null;
  aliases: string[];
  identifiers: { kind: string; value: string }[];
  addresses: string[];
  description: string;
  recorded_at: string;
  merged_into: string | null;
}

export interface PersonHit extends Person {
  score: number;
  why: string[];
  markers: Marker[];
}

export interface Link {
  id: string;
  from_id: string;
  from_kind: string;
  type: string;
  to_id: string;
  to_kind: string;
  from_label: string;
  to_label: string;
  valid_from: string | null;
  valid_to: string | null;
  source: string;
  recorded_at: string;
}

export interface Evidence {
  field: string;
  weight: number;
  why: string;
}

export interface PossibleDuplicate {
  person_id: string;
  other_id: string;
  score: number;
  evidence: Evidence[];
  found_at: string;
}

export interface DuplicatePair extends PossibleDuplicate {
  person: Person;
  other: Person;
}

export interface Merge {
  id: string;
  survivor_id: string;
  merged_id: string;
  reason: string;
  merged_at: string;
  merged_by: string;
  undone_at: string | null;
}

export interface PersonRecord extends Person {
  markers: Marker[];
  links: Link[];
  possible_duplicates: (PossibleDuplicate & { other: Person })[];
  merged_records: Person[];
  merges: Merge[];
}

export interface PoleObject extends Retained {
  id: string;
  kind: string;
  vrm: string | null;
  make: string;
  model: string;
  colour: string;
  identifier: string;
  description: string;
}

export interface ObjectHit extends PoleObject {
  why: string[];
}

export interface PoleEvent extends Retained {
  id: string;
  reference: string | null;
  type: string;
  classification: string;
  classification_name: string;
  occurred_from: string;
  occurred_to: string;
  location: LatLon | null;
  place: string;
  narrative: string;
  modus_operandi: string;
  outcome: string;
  source: string;
  links?: Link[];
}

export interface EventHit extends PoleEvent {
  meters?: number;
  why: string[];
}
