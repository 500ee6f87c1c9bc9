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
