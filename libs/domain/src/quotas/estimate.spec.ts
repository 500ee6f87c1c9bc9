import { describe, expect, it } from '@jest/globals';
import { decideAppend, type AppendCommand } from '../append/decide-append.js';
import { canonicalDataText } from '../integrity/data-text.js';
import { hashEvent, sealForBatch, storedBytes } from '../integrity/event-hash.js';
import { estimateStoredBytes, SEAL_OVERHEAD_BYTES } from './quota.js';

/** The estimate as it was defined before the data's text was shared with the seal. */
const reference = (command: unknown): number => Buffer.byteLength(JSON.stringify(command), 'utf8') + SEAL_OVERHEAD_BYTES;

const lead = (data: Record<string, unknown>, extra: Partial<AppendCommand> = {}): AppendCommand => ({
  id: '0190f0a1-7c2e-7000-8000-0000000000a1',
  type: 'lead.reported',
  subject: 'lead/L-1',
  time: '2021-10-08T09:30:00+08:00',
  data,
  ...extra,
});

describe('estimateStoredBytes (the quota estimate, before signing)', () => {
  it.each([
    ['data in another key order with multi-byte text and escapes', lead({ summary: '网店销售假冒运动鞋😀 "quoted" \\ \u0001', entities: [{ value: 'v', kind: 'phone' }], category: 'counterfeit' })],
    ['a pinned version and nested arrays', lead({ b: [[1, 2], { z: null, a: true }], a: -0.5 }, { expectedVersion: 3 })],
    ['empty data', lead({})],
    ['integer-like keys', lead({ '10': 'x', '2': 'y', b: 1 })],
    ['a non-finite number (measured as JSON.stringify writes it)', lead({ n: Number.NaN })],
    ['no data at all', { id: 'x', type: 'lead.reported' }],
  ])('given %s, when estimated, then it is what serialising the whole command gives', (_, command) => {
    expect(estimateStoredBytes(command)).toBe(reference(command));
  });

  it('given a command estimated first, when it is appended and sealed, then the estimate covers the stored body and the event hashes as when sealed without the estimate', () => {
    const command = lead({ summary: '网店销售假冒运动鞋', platform: 'taobao', entities: [{ kind: 'uscc', value: '91110000600037341L' }] });
    const context = { source: 'samr/653100', recordedAt: '2021-10-08T01:31:00.000Z', actor: 'account:A-1' };
    const estimate = estimateStoredBytes(command);
    const decision = decideAppend({ version: 4, hash: 'a'.repeat(64) }, command, context);
    if (decision.kind !== 'append') throw new Error('expected an append');
    const sealed = sealForBatch(decision.event);
    expect(sealed.hash).toBe(hashEvent(decision.event));
    expect(storedBytes(sealed).byteLength).toBeLessThanOrEqual(estimate);
  });

  it('given data whose text was kept for the seal, when the event is changed after sealing, then hashing it again no longer matches (verify never uses the kept text)', () => {
    const command = lead({ summary: '假冒运动鞋' });
    canonicalDataText(command.data);
    const decision = decideAppend(undefined, command, { source: 'samr/653100', recordedAt: '2021-10-08T01:31:00.000Z' });
    if (decision.kind !== 'append') throw new Error('expected an append');
    const sealed = sealForBatch(decision.event);
    sealed.data['summary'] = '假冒运动衣';
    expect(hashEvent(sealed)).not.toBe(sealed.hash);
  });
});
