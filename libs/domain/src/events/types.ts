import type { EventType } from './catalogue.js';

/** One problem with a submission; `path` is relative to the request body, e.g. `[3].data.count`. */
export interface FieldError {
  path: string;
  message: string;
}

/** An event as a departmental system submits it; the hub adds source, version, hashes and sig later. */
export interface SubmittedEvent {
  id: string;
  type: EventType;
  subject: string;
  time: string;
  expectedVersion?: number;
  data: Record<string, unknown>;
}

/**
 * `tooLarge` is set only when a batch exceeds `maxBatch`; the gateway maps it to 413 / BATCH_TOO_LARGE
 * instead of 400. It is optional so code written against the plain `{ok:false, errors}` shape still works.
 */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; tooLarge?: true };
