// The Tech Bar's API as the web client sees it (docs/api.md, "Endpoints (techbar)").
export interface TechbarSite {
  id: string; name: string; address: string; opens: string; closes: string; days: string[];
  engineers: number; hours: string; open_now: boolean; waiting: number;
}

export interface CheckIn {
  id: string; location_id: string; state: "waiting" | "at_counter" | "done" | "left";
  device_type: string; checked_in_at: string; position: number | null;
  estimated_wait_seconds: number | null; booked: boolean; ticket_state?: string | null; survey_link?: string | null;
}

export interface CounterVisit extends CheckIn {
  staff_number: string; person_name: string; symptom: string; engineer: string | null;
  called_at: string | null; ticket_id?: string | null;
}

export interface TechbarTicket {
  id: string; visit_id: string; location_id: string; staff_number: string; person_name: string;
  device_type: string; symptom: string; level: number; diagnosis: string; actions: string; parts: string;
  state: "open" | "escalated" | "resolved"; first_time_fix: boolean; opened_at: string;
  escalated_to: string | null; escalation_reference: string | null; resolution: string | null;
  resolved_at: string | null; survey_link: string | null;
}

export interface Asset {
  id: string; location_id: string; device_type: string; serial: string; model: string;
  state: "in_stock" | "on_loan"; holder: { staff_number: string; name: string } | null;
  ticket_id?: string | null; swap?: boolean; lent_at?: string | null; due_back?: string | null;
}

export interface SurveyState {
  ticket_id: string; expires_at: string; answered_at: string | null; score: number | null;
}

export interface Figures {
  contacts: number; tickets: number; resolved: number; first_time_fixes: number;
  first_time_fix_rate: number | null; resolution_mean_seconds: number | null;
  resolution_median_seconds: number | null; resolution_p90_seconds: number | null;
  wait_median_seconds: number | null; wait_p90_seconds: number | null;
  surveys_sent: number; surveys_answered: number; response_rate: number | null;
  mean_score: number | null; excellent_share: number | null;
}

export interface Comparison {
  resolution_mean_days_shorter: number | null; resolution_median_days_shorter: number | null;
  first_time_fix_points: number | null;
}

export interface TechbarMetrics {
  from: string; to: string; location_id: string | null; device_type: string | null;
  techbar: Figures; service_desk: Figures; comparison: Comparison;
  by_location: (Figures & { location_id: string; name: string })[];
  by_device: { device_type: string; techbar: Figures; service_desk: Figures; comparison: Comparison }[];
  calibration: {
    visits: number; mean_error_seconds: number | null; mean_absolute_error_seconds: number | null;
    median_absolute_error_seconds: number | null; p90_absolute_error_seconds: number | null;
    within_five_minutes: number | null;
  };
  top_problems: { device_type: string; symptom: string; visits: number; previous_visits: number;
                  by_location: Record<string, number> }[];
}

export interface Slot { starts_at: string; free: boolean }

export interface Booking {
  id: string; location_id: string; starts_at: string; device_type: string; symptom: string;
  state: "booked" | "arrived" | "cancelled" | "missed"; visit_id: string | null;
  staff_number?: string; person_name?: string;
}
