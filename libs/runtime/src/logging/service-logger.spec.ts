import { describe, expect, it } from '@jest/globals';
import { consoleTimestamp } from './service-logger.js';

// What Nest's ConsoleLogger printed before (its en-US formatter, in the process's local zone).
const nestFormatter = new Intl.DateTimeFormat('en-US', { year: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', day: '2-digit', month: '2-digit' });

describe('consoleTimestamp', () => {
  it.each([
    ['midnight', new Date(2026, 11, 7, 0, 5, 3)],
    ['morning', new Date(2026, 11, 7, 9, 5, 3)],
    ['noon', new Date(2026, 0, 1, 12, 0, 0)],
    ['evening', new Date(2021, 9, 31, 23, 59, 59)],
  ])('writes %s as Nest did in en-US', (_label, at) => {
    expect(consoleTimestamp(at)).toBe(nestFormatter.format(at));
  });

  it('pads month, day, minutes and seconds but not the hour', () => {
    expect(consoleTimestamp(new Date(2026, 1, 3, 4, 5, 6))).toBe('02/03/2026, 4:05:06 AM');
  });
});
