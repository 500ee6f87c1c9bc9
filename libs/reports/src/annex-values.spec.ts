import { describe, expect, it } from '@jest/globals';
import { annexCellValue, annexRowText, formatReportDate, groupRuns } from './annex-values.js';
import { wrappedLines } from './text-height.js';

describe('annex values', () => {
  it('given 万条 figures, when rounded to the annex resolution, then one 条 (0.0001) survives and noise does not', () => {
    expect(annexCellValue(1.2345)).toBe(1.2345);
    expect(annexCellValue(0.0001)).toBe(0.0001);
    expect(annexCellValue(12345 / 10000)).toBe(1.2345);
    expect(annexCellValue(0.1 + 0.2)).toBe(0.3);
    expect(annexCellValue(-0)).toBe(0);
    expect(Object.is(annexCellValue(-0), -0)).toBe(false);
    expect(annexCellValue(null)).toBeNull();
  });

  it('given a non-finite value, when rounded, then it is refused', () => {
    expect(() => annexCellValue(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => annexCellValue(Number.NaN)).toThrow(RangeError);
  });

  it('given a label and a unit, when printed, then the unit follows in full-width parentheses', () => {
    expect(annexRowText('清理网上违法违规信息', '万条')).toBe('清理网上违法违规信息（万条）');
    expect(annexRowText('无单位', '')).toBe('无单位');
  });

  it('given groups in printed order, when grouped, then only consecutive equal labels share a run', () => {
    expect(groupRuns(['a', 'a', 'b', 'a'])).toEqual([
      { group: 'a', first: 0, last: 1 },
      { group: 'b', first: 2, last: 2 },
      { group: 'a', first: 3, last: 3 },
    ]);
    expect(groupRuns([])).toEqual([]);
  });

  it('given report dates, when formatted, then they read "M月D日" in the campaign time zone', () => {
    expect(formatReportDate('2021-12-05')).toBe('12月5日');
    expect(formatReportDate('2021-09-01')).toBe('9月1日');
    expect(formatReportDate(new Date('2021-12-04T17:30:00Z'))).toBe('12月5日');
    expect(formatReportDate('2021-12-04T23:30:00+08:00')).toBe('12月4日');
    expect(formatReportDate(new Date('2021-12-04T17:30:00Z'), 'UTC')).toBe('12月4日');
  });

  it('given an impossible or unparsable date, when formatted, then it is refused', () => {
    expect(() => formatReportDate('2021-02-30')).toThrow(RangeError);
    expect(() => formatReportDate('soon')).toThrow(RangeError);
    expect(() => formatReportDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('given Chinese and ASCII text, when wrapped, then a CJK character counts as two units', () => {
    expect(wrappedLines('网信部门', 14)).toBe(1);
    expect(wrappedLines('市场监管部门（药监部门）', 14)).toBe(2);
    expect(wrappedLines('APP', 4)).toBe(2);
    expect(wrappedLines('a\nb', 20)).toBe(2);
  });
});
