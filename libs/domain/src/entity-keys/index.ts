// Entity keys: canonical forms of the identifiers that departments attach to leads
// (`entities: [{kind, value}]`). Leads are correlated across regions and departments by
// these keys, so every normaliser maps all spellings of one real-world thing to one key.
import { ENTITY_KINDS, isEntityKind, type EntityKind } from '../catalogue/entity-kinds.js';
import { normaliseAppId } from './app-id.js';
import { normaliseDomain } from './domain.js';
import { normaliseMarketplaceUrl } from './marketplace-url.js';
import { normalisePhone } from './phone.js';
import { normalisePlatformAccount } from './platform-account.js';
import { quote, type Parsed } from './result.js';
import { normaliseUscc } from './uscc.js';
import { normaliseWaybill } from './waybill.js';

export * from './app-id.js';
export * from './domain.js';
export * from './marketplace-url.js';
export * from './phone.js';
export * from './platform-account.js';
export type { Parsed } from './result.js';
export * from './uscc.js';
export * from './waybill.js';

// The kinds are a catalogue fact owned by catalogue/entity-kinds.ts; re-exporting the same
// bindings (rather than redeclaring them) keeps one source of truth and lets the package
// index `export *` both modules without a name clash.
export { ENTITY_KINDS, isEntityKind, type EntityKind } from '../catalogue/entity-kinds.js';

export const ENTITY_FLAGS = {
  /** USCC whose 18th character does not match GB 32100-2015; usually a typo by the reporter. */
  usccChecksumInvalid: 'uscc_checksum_invalid',
} as const;

export interface EntityKey {
  readonly kind: EntityKind;
  readonly canonical: string;
  /** Data-quality warnings that do not prevent correlation, e.g. 'uscc_checksum_invalid'. */
  readonly flags: string[];
  /** GB/T 2260 administrative division code (USCC only). */
  readonly areaCode?: string;
  /** Marketplace or account platform (shop_url, listing_url, platform_account). */
  readonly platform?: string;
}

export type EntityKeyResult =
  | { readonly ok: true; readonly key: EntityKey }
  | { readonly ok: false; readonly error: string };

// Entity values arrive from external systems; an absurdly long value is never a real
// identifier and should not reach the regexes and URL parser.
const MAX_VALUE_LENGTH = 2048;

type KeyParts = Omit<EntityKey, 'kind'>;

const NORMALISERS: Readonly<Record<EntityKind, (value: string) => Parsed<KeyParts>>> = {
  uscc: (value) =>
    map(normaliseUscc(value), ({ canonical, checksumValid, areaCode }) => ({
      canonical,
      flags: checksumValid ? [] : [ENTITY_FLAGS.usccChecksumInvalid],
      areaCode,
    })),
  // Telephone area codes are deliberately not reported as areaCode: they are not GB/T 2260
  // region codes and mixing the two would corrupt region-based routing.
  phone: (value) => map(normalisePhone(value), ({ canonical }) => ({ canonical, flags: [] })),
  domain: (value) => map(normaliseDomain(value), ({ canonical }) => ({ canonical, flags: [] })),
  shop_url: (value) =>
    map(normaliseMarketplaceUrl(value, 'shop'), ({ canonical, platform }) => ({ canonical, flags: [], platform })),
  listing_url: (value) =>
    map(normaliseMarketplaceUrl(value, 'listing'), ({ canonical, platform }) => ({ canonical, flags: [], platform })),
  app_id: (value) => map(normaliseAppId(value), ({ canonical }) => ({ canonical, flags: [] })),
  platform_account: (value) =>
    map(normalisePlatformAccount(value), ({ canonical, platform }) => ({ canonical, flags: [], platform })),
  waybill: (value) => map(normaliseWaybill(value), ({ canonical }) => ({ canonical, flags: [] })),
};

/**
 * Normalises one reported entity to its correlation key. Never throws: a malformed entity
 * yields { ok: false, error } with an ASCII English message, leaving the caller to decide
 * whether to drop the entity or the lead.
 */
export function normaliseEntity(kind: string, value: unknown): EntityKeyResult {
  if (!isEntityKind(kind)) {
    return { ok: false, error: `unknown entity kind ${quote(kind)} (expected one of ${ENTITY_KINDS.join(', ')})` };
  }
  if (typeof value !== 'string') {
    return { ok: false, error: `${kind}: value must be a string, got ${value === null ? 'null' : typeof value}` };
  }
  if (value.length > MAX_VALUE_LENGTH) {
    return { ok: false, error: `${kind}: value is longer than ${MAX_VALUE_LENGTH} characters` };
  }
  const parts = NORMALISERS[kind](value);
  return parts.ok ? { ok: true, key: { kind, ...parts.value } } : { ok: false, error: `${kind}: ${parts.error}` };
}

function map<T, U>(parsed: Parsed<T>, fn: (value: T) => U): Parsed<U> {
  return parsed.ok ? { ok: true, value: fn(parsed.value) } : parsed;
}
export * from './operator-lookup.js';
