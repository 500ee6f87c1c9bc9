import { describe, expect, it } from '@jest/globals';
import { newSigner } from '../audit/audit-fixtures.js';
import { hashEvent } from '../integrity/event-hash.js';
import { checkSeal, sealEvent } from '../integrity/seal.js';
import { decideAppend, type AppendCommand } from './decide-append.js';

const command: AppendCommand = { id: '0190f0a1-7c2e-7000-8000-0000000000a1', type: 'lead.reported', subject: 'lead/L-1', time: '2021-10-08T09:30:00+08:00', data: { summary: '网店' } };
const context = { source: 'samr/653100', recordedAt: '2021-10-08T01:31:00.000Z' };

const appended = (actor?: string) => {
  const decision = decideAppend(undefined, command, { ...context, ...(actor === undefined ? {} : { actor }) });
  if (decision.kind !== 'append') throw new Error('expected an append');
  return decision.event;
};

describe('attribution (issue 13 §4): the actor inside the signed envelope', () => {
  it('given who acted, when an event is appended, then the envelope names the actor; without one it has no actor field at all', () => {
    expect(appended('account:A-1').actor).toBe('account:A-1');
    expect('actor' in appended()).toBe(false);
  });

  it('given an event without an actor, when hashed, then the hash is the pre-attribution one (older events still verify)', () => {
    const { actor: _none, ...legacy } = appended();
    expect(hashEvent(appended())).toBe(hashEvent(legacy));
  });

  it('given a signed event with an actor, when the actor is changed or removed, then the hash no longer matches', () => {
    const signer = newSigner();
    const sealed = sealEvent(appended('account:A-1'), signer);
    expect(checkSeal(sealed, signer.publicKey).hashValid).toBe(true);
    expect(checkSeal({ ...sealed, actor: 'account:A-2' }, signer.publicKey).hashValid).toBe(false);
    const { actor: _removed, ...stripped } = sealed;
    expect(checkSeal(stripped, signer.publicKey).hashValid).toBe(false);
  });
});
