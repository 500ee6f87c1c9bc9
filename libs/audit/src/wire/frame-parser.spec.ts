import { describe, expect, it } from '@jest/globals';
import { FrameParser, headerValue, statusOf } from './frame-parser.js';

interface Seen {
  kind: 'message' | 'control';
  subject?: string;
  sid?: number;
  reply?: string;
  headers?: string;
  payload?: string;
  line?: string;
}

/** Feeds `wire` to a parser in chunks cut at `cuts` and returns what it saw (copies: the views die with the call). */
function parse(wire: Buffer, cuts: number[] = []): Seen[] {
  const seen: Seen[] = [];
  const parser = new FrameParser({
    message: (m) => seen.push({ kind: 'message', subject: m.subject, sid: m.sid, reply: m.reply, ...(m.headers ? { headers: Buffer.from(m.headers).toString() } : {}), payload: Buffer.from(m.payload).toString() }),
    control: (line) => seen.push({ kind: 'control', line }),
  });
  let from = 0;
  for (const cut of [...cuts, wire.length]) {
    parser.feed(wire.subarray(from, cut));
    from = cut;
  }
  return seen;
}

const headerBlock = 'NATS/1.0\r\nHub-Sealer: samr/a\r\n\r\n';
const body = '{"id":"e1","note":"line\\r\\nbreak 假冒"}';
const wire = Buffer.from(
  'INFO {"server_id":"x"}\r\n' +
    'PING\r\n' +
    `MSG hub.evt.samr.653100.lead.x 2 $JS.ACK.S.c.1.5.5.1700000000123456789.0 ${Buffer.byteLength(body)}\r\n${body}\r\n` +
    `HMSG hub.evt.samr.653100.lead.y 3 ${Buffer.byteLength(headerBlock)} ${Buffer.byteLength(headerBlock) + 2}\r\n${headerBlock}{}\r\n` +
    '+OK\r\n',
);
const expected: Seen[] = [
  { kind: 'control', line: 'INFO {"server_id":"x"}' },
  { kind: 'control', line: 'PING' },
  { kind: 'message', subject: 'hub.evt.samr.653100.lead.x', sid: 2, reply: '$JS.ACK.S.c.1.5.5.1700000000123456789.0', payload: body },
  { kind: 'message', subject: 'hub.evt.samr.653100.lead.y', sid: 3, reply: '', headers: headerBlock, payload: '{}' },
  { kind: 'control', line: '+OK' },
];

describe('the NATS frame parser', () => {
  it('given control lines, a MSG with a reply and a payload holding CRLF, and an HMSG without a reply, when fed whole, then each frame comes out as sent', () => {
    expect(parse(wire)).toEqual(expected);
  });

  it('given the same bytes cut at every single position, when fed in two chunks, then the frames are the same', () => {
    for (let cut = 1; cut < wire.length; cut += 1) expect(parse(wire, [cut])).toEqual(expected);
  });

  it('given the bytes fed one at a time, then the frames are the same', () => {
    expect(parse(wire, Array.from({ length: wire.length - 1 }, (_, i) => i + 1))).toEqual(expected);
  });

  it('given a MSG line whose size is not a number, then it throws naming the line', () => {
    expect(() => parse(Buffer.from('MSG a 1 many\r\nxx\r\n'))).toThrow('malformed NATS frame: MSG a 1 many');
  });
});

describe('header blocks', () => {
  it('given a status block, then its code and description are read; a plain block has none', () => {
    expect(statusOf(Buffer.from('NATS/1.0 408 Request Timeout\r\nNats-Pending-Messages: 12\r\n\r\n'))).toEqual({ code: 408, description: 'Request Timeout' });
    expect(statusOf(Buffer.from(headerBlock))).toEqual({ code: 0, description: '' });
    expect(statusOf(undefined)).toEqual({ code: 0, description: '' });
  });

  it('given a header asked for in another case, then its value is found; one absent is undefined', () => {
    const block = Buffer.from('NATS/1.0\r\nHub-Reconciled-From: 42\r\nNats-Msg-Id: e1\r\n\r\n');
    expect(headerValue(block, 'hub-reconciled-from')).toBe('42');
    expect(headerValue(block, 'Nats-Pending-Messages')).toBeUndefined();
    expect(headerValue(undefined, 'Nats-Msg-Id')).toBeUndefined();
  });
});
