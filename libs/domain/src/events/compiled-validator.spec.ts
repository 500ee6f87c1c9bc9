import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES, eventSpec, type EventType } from './catalogue.js';
import { passesCompiled } from './compiled-validator.js';
import { EVENT_EXAMPLES } from './examples.js';
import { isPlainObject } from './json.js';
import { yearOf } from './time.js';
import type { FieldError } from './types.js';
import { checkDataFields } from './validate.js';

type Raw = Record<string, unknown>;

const JUNK: readonly unknown[] = [undefined, null, 42, -1, 1.5, '', 'x', 'x'.repeat(5_000), true, [], [null], ['x'], {}, { a: 1 }];

/** Every data object one edit away from `data`: each field (nested ones too) replaced, removed or added. */
function mutants(data: Raw): Raw[] {
  const out: Raw[] = [];
  for (const key of Object.keys(data)) {
    for (const junk of JUNK) {
      const copy = structuredClone(data);
      if (junk === undefined) delete copy[key];
      else copy[key] = structuredClone(junk);
      out.push(copy);
    }
    const value = data[key];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (!isPlainObject(item)) return;
        for (const inner of mutants(item)) {
          const copy = structuredClone(data);
          (copy[key] as unknown[])[index] = inner;
          out.push(copy);
        }
      });
      const doubled = structuredClone(data);
      (doubled[key] as unknown[]).push(...(structuredClone(value) as unknown[]));
      out.push(doubled);
    }
  }
  for (const extra of ['unknownField', 'constructor', 'toString', 'hash']) out.push({ ...structuredClone(data), [extra]: 'x' });
  return out;
}

/** class-validator's verdict, as validate.ts asks it for data the shortcut did not pass. */
function classValidatorAccepts(type: EventType, data: Raw, year: number): boolean {
  const errors: FieldError[] = [];
  checkDataFields(data, eventSpec(type), year, 'data', `${type} data`, errors);
  return errors.length === 0;
}

describe('passesCompiled — the verdict of every event type\'s rules, built once per data class', () => {
  it.each(EVENT_TYPES)('given the valid %s example, when checked, then it passes without asking class-validator', (type) => {
    const { event } = EVENT_EXAMPLES[type];

    expect(passesCompiled(eventSpec(type).dataClass, event.data, yearOf(event.time))).toBe(true);
  });

  it.each(EVENT_TYPES)('given every one-edit change of the %s example, when checked, then the verdict is class-validator\'s', (type) => {
    const { event } = EVENT_EXAMPLES[type];
    const year = yearOf(event.time);
    const disagreements: string[] = [];

    for (const data of mutants(event.data)) {
      const compiled = passesCompiled(eventSpec(type).dataClass, data, year);
      if (compiled !== classValidatorAccepts(type, data, year)) disagreements.push(`${compiled ? 'passed' : 'refused'}: ${JSON.stringify(data).slice(0, 300)}`);
    }

    expect(disagreements).toEqual([]);
  });

  it('given data naming an inherited property, when checked, then it is left to class-validator (which names the field)', () => {
    const { event } = EVENT_EXAMPLES['lead.reported'];
    const data = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(event.data).slice(1)}`) as Raw;

    expect(passesCompiled(eventSpec('lead.reported').dataClass, data, 2021)).toBe(false);
    expect(classValidatorAccepts('lead.reported', data, 2021)).toBe(false);
  });
});
