import { describe, expect, it } from '@jest/globals';
import type { HubEvent } from '@hub/domain';
import { parseReturnRequest, refuseRepeatedReturn } from './return-protocol.js';

const returned = (filedVersion: number): HubEvent => ({ data: { reportSubject: 'police/653100/report/net-sword-2021', filedVersion, reason: '缺决定书', by: 'account:A-1' } }) as unknown as HubEvent;
const request = (body: Record<string, unknown>) => new TextEncoder().encode(JSON.stringify(body));

describe('a line supervisor returns a filing', () => {
  it('given no return yet, when version 1 is returned, then nothing refuses it', () => {
    expect(refuseRepeatedReturn(1)(undefined)).toBeUndefined();
  });

  it('given version 1 returned, when version 1 is returned again, then it is refused naming the version', () => {
    expect(refuseRepeatedReturn(1)(returned(1))).toBe('the filing (version 1) was already returned');
  });

  it('given version 1 returned, when the unit filed again and version 2 is returned, then it passes', () => {
    expect(refuseRepeatedReturn(2)(returned(1))).toBeUndefined();
  });

  it('given version 2 returned, when a stale request returns version 1, then it is refused', () => {
    expect(refuseRepeatedReturn(1)(returned(2))).toBeDefined();
  });

  it('given the same request id twice, when parsed, then both land on the same event id (the retry is a duplicate)', () => {
    const body = { reportSubject: 'police/653100/report/net-sword-2021', filedVersion: 1, reason: '缺决定书', by: 'account:A-1', requestId: '6f1c2a0e-3b1d-4c5e-9f7a-2b8c9d0e1f23' };
    const first = parseReturnRequest(request(body), new Date('2021-12-06T02:00:00Z'));
    const again = parseReturnRequest(request(body), new Date('2021-12-06T02:00:05Z'));
    expect(first.ok && again.ok && first.event.id === again.event.id).toBe(true);
    expect(first.ok && first.event.subject).toBe('report/police-653100-report-net-sword-2021');
  });

  it('given a request without a UUID request id, when parsed, then it is refused as a bad command', () => {
    const parsed = parseReturnRequest(request({ reportSubject: 'police/653100/report/net-sword-2021', filedVersion: 1, reason: 'x', by: 'account:A-1', requestId: 'R-1' }), new Date());
    expect(parsed.ok ? undefined : parsed.reply).toEqual({ ok: false, error: { code: 'BAD_COMMAND', message: 'requestId must be a UUID' } });
  });
});
