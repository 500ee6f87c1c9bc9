import { describe, expect, it } from '@jest/globals';
import { EVENT_EXAMPLES } from '../events/examples.js';
import { validateIntake } from './validate-intake.js';

// The catalogue's own example of a draw (samr/653100 drawing in 653100), as a unit would submit it.
const draw = (region: string) => {
  const { event } = EVENT_EXAMPLES['draw.committed'];
  return { ...event, data: { ...event.data, region } };
};

describe('intake: a unit draws from its own region only', () => {
  it('given samr/653100, when it commits a draw over 653100, then it is accepted', () => {
    expect(validateIntake([draw('653100')], 'samr/653100', { maxBatch: 10 }).ok).toBe(true);
  });

  it('given samr/653100, when it commits a draw over 650100, then it is refused naming data.region', () => {
    const result = validateIntake([draw('650100')], 'samr/653100', { maxBatch: 10 });
    expect(result.ok ? [] : result.error.fields).toEqual([{ path: '[0].data.region', message: "must be the drawing unit's own region 653100" }]);
  });
});

describe('intake: warning-listed values and service lines', () => {
  const leadWith = (entities: { kind: string; value: string }[]) => {
    const { event } = EVENT_EXAMPLES['lead.reported'];
    return { ...event, data: { ...event.data, entities } };
  };

  it('given a courier hotline and a platform domain, when a lead carries them, then it is accepted with the values flagged (kept, never linking)', () => {
    const result = validateIntake([leadWith([{ kind: 'phone', value: '95338' }, { kind: 'domain', value: 'jd.com' }, { kind: 'phone', value: '95999' }])], 'samr/653100', { maxBatch: 10 });
    expect(result.ok ? result.items[0]?.flags : result.error).toEqual([
      'data.entities[0].value: service_number',
      'data.entities[0].value: warning_list',
      'data.entities[1].value: warning_list',
      'data.entities[2].value: service_number',
    ]);
  });

  it('given a phone that is neither a number nor a service line, when submitted, then it is refused naming the value', () => {
    const result = validateIntake([leadWith([{ kind: 'phone', value: '12345' }])], 'samr/653100', { maxBatch: 10 });
    expect(result.ok ? [] : result.error.fields.map((f) => f.path)).toEqual(['[0].data.entities[0].value']);
  });

  it('given flags: false (the gateway), when the same values are submitted, then the same commands are accepted with no flag, and the same value is refused', () => {
    const entities = [{ kind: 'phone', value: '95338' }, { kind: 'domain', value: 'jd.com' }, { kind: 'uscc', value: '91110000100000000A' }];
    const flagged = validateIntake([leadWith(entities)], 'samr/653100', { maxBatch: 10 });
    const plain = validateIntake([leadWith(entities)], 'samr/653100', { maxBatch: 10, flags: false });
    expect(plain.ok && flagged.ok ? [plain.items.map((item) => item.command), plain.items.map((item) => item.flags)] : []).toEqual([flagged.ok ? flagged.items.map((item) => item.command) : [], [[]]]);
    expect(flagged.ok ? flagged.items[0]?.flags.length : 0).toBeGreaterThan(2);
    const bad = [leadWith([{ kind: 'phone', value: '12345' }, { kind: 'uscc', value: 'nope' }])];
    expect(validateIntake(bad, 'samr/653100', { maxBatch: 10, flags: false })).toEqual(validateIntake(bad, 'samr/653100', { maxBatch: 10 }));
  });
});

describe('intake: a verdict only on the unit’s own alerts', () => {
  const { event } = EVENT_EXAMPLES['hit.feedback'];

  it('given samr/653100’s alert, when samr/653100 files a verdict, then it is accepted', () => {
    expect(validateIntake([event], 'samr/653100', { maxBatch: 10 }).ok).toBe(true);
  });

  it('given samr/653100’s alert, when samr/650100 files a verdict on it, then it is refused naming data.alertId', () => {
    const result = validateIntake([event], 'samr/650100', { maxBatch: 10 });
    expect(result.ok ? [] : result.error.fields).toEqual([{ path: '[0].data.alertId', message: 'must be an alert addressed to your unit (samr-650100-…)' }]);
  });
});

/**
 * Answers pinned from main before the hot path was made cheaper (paths and messages built only on a problem, no
 * closures per event): every path, message, order, flag and key order of an accepted command must stay as it was.
 */
