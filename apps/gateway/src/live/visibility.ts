import type { ProjectedEvent } from '@hub/contracts';
import type { EventHead } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { coversUnit, scopeOf } from '../auth/scope.js';

/**
 * Who may hear of an event on the live feed: coordinators and auditors hear everything; a unit, a line or a
 * prefecture hears the events its units published and the referrals addressed to them (what its inbox,
 * referral board and timelines show it). Staff hear nothing.
 */
export function mayHear(principal: Principal, head: Pick<EventHead, 'source' | 'toUnit'>): boolean {
  if (principal.kind === 'staff') return false;
  const scope = scopeOf(principal);
  if (scope.level === 'all') return true;
  return coversUnit(scope, head.source) || (head.toUnit !== null && coversUnit(scope, head.toUnit));
}

/** The `projected` SSE message of the contract: `{seq, type, subject, source}` (+ time, toUnit). */
export function sseMessage(head: EventHead): string {
  const data: ProjectedEvent = { seq: head.seq, type: head.type, subject: head.subject, source: head.source, time: head.time, toUnit: head.toUnit };
  return `id: ${head.seq}\nevent: projected\ndata: ${JSON.stringify(data)}\n\n`;
}
