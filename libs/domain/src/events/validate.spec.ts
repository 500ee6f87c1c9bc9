import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES, type EventType } from './catalogue.js';
import { EVENT_EXAMPLES } from './examples.js';
import type { FieldError, ValidationResult } from './types.js';
import { validateEvent, validateSubmission } from './validate.js';

type Raw = Record<string, unknown>;

/** A fresh, mutable copy of the catalogue example for `type`. */
function example(type: EventType): { department: string; event: Raw } {
  const { department, event } = EVENT_EXAMPLES[type];
  return { department, event: structuredClone(event) as unknown as Raw };
}

function errorsOf(result: ValidationResult<unknown>): FieldError[] {
  if (result.ok) throw new Error('expected the validation to fail');
  return result.errors;
}

const paths = (result: ValidationResult<unknown>): string[] => errorsOf(result).map((error) => error.path);

describe('validateEvent — one valid example per event type', () => {
  it.each(EVENT_TYPES)('given a valid %s from a department allowed to publish it, when validated, then it is accepted unchanged', (type) => {
    const { department, event } = example(type);

    const result = validateEvent(event, department);

    expect(result).toEqual({ ok: true, value: event });
  });

  it('given a valid event, when validated, then the value is a fresh plain JSON object with exactly the submitted fields', () => {
    const { department, event } = example('case.opened');

    const result = validateEvent(event, department);

    if (!result.ok) throw new Error('expected success');
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.value.data)).toBe(Object.prototype);
    expect(Object.keys(result.value)).toEqual(['id', 'type', 'subject', 'time', 'data']);
    // Exactly the submitted fields, in sorted order (the canonical form's: see cloneJson).
    expect(Object.keys(result.value.data)).toEqual(Object.keys(event['data'] as Raw).sort());
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
    (event['data'] as Raw)['caseNo'] = 'changed later';
    expect(result.value.data['caseNo']).toBe('喀市监立〔2021〕12号');
  });

  it('given expectedVersion 0, when validated, then it is kept (0 = the aggregate must not exist yet)', () => {
    const { department, event } = example('lead.reported');

    const result = validateEvent({ ...event, expectedVersion: 0 }, department);

    expect(result.ok && result.value.expectedVersion).toBe(0);
  });

  it('given optional keys holding undefined (a JavaScript caller), when validated, then they are not in the value', () => {
    const { department, event } = example('takedown.recorded');
    const data = { action: 'info_removed', count: 3, note: undefined };

    const result = validateEvent({ ...event, expectedVersion: undefined, data }, department);

    if (!result.ok) throw new Error('expected success');
    expect('expectedVersion' in result.value).toBe(false);
    expect(result.value.data).toEqual({ action: 'info_removed', count: 3 });
    expect('note' in result.value.data).toBe(false);
  });

  it('given an upper-case UUID of another version, when validated, then any RFC 9562 UUID is accepted', () => {
    const { department, event } = example('lead.reported');

    expect(validateEvent({ ...event, id: 'F47AC10B-58CC-4372-A567-0E02B2C3D479' }, department).ok).toBe(true);
  });
});

