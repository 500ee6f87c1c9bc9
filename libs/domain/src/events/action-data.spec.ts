import { describe, expect, it } from '@jest/globals';
import type { EventType } from './catalogue.js';
import { EVENT_EXAMPLES } from './examples.js';
import type { FieldError, ValidationResult } from './types.js';
import { validateEvent } from './validate.js';

type Raw = Record<string, unknown>;

function withData(type: EventType, patch: Raw, department = EVENT_EXAMPLES[type].department): ValidationResult<unknown> {
  const { event } = EVENT_EXAMPLES[type];
  const data: Raw = { ...(structuredClone(event.data) as Raw), ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete data[key];
  return validateEvent({ ...event, data }, department);
}

const errorsOf = (result: ValidationResult<unknown>): FieldError[] => (result.ok ? [] : result.errors);
const paths = (result: ValidationResult<unknown>): string[] => errorsOf(result).map((error) => error.path);

describe('guidance, sampling, closures and case clocks: data', () => {
  it('given each new example, when validated as its publisher, then it is accepted', () => {
    for (const type of ['guidance.given', 'sampling.recorded', 'closure.requested', 'closure.answered', 'closure.overdue', 'case.extended', 'case.suspended', 'case.resumed', 'case.overdue'] as const) {
      expect([type, errorsOf(withData(type, {}))]).toEqual([type, []]);
    }
  });

  it('given guidance of an unknown kind, no participants and an operator ref that is not an operator, then each field is named', () => {
    expect(paths(withData('guidance.given', { kind: 'warning', participants: [], operatorRef: 'samr/653100/lead/L-1' }))).toEqual([
      'data.kind',
      'data.operatorRef',
      'data.participants',
    ]);
    expect(paths(withData('guidance.given', { participants: ['samr', 'samr'] }))).toEqual(['data.participants[1]']);
  });

  it('given sampling with more failed batches than sampled, or a product outside the focus list, then failed / productCategory is named', () => {
    expect(errorsOf(withData('sampling.recorded', { failed: 41 }))).toEqual([{ path: 'data.failed', message: 'failed must be at most batches (40), got 41' }]);
    expect(paths(withData('sampling.recorded', { productCategory: '儿童面霜' }))).toEqual(['data.productCategory']);
    expect(withData('sampling.recorded', { failed: 40, publishedAt: undefined }).ok).toBe(true);
  });

  it('given a closure request from telecom, then the publisher is refused; from police, it is accepted', () => {
    expect(withData('closure.requested', {}, 'telecom').ok).toBe(false);
    expect(withData('closure.requested', {}, 'police').ok).toBe(true);
  });

  it('given a refusal without a reason, or an answer naming another requester than its subject, then reason / closureId is named', () => {
    expect(paths(withData('closure.answered', { decision: 'refused' }))).toEqual(['data.reason']);
    expect(errorsOf(withData('closure.answered', { fromDepartment: 'police' }))).toEqual([
      {
        path: 'data.closureId',
        message: 'closureId with fromDepartment/fromRegion names the subject closure/police-650100-closure-CL-2021-0002, not closure/cac-650100-closure-CL-2021-0002 (a closure is named by its sender)',
      },
    ]);
  });

  it('given an extension of a clock the rules do not extend, or a case.overdue whose recordRef is not its subject, then that field is named', () => {
    expect(paths(withData('case.extended', { clock: 'criminal_transfer_handover' }))).toEqual(['data.clock']);
    expect(paths(withData('case.overdue', { recordRef: 'samr/653100/case/C-9' }))).toEqual(['data.recordRef']);
    expect(paths(withData('case.suspended', { reason: '  ' }))).toEqual(['data.reason']);
  });
});
