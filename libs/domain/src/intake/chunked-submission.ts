import { isAnswerRuleCode } from '../coordination/answer-addressing.js';
import { isReferralRuleCode } from '../coordination/referral-ownership.js';
import { isLifecycleCode } from '../lifecycle/lifecycle-codes.js';
import { isQuotaCode } from '../quotas/quota.js';
import { isFailedResult, type EventResult, type IntakeReply } from './intake-protocol.js';

/** Events of a submission sent (or appended) together: at most this many, so one step stays bounded. */
export const CHUNK_EVENTS = 1_000;

/** `items` in order, CHUNK_EVENTS at a time (the last one shorter). */
export function* chunksOf<T>(items: readonly T[], size = CHUNK_EVENTS): Generator<readonly T[]> {
  if (items.length <= size) {
    yield items;
    return;
  }
  for (let offset = 0; offset < items.length; offset += size) yield items.slice(offset, offset + size);
}

/** One chunk's outcome; a refusal's field paths already name the chunk's events by their place in the whole submission. */
export type ChunkStep<T> = (chunk: readonly T[], offset: number) => Promise<IntakeReply>;

/**
 * A validated submission, chunk after chunk (so events of one aggregate keep their submitted order): the one rule
 * for what a submission larger than a chunk answers, wherever its chunks are run (the department service for a
 * forwarded body, the gateway for a body too large for one NATS message).
 *
 * - Every chunk stored: `ok` with a result per event.
 * - A chunk refused by a lifecycle, referral, answer or quota rule after earlier chunks were stored: the refusal
 *   with `results` — those stored, then SKIPPED for the rest (nothing of the refused chunk or after it is stored).
 * - Any other refusal (or a rule's refusal of the first chunk): the refusal alone.
 * - A chunk with an event whose outcome is unknown (SERVICE_UNAVAILABLE): no further chunk is run, and the rest
 *   are SERVICE_UNAVAILABLE, "not sent".
 *
 * `events` are the submission's events in order, `chunks` what `step` runs (the same events, or items holding them).
 */
export async function submitInChunks<T>(events: readonly { id: string; subject: string }[], chunks: Iterable<readonly T[]>, step: ChunkStep<T>): Promise<IntakeReply> {
  const results: EventResult[] = [];
  for (const chunk of chunks) {
    const reply = await step(chunk, results.length);
    if (!reply.ok) {
      if (results.length === 0 || !isChunkRuleCode(reply.error.code)) return { ok: false, error: reply.error };
      const skipped = events.slice(results.length).map((event): EventResult => ({ id: event.id, subject: event.subject, error: { code: 'SKIPPED', message: `not stored: ${reply.error.message}` } }));
      return { ok: false, error: reply.error, results: [...results, ...skipped] };
    }
    for (const result of reply.results) results.push(result);
    if (reply.results.some((r) => isFailedResult(r) && r.error.code === 'SERVICE_UNAVAILABLE')) break;
  }
  for (let i = results.length; i < events.length; i += 1) {
    const event = events[i];
    if (event) results.push({ id: event.id, subject: event.subject, error: { code: 'SERVICE_UNAVAILABLE', message: 'not sent: an earlier chunk failed' } });
  }
  return { ok: true, results };
}

/** Refusals that leave a submission's earlier chunks stored and say so (the others are answered alone). */
const isChunkRuleCode = (code: string): boolean => isLifecycleCode(code) || isReferralRuleCode(code) || isAnswerRuleCode(code) || isQuotaCode(code);
