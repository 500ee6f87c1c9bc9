// GET /api/v1/audit/access: one JSON object per line (JSON Lines), in the order the access log stored them.

/** One line of the access log (issue 13 §5). */
export interface AccessRecord {
  /** When the answer was sent (ISO instant). */
  at: string;
  /** `account:<id>` | `key:<id>`, or null when nobody was authenticated (401, failed sign-in). */
  actor: string | null;
  /** The principal's kind (`unit`, `line`, `region`, `coordinator`, `auditor`, `staff`), null when unknown. */
  role: string | null;
  /** The caller's scope (`unit:samr/653100`, `line:police`, `region:653100`, `all`), null when unknown. */
  scope: string | null;
  method: string;
  /** The route's pattern (`/api/v1/clusters/:id`) when one matched, else the path. */
  route: string;
  /** The query parameters asked for (filters, scope, format). */
  filters: Record<string, string>;
  status: number;
  /** Bytes of the answer's body. */
  bytes: number;
  durationMs: number;
  /** An annex/briefing/trace/audit download or replay. */
  export: boolean;
  /** A failed sign-in (`POST /api/v1/session` answered 401): the username tried. */
  signInFailed?: { username: string | null };
  /** The client's address, as Express sees it (behind a trusted proxy: X-Forwarded-For). */
  ip: string;
}
