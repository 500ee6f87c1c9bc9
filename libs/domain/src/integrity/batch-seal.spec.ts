import { describe, expect, it } from '@jest/globals';
import { newSigner } from '../audit/audit-fixtures.js';
import { hashSeal, sealProblems, sealSignatureValid, seqRanges, seqsOf, signSeal, stillUnsealed } from './batch-seal.js';
import { merkleRoot } from './merkle.js';

const leaves = [
  { seq: 9, hash: 'c'.repeat(64) },
  { seq: 3, hash: 'a'.repeat(64) },
  { seq: 4, hash: 'b'.repeat(64) },
];

describe('batch seals', () => {
  const key = newSigner();
  const seal = signSeal(leaves, { signer: 'samr/i1', prevSeal: null, sealedAt: '2021-10-08T01:31:00.000Z' }, key);

  it('given stored events in any order, when sealed, then the seal lists their ranges and the root over their hashes in stream order', () => {
    expect(seal).toMatchObject({ kind: 'seal', signer: 'samr/i1', batch: [[3, 4], [9, 9]], count: 3, prevSeal: null, root: merkleRoot(['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]) });
    expect(seal.hash).toBe(hashSeal(seal));
    expect(sealProblems(seal)).toEqual([]);
  });

  it("given the signer's key, another key, or an altered seal, when checked, then only the first holds", () => {
    expect(sealSignatureValid(seal, key.publicKey)).toBe(true);
    expect(sealSignatureValid(seal, newSigner().publicKey)).toBe(false);
    expect(sealSignatureValid({ ...seal, count: 2 }, key.publicKey)).toBe(false);
  });

  it('given malformed seals, when read, then each problem is named', () => {
    expect(sealProblems({ ...seal, batch: [[4, 3]] })).toContain('batch is not a list of ascending [from, to] sequence ranges');
    expect(sealProblems({ ...seal, batch: [[5, 6], [1, 2]] })).toContain('batch is not a list of ascending [from, to] sequence ranges');
    expect(sealProblems({ ...seal, count: 5 })).toContain('count differs from the sequences in batch');
    expect(sealProblems({ ...seal, kind: 'event', sig: 7 })).toEqual(['kind is not "seal"', 'sig is not a string']);
    expect(sealProblems('x')).toEqual(['not a JSON object']);
  });

  it('given sequences, when turned into ranges and back, then nothing is lost', () => {
    expect(seqRanges([1, 2, 3, 7, 9, 10])).toEqual([[1, 3], [7, 7], [9, 10]]);
    expect(seqsOf([[1, 3], [7, 7], [9, 10]])).toEqual([1, 2, 3, 7, 9, 10]);
  });

  it('given a stored seal whose ack was lost, when the retry checks its leaves, then only those no stored seal covers are left', () => {
    const more = [...leaves, { seq: 10, hash: 'd'.repeat(64) }, { seq: 5, hash: 'e'.repeat(64) }];
    expect(stillUnsealed(more, [seal])).toEqual([{ seq: 10, hash: 'd'.repeat(64) }, { seq: 5, hash: 'e'.repeat(64) }]);
    expect(stillUnsealed(leaves, [seal])).toEqual([]);
    expect(stillUnsealed(leaves, [])).toEqual(leaves);
    expect(stillUnsealed(more, [{ batch: [[1, 3]] }, { batch: [[9, 10]] }])).toEqual([{ seq: 4, hash: 'b'.repeat(64) }, { seq: 5, hash: 'e'.repeat(64) }]);
  });
});
