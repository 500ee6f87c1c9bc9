import { describe, expect, it } from '@jest/globals';
import { chunksOf, submitInChunks } from './chunked-submission.js';
import type { EventResult, IntakeReply } from './intake-protocol.js';

const events = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, subject: `lead/L-${i}` }));
const stored = (chunk: readonly { id: string; subject: string }[], offset: number): EventResult[] =>
  chunk.map((event, i) => ({ id: event.id, subject: event.subject, version: 1, seq: offset + i + 1, duplicate: false }));

describe('intake: a submission larger than a chunk', () => {
  it('given 2,500 events, when chunked, then chunks of 1,000, 1,000 and 500 in order; 1,000 events are one chunk (the same array)', () => {
    const all = events(2_500);
    expect([...chunksOf(all)].map((chunk) => [chunk[0]?.id, chunk.length])).toEqual([['e0', 1_000], ['e1000', 1_000], ['e2000', 500]]);
    const one = events(1_000);
    expect([...chunksOf(one)]).toEqual([one]);
    expect([...chunksOf(one)][0]).toBe(one);
  });

  it('given every chunk stored, then one result per event, in order, and each step told its offset', async () => {
    const all = events(2_500);
    const offsets: number[] = [];
    const reply = await submitInChunks(all, chunksOf(all), (chunk, offset) => {
      offsets.push(offset);
      return Promise.resolve({ ok: true, results: stored(chunk, offset) });
    });
    expect(offsets).toEqual([0, 1_000, 2_000]);
    expect(reply.ok && reply.results.map((r) => r.id)).toEqual(all.map((e) => e.id));
  });

  it('given a lifecycle rule refusing the second chunk, then the refusal with the first chunk stored and the rest SKIPPED', async () => {
    const all = events(1_500);
    const refusal = { code: 'CASE_NOT_OPENED' as const, message: 'no case', fields: [{ path: '[1200].subject', message: 'no case' }] };
    const reply = await submitInChunks(all, chunksOf(all), (chunk, offset) => Promise.resolve<IntakeReply>(offset === 0 ? { ok: true, results: stored(chunk, offset) } : { ok: false, error: refusal }));
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error).toEqual(refusal);
    expect(reply.results?.length).toBe(1_500);
    expect(reply.results?.[999]).toMatchObject({ id: 'e999', seq: 1_000 });
    expect(reply.results?.[1_000]).toEqual({ id: 'e1000', subject: 'lead/L-1000', error: { code: 'SKIPPED', message: 'not stored: no case' } });
  });

  it('given a rule refusing the first chunk, or another refusal of a later one, then the refusal alone', async () => {
    const all = events(1_500);
    const first = await submitInChunks(all, chunksOf(all), () => Promise.resolve<IntakeReply>({ ok: false, error: { code: 'QUOTA_EVENTS_PER_DAY', message: 'used up' } }));
    expect(first).toEqual({ ok: false, error: { code: 'QUOTA_EVENTS_PER_DAY', message: 'used up' } });
    const missing = { code: 'NOT_FOUND' as const, message: 'no file' };
    const later = await submitInChunks(all, chunksOf(all), (chunk, offset) => Promise.resolve<IntakeReply>(offset === 0 ? { ok: true, results: stored(chunk, offset) } : { ok: false, error: missing }));
    expect(later).toEqual({ ok: false, error: missing });
  });

  it('given an event of the first chunk with an unknown outcome, then no further chunk runs and the rest are "not sent"', async () => {
    const all = events(1_500);
    let steps = 0;
    const reply = await submitInChunks(all, chunksOf(all), (chunk, offset) => {
      steps += 1;
      const results = stored(chunk, offset);
      results[3] = { id: 'e3', subject: 'lead/L-3', error: { code: 'SERVICE_UNAVAILABLE', message: 'timeout' } };
      return Promise.resolve({ ok: true, results });
    });
    expect(steps).toBe(1);
    expect(reply.ok && reply.results.length).toBe(1_500);
    expect(reply.ok && reply.results[1_000]).toEqual({ id: 'e1000', subject: 'lead/L-1000', error: { code: 'SERVICE_UNAVAILABLE', message: 'not sent: an earlier chunk failed' } });
  });
});
