import { describe, expect, it } from '@jest/globals';
import { readAck } from './publish-ack.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readAck: a JetStream publish answer', () => {
  it.each([
    '{"stream":"HUB_EVENTS","seq":1}',
    '{"stream":"HUB_EVENTS","seq":0}',
    '{"stream":"HUB_EVENTS","seq":123456789012345}',
    '{"stream":"HUB_EVENTS","seq":42,"duplicate":true}',
    '{"stream":"","seq":7}',
    '{"stream":"HUB_EVENTS","seq":1234567890123456}',
    '{"stream":"HUB_EVENTS","seq":42,"duplicate":false}',
    '{"stream":"HUB_EVENTS","domain":"hub","seq":42}',
    '{"stream":"HUB_EVENTS","seq":1.5}',
    '{"stream":"HUB_EVENTS","seq":1e3}',
    '{"stream":"HUB\\u005fEVENTS","seq":9}',
    '{"stream":"流","seq":9}',
    '{"error":{"code":400,"err_code":10071,"description":"wrong last sequence: 3"},"stream":"HUB_EVENTS","seq":0}',
    '{ "stream":"HUB_EVENTS","seq":1}',
  ])('given %s, when read, then it is what JSON.parse reads', (text) => {
    expect(readAck(bytes(text))).toStrictEqual(JSON.parse(text));
  });

  it.each(['', '{"stream":"HUB_EVENTS","seq":}', '{"stream":"HUB_EVENTS","seq":01}', '{"stream":"HUB_EVENTS","seq":1', '{"stream":"HUB_EVENTS","seq":1}x'])(
    'given %j, when read, then it throws as JSON.parse throws',
    (text) => {
      expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
      expect(() => readAck(bytes(text))).toThrow(SyntaxError);
    },
  );
});
