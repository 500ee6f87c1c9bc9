import { describe, expect, it } from '@jest/globals';
import type { HubEvent } from '../integrity/envelope.js';
import { evolveReferralLifecycle } from './referral.js';
import { decideReferralOwnership } from './referral-ownership.js';

const POLICE = 'police/650100';
const request = (overrides: Record<string, unknown> = {}, subject = 'referral/police-650100-referral-A-1') => ({
  id: '0190f3c2-7a4b-7cde-8f01-000000000001',
  type: 'referral.requested',
  subject,
  data: { referralId: 'A-1', toDepartment: 'samr', toRegion: '653100', record: 'samr/653100/lead/L-7', reason: '请求协查', ...overrides },
});
const asEvent = (command: ReturnType<typeof request>, source: string): HubEvent => ({
  ...command,
  source,
  time: '2021-10-20T10:00:00+08:00',
  recordedAt: '2021-10-20T02:00:00Z',
  version: 1,
  prevHash: null,
  hash: '',
  sig: '',
});

describe('decideReferralOwnership: assistance requests (referral.requested)', () => {
  it("given a request on the requester's own chain about the addressee's record, when decided, then it is allowed", () => {
    expect(decideReferralOwnership(undefined, POLICE, request())).toEqual({ ok: true });
  });

  it('given a request on a chain named after another unit, when decided, then SUBJECT_MISMATCH on subject', () => {
    expect(decideReferralOwnership(undefined, POLICE, request({}, 'referral/samr-653100-referral-A-1'))).toMatchObject({ ok: false, code: 'SUBJECT_MISMATCH', field: 'subject' });
  });

  it("given a request about a record the addressee does not hold, when decided, then NOT_THE_HOLDER on data.record", () => {
    expect(decideReferralOwnership(undefined, POLICE, request({ record: 'cac/653100/lead/L-7' }))).toMatchObject({ ok: false, code: 'NOT_THE_HOLDER', field: 'data.record' });
  });

  it('given a request addressed to the requester itself, when decided, then SELF_REFERRAL', () => {
    expect(decideReferralOwnership(undefined, POLICE, request({ toDepartment: 'police', toRegion: '650100', record: 'police/650100/lead/L-7' }))).toMatchObject({ ok: false, code: 'SELF_REFERRAL' });
  });

  it('given a request already born under that id by another event, when a second one reuses the id, then REFERRAL_EXISTS', () => {
    const born = evolveReferralLifecycle(undefined, asEvent(request(), POLICE));
    expect(born).toMatchObject({ kind: 'assistance', lead: 'samr/653100/lead/L-7', from: POLICE, to: 'samr/653100', status: 'sent' });
    expect(decideReferralOwnership(born, POLICE, { ...request(), id: '0190f3c2-7a4b-7cde-8f01-000000000002' })).toMatchObject({ ok: false, code: 'REFERRAL_EXISTS' });
  });

  it('given a born request, when the addressee answers it, then allowed; when a third unit does, then NOT_ADDRESSED_TO_YOU', () => {
    const born = evolveReferralLifecycle(undefined, asEvent(request(), POLICE));
    const answer = { id: '0190f3c2-7a4b-7cde-8f01-000000000003', type: 'referral.answered', data: { referralId: 'A-1', fromDepartment: 'police', fromRegion: '650100', decision: 'accepted' } };
    expect(decideReferralOwnership(born, 'samr/653100', answer)).toEqual({ ok: true });
    expect(decideReferralOwnership(born, 'samr/650100', answer)).toMatchObject({ ok: false, code: 'NOT_ADDRESSED_TO_YOU' });
  });
});
