import { describe, expect, it } from '@jest/globals';
import { checkTimestamp, yearOf } from './time.js';

describe('event timestamps', () => {
  it.each(['2021-10-08T09:30:00+08:00', '2021-10-08T01:30:00Z', '2021-10-08T09:30:00.123456789-05:30', '2020-02-29T00:00:00+06:00', '2021-12-31T23:59:59-00:00'])(
    'given %s, when checking, then it is accepted',
    (value) => {
      expect(checkTimestamp(value)).toBe('ok');
    },
  );

  it.each(['2021-10-08T09:30:00', '2021-10-08 09:30:00+08:00', '2021-10-08T09:30+08:00', '2021-10-08', '2021-10-08T09:30:00+0800', '2021-10-08t09:30:00z', '1633656600', ''])(
    'given %s (no offset or not RFC 3339), when checking, then the format is invalid',
    (value) => {
      expect(checkTimestamp(value)).toBe('invalid');
    },
  );

  it.each(['2021-02-29T00:00:00Z', '2021-02-30T00:00:00Z', '2021-04-31T00:00:00Z', '2021-13-01T00:00:00Z', '2021-00-10T00:00:00Z', '2021-10-08T24:00:00Z', '2021-10-08T09:60:00Z', '2021-12-31T23:59:60Z', '2021-10-08T09:30:00+24:00', '1900-02-29T00:00:00Z'])(
    'given %s (a date or time that does not exist), when checking, then it is impossible',
    (value) => {
      expect(checkTimestamp(value)).toBe('impossible');
    },
  );

  it('given a non-string, when checking, then it is invalid', () => {
    expect(checkTimestamp(1633656600000)).toBe('invalid');
    expect(checkTimestamp(null)).toBe('invalid');
  });

  it('given a timestamp, when asking its year, then the year as written is returned', () => {
    expect(yearOf('2021-12-31T23:00:00-05:00')).toBe(2021);
  });
});
