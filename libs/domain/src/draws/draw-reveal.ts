import { deterministicEventId } from '../coordination/event-ids.js';
import type { HubEvent } from '../integrity/envelope.js';
import { qualifiedAggregateId } from '../events/subject.js';
import { computeDraw, seedMessage, seedOf } from './draw-algorithm.js';
import { sampleOf, type DrawCommittedFacts, type DrawRevealedFacts } from './draw-verify.js';

/** `samr/653100` + `draw/D-1` → `samr/653100/draw/D-1`: a draw is named by its unit and its id. */
export const drawRefOf = (event: Pick<HubEvent, 'source' | 'subject'>): string => `${event.source}/${event.subject}`;

/** The joint office's subject for the reveal of a unit's draw: `draw/samr-653100-draw-D-1`. */
export const revealSubjectOf = (drawRef: string): string => `draw/${qualifiedAggregateId(drawRef)}`;

/**
 * The reveal of a committed draw (pure but for the joint office's `sign`): sign the commit's hash, derive the seed,
 * compute the selection by the committed lists. The event id is derived from the draw, so a coordination restart
 * re-derives the same reveal (ed25519 signatures are deterministic) and the stream stores it once.
 */
export function revealDraw(committed: HubEvent, sign: (message: string) => string): { key: string; id: string; subject: string; data: DrawRevealedFacts } {
  const facts = committed.data as unknown as DrawCommittedFacts;
  const drawRef = drawRefOf(committed);
  const seedSignature = sign(seedMessage(committed.hash));
  const seed = seedOf(seedSignature);
  const outcome = computeDraw({ targets: facts.targets, inspectors: facts.inspectors, sample: sampleOf(facts), inspectorsPerTarget: facts.inspectorsPerTarget, seed });
  const key = `draw.revealed/${drawRef}`;
  return { key, id: deterministicEventId(key), subject: revealSubjectOf(drawRef), data: { drawRef, commitHash: committed.hash, seedSignature, seed, ...outcome } };
}
