import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { newSigner, sealedBatch } from '../audit/audit-fixtures.js';
import { hashEvent } from './event-hash.js';
import type { InclusionProof } from './inclusion-proof.js';
import { hashSeal, rootFromInclusionPath, verifySignature } from '../index.js';

const README = new URL('../../../../README.md', import.meta.url);
const THIS_FILE = new URL(import.meta.url);

/** The lines between the markers of a text, trimmed of the code fence. */
function snippet(text: string, begin: string, end: string): string {
  const from = text.indexOf(begin);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`markers ${begin} … ${end} not found`);
  return text
    .slice(from + begin.length, to)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('```') && !line.startsWith('import '))
    .join('\n');
}

// proof-check:begin
function checkAsTheReadmeDoes(proof: InclusionProof, publicKey: string): boolean {
  const { event, leafIndex, treeSize, path, seal } = proof; // the JSON answer of /api/v1/audit/proof
  const eventIntact = hashEvent(event) === event.hash;
  const inSealedTree = rootFromInclusionPath(event.hash, leafIndex, treeSize, path) === seal.root && treeSize === seal.count;
  const sealSigned = hashSeal(seal) === seal.hash && verifySignature(publicKey, seal.hash, seal.sig);
  const proven = eventIntact && inSealedTree && sealSigned; // the department signed exactly this event
  return proven;
}
// proof-check:end

describe('the README\'s offline check of an inclusion proof', () => {
  it('given the README, when its proof-check lines are compared with the ones this spec runs, then they are the same', () => {
    const readme = snippet(readFileSync(README, 'utf8'), '<!-- proof-check:begin -->', '<!-- proof-check:end -->');
    const ran = snippet(readFileSync(THIS_FILE, 'utf8'), '// proof-check:' + 'begin', '// proof-check:' + 'end')
      .split('\n')
      .filter((line) => !line.startsWith('function ') && line !== '}' && !line.startsWith('return '))
      .join('\n');
    expect(ran).toBe(readme);
  });

  it('given proofs for every event of a sealed batch, when checked with the department key, then each holds', () => {
    for (const size of [1, 2, 5, 8]) {
      const { proofs, publicKey } = sealedBatch(size);
      for (const proof of proofs) expect(checkAsTheReadmeDoes(proof, publicKey)).toBe(true);
    }
  });

  it('given an altered event, a wrong leaf index, a forged seal or another department key, when checked, then it fails', () => {
    const { proofs, publicKey } = sealedBatch(5);
    const proof = proofs[2] as InclusionProof;
    const altered = { ...proof, event: { ...proof.event, data: { summary: '假冒运动衣' } } };
    expect(checkAsTheReadmeDoes(altered, publicKey)).toBe(false);
    expect(checkAsTheReadmeDoes({ ...proof, leafIndex: 3 }, publicKey)).toBe(false);
    const forgedSeal = { ...proof.seal, root: (proofs[0] as InclusionProof).seal.root.replace(/^./, 'f') };
    expect(checkAsTheReadmeDoes({ ...proof, seal: { ...forgedSeal, hash: hashSeal(forgedSeal) } }, publicKey)).toBe(false);
    expect(checkAsTheReadmeDoes(proof, newSigner().publicKey)).toBe(false);
  });
});
