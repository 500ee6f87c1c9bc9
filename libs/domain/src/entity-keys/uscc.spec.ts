import { describe, expect, it } from '@jest/globals';
import { normaliseUscc, usccCheckChar } from './uscc.js';

describe('normaliseUscc', () => {
  describe('given a valid unified social credit code', () => {
    it.each([
      ['91110000600037341L', '110000'],
      ['91310110666007217T', '310110'],
    ])('when %s is normalised, then it is accepted with a valid checksum and area code %s', (code, areaCode) => {
      expect(normaliseUscc(code)).toEqual({ ok: true, value: { canonical: code, checksumValid: true, areaCode } });
    });

    it.each([
      ['lowercase', '91110000600037341l'],
      ['surrounding whitespace', '  91110000600037341L\n'],
      ['inner spaces and hyphens', '9111 0000-6000 3734 1L'],
      ['full-width characters', '９１１１００００６０００３７３４１Ｌ'],
      ['a zero-width space', '911100006000\u200B37341L'],
    ])('when written with %s, then it maps to the same canonical code', (_label, input) => {
      const result = normaliseUscc(input);
      expect(result).toEqual({
        ok: true,
        value: { canonical: '91110000600037341L', checksumValid: true, areaCode: '110000' },
      });
    });
  });

  describe('given a code whose check character is wrong', () => {
    it('when normalised, then it is still accepted but marked checksum-invalid', () => {
      expect(normaliseUscc('91110000600037341M')).toEqual({
        ok: true,
        value: { canonical: '91110000600037341M', checksumValid: false, areaCode: '110000' },
      });
    });
  });

  describe('given a malformed code', () => {
    it.each([
      ['too short', '91110000600037341', /18 characters, got 17/],
      ['too long', '91110000600037341LL', /18 characters, got 19/],
      ['empty', '   ', /18 characters, got 0/],
      ['a 15-digit legacy registration number', '110000000000001', /18 characters/],
      ['a forbidden letter I', '9111000060003734IL', /outside/],
      ['a forbidden letter O', '91110000600O37341L', /outside/],
      ['letters in the region code', '91A10000600037341L', /region code/],
      ['a non-ASCII character', '9111000060003734中L', /outside/],
    ])('when it is %s, then it is a format error', (_label, input, message) => {
      const result = normaliseUscc(input);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error).toMatch(message);
    });
  });
});

describe('usccCheckChar', () => {
  it('given the first 17 characters of a known code, when computed, then it returns its 18th character', () => {
    expect(usccCheckChar('91110000600037341')).toBe('L');
    expect(usccCheckChar('91310110666007217')).toBe('T');
  });
});
