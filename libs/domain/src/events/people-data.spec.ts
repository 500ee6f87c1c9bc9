import { describe, expect, it } from '@jest/globals';
import type { EventType } from './catalogue.js';
import { EVENT_EXAMPLES } from './examples.js';
import type { ValidationResult } from './types.js';
import { validateEvent } from './validate.js';

type Raw = Record<string, unknown>;

function withData(type: EventType, patch: Raw): ValidationResult<unknown> {
  const { department, event } = EVENT_EXAMPLES[type];
  const data: Raw = { ...(structuredClone(event.data) as Raw), ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete data[key];
  return validateEvent({ ...event, data }, department);
}

const paths = (result: ValidationResult<unknown>): string[] => (result.ok ? [] : result.errors.map((error) => error.path));

describe('role.granted / role.revoked data', () => {
  it('given the catalogue examples, when validated, then both are accepted from the joint office only', () => {
    expect(withData('role.granted', {}).ok).toBe(true);
    expect(withData('role.revoked', {}).ok).toBe(true);
    expect(validateEvent(EVENT_EXAMPLES['role.granted'].event, 'samr').ok).toBe(false);
  });

  it.each([
    ['clerk', undefined, ['data.scope']],
    ['clerk', '653100', ['data.scope']],
    ['unit_head', 'samr/653100', []],
    ['line_supervisor', 'police', []],
    ['line_supervisor', 'samr/653100', ['data.scope']],
    ['region_coordinator', '653100', []],
    ['region_coordinator', '999999', ['data.scope']],
    ['coordinator', undefined, []],
    ['auditor', 'samr/653100', ['data.scope']],
    ['admin', undefined, []],
    ['superuser', undefined, ['data.role']],
  ])('given role %s with scope %p, when validated, then the errors are %p', (role, scope, expected) => {
    expect(paths(withData('role.granted', { role, scope }))).toEqual(expected);
  });

  it('given no reason or an actor that names nobody, when validated, then both are reported', () => {
    expect(paths(withData('role.revoked', { reason: undefined, by: 'admin' }))).toEqual(['data.by', 'data.reason']);
  });
});