describe('intake: every path and message as before', () => {
  const lead = EVENT_EXAMPLES['lead.reported'].event;
  const leadWith = (entities: unknown, extra: Record<string, unknown> = {}) => ({ ...lead, ...extra, data: { ...lead.data, entities } });
  const attachment = EVENT_EXAMPLES['attachment.added'].event;
  const feedback = EVENT_EXAMPLES['hit.feedback'].event;
  const CASES: [string, unknown, string, { maxBatch: number; flags?: boolean }][] = [
    ['one event, not an array, with bad entities', leadWith([{ kind: 'phone', value: '12345' }, { kind: 'shop_url', value: 'https://s.taobao.com/search?q=x' }, { kind: 'domain', value: 'localhost' }, { kind: 'uscc', value: '91110000600037341A' }]), 'samr/653100', { maxBatch: 10 }],
    ['a batch with problems in several events', [
      leadWith([{ kind: 'uscc', value: '91110000600037341L' }]),
      leadWith([{ kind: 'uscc', value: 'nope' }, { kind: 'shop_url', value: `https://item.taobao.com/item.htm?id=${'1'.repeat(600)}` }, { kind: 'listing_url', value: 'https://shop123456.taobao.com/' }], { subject: 'case/L-1', hash: 'x' }),
      { ...attachment, subject: 'lead/L-1' },
      { ...feedback, data: { ...feedback.data, alertId: 'police-650100-20211008-3f2a9c1b7d4e5a60' } },
      { ...lead, expectedVersion: -1, type: 'lead.nope' },
      'not an event',
    ], 'samr/653100', { maxBatch: 10 }],
    ['a valid batch with expectedVersion and flags', [leadWith([{ kind: 'uscc', value: '91110000600037341A' }, { kind: 'phone', value: '95338' }], { expectedVersion: 0 }), { ...lead, expectedVersion: 3 }], 'samr/653100', { maxBatch: 10 }],
    ['the same without flags', [leadWith([{ kind: 'uscc', value: '91110000600037341A' }, { kind: 'phone', value: '95338' }], { expectedVersion: 0 }), { ...lead, expectedVersion: 3 }], 'samr/653100', { maxBatch: 10, flags: false }],
    ['another department', [lead], 'police/650100', { maxBatch: 10 }],
  ];
  const PINNED: Record<string, unknown> = {
    'one event, not an array, with bad entities': {
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'invalid input at data.entities[0].value, data.entities[1].value, data.entities[2].value',
        fields: [
          { path: 'data.entities[0].value', message: 'phone: phone "12345" is neither a mainland mobile (1[3-9] + 9 digits) nor a landline (0 + area code + 7-8 digits)' },
          { path: 'data.entities[1].value', message: 'shop_url: taobao URL "https://s.taobao.com/search?q=x" is not a recognised shop or listing page' },
          { path: 'data.entities[2].value', message: 'domain: domain "localhost" must have at least two labels (name and top-level domain)' },
        ],
      },
    },
    'a batch with problems in several events': {
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'invalid input at [1].subject, [1].data.entities[1].value, [1].hash, [2].subject, [3].data.alertId and 5 more',
        fields: [
          { path: '[1].subject', message: 'subject of a lead.reported event must be lead/<id>, not case/…' },
          { path: '[1].data.entities[1].value', message: 'value must be at most 512 characters (got 636)' },
          { path: '[1].hash', message: '"hash" is set by the hub and must not be submitted' },
          { path: '[2].subject', message: 'subject of a attachment.added event must be case|report|takedown|inspection|rectification|seizure/<id>, not lead/…' },
          { path: '[3].data.alertId', message: "alertId must name the subject's aggregate id \"samr-653100-20211008-3f2a9c1b7d4e5a60\" (got \"police-650100-20211008-3f2a9c1b7d4e5a60\")" },
          { path: '[4].type', message: 'type must be one of lead.reported, lead.referred, referral.answered, referral.feedback, lead.closed, takedown.recorded, inspection.recorded, rectification.ordered, seizure.recorded, case.opened, case.assisted, case.transferred, case.decided, case.closed, case.marked_typical, cluster.formed, cluster.grown, cluster.linked, cluster.unlinked, referral.overdue, jurisdiction.suggested, report.submitted, lead.corrected, lead.voided, takedown.corrected, takedown.voided, inspection.corrected, inspection.voided, seizure.corrected, seizure.voided, rectification.corrected, rectification.voided, case.corrected, case.voided, role.granted, role.revoked, operator.registered, operator.updated, report.returned, guidance.given, sampling.recorded, closure.requested, closure.answered, closure.overdue, case.extended, case.suspended, case.resumed, case.overdue, draw.committed, draw.revealed, attachment.added, hit.alerted, hit.feedback, referral.requested, case.transfer_answered, log.checkpointed (got "lead.nope")' },
          { path: '[4].expectedVersion', message: 'expectedVersion must be an integer ≥ 0 (0 = the aggregate must not exist yet), or be omitted (got -1)' },
          { path: '[5]', message: 'event must be an object {id, type, subject, time, expectedVersion, data} (got "not an event")' },
          { path: '[1].data.entities[0].value', message: 'uscc: USCC must be 18 characters, got 4' },
          { path: '[1].data.entities[2].value', message: 'listing_url: reported as a listing URL but it is a taobao shop URL (taobao:shop:123456)' },
        ],
      },
    },
    'a valid batch with expectedVersion and flags': {
      ok: true,
      items: [
        { index: 0, keys: ['id', 'type', 'subject', 'time', 'expectedVersion', 'data'], flags: ['data.entities[0].value: uscc_checksum_invalid', 'data.entities[1].value: service_number', 'data.entities[1].value: warning_list'] },
        { index: 1, keys: ['id', 'type', 'subject', 'time', 'expectedVersion', 'data'], flags: [] },
      ],
    },
    'the same without flags': {
      ok: true,
      items: [
        { index: 0, keys: ['id', 'type', 'subject', 'time', 'expectedVersion', 'data'], flags: [] },
        { index: 1, keys: ['id', 'type', 'subject', 'time', 'expectedVersion', 'data'], flags: [] },
      ],
    },
    'another department': {
      ok: true,
      items: [
        { index: 0, keys: ['id', 'type', 'subject', 'time', 'data'], flags: [] },
      ],
    },
  };

  it.each(CASES)('given %s, when validated, then the answer is the pinned one', (name, body, unit, options) => {
    const result = validateIntake(body, unit, options);
    const answer = result.ok ? { ok: true, items: result.items.map((item) => ({ index: item.index, keys: Object.keys(item.command), flags: item.flags })) } : result;
    expect(answer).toEqual(PINNED[name]);
  });
});
