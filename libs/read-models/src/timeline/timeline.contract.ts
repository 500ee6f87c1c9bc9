// GET /api/v1/timeline: the event history of one lead, referral or case, from the event archive.
import type { OperatorMatch } from '../operators/operators.contract.js';

/** One event of a timeline, oldest first. Times are ISO instants. */
export interface TimelineEntry {
  /** Stream sequence in the event log. */
  seq: number;
  /** Event id. */
  id: string;
  /** Event type, e.g. `lead.referred`. */
  type: string;
  /** The type's Chinese label (the type itself when unknown). */
  label: string;
  /** The publishing unit `<department>/<region>`, or `joint/…` for the joint office. */
  source: string;
  /** The aggregate the event belongs to, e.g. `lead/L-1`. */
  subject: string;
  /** The aggregate's version after this event. */
  version: number;
  /** When it happened. */
  time: string;
  /** When the hub stored it. */
  recordedAt: string;
  /** The event's data as published. */
  data: Record<string, unknown>;
  /** The event's hash (the chain auditors verify). */
  hash: string;
  /** Who acted (`account:<id>` | `key:<id>`, signed with the event); null for events stored before attribution. */
  actor: string | null;
}

/** GET /api/v1/timeline?subject=&unit=: the aggregate's own events plus the events elsewhere that name it. */
export interface Timeline {
  /** The subject asked for, e.g. `lead/L-1`. */
  subject: string;
  /** The owning unit asked for (or the token's), null for a referral asked by id alone. */
  unit: string | null;
  items: TimelineEntry[];
  /** For a lead: the registered operators its USCC, domain or shop URL names (a unit: those of its region). */
  operators: OperatorMatch[];
}
