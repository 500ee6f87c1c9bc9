import type { HubErrorCode } from '../errors.js';
import type { FieldError } from '../events/types.js';

/**
 * The request/reply contract between the gateway and a department service on `hub.intake.<dept>`
 * (core NATS, outside the stream's `hub.evt.>` so JetStream never answers it).
 */
export const intakeSubject = (department: string): string => `hub.intake.${department}`;

export interface IntakeRequest {
  /** The reporting unit `<dept>/<region>` the gateway authenticated. */
  unit: string;
  /** One event or an array, exactly as submitted. */
  events: unknown;
  /** Who acted (`account:<id>` | `key:<id>`), as the gateway authenticated it: signed into every event. */
  actor?: string;
}

export interface StoredResult {
  id: string;
  subject: string;
  version: number;
  seq: number;
  duplicate: boolean;
  /** Accepted but noteworthy, e.g. `data.entities[0].value: uscc_checksum_invalid`. */
  flags?: string[];
}

export interface FailedResult {
  id: string;
  subject: string;
  error: { code: HubErrorCode; message: string; expectedVersion?: number; currentVersion?: number };
}

export type EventResult = StoredResult | FailedResult;

export type IntakeReply =
  | { ok: true; results: EventResult[] }
  | {
      ok: false;
      error: {
        code: HubErrorCode;
        message: string;
        fields?: FieldError[];
        /** A per-day quota: seconds until it lifts (the gateway's Retry-After). */
        retryAfterSeconds?: number;
        /** A quota refusal: the limit, what the unit used and what the submission asked for. */
        quota?: { limit: number; used: number; requested: number };
      };
      /**
       * A submission larger than a chunk whose later chunk a rule refused (submitInChunks): what the earlier
       * chunks stored, then SKIPPED for the rest. Absent when nothing was stored.
       */
      results?: EventResult[];
    };

export const isFailedResult = (result: EventResult): result is FailedResult => 'error' in result;