describe('validateEvent — envelope errors', () => {
  const { department, event } = example('lead.reported');

  it.each([
    ['not-a-uuid', 'id'],
    ['00000000-0000-0000-0000-000000000000', 'id'],
    [42, 'id'],
  ])('given id %p, when validated, then the error is on id', (id, path) => {
    expect(paths(validateEvent({ ...event, id }, department))).toEqual([path]);
  });

  it('given an unknown type, when validated, then the error is on type and names the value', () => {
    const errors = errorsOf(validateEvent({ ...event, type: 'lead.created' }, department));

    expect(errors).toEqual([{ path: 'type', message: expect.stringContaining('"lead.created"') as unknown as string }]);
  });

  it('given a joint-only type submitted by samr, when validated, then the error is on type', () => {
    const joint = example('cluster.formed').event;

    const errors = errorsOf(validateEvent(joint, 'samr'));

    expect(errors).toEqual([{ path: 'type', message: 'department samr may not publish cluster.formed: only the joint office (joint) may' }]);
  });

  it('given a departmental fact submitted by the joint office, when validated, then the error is on type', () => {
    expect(paths(validateEvent(event, 'joint'))).toEqual(['type']);
  });

  it('given a dotted aggregate id, when validated, then the error is on subject', () => {
    const errors = errorsOf(validateEvent({ ...event, subject: 'lead/L.2021.1' }, department));

    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('subject');
    expect(errors[0]?.message).toContain('no dots');
  });

  it.each(['lead/L 1', 'lead/L*', 'lead/>', 'lead/', 'lead', 'lead/a/b', `lead/${'x'.repeat(129)}`, 7])(
    'given subject %p, when validated, then the error is on subject',
    (subject) => {
      expect(paths(validateEvent({ ...event, subject }, department))).toEqual(['subject']);
    },
  );

  it('given a subject of the wrong aggregate type, when validated, then the error says which type is expected', () => {
    const errors = errorsOf(validateEvent({ ...event, subject: 'case/L-1' }, department));

    expect(errors).toEqual([{ path: 'subject', message: 'subject of a lead.reported event must be lead/<id>, not case/…' }]);
  });

  it('given an unknown aggregate type, when validated, then the error is on subject', () => {
    expect(paths(validateEvent({ ...event, subject: 'shop/S1' }, department))).toEqual(['subject']);
  });

  it('given a time without an offset, when validated, then the error is on time', () => {
    const errors = errorsOf(validateEvent({ ...event, time: '2021-10-08T09:30:00' }, department));

    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('time');
    expect(errors[0]?.message).toContain('offset');
  });

  it('given a date that does not exist, when validated, then the error is on time', () => {
    const errors = errorsOf(validateEvent({ ...event, time: '2021-02-29T10:00:00+08:00' }, department));

    expect(errors).toEqual([{ path: 'time', message: 'time is not a real date and time (got "2021-02-29T10:00:00+08:00")' }]);
  });

  it.each([-1, 1.5, '3', null, Number.NaN])('given expectedVersion %p, when validated, then the error is on expectedVersion', (expectedVersion) => {
    expect(paths(validateEvent({ ...event, expectedVersion }, department))).toEqual(['expectedVersion']);
  });

  it.each([
    [undefined, 'data is required'],
    [[], 'data must be an object (got an array)'],
    ['{}', 'data must be an object (got "{}")'],
    [null, 'data must be an object (got null)'],
  ])('given data %p, when validated, then the error is on data', (data, message) => {
    expect(errorsOf(validateEvent({ ...event, data }, department))).toEqual([{ path: 'data', message }]);
  });

  it('given a field the envelope does not have, when validated, then the error names it', () => {
    const errors = errorsOf(validateEvent({ ...event, priority: 'high' }, department));

    expect(errors).toEqual([{ path: 'priority', message: expect.stringContaining('unknown field "priority"') as unknown as string }]);
  });

  it('given fields only the hub sets, when validated, then each is rejected as hub-owned', () => {
    const errors = errorsOf(validateEvent({ ...event, source: 'samr/653100', hash: 'abc' }, department));

    expect(errors).toEqual([
      { path: 'source', message: '"source" is set by the hub and must not be submitted' },
      { path: 'hash', message: '"hash" is set by the hub and must not be submitted' },
    ]);
  });

  it('given a data field that is not whitelisted, when validated, then the error names it', () => {
    const data = { ...(event['data'] as Raw), severity: 3 };

    const errors = errorsOf(validateEvent({ ...event, data }, department));

    expect(errors).toEqual([{ path: 'data.severity', message: 'unknown field "severity": it is not part of lead.reported data' }]);
  });

  it('given an event with many problems, when validated, then every problem is reported, not just the first', () => {
    const bad = { id: 'x', type: 'lead.reported', subject: 'lead/a.b', time: 'yesterday', expectedVersion: -1, data: { category: 'nope' }, extra: 1 };

    expect(paths(validateEvent(bad, department))).toEqual([
      'id',
      'subject',
      'time',
      'expectedVersion',
      'data.category',
      'data.channel',
      'data.summary',
      'data.entities',
      'extra',
    ]);
  });

  it('given a wrong publisher and bad data, when validated, then both are reported in one round trip', () => {
    const joint = example('referral.overdue').event;
    const data = { ...(joint['data'] as Raw), clock: 'sometime' };

    expect(paths(validateEvent({ ...joint, data }, 'police'))).toEqual(['type', 'data.clock']);
  });

  it('given a non-object event, when validated without a prefix, then the error is on (body)', () => {
    expect(paths(validateEvent('lead.reported', department))).toEqual(['(body)']);
    expect(paths(validateEvent([event], department))).toEqual(['(body)']);
  });

  it('given a path prefix, when validated, then every path starts with it', () => {
    expect(paths(validateEvent({ ...event, id: 'x', data: {} }, department, '[7]'))).toEqual([
      '[7].id',
      '[7].data.category',
      '[7].data.channel',
      '[7].data.summary',
      '[7].data.entities',
    ]);
  });
});

