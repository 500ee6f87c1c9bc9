import { describe, expect, it } from '@jest/globals';
import type { AccessRecord } from '@hub/domain';
import { accessMessages, encodeAccessMessage, recordsOf, RECORDS_PER_MESSAGE } from './access-messages.js';

const record = (n: number, status = 201, extra: Partial<AccessRecord> = {}): AccessRecord => ({
  at: new Date(Date.UTC(2026, 11, 7, 0, 0, n)).toISOString(),
  actor: `key:unit-${n}`,
  role: 'unit',
  scope: 'samr/653100',
  method: 'POST',
  route: '/api/v1/departments/:dept/events',
  filters: { note: `line\nbreak ${n}` },
  status,
  bytes: 100 + n,
  durationMs: n / 10,
  export: false,
  ip: '127.0.0.1',
  ...extra,
});

const encoder = new TextEncoder();

describe('access log messages', () => {
  it('given records of several kinds, when grouped, then each run of one kind is a message and the order is kept', () => {
    const records = [record(1), record(2), record(3, 401), record(4, 403), record(5), record(6, 200, { export: true })];
    expect(accessMessages(records).map(({ subject, records: grouped }) => [subject, grouped.map((r) => r.bytes)])).toEqual([
      ['hub.access.request', [101, 102]],
      ['hub.access.refused', [103, 104]],
      ['hub.access.request', [105]],
      ['hub.access.export', [106]],
    ]);
  });

  it(`given more than ${RECORDS_PER_MESSAGE} records of one kind, then they fill messages of at most ${RECORDS_PER_MESSAGE}, none lost`, () => {
    const records = Array.from({ length: 2 * RECORDS_PER_MESSAGE + 3 }, (_, i) => record(i));
    const messages = accessMessages(records);
    expect(messages.map((m) => m.records.length)).toEqual([RECORDS_PER_MESSAGE, RECORDS_PER_MESSAGE, 3]);
    expect(messages.flatMap((m) => m.records)).toEqual(records);
  });

  it('given a message body, when read back, then the same records (a newline inside a value does not split one)', () => {
    const records = [record(1), record(2), record(3)];
    expect(recordsOf(encoder.encode(encodeAccessMessage(records)))).toEqual(records);
  });

  it('given a message written one record per message (before batching), or one that is not JSON, then one record, or one undefined', () => {
    expect(recordsOf(encoder.encode(JSON.stringify(record(7))))).toEqual([record(7)]);
    expect(recordsOf(encoder.encode('not json'))).toEqual([undefined]);
  });
});
