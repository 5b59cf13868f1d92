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
