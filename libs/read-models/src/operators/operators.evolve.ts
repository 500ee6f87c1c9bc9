import { canonicalPlatform, displayStatusOf, normaliseDomain, normaliseUscc } from '@hub/domain';
import { text, type PositionedEvent } from '../table/positioned-event.js';

/** One register entry as the `operators` table holds it. Times are ISO strings. */
export interface OperatorState {
  unit: string;
  operatorId: string;
  department: string;
  unitRegion: string;
  region: string;
  kind: string;
  name: string;
  /** Canonical (upper case, no separators), so a lead's USCC finds it. */
  uscc: string | null;
  selfDeclared: boolean;
  /** As the shop-URL parser names marketplaces (淘宝 → taobao), so a lead's shop URL finds the shop. */
  platform: string | null;
  shopId: string | null;
  /** Canonical (lower case, no www.), so a lead's domain or shop URL host finds it. */
  domain: string | null;
  icpFiling: string | null;
  licenceDisplay: string;
  permitDisplay: string;
  markDisplay: string;
  displayStatus: string;
  selfOperatedLabelling: string | null;
  registeredAt: string | null;
  version: number;
  lastSeq: number;
  updatedAt: string;
}

export const OPERATOR_EVENT_TYPES: ReadonlySet<string> = new Set(['operator.registered', 'operator.updated']);

export const operatorKey = (unit: string, operatorId: string): string => `${unit}\u0000${operatorId}`;

export function operatorKeyOf(e: PositionedEvent): string | undefined {
  return e.aggregateType === 'operator' && OPERATOR_EVENT_TYPES.has(e.event.type) ? operatorKey(e.unit, e.aggregateId) : undefined;
}

const canonicalUscc = (value: string | null): string | null => {
  if (value === null) return null;
  const parsed = normaliseUscc(value);
  return parsed.ok ? parsed.value.canonical : value;
};

const canonicalOrNull = (value: string | null): string | null => (value === null ? null : canonicalPlatform(value));

const canonicalDomain = (value: string | null): string | null => {
  if (value === null) return null;
  const parsed = normaliseDomain(value);
  return parsed.ok ? parsed.value.canonical : value;
};

function blank(e: PositionedEvent): OperatorState {
  return {
    unit: e.unit,
    operatorId: e.aggregateId,
    department: e.department,
    unitRegion: e.region,
    region: e.region,
    kind: 'other',
    name: '',
    uscc: null,
    selfDeclared: false,
    platform: null,
    shopId: null,
    domain: null,
    icpFiling: null,
    licenceDisplay: 'missing',
    permitDisplay: 'missing',
    markDisplay: 'missing',
    displayStatus: 'deficient',
    selfOperatedLabelling: null,
    registeredAt: null,
    version: 0,
    lastSeq: 0,
    updatedAt: e.event.recordedAt,
  };
}

/** A USCC given clears the self-declaration, a self-declaration clears the USCC: one identity at a time. */
function identityOf(data: Record<string, unknown>, base: OperatorState): { uscc: string | null; selfDeclared: boolean } {
  const uscc = canonicalUscc(text(data, 'uscc'));
  if (uscc !== null) return { uscc, selfDeclared: false };
  if (data['selfDeclared'] === true) return { uscc: null, selfDeclared: true };
  return { uscc: base.uscc, selfDeclared: data['selfDeclared'] === false ? false : base.selfDeclared };
}

/**
 * Folds a register event (pure): registration sets every field, an update only those it names. Unknown
 * types leave the state as it was.
 */
export function evolveOperator(state: OperatorState | undefined, e: PositionedEvent): OperatorState {
  const current = state ?? blank(e);
  const data = e.event.data;
  const registering = e.event.type === 'operator.registered';
  if (!registering && e.event.type !== 'operator.updated') return current;
  const base: OperatorState = registering ? { ...blank(e), registeredAt: e.event.time } : current;
  const identity = identityOf(data, base);
  const next: OperatorState = {
    ...base,
    region: text(data, 'region') ?? base.region,
    kind: text(data, 'kind') ?? base.kind,
    name: text(data, 'name') ?? base.name,
    ...identity,
    platform: canonicalOrNull(text(data, 'platform')) ?? base.platform,
    shopId: text(data, 'shopId') ?? base.shopId,
    domain: canonicalDomain(text(data, 'domain') ?? base.domain),
    icpFiling: text(data, 'icpFiling') ?? base.icpFiling,
    licenceDisplay: text(data, 'licenceDisplay') ?? base.licenceDisplay,
    permitDisplay: text(data, 'permitDisplay') ?? base.permitDisplay,
    markDisplay: text(data, 'markDisplay') ?? base.markDisplay,
    selfOperatedLabelling: text(data, 'selfOperatedLabelling') ?? base.selfOperatedLabelling,
    version: e.event.version,
    lastSeq: e.seq,
    updatedAt: e.event.recordedAt,
  };
  return { ...next, displayStatus: displayStatusOf({ licence: next.licenceDisplay, permit: next.permitDisplay, mark: next.markDisplay }) };
}
