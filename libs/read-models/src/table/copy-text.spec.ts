import { describe, expect, it } from '@jest/globals';
import { arrayLiteral, bool, copyLines, json, num, text, textArray } from './copy-text.js';

describe('COPY text encoding', () => {
  it('writes NULL as \\N and escapes backslash, tab, newline and carriage return', () => {
    expect(text(null)).toBe('\\N');
    expect(text(undefined)).toBe('\\N');
    expect(text('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(text('网店')).toBe('网店');
  });

  it('writes numbers, booleans, JSON and text arrays', () => {
    expect(num(12345.67)).toBe('12345.67');
    expect(num(null)).toBe('\\N');
    expect(bool(true)).toBe('t');
    expect(json({ a: 'x\ny' })).toBe('{"a":"x\\\\ny"}');
    expect(arrayLiteral(['a', 'b"c', 'd\\e'])).toBe('{"a","b\\"c","d\\\\e"}');
    expect(textArray(['x\ty'])).toBe('{"x\\ty"}');
    expect(textArray([])).toBe('{}');
    expect(textArray(null)).toBe('\\N');
  });

  it('refuses a number COPY cannot hold', () => {
    expect(() => num(Number.NaN)).toThrow(RangeError);
  });

  it('ends every row with a newline', () => {
    expect(copyLines([{ a: 1, b: 'x' }, { a: 2, b: null }], (r) => `${num(r.a)}\t${text(r.b)}`)).toBe('1\tx\n2\t\\N\n');
    expect(copyLines([], () => 'never')).toBe('');
  });
});
