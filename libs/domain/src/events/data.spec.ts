import { describe, expect, it } from '@jest/globals';
import type { EventType } from './catalogue.js';
import { EVENT_EXAMPLES } from './examples.js';
import type { FieldError, ValidationResult } from './types.js';
import { validateEvent } from './validate.js';

type Raw = Record<string, unknown>;

/** Validates the catalogue example of `type` with `patch` applied to its data (undefined deletes). */
function withData(type: EventType, patch: Raw, envelope: Raw = {}): ValidationResult<unknown> {
  const { department, event } = EVENT_EXAMPLES[type];
  const data: Raw = { ...(structuredClone(event.data) as Raw), ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete data[key];
  return validateEvent({ ...event, ...envelope, data }, department);
}

function errorsOf(result: ValidationResult<unknown>): FieldError[] {
  if (result.ok) throw new Error('expected the validation to fail');
  return result.errors;
}

const paths = (result: ValidationResult<unknown>): string[] => errorsOf(result).map((error) => error.path);

describe('data: counts', () => {
  it.each([0, 1, 1e9])('given count %p, when validated, then it is accepted', (count) => {
    expect(withData('takedown.recorded', { count }).ok).toBe(true);
  });

  it.each([-1, 1.5, 1e9 + 1, '5', Number.POSITIVE_INFINITY, true])('given count %p, when validated, then the error is on data.count', (count) => {
    expect(errorsOf(withData('inspection.recorded', { count }))).toEqual([
      { path: 'data.count', message: expect.stringMatching(/^count must be an integer from 0 to 1000000000 \(got /) as unknown as string },
    ]);
  });

  it('given seizure batches and pieces, when either is bad, then each is reported on its own path', () => {
    expect(paths(withData('seizure.recorded', { batches: -2, pieces: 'many' }))).toEqual(['data.batches', 'data.pieces']);
  });
});

describe('data: codes from the catalogue', () => {
  it.each([
    ['lead.reported', 'category', 'fraud'],
    ['lead.reported', 'channel', 'email'],
    ['takedown.recorded', 'action', 'deleted'],
    ['inspection.recorded', 'targetKind', 'shop'],
    ['rectification.ordered', 'targetKind', 'Website'],
    ['seizure.recorded', 'channel', 'air_freight'],
    ['case.opened', 'kind', 'civil'],
    ['case.opened', 'primaryCategory', 'counterfeit '],
    ['referral.answered', 'decision', 'accept'],
    ['referral.feedback', 'outcome', 'done'],
    ['lead.closed', 'outcome', 'closed'],
    ['case.closed', 'outcome', 'ok'],
    ['referral.overdue', 'clock', 'reply'],
    ['jurisdiction.suggested', 'basis', 'gut_feeling'],
  ] as const)('given %s with %s = %p, when validated, then the error is on that field and lists the codes', (type, field, value) => {
    const errors = errorsOf(withData(type, { [field]: value }));

    expect(errors).toEqual([{ path: `data.${field}`, message: expect.stringContaining(`${field} must be one of `) as unknown as string }]);
  });

  it('given a referral to the joint office or an unknown department, when validated, then toDepartment is rejected', () => {
    expect(paths(withData('lead.referred', { toDepartment: 'joint' }))).toEqual(['data.toDepartment']);
    expect(paths(withData('jurisdiction.suggested', { toDepartment: 'fbi' }))).toEqual(['data.toDepartment']);
    expect(paths(withData('case.assisted', { leadDepartment: 'Police' }))).toEqual(['data.leadDepartment']);
  });

  it('given a region code not in the 2021 table, when validated, then toRegion is rejected', () => {
    const errors = errorsOf(withData('lead.referred', { toRegion: '652100' }));

    expect(errors).toEqual([{ path: 'data.toRegion', message: 'toRegion must be a GB/T 2260 region code of the 2021 table, e.g. 653100 (got "652100")' }]);
    expect(paths(withData('jurisdiction.suggested', { toRegion: 650100 }))).toEqual(['data.toRegion']);
  });

  it('given an event from a year without a region table, when validated, then its region fields cannot pass', () => {
    const errors = errorsOf(withData('lead.referred', {}, { time: '2019-10-08T09:30:00+08:00' }));

    expect(errors).toEqual([{ path: 'data.toRegion', message: 'toRegion is not checkable: there is no region table for 2019' }]);
  });

  it('given a case transfer to anyone but the police, when validated, then toDepartment is rejected', () => {
    expect(errorsOf(withData('case.transferred', { toDepartment: 'samr' }))).toEqual([
      { path: 'data.toDepartment', message: 'toDepartment must be "police" (got "samr")' },
    ]);
  });
});

describe('data: entities', () => {
  const entity = (value: string): Raw => ({ kind: 'phone', value });

  it('given up to 200 entities, when validated, then they are accepted; 201 are not', () => {
    const many = (n: number): Raw[] => Array.from({ length: n }, (_, i) => entity(`1380013${String(i).padStart(4, '0')}`));

    expect(withData('lead.reported', { entities: many(200) }).ok).toBe(true);
    expect(errorsOf(withData('lead.reported', { entities: many(201) }))).toEqual([
      { path: 'data.entities', message: 'entities must have at most 200 items (got 201)' },
    ]);
  });

  it('given bad entity items, when validated, then each problem has its own nested path', () => {
    const entities = [
      { kind: 'uscc', value: '91110000600037341L' },
      'not an object',
      { kind: 'email', value: 'a@b.c' },
      { kind: 'domain', value: '' },
      { kind: 'domain', value: 'x'.repeat(513) },
      { kind: 'waybill', value: 'SF:123', note: 'extra' },
      { value: 42 },
      [entity('1')],
      null,
    ];

    expect(errorsOf(withData('lead.reported', { entities }))).toEqual([
      { path: 'data.entities[1]', message: 'entities[1] must be an object' },
      { path: 'data.entities[7]', message: 'entities[7] must be an object' },
      { path: 'data.entities[8]', message: 'entities[8] must be an object' },
      { path: 'data.entities[2].kind', message: expect.stringContaining('kind must be one of uscc, phone,') as unknown as string },
      { path: 'data.entities[3].value', message: 'value must not be blank' },
      { path: 'data.entities[4].value', message: 'value must be at most 512 characters (got 513)' },
      { path: 'data.entities[5].note', message: 'unknown field "note": it is not part of an entity, which has only kind and value' },
      { path: 'data.entities[6].kind', message: 'kind is required' },
      { path: 'data.entities[6].value', message: 'value must be a string (got 42)' },
    ]);
  });

  it('given entities that are not an array or are missing, when validated, then the error is on data.entities', () => {
    expect(errorsOf(withData('case.opened', { entities: { kind: 'uscc', value: 'x' } }))).toEqual([
      { path: 'data.entities', message: 'entities must be an array' },
    ]);
    expect(errorsOf(withData('lead.reported', { entities: undefined }))).toEqual([
      { path: 'data.entities', message: 'entities is required (use [] when there are none)' },
    ]);
  });

  it('given no entities at all, when validated, then [] is accepted', () => {
    expect(withData('lead.reported', { entities: [] }).ok).toBe(true);
  });
});

describe('data: strings', () => {
  it('given text at and over its limit, when validated, then only the longer one fails', () => {
    expect(withData('lead.reported', { summary: 's'.repeat(4000) }).ok).toBe(true);
    expect(errorsOf(withData('lead.reported', { summary: 's'.repeat(4001) }))).toEqual([
      { path: 'data.summary', message: 'summary must be at most 4000 characters (got 4001)' },
    ]);
    expect(withData('lead.referred', { reason: 'r'.repeat(2000) }).ok).toBe(true);
    expect(paths(withData('lead.referred', { reason: 'r'.repeat(2001) }))).toEqual(['data.reason']);
    expect(paths(withData('takedown.recorded', { note: 'n'.repeat(2001) }))).toEqual(['data.note']);
    expect(paths(withData('case.opened', { caseNo: 'c'.repeat(129) }))).toEqual(['data.caseNo']);
  });

  it('given blank text, when validated, then it is rejected rather than stored', () => {
    expect(errorsOf(withData('lead.reported', { summary: ' \n\t ' }))).toEqual([{ path: 'data.summary', message: 'summary must not be blank' }]);
  });

  // Regression (bad-input fuzzing): NUL was accepted and signed, but PostgreSQL cannot store it in the read models.
  it('given text with NUL, another control character or an unpaired surrogate, when validated, then the field is named', () => {
    for (const [summary, found] of [
      ['网店\u0000', 'U+0000 at position 2'],
      ['a\u001bb', 'U+001B at position 1'],
      ['x\ud800', 'U+D800 at position 1'],
      ['\udc00y', 'U+DC00 at position 0'],
    ] as const) {
      expect(errorsOf(withData('lead.reported', { summary }))).toEqual([
        { path: 'data.summary', message: `summary must not contain control characters (other than tab and line breaks) or unpaired surrogates (found ${found})` },
      ]);
    }
  });

  it('given text with tabs, line breaks, emoji and combining marks, when validated, then it is accepted', () => {
    expect(withData('lead.reported', { summary: '假冒\t商品\r\n🙂 e\u0301 \u200b' }).ok).toBe(true);
  });

  it('given text with surrounding spaces, when validated, then it is accepted and stored as sent', () => {
    const result = withData('lead.reported', { summary: '  假冒商品  ' });

    expect(result.ok && (result.value as { data: Raw }).data['summary']).toBe('  假冒商品  ');
  });

  it('given null for an optional field, when validated, then it must be omitted instead', () => {
    expect(errorsOf(withData('lead.reported', { platform: null }))).toEqual([
      { path: 'data.platform', message: 'platform must not be null (omit the field instead)' },
    ]);
  });

  it('given a missing required field, when validated, then it is reported as required', () => {
    expect(errorsOf(withData('lead.reported', { summary: undefined }))).toEqual([{ path: 'data.summary', message: 'summary is required' }]);
  });

  it.each(['R.1', 'R 1', 'R/1', 'r'.repeat(129), ''])('given the id %p, when validated, then it is not a valid referralId', (referralId) => {
    expect(paths(withData('lead.referred', { referralId }))).toEqual(['data.referralId']);
  });

  it('given timestamps in data, when one has no offset, then its field is reported', () => {
    expect(paths(withData('lead.referred', { dueAt: '2021-10-22' }))).toEqual(['data.dueAt']);
    expect(paths(withData('case.decided', { decidedAt: '2021-11-31T10:00:00+08:00' }))).toEqual(['data.decidedAt']);
    expect(paths(withData('referral.overdue', { dueAt: undefined }))).toEqual(['data.dueAt']);
  });
});

describe('data: money', () => {
  it.each([0, 0.1, 12345.67, 1e12])('given %p yuan, when validated, then it is accepted', (fine) => {
    expect(withData('case.decided', { fine }).ok).toBe(true);
  });

  it.each([-0.01, 1e12 + 1, 10.005, '500', Number.NaN])('given %p yuan, when validated, then fine is rejected', (fine) => {
    expect(paths(withData('case.decided', { fine }))).toEqual(['data.fine']);
  });

  it('given a negative confiscation, when validated, then confiscation is rejected', () => {
    expect(paths(withData('case.decided', { confiscation: -1 }))).toEqual(['data.confiscation']);
  });
});

describe('data: arrays of codes and ids', () => {
  it('given otherCategories that repeat or are unknown, when validated, then each bad item has its index', () => {
    const otherCategories = ['wildlife', 'counterfeit', 'wildlife', 'nope', null];

    expect(errorsOf(withData('case.opened', { otherCategories }))).toEqual([
      { path: 'data.otherCategories[1]', message: 'otherCategories[1] repeats primaryCategory' },
      { path: 'data.otherCategories[2]', message: 'otherCategories[2] repeats "wildlife"' },
      { path: 'data.otherCategories[3]', message: expect.stringContaining('otherCategories[3] must be one of') as unknown as string },
      { path: 'data.otherCategories[4]', message: 'otherCategories[4] must not be null' },
    ]);
  });

  it('given leadIds with a dotted id, when validated, then that item is reported', () => {
    expect(paths(withData('case.opened', { leadIds: ['L-1', 'L.2'] }))).toEqual(['data.leadIds[1]']);
    expect(paths(withData('case.opened', { leadIds: 'L-1' }))).toEqual(['data.leadIds']);
  });

  it('given cluster members and keys, when malformed, then each item is reported', () => {
    const result = withData('cluster.formed', {
      members: ['samr/653100/lead/L-1', 'lead/L-2', 'samr/653100/takedown/T-1', 'samr/653100/lead/L-1'],
      keys: ['uscc:91110000600037341L', 'email:a@b.c', 'phone:'],
    });

    expect(paths(result)).toEqual(['data.members[1]', 'data.members[2]', 'data.members[3]', 'data.keys[1]', 'data.keys[2]']);
  });

  it('given a cluster formed from one member, when validated, then at least two are required', () => {
    expect(errorsOf(withData('cluster.formed', { members: ['samr/653100/lead/L-1'] }))).toEqual([
      { path: 'data.members', message: 'members must have at least 2 items' },
    ]);
  });

  it('given flags that are not booleans, when validated, then they are reported', () => {
    expect(paths(withData('cluster.grown', { crossRegion: 'yes', crossDepartment: 1 }))).toEqual(['data.crossRegion', 'data.crossDepartment']);
  });

  it('given a manual unlink without a reason, when validated, then the reason is required', () => {
    expect(paths(withData('cluster.unlinked', { reason: undefined }))).toEqual(['data.reason']);
  });
});

describe('data: cross-field rules', () => {
  it('given a referral rejected or returned without a reason, when validated, then the reason is required', () => {
    expect(errorsOf(withData('referral.answered', { decision: 'rejected' }))).toEqual([
      { path: 'data.reason', message: 'reason is required when decision is rejected or returned' },
    ]);
    expect(withData('referral.answered', { decision: 'returned', reason: '不属于本部门管辖' }).ok).toBe(true);
    expect(withData('referral.answered', { decision: 'accepted' }).ok).toBe(true);
  });

  it('given a referralId that differs from the subject id, when validated, then data.referralId is reported', () => {
    expect(errorsOf(withData('referral.answered', { referralId: 'R-other' }))).toEqual([
      {
        path: 'data.referralId',
        message:
          'referralId with fromDepartment/fromRegion names the subject referral/forestry-653100-referral-R-other, not referral/forestry-653100-referral-R-forestry-0007 (a referral is named by its sender)',
      },
    ]);
    // Another sender's referral with the same id is another referral: a different subject.
    expect(paths(withData('referral.answered', { fromDepartment: 'cac', fromRegion: '650100' }))).toEqual(['data.referralId']);
    expect(paths(withData('referral.overdue', { referralId: 'R-other' }))).toEqual(['data.referralId']);
  });

  it('given a clusterId or leadSubject that differs from the subject id, when validated, then that field is reported', () => {
    expect(paths(withData('cluster.grown', { clusterId: 'K-0002' }))).toEqual(['data.clusterId']);
    expect(paths(withData('jurisdiction.suggested', { leadSubject: 'samr/653100/lead/L-9' }))).toEqual(['data.leadSubject']);
  });
});

describe('data: keys that shadow Object.prototype', () => {
  it('given __proto__, constructor or hasOwnProperty keys (as JSON.parse makes them), when validated, then each is an unknown field', () => {
    const { department, event } = EVENT_EXAMPLES['lead.reported'];
    const json = JSON.stringify(event).replace(
      '"category"',
      '"__proto__":{"polluted":true},"constructor":{"name":"x"},"hasOwnProperty":1,"category"',
    ).replace('"kind":"uscc"', '"isPrototypeOf":1,"kind":"uscc"');

    const result = validateEvent(JSON.parse(json), department);

    expect(paths(result)).toEqual(['data.__proto__', 'data.constructor', 'data.hasOwnProperty', 'data.entities[0].isPrototypeOf']);
    expect(({} as Raw)['polluted']).toBeUndefined();
  });
});

describe('data: report.submitted (the unit report package of the plan 三(四))', () => {
  it('given the example, when validated, then it is accepted', () => {
    expect(withData('report.submitted', {}).ok).toBe(true);
  });

  it('given an unknown campaign, when validated, then the error names data.campaign and the subject must follow it', () => {
    expect(paths(withData('report.submitted', { campaign: 'net-sword-2099' }))).toContain('data.campaign');
    expect(paths(withData('report.submitted', {}, { subject: 'report/other-campaign' }))).toEqual(['data.campaign']);
  });

  it.each([[undefined], ['   '], ['字'.repeat(20_001)]])('given summary %#, when validated, then the error is on data.summary', (summary) => {
    expect(paths(withData('report.submitted', { summary }))).toEqual(['data.summary']);
  });

  it('given a repeated typical case id, when validated, then the repeat is named', () => {
    expect(paths(withData('report.submitted', { typicalCaseIds: ['C-1', 'C-1'] }))).toEqual(['data.typicalCaseIds[1]']);
  });

  it('given the joint office, when it submits a report, then it is refused (a report is a unit fact)', () => {
    const { event } = EVENT_EXAMPLES['report.submitted'];
    expect(validateEvent(event, 'joint').ok).toBe(false);
  });
});

describe('data: corrections and voids', () => {
  it('given a correction naming only a reason, when validated, then the error is on data.reason and lists the correctable fields', () => {
    expect(errorsOf(withData('takedown.corrected', { count: undefined }))).toEqual([
      { path: 'data.reason', message: 'reason is given but no field is corrected: name at least one of action, count, platform, occurredAt' },
    ]);
  });

  it('given a correction with bad new values, when validated, then each field is named on its own path', () => {
    expect(paths(withData('case.corrected', { primaryCategory: 'jaywalking', fine: -1, occurredAt: '2021-13-01' }))).toEqual([
      'data.primaryCategory',
      'data.fine',
      'data.occurredAt',
    ]);
    expect(paths(withData('seizure.corrected', { pieces: 1.5 }))).toEqual(['data.pieces']);
  });

  it('given a corrected primary category repeated among the other categories, when validated, then the repeat is named', () => {
    expect(paths(withData('case.corrected', { primaryCategory: 'counterfeit', otherCategories: ['counterfeit'] }))).toEqual(['data.otherCategories[0]']);
  });

  it('given a field the record does not have, when corrected, then it is refused as not whitelisted', () => {
    expect(paths(withData('inspection.corrected', { action: 'listing_removed' }))).toEqual(['data.action']);
  });

  it('given a void without a reason, when validated, then the reason is required', () => {
    expect(paths(withData('case.voided', { reason: undefined }))).toEqual(['data.reason']);
    expect(withData('lead.voided', {}).ok).toBe(true);
  });
});
