import { describe, expect, it } from '@jest/globals';
import { normalisePhone } from './phone.js';

describe('normalisePhone', () => {
  describe('given a mainland mobile number', () => {
    it.each([
      ['13812345678'],
      ['138 1234 5678'],
      ['138-1234-5678'],
      ['(138)12345678'],
      ['+8613812345678'],
      ['+86 138 1234 5678'],
      ['008613812345678'],
      ['0086-138-1234-5678'],
      ['8613812345678'],
      ['＋８６ １３８ １２３４ ５６７８'],
    ])('when %s is normalised, then the canonical form is the 11 digits', (input) => {
      expect(normalisePhone(input)).toEqual({ ok: true, value: { canonical: '13812345678', type: 'mobile' } });
    });

    it.each([['19912345678'], ['16612345678']])('when %s has a newer prefix, then it is accepted', (input) => {
      expect(normalisePhone(input)).toEqual({ ok: true, value: { canonical: input, type: 'mobile' } });
    });
  });

  describe('given a landline number', () => {
    it.each([
      ['0991-1234567', '0991-1234567'],
      ['09911234567', '0991-1234567'],
      ['(0991) 1234567', '0991-1234567'],
      ['0991-12345678', '0991-12345678'],
      ['010-12345678', '010-12345678'],
      ['01012345678', '010-12345678'],
      ['021 6123 4567', '021-61234567'],
      ['+86 10 12345678', '010-12345678'],
      ['+86 (0)991 1234567', '0991-1234567'],
      ['0086 991 12345678', '0991-12345678'],
    ])('when %s is normalised, then the canonical form is %s', (input, canonical) => {
      expect(normalisePhone(input)).toEqual({ ok: true, value: { canonical, type: 'landline' } });
    });
  });

  describe('given something that is not a mainland number', () => {
    it.each([
      ['empty', ''],
      ['too short a mobile', '1381234567'],
      ['too long a mobile', '138123456789'],
      ['a mobile with an invalid second digit', '12812345678'],
      ['86 followed by fewer than 11 digits', '861381234567'],
      ['a 3-digit area code with a 7-digit number', '010-1234567'],
      ['a local number starting with 0', '0991-0234567'],
      ['a landline without area code', '12345678'],
      ['letters', '138abcd5678'],
      ['a foreign number', '+1 415 555 0100'],
      ['an extension', '0991-1234567 ext 12'],
    ])('when it is %s, then it is a format error', (_label, input) => {
      expect(normalisePhone(input).ok).toBe(false);
    });
  });
});
