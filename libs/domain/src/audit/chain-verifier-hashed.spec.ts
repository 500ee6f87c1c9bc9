import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { ChainVerifier, type FollowedEvent } from './chain-verifier.js';
import type { Finding } from './findings.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A tiny deterministic generator, so a failing case can be run again. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Step {
  seq: number;
  streamSubject: string;
  event: FollowedEvent;
}

/**
 * A log of a few aggregates' chains in which some events are tampered with: a version skipped or repeated, a
 * prevHash that is not the previous hash, a version 1 with a prevHash, a later version with prevHash null.
 */
function tamperedLog(seed: number, length: number): Step[] {
  const random = generator(seed);
  const heads = new Map<string, { version: number; hash: string }>();
  const steps: Step[] = [];
  for (let seq = 1; seq <= length; seq += 1) {
    const streamSubject = `hub.evt.samr.653100.lead.L${Math.floor(random() * 12)}`;
    const head = heads.get(streamSubject);
    let version = (head?.version ?? 0) + 1;
    let prevHash: string | null = head?.hash ?? null;
    const roll = random();
    if (roll < 0.05) version += 1 + Math.floor(random() * 3);
    else if (roll < 0.1) version = Math.max(1, version - 1);
    else if (roll < 0.15) prevHash = sha(`forged ${seq}`);
    else if (roll < 0.18) prevHash = null;
    else if (roll < 0.2 && version === 1) prevHash = sha(`before the first ${seq}`);
    const hash = sha(`${streamSubject} ${seq}`);
    heads.set(streamSubject, { version, hash });
    steps.push({ seq, streamSubject, event: { id: `E${seq}`, version, prevHash, hash } });
  }
  return steps;
}

/** The event's hashes as a verify pass's worker lays them out: hash at 64i, prevHash (unless null) at 64i + 32. */
function hashColumn(steps: readonly Step[]): Uint8Array {
  const column = Buffer.alloc(64 * steps.length);
  steps.forEach((step, i) => {
    column.write(step.event.hash, 64 * i, 32, 'hex');
    if (step.event.prevHash !== null) column.write(step.event.prevHash, 64 * i + 32, 32, 'hex');
  });
  return column;
}

describe('following chains from hashes given as bytes', () => {
  for (const partial of [false, true]) {
    it(`given chains with gaps, repeats and broken links (partial: ${partial}), when followed from bytes, then the findings are word for word those of the hex strings`, () => {
      for (let seed = 1; seed <= 20; seed += 1) {
        const steps = tamperedLog(seed, 400);
        const fromStrings = new ChainVerifier({ partial });
        const fromBytes = new ChainVerifier({ partial });
        const column = hashColumn(steps);
        const expected: Finding[] = [];
        const found: Finding[] = [];
        steps.forEach((step, i) => {
          expected.push(...fromStrings.follow(step.seq, step.streamSubject, step.event));
          found.push(...fromBytes.followHashed(step.seq, step.streamSubject, step.event.id, step.event.version, step.event.prevHash === null, column, 64 * i));
        });
        expect(expected.length).toBeGreaterThan(10);
        expect(found).toEqual(expected);
        expect(fromBytes.stats).toEqual(fromStrings.stats);
      }
    });
  }

  it('given an aggregate whose head is a hash that is not lowercase hex, when its next event names a hex prevHash, then the chain is broken, as with strings', () => {
    const hash = sha('v1');
    const fromStrings = new ChainVerifier();
    const fromBytes = new ChainVerifier();
    const subject = 'hub.evt.samr.653100.lead.L1';
    const first: FollowedEvent = { id: 'E1', version: 1, prevHash: null, hash: hash.toUpperCase() };
    expect(fromStrings.follow(1, subject, first)).toEqual([]);
    expect(fromBytes.follow(1, subject, first)).toEqual([]);
    const next: Step = { seq: 2, streamSubject: subject, event: { id: 'E2', version: 2, prevHash: hash, hash: sha('v2') } };
    const expected = fromStrings.follow(2, subject, next.event);
    expect(expected.map((f) => f.code)).toEqual(['CHAIN_BROKEN']);
    expect(fromBytes.followHashed(2, subject, 'E2', 2, false, hashColumn([next]), 0)).toEqual(expected);
  });
});
