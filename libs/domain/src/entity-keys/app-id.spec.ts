import { describe, expect, it } from '@jest/globals';
import { normaliseAppId } from './app-id.js';

describe('normaliseAppId', () => {
  describe('given an Android package id', () => {
    it.each([
      ['com.example.app', 'com.example.app'],
      ['  com.taobao.taobao ', 'com.taobao.taobao'],
      ['com.Example.App', 'com.example.app'],
      ['com.ss.android.ugc.aweme', 'com.ss.android.ugc.aweme'],
      ['cn.gov.app_2', 'cn.gov.app_2'],
    ])('when %s is normalised, then the canonical form is %s', (input, canonical) => {
      expect(normaliseAppId(input)).toEqual({ ok: true, value: { canonical } });
    });
  });

  describe('given something that is not a package id', () => {
    it.each([
      ['empty', ''],
      ['a single segment', 'taobao'],
      ['a segment starting with a digit', 'com.1example.app'],
      ['an empty segment', 'com..app'],
      ['a trailing dot', 'com.example.'],
      ['a hyphen', 'com.my-shop.app'],
      ['whitespace inside', 'com.example app'],
      ['a non-ASCII segment', 'com.例子.app'],
      ['over 255 characters', `com.${'a'.repeat(252)}`],
    ])('when it is %s, then it is a format error', (_label, input) => {
      expect(normaliseAppId(input).ok).toBe(false);
    });
  });
});
