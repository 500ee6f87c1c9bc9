// GET /api/v1/live: server-sent events, one `projected` message per event the projector committed.

/** The data of a `projected` message (its SSE `id` is `seq`; reconnect with Last-Event-ID to resume). */
export interface ProjectedEvent {
  /** Stream sequence in the event log. */
  seq: number;
  /** Event type, e.g. `referral.answered`. */
  type: string;
  /** The aggregate, e.g. `referral/R-1`. */
  subject: string;
  /** The publishing unit `<department>/<region>` (or the joint office). */
  source: string;
  /** When it happened (ISO instant). */
  time: string;
  /** For `lead.referred`: the receiving unit `<department>/<region>` (it hears of it too); else null. */
  toUnit: string | null;
}
