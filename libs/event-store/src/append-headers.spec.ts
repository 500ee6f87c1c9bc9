import { describe, expect, it } from '@jest/globals';
import { headers as natsHeaders, Match, type MsgHdrs, type MsgHdrsImpl } from '@nats-io/transport-node';
import { appendHeaderFactory } from './append-headers.js';

const fresh = appendHeaderFactory(['Hub-Version', 'Hub-Hash']);
// What protocol.publish writes: the header set's encode() (MsgHdrsImpl's; the MsgHdrs interface does not name it).
const text = (headers: MsgHdrs): string => new TextDecoder().decode((headers as MsgHdrsImpl).encode());

/** The same sets on an append's header set and on nats.js's own. */
const both = (sets: [string, string, Match?][]): [string, string] => {
  const ours = fresh();
  const theirs = natsHeaders();
  for (const [k, v, match] of sets) {
    ours.set(k, v, match);
    theirs.set(k, v, match);
  }
  return [text(ours), text(theirs)];
};

describe('append header sets', () => {
  it('given the sets an append makes (the codec\'s, then js.publish\'s), when encoded, then the bytes are nats.js\'s own', () => {
    const [ours, theirs] = both([['Hub-Version', '3'], ['Hub-Hash', 'ab'.repeat(32)], ['Nats-Msg-Id', '0190f0a1-7c2e-7000-8000-000000000001'], ['Nats-Expected-Stream', 'EVENTS'], ['Nats-Expected-Last-Subject-Sequence', '0']]);
    expect(ours).toBe(theirs);
    expect(ours).toContain('\r\nNats-Expected-Last-Subject-Sequence: 0\r\n');
  });

  it('given a name set twice, a value with spaces around it, or another name or match, when encoded, then the outcome is nats.js\'s own', () => {
    const [ours, theirs] = both([['Hub-Version', '1'], ['Hub-Hash', ' h '], ['Hub-Version', '2'], ['x-other', 'a'], ['X-Other', 'b', Match.CanonicalMIME], ['hub-hash', 'i', Match.IgnoreCase]]);
    expect(ours).toBe(theirs);
  });

  it('given a value with a line break, when set, then it is refused as nats.js refuses it', () => {
    expect(() => fresh().set('Hub-Hash', 'a\r\nInjected: 1')).toThrow(/cannot contain/);
  });

  it('given a name nats.js would refuse, when the factory is made, then it throws', () => {
    expect(() => appendHeaderFactory(['Bad:Name'])).toThrow();
  });
});
