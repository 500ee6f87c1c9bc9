import { describe, expect, it } from '@jest/globals';
import { arrayLiteral, bool, copyLines, CopyWriter, json, num, text, textArray } from './copy-text.js';

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
    expect(copyLines([{ a: 1, b: 'x' }, { a: 2, b: null }], (r) => `${num(r.a)}\t${text(r.b)}`).toString()).toBe('1\tx\n2\t\\N\n');
    expect(copyLines([], () => 'never')).toHaveLength(0);
  });

  it('given JSON with backslashes and control characters, when encoded, then it reads as text() of the document', () => {
    for (const value of [{ a: 'x\\y\tz\n"q"' }, ['\\', '\r\n'], { 网: '店\\' }, 'plain', 7, null]) expect(json(value)).toBe(text(JSON.stringify(value)));
    expect(json(undefined)).toBe('\\N');
  });

  it('given lines longer than its buffer, when written, then the writer grows and the bytes are the lines in UTF-8', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i}\t网店${'x'.repeat(i * 7)}\t😀`);

    const writer = new CopyWriter(1).lines(rows.slice(0, 150), (r) => r).lines(rows.slice(150), (r) => r);

    expect(writer.bytes.equals(Buffer.from(`${rows.join('\n')}\n`, 'utf8'))).toBe(true);
  });
});
