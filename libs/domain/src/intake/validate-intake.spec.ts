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
