import { describe, expect, it } from '@jest/globals';
import { cellText, parseCount, parseEntryDate, parseMoney } from './cell-values.js';
import { entryEventId } from './entry-id.js';

describe('reading spreadsheet cells', () => {
  it.each([
    [44477, '2021-10-08T00:00:00+08:00'],
    [44477.5, '2021-10-08T12:00:00+08:00'],
    [new Date(Date.UTC(2021, 9, 8)), '2021-10-08T00:00:00+08:00'],
    ['2021-10-08', '2021-10-08T00:00:00+08:00'],
    ['2021/10/8', '2021-10-08T00:00:00+08:00'],
    ['2021.10.08', '2021-10-08T00:00:00+08:00'],
    ['2021年10月8日', '2021-10-08T00:00:00+08:00'],
    ['２０２１年１０月８日', '2021-10-08T00:00:00+08:00'],
    ['20211008', '2021-10-08T00:00:00+08:00'],
    ['2021-10-08 09:30', '2021-10-08T09:30:00+08:00'],
  ])('given the date cell %p, when parsed, then it is %s in the campaign clock', (cell, expected) => {
    expect(parseEntryDate(cell)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2021-02-30', '日期不存在'],
    ['10/8/2021', '日期格式不正确（应如 2021-10-08 或 2021年10月8日）'],
    [12, '不是有效日期'],
    ['1999-01-01', '年份超出范围'],
  ])('given the bad date cell %p, when parsed, then the problem is "%s"', (cell, message) => {
    expect(parseEntryDate(cell)).toEqual({ ok: false, message });
  });

  it('given counts as clerks type them, when parsed, then thousands separators and full-width digits are read and the rest refused', () => {
    expect(parseCount('１２,３４５')).toEqual({ ok: true, value: 12345 });
    expect(parseCount(7)).toEqual({ ok: true, value: 7 });
    expect(parseCount(7.5)).toMatchObject({ ok: false });
    expect(parseCount('-3')).toMatchObject({ ok: false });
    expect(parseCount('七')).toEqual({ ok: false, message: '应为不小于0的整数' });
  });

  it('given amounts, when parsed, then at most two decimals pass and a trailing 元 is allowed', () => {
    expect(parseMoney(12345.67)).toEqual({ ok: true, value: 12345.67 });
    expect(parseMoney('50,000元')).toEqual({ ok: true, value: 50000 });
    expect(parseMoney(1.234)).toMatchObject({ ok: false });
    expect(parseMoney('一万')).toMatchObject({ ok: false });
  });

  it('given text with full-width forms and ideographic spaces, when read, then it is NFKC-normalised and trimmed', () => {
    expect(cellText('\u3000Ｌ－１\u3000')).toBe('L-1');
    expect(cellText(null)).toBe('');
  });
});

describe('entry event ids', () => {
  it('given a unit, sheet, 编号 and type, when derived twice, then the id is the same UUID v5, and differs when any part differs', () => {
    const id = entryEventId('samr/653100', 'leads', 'L-1', 'lead.reported');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entryEventId('samr/653100', 'leads', 'L-1', 'lead.reported')).toBe(id);
    expect(new Set([
      id,
      entryEventId('samr/650100', 'leads', 'L-1', 'lead.reported'),
      entryEventId('samr/653100', 'leads', 'L-2', 'lead.reported'),
      entryEventId('samr/653100', 'cases', 'L-1', 'case.opened'),
    ]).size).toBe(4);
  });
});
