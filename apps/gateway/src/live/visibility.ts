import type { ProjectedEvent } from '@hub/contracts';
import type { EventHead } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';

/**
 * Who may hear of an event on the live feed: coordinators and auditors hear everything; a unit hears its
 * own events and the referrals addressed to it (the same things its inbox and timelines show it).
 */
export function mayHear(principal: Principal, head: Pick<EventHead, 'source' | 'toUnit'>): boolean {
  if (principal.kind !== 'unit') return true;
  return head.source === principal.unit || head.toUnit === principal.unit;
}

/** The `projected` SSE message of the contract: `{seq, type, subject, source}` (+ time, toUnit). */
export function sseMessage(head: EventHead): string {
  const data: ProjectedEvent = { seq: head.seq, type: head.type, subject: head.subject, source: head.source, time: head.time, toUnit: head.toUnit };
  return `id: ${head.seq}\nevent: projected\ndata: ${JSON.stringify(data)}\n\n`;
}
