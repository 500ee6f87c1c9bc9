import { describe, expect, it } from '@jest/globals';
import { copyLines, json, num, text, textArray } from './copy-text.js';
import { copyTextValues, inlineParameters, literal, SqlScript } from './sql-script.js';

describe('SqlScript', () => {
  it('given parameters of every kind, then each is written in as a literal of its kind', () => {
    expect(literal(null)).toBe('NULL');
    expect(literal(42)).toBe('42');
    expect(literal(-1.5)).toBe('(-1.5)');
    expect(literal(-3n)).toBe('(-3)');
    expect(literal(true)).toBe('true');
    expect(literal("it's")).toBe("'it''s'");
    expect(literal('a\\b')).toBe("E'a\\\\b'");
    expect(literal(['a', 'say "x"', "o'k"])).toBe(`E'{"a","say \\\\"x\\\\"","o''k"}'`);
    expect(literal([1, 2])).toBe(`'{"1","2"}'`);
  });

  it('given a value with no literal, then it is refused naming what it is', () => {
    expect(() => literal(Number.NaN)).toThrow('no SQL literal for NaN');
    expect(() => literal({ a: 1 })).toThrow('no SQL literal for a object parameter');
    expect(() => literal(['a', null])).toThrow('no SQL literal for an array holding null');
  });

  it('given $10 and $1, then each takes its own parameter', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(inlineParameters('SELECT $1, $10, $2::bigint', values)).toBe('SELECT 1, 10, 2::bigint');
    expect(() => inlineParameters('SELECT $2', [1])).toThrow('statement refers to $2 but has 1 parameter(s)');
    // Right after a minus, a bare negative number would start a comment (`--`) and swallow the rest of the line.
    expect(inlineParameters('SELECT a-$1, b FROM t', [-5])).toBe('SELECT a-(-5), b FROM t');
  });

  it('given COPY text, then each row becomes a VALUES row of escape strings, \\N a NULL', () => {
    const copy = copyLines([{ a: "tab\there, it's", b: null, c: 7 }, { a: 'back\\slash\nline', b: ['x"y'], c: 8 }], (r) => `${text(r.a)}\t${textArray(r.b)}\t${num(r.c)}`);
    expect(copyTextValues(copy.toString())).toBe(`(E'tab\\there, it''s',NULL,E'7'),(E'back\\\\slash\\nline',E'{"x\\\\"y"}',E'8')`);
  });

  it('given repositories writing through its sql, then the statements come out in order with COPY as INSERT and query results empty', async () => {
    const script = new SqlScript().add('BEGIN');
    expect(await script.sql.query('UPDATE t SET a = $1 WHERE b = $2', ['x', 1])).toEqual([]);
    await script.sql.copyFrom('t (a, b)', `${json({ k: 'v' })}\t1\n`);
    await script.sql.copyFrom('t (a, b)', '');
    expect(script.add('COMMIT').text()).toBe(`BEGIN;\nUPDATE t SET a = 'x' WHERE b = 1;\nINSERT INTO t (a, b) VALUES (E'{"k":"v"}',E'1');\nCOMMIT`);
  });
});
