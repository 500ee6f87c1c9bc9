import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { AggregateHeads } from './aggregate-heads.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('aggregate heads', () => {
  it('given 10,000 aggregates (past the first growth), when each moves on, then each keeps its own version and hash', () => {
    const heads = new AggregateHeads();
    for (let i = 0; i < 10_000; i += 1) heads.add(`hub.evt.samr.650100.lead.L${i}`, 1, sha(`v1 ${i}`));
    for (let i = 0; i < 10_000; i += 2) heads.move(heads.slotOf(`hub.evt.samr.650100.lead.L${i}`), 2, sha(`v2 ${i}`));
    expect(heads.size).toBe(10_000);
    for (const i of [0, 1, 4_095, 4_096, 9_999]) {
      const slot = heads.slotOf(`hub.evt.samr.650100.lead.L${i}`);
      const version = i % 2 === 0 ? 2 : 1;
      expect(heads.version(slot)).toBe(version);
      expect(heads.hash(slot)).toBe(sha(`v${version} ${i}`));
      expect(heads.hashIs(slot, sha(`v${version} ${i}`))).toBe(true);
      expect(heads.hashIs(slot, sha(`v${3 - version} ${i}`))).toBe(false);
    }
    expect(heads.slotOf('hub.evt.samr.650100.lead.L10000')).toBe(-1);
  });

  it('given hashes that are not lowercase hex, when compared, then only the very same string matches, as with strings', () => {
    const heads = new AggregateHeads();
    const hash = sha('x');
    heads.add('a', 1, hash);
    expect(heads.hashIs(0, hash.toUpperCase())).toBe(false);
    expect(heads.hashIs(0, `${hash}0`)).toBe(false);
    expect(heads.hashIs(0, null)).toBe(false);
    heads.move(0, 2, 'not-a-hash');
    expect(heads.hash(0)).toBe('not-a-hash');
    expect(heads.hashIs(0, 'not-a-hash')).toBe(true);
    expect(heads.hashIs(0, hash)).toBe(false);
    heads.move(0, 3, hash.toUpperCase());
    expect(heads.hashIs(0, hash.toUpperCase())).toBe(true);
    expect(heads.hashIs(0, hash)).toBe(false);
    heads.move(0, 4, hash);
    expect(heads.hashIs(0, hash)).toBe(true);
    expect(heads.hash(0)).toBe(hash);
  });

  it('given heads kept from bytes, when compared and read, then they answer as heads kept from the same hashes in hex', () => {
    const heads = new AggregateHeads();
    const bytes = (hex: string): Buffer => Buffer.concat([Buffer.alloc(7), Buffer.from(hex, 'hex')]);
    for (let i = 0; i < 5_000; i += 1) heads.addBytes(`L${i}`, 1, bytes(sha(`v1 ${i}`)), 7);
    for (let i = 0; i < 5_000; i += 3) heads.moveBytes(heads.slotOf(`L${i}`), 2, bytes(sha(`v2 ${i}`)), 7);
    for (const i of [0, 1, 3, 4_095, 4_096, 4_999]) {
      const slot = heads.slotOf(`L${i}`);
      const version = i % 3 === 0 ? 2 : 1;
      expect(heads.version(slot)).toBe(version);
      expect(heads.hash(slot)).toBe(sha(`v${version} ${i}`));
      expect(heads.hashIs(slot, sha(`v${version} ${i}`))).toBe(true);
      expect(heads.hashBytesAre(slot, bytes(sha(`v${version} ${i}`)), 7)).toBe(true);
      expect(heads.hashBytesAre(slot, bytes(sha(`v${3 - version} ${i}`)), 7)).toBe(false);
    }
  });

  it('given a head that is not lowercase hex, when compared with bytes, then it never matches, and moving on from bytes replaces it', () => {
    const heads = new AggregateHeads();
    const hash = sha('x');
    heads.add('a', 1, hash.toUpperCase());
    expect(heads.hashBytesAre(0, Buffer.from(hash, 'hex'), 0)).toBe(false);
    heads.moveBytes(0, 2, Buffer.from(hash, 'hex'), 0);
    expect(heads.hash(0)).toBe(hash);
    expect(heads.hashBytesAre(0, Buffer.from(hash, 'hex'), 0)).toBe(true);
    expect(heads.hashIs(0, hash)).toBe(true);
  });
});