describe('validateSubmission', () => {
  const samr = (type: EventType, n: number): Raw => {
    const { event } = example(type);
    return { ...event, id: `0190f3c2-7a4b-7cde-8f01-${String(n).padStart(12, '0')}` };
  };

  it('given one event object, when validated, then the value is a one-element array and paths have no index', () => {
    const ok = validateSubmission(samr('lead.reported', 1), 'samr', { maxBatch: 10 });
    const bad = validateSubmission({ ...samr('takedown.recorded', 1), data: { action: 'info_removed', count: -1 } }, 'samr', { maxBatch: 10 });

    expect(ok.ok && ok.value).toHaveLength(1);
    expect(paths(bad)).toEqual(['data.count']);
  });

  it('given a batch, when some events are invalid, then errors carry the index of each failing event', () => {
    const body = [
      samr('lead.reported', 1),
      samr('takedown.recorded', 2),
      samr('case.opened', 3),
      { ...samr('case.opened', 4), data: { ...(samr('case.opened', 4)['data'] as Raw), otherCategories: ['wildlife', 'fake'] } },
      { ...samr('takedown.recorded', 5), data: { action: 'info_removed', count: 1.5 } },
    ];

    const result = validateSubmission(body, 'samr', { maxBatch: 10 });

    expect(errorsOf(result)).toEqual([
      { path: '[3].data.otherCategories[1]', message: expect.stringContaining('otherCategories[1] must be one of counterfeit,') as unknown as string },
      { path: '[4].data.count', message: 'count must be an integer from 0 to 1000000000 (got 1.5)' },
    ]);
  });

  it('given a valid batch, when validated, then the events come back in order', () => {
    const body = [samr('lead.reported', 1), samr('case.closed', 2), samr('seizure.recorded', 3)];

    const result = validateSubmission(body, 'customs', { maxBatch: 3 });

    expect(result).toEqual({ ok: true, value: body });
  });

  it('given duplicate ids inside one batch, when validated, then both are kept (idempotency is the store’s job)', () => {
    const event = samr('lead.reported', 9);

    const result = validateSubmission([event, structuredClone(event)], 'samr', { maxBatch: 10 });

    expect(result.ok && result.value.map((e) => e.id)).toEqual([event['id'], event['id']]);
  });

  it('given more events than maxBatch, when validated, then it fails fast with tooLarge and a (body) error', () => {
    const body = [{}, {}, {}];

    const result = validateSubmission(body, 'samr', { maxBatch: 2 });

    expect(result).toEqual({
      ok: false,
      tooLarge: true,
      errors: [{ path: '(body)', message: 'batch too large: 3 events, at most 2 per request' }],
    });
  });

  it('given an empty array, when validated, then the error is on (body)', () => {
    const result = validateSubmission([], 'samr', { maxBatch: 10 });

    expect(result).toEqual({ ok: false, errors: [{ path: '(body)', message: 'body must be one event object or a non-empty array of events (got an empty array)' }] });
  });

  it.each([null, 'x', 42, undefined, true])('given body %p, when validated, then the error is on (body)', (body) => {
    const result = validateSubmission(body, 'samr', { maxBatch: 10 });

    expect(paths(result)).toEqual(['(body)']);
    expect('tooLarge' in result).toBe(false);
  });

  it('given an array holding a non-object, when validated, then the error is on that index', () => {
    expect(paths(validateSubmission([samr('lead.reported', 1), 'oops', null], 'samr', { maxBatch: 10 }))).toEqual(['[1]', '[2]']);
  });

  it('given a joint-only event inside a departmental batch, when validated, then the error is on its type', () => {
    const body = [samr('lead.reported', 1), example('cluster.grown').event];

    expect(paths(validateSubmission(body, 'samr', { maxBatch: 10 }))).toEqual(['[1].type']);
  });

  it('given a nonsensical maxBatch, when validating, then it is a programming error', () => {
    expect(() => validateSubmission([], 'samr', { maxBatch: 0 })).toThrow(RangeError);
  });
});
