// GET /api/v1/records: a unit's own records (我的记录) with their current values, for correcting and voiding.
import type { OffsetPage } from '../common/common.contract.js';
import type { EntityNoteView } from '../notifications/notifications.contract.js';

/** The kinds of record a unit can correct or void (`<kind>.corrected` / `<kind>.voided`). */
export type RecordKind = 'lead' | 'case' | 'takedown' | 'inspection' | 'seizure' | 'rectification';

/** `recorded`: as first reported; `corrected`: at least one correction; `voided`: withdrawn (counts nowhere). */
export type RecordStatus = 'recorded' | 'corrected' | 'voided';

/** One record of the calling unit, with the values the annex counts now. Times are ISO instants. */
export interface RecordItem {
  kind: RecordKind;
  /** The unit's own id (the `<kind>/<id>` subject). */
  id: string;
  /** `<kind>/<id>`: the subject a correction or void is sent under. */
  subject: string;
  status: RecordStatus;
  /** The lifecycle step of a lead or case (e.g. `open`, `decided`), null for the other kinds. */
  stage: string | null;
  /** A monitoring lead found in one of the campaign's key periods (catalogue `keyPeriods`: national_day, double_11 …); null otherwise. */
  keyPeriod: string | null;
  /** When it happened, as corrected. */
  occurredAt: string;
  /** When the hub first recorded it. */
  recordedAt: string;
  /** When its last correction or void was recorded (= recordedAt when none). */
  updatedAt: string;
  corrections: number;
  /** The creating event's data with every correction applied. */
  values: Record<string, unknown>;
  /** A lead's or case's entities as correlation treats them: warnings, and keys beyond the record's key cap (flagged). */
  entityNotes?: EntityNoteView[];
  /** Some keys lie beyond the record's key cap (maxLinkingKeysPerRecord): kept, but they link nothing. */
  keysBeyondCap?: number;
}

/** Newest occurrence first. */
export type RecordPage = OffsetPage<RecordItem>;
