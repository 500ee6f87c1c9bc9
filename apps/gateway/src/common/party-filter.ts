import type { Principal } from '../auth/principal.js';
import { scopeOf } from '../auth/scope.js';
import type { QueryReader } from './query-params.js';

/** Which requests between two units (closures, case transfers) a caller sees: the repositories' common filter. */
export interface PartyFilter {
  /** A unit: requests it made or that are addressed to it. */
  party: string | null;
  fromUnit: string | null;
  toUnit: string | null;
  /** A line: requests any unit of its department is party to. */
  partyDepartment: string | null;
  /** A prefecture: requests any unit of its region is party to. */
  partyRegion: string | null;
}

/**
 * Reads `direction` (sent | received: only a reporting unit has one; 400 naming it for anyone else) and narrows the
 * list to the caller's scope; coordinators and auditors see every request. `viewer` is the unit that may answer.
 */
export function readPartyFilter(principal: Principal, read: QueryReader, what: string): { filter: PartyFilter; viewer: string | undefined } {
  const scope = scopeOf(principal);
  const direction = read.oneOf('direction', ['sent', 'received'] as const);
  if (direction !== undefined && scope.level !== 'unit') read.errors.push({ path: 'direction', message: `is for a reporting unit (its ${what} sent or received)` });
  const unit = scope.level === 'unit' ? scope.unit : undefined;
  return {
    viewer: unit,
    filter: {
      party: unit ?? null,
      fromUnit: direction === 'sent' ? (unit ?? null) : null,
      toUnit: direction === 'received' ? (unit ?? null) : null,
      partyDepartment: scope.level === 'line' ? scope.department : null,
      partyRegion: scope.level === 'region' ? scope.region : null,
    },
  };
}
