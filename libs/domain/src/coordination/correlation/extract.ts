// Entity keys of a lead or case, as correlation strings `<kind>:<canonical>`. An entity that does
// not normalise is skipped (and reported) rather than failing the lead: one bad URL must not hide
// the operator's USCC. A USCC with a bad check character still correlates — the same typo on two
// leads is still the same operator — but it is flagged.
import type { HubEvent } from '../../integrity/envelope.js';
import { normaliseEntity, type EntityKey } from '../../entity-keys/index.js';
import { LIMITS } from '../../events/rules.js';

export interface CorrelationInput {
  /** Qualified aggregate reference `<dept>/<region>/<lead|case>/<id>`, as cluster events carry it. */
  readonly member: string;
  readonly department: string;
  readonly region: string;
  /** Distinct keys in the order reported. */
  readonly keys: readonly string[];
}

export interface FlaggedKey {
  readonly key: string;
  readonly flags: readonly string[];
}

export interface SkippedEntity {
  /** Position in `entities`. */
  readonly index: number;
  readonly kind: string;
  readonly error: string;
}

export interface ExtractedKeys extends CorrelationInput {
  readonly flagged: readonly FlaggedKey[];
  readonly skipped: readonly SkippedEntity[];
  /** Every entity that normalised, in the event's order (repeats and over-long keys too): what suggestJurisdiction reads. */
  readonly normalised: readonly EntityKey[];
}

export const CORRELATED_EVENT_TYPES = ['lead.reported', 'case.opened'] as const;

// cluster.* events check keys against this length (entityKey rule); a longer key could never be
// published, so it is skipped here rather than failing a cluster event later.
const MAX_KEY_LENGTH = LIMITS.entityValue + 32;

export function keyString(key: Pick<EntityKey, 'kind' | 'canonical'>): string {
  return `${key.kind}:${key.canonical}`;
}

/** `samr/653100` + `lead/L-1` → `samr/653100/lead/L-1`; undefined when either is malformed. */
export function memberRefOf(event: Pick<HubEvent, 'source' | 'subject'>): string | undefined {
  const unit = event.source.split('/');
  const subject = event.subject.split('/');
  if (unit.length !== 2 || subject.length !== 2 || (subject[0] !== 'lead' && subject[0] !== 'case')) return undefined;
  return `${event.source}/${event.subject}`;
}

/** Keys from a lead.reported or case.opened event; undefined for any other event. */
export function extractKeys(event: Pick<HubEvent, 'type' | 'source' | 'subject' | 'data'>): ExtractedKeys | undefined {
  if (event.type !== 'lead.reported' && event.type !== 'case.opened') return undefined;
  const member = memberRefOf(event);
  if (member === undefined) return undefined;
  const [department = '', region = ''] = event.source.split('/');
  const entities = Array.isArray(event.data['entities']) ? (event.data['entities'] as unknown[]) : [];
  const keys: string[] = [];
  const seen = new Set<string>();
  const flagged: FlaggedKey[] = [];
  const skipped: SkippedEntity[] = [];
  const normalised: EntityKey[] = [];
  entities.forEach((entity, index) => {
    const { kind, value } = (typeof entity === 'object' && entity !== null ? entity : {}) as { kind?: unknown; value?: unknown };
    const kindText = typeof kind === 'string' ? kind : String(kind);
    const result = normaliseEntity(kindText, value);
    if (!result.ok) {
      skipped.push({ index, kind: kindText, error: result.error });
      return;
    }
    if (typeof kind === 'string') normalised.push(result.key); // jurisdiction reads a kind that is not text as none
    const key = keyString(result.key);
    if (key.length > MAX_KEY_LENGTH) {
      skipped.push({ index, kind: kindText, error: `${kindText}: key is longer than ${MAX_KEY_LENGTH} characters` });
      return;
    }
    if (seen.has(key)) return;
    seen.add(key);
    keys.push(key);
    if (result.key.flags.length > 0) flagged.push({ key, flags: result.key.flags });
  });
  return { member, department, region, keys, flagged, skipped, normalised };
}
