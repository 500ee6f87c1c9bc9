import { describe, expect, it } from '@jest/globals';
import { normaliseWaybill } from './waybill.js';

describe('normaliseWaybill', () => {
  describe('given a carrier and number', () => {
    it.each([
      ['SF:SF1234567890123', 'SF:SF1234567890123'],
      ['sf:sf1234567890123', 'SF:SF1234567890123'],
      [' SF : SF 1234 5678 9012 3 ', 'SF:SF1234567890123'],
      ['shunfeng:SF1234567890123', 'SF:SF1234567890123'],
      ['顺丰：SF1234567890123', 'SF:SF1234567890123'],
      ['yunda:4312345678901', 'YD:4312345678901'],
      ['YUNDA:4312345678901', 'YD:4312345678901'],
      ['zto:75312345678901', 'ZTO:75312345678901'],
      ['STO:773123456789', 'STO:773123456789'],
      ['YTO:YT1234567890123', 'YTO:YT1234567890123'],
      ['ems:1234567890123', 'EMS:1234567890123'],
      ['jdl:JDVA12345678901', 'JD:JDVA12345678901'],
      ['JD:JD0012345678901-1-1', 'JD:JD001234567890111'],
    ])('when %s is normalised, then the canonical form is %s', (input, canonical) => {
      const result = normaliseWaybill(input);
      expect(result.ok && result.value.canonical).toBe(canonical);
    });
  });

  describe('given a malformed waybill', () => {
    it.each([
      ['no carrier', 'SF1234567890123', /<carrier>:<number>/],
      ['an unknown carrier', 'DHL:1234567890', /carrier "DHL" is not one of/],
      ['an empty number', 'SF:', /8-20 letters or digits/],
      ['a number that is too short', 'SF:1234567', /8-20/],
      ['a number that is too long', 'SF:123456789012345678901', /8-20/],
      ['punctuation in the number', 'SF:SF123456789/0123', /8-20/],
      ['an unknown Chinese carrier, escaped in the message', '德邦:1234567890', /\\u5fb7\\u90a6/],
    ])('when it has %s, then it is a format error', (_label, input, message) => {
      const result = normaliseWaybill(input);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error).toMatch(message);
    });
  });
});
