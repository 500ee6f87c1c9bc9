import { describe, expect, it } from '@jest/globals';
import { arrayLiteral, copyField, copyRows } from './copy-text.js';

describe('COPY text encoding', () => {
  it('writes NULL as \\N and escapes backslash, tab, newline and carriage return', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('网店')).toBe('网店');
  });

  it('writes numbers, booleans and text arrays', () => {
    expect(copyField(12345.67)).toBe('12345.67');
    expect(copyField(true)).toBe('t');
    expect(arrayLiteral(['a', 'b"c', 'd\\e'])).toBe('{"a","b\\"c","d\\\\e"}');
    expect(copyField(['x\ty'])).toBe('{"x\\ty"}');
    expect(copyField([])).toBe('{}');
  });

  it('refuses a number COPY cannot hold', () => {
    expect(() => copyField(Number.NaN)).toThrow(RangeError);
  });

  it('joins fields with tabs and rows with newlines', () => {
    expect(copyRows([{ a: 1, b: 'x' }, { a: 2, b: null }], (r) => [r.a, r.b])).toBe('1\tx\n2\t\\N\n');
  });
});
