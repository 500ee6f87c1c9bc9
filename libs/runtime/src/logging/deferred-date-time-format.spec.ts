import { describe, expect, it } from '@jest/globals';
import { deferredDateTimeFormat } from './deferred-date-time-format.js';

/** Intl.DateTimeFormat, counting the formatters really built. */
function countingDateTimeFormat(): { ctor: typeof Intl.DateTimeFormat; built: () => number } {
  let built = 0;
  const ctor = new Proxy(Intl.DateTimeFormat, {
    construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      built += 1;
      return new target(...args);
    },
  });
  return { ctor, built: () => built };
}

const options: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' };
const at = Date.UTC(2021, 9, 8, 17, 30); // 2021-10-09 01:30 in Shanghai

describe('deferredDateTimeFormat', () => {
  it('builds no formatter at new, one at the first use, and reuses it', () => {
    const real = countingDateTimeFormat();
    const Deferred = deferredDateTimeFormat(real.ctor);
    const formatter = new Deferred('en-US', options);
    expect(real.built()).toBe(0);
    expect(formatter.format(at)).toBe(new Intl.DateTimeFormat('en-US', options).format(at));
    expect(formatter.formatToParts(at)).toEqual(new Intl.DateTimeFormat('en-US', options).formatToParts(at));
    expect(formatter.resolvedOptions().timeZone).toBe('Asia/Shanghai');
    expect(real.built()).toBe(1);
  });

  it('answers as the real formatter does: instanceof, a detached format, ranges, supported locales', () => {
    const Deferred = deferredDateTimeFormat(Intl.DateTimeFormat);
    const formatter = new Deferred('en-US', options);
    const real = new Intl.DateTimeFormat('en-US', options);
    expect(formatter).toBeInstanceOf(Intl.DateTimeFormat);
    expect([at].map(formatter.format)).toEqual([real.format(at)]);
    expect(formatter.formatRange(at, at + 86_400_000)).toBe(real.formatRange(at, at + 86_400_000));
    expect(Deferred.supportedLocalesOf(['en-US'])).toEqual(['en-US']);
  });

  it('throws for invalid options at the first use instead of at new', () => {
    const Deferred = deferredDateTimeFormat(Intl.DateTimeFormat);
    const formatter = new Deferred('en-US', { timeZone: 'Mars/Olympus_Mons' });
    expect(() => formatter.format(at)).toThrow(RangeError);
  });
});
