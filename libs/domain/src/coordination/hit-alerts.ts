// Alerts (issue 15 §5): when a unit reports a lead or case carrying a value that another unit's OPEN lead
// or case carries, the other unit is told — at most once per (unit, value, local day), so a busy value
// does not bury a unit in notices. Only values that link alert: a warning-listed value, a key beyond its
// record's key cap, or an over-correlating value says nothing about the seller. Pure: the coordination
// service supplies who holds each key, which records are open, and which alerts are already queued.
import { createHash } from 'node:crypto';
import { localDateOf } from '../time/local-date.js';
import { deterministicEventId } from './event-ids.js';

export interface HitAlertInput {
  /** The new record, `<dept>/<region>/<lead|case>/<id>`. */
  readonly member: string;
  /** Its keys that link (after warning lists, its key cap and the over-correlation cap). */
  readonly keys: readonly string[];
  /** The units whose records carry a key, in the order they first did (`<dept>/<region>`). */
  readonly unitsOf: (key: string) => readonly string[];
  /** The unit's first record on the key, in arrival order, that is still open (not closed or voided). */
  readonly firstOpenHolder: (key: string, unit: string) => string | undefined;
  /** When the hub recorded the new record: the local day of the dedupe. */
  readonly recordedAt: string;
  /** Dedupe keys already queued (`hitAlertKey`); the outbox's unique key catches any the caller forgot. */
  readonly queued: { has(key: string): boolean };
}

export interface HitAlertedFacts {
  readonly alertId: string;
  readonly toDepartment: string;
  readonly toRegion: string;
  readonly key: string;
  readonly recordRef: string;
  readonly otherRef: string;
  readonly day: string;
}

export interface HitAlert {
  /** The dedupe (and outbox) key: `hit.alerted/<unit>/<key>/<day>`. */
  readonly key: string;
  readonly id: string;
  readonly type: 'hit.alerted';
  readonly subject: string;
  readonly data: HitAlertedFacts;
}

/** `samr/653100/lead/L-1` → `samr/653100`. */
export function unitOfRef(ref: string): string {
  return ref.split('/').slice(0, 2).join('/');
}

export const hitAlertKey = (unit: string, key: string, day: string): string => `hit.alerted/${unit}/${key}/${day}`;

/** `samr-653100-20211008-<16 hex of the key's sha256>`: names the unit it is for, fits an aggregate id. */
export function alertIdOf(unit: string, key: string, day: string): string {
  return `${unit.replace('/', '-')}-${day.replaceAll('-', '')}-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16)}`;
}

/**
 * The alerts one new record raises, at most one per (other unit, key) and none already queued today. Units are
 * walked, not records: a value a unit carries on thousands of records costs one dedupe check per unit once that
 * unit was alerted today (walking every holder made a busy value quadratic in its records).
 */
export function hitAlerts(input: HitAlertInput): HitAlert[] {
  const reporter = unitOfRef(input.member);
  const day = localDateOf(input.recordedAt);
  const alerts: HitAlert[] = [];
  const raised = new Set<string>();
  for (const key of input.keys) {
    for (const unit of input.unitsOf(key)) {
      if (unit === reporter) continue;
      const dedupe = hitAlertKey(unit, key, day);
      if (raised.has(dedupe) || input.queued.has(dedupe)) continue;
      const holder = input.firstOpenHolder(key, unit);
      if (holder === undefined) continue;
      raised.add(dedupe);
      const [toDepartment = '', toRegion = ''] = unit.split('/');
      const alertId = alertIdOf(unit, key, day);
      alerts.push({
        key: dedupe,
        id: deterministicEventId(dedupe),
        type: 'hit.alerted',
        subject: `hit/${alertId}`,
        data: { alertId, toDepartment, toRegion, key, recordRef: holder, otherRef: input.member, day },
      });
    }
  }
  return alerts;
}

/** Events that end a record's openness for alerts. */
export const CLOSING_EVENT_TYPES: ReadonlySet<string> = new Set(['lead.closed', 'lead.voided', 'case.closed', 'case.voided']);
