import { describe, expect, it } from '@jest/globals';
import { ConsoleLogger } from '@nestjs/common';
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

describe('Nest console log lines', () => {
  it('given a line logged, then it carries consoleTimestamp, and a timestamped logger still adds the time since', () => {
    const written: string[] = [];
    const logger = new ConsoleLogger('Probe', { timestamp: true, colors: false });
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string) => written.push(chunk) > 0; // Nest prints with write()
    try {
      logger.log('first');
      logger.log('second');
    } finally {
      process.stdout.write = write;
    }
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\[Nest\] \d+ {2}- \d{2}\/\d{2}\/\d{4}, \d{1,2}:\d{2}:\d{2} [AP]M {5}LOG \[Probe\] first\n$/);
    expect(written[1]).toMatch(/LOG \[Probe\] second \+\d+ms\n$/);
  });
});
