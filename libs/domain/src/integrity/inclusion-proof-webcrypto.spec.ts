import { describe, expect, it } from '@jest/globals';
import { newSigner, sealedBatch } from '../audit/audit-fixtures.js';
import type { KeyRegistry } from '../audit/key-window.js';
import { hashSeal } from './batch-seal.js';
import { hashEvent } from './event-hash.js';
import { checkInclusionProof, type InclusionProof } from './inclusion-proof.js';
import { checkInclusionProofWebCrypto, rootFromInclusionPathWebCrypto } from './inclusion-proof-webcrypto.js';
import { inclusionPath, merkleRoot, rootFromInclusionPath } from './merkle.js';

const registryOf = (publicKey: string): KeyRegistry => ({ keys: [{ department: 'samr', publicKey, validFrom: '2021-01-01T00:00:00Z', validTo: null }] });

describe('the web UI\'s inclusion-proof check (WebCrypto) against the hub\'s own (node:crypto)', () => {
  it('given trees of 1 to 17 leaves, when every leaf\'s path is walked, then both give the tree\'s root; a path that does not fit gives none in both', async () => {
    for (let size = 1; size <= 17; size += 1) {
      const hashes = Array.from({ length: size }, (_, i) => hashEvent({ id: `id-${i}`, type: 't', source: 'samr/653100', subject: `lead/L-${i}`, time: 't', recordedAt: 'r', version: 1, data: {}, prevHash: null }));
      for (let index = 0; index < size; index += 1) {
        const path = inclusionPath(hashes, index);
        await expect(rootFromInclusionPathWebCrypto(hashes[index] as string, index, size, path)).resolves.toBe(merkleRoot(hashes));
        const wrongIndex = (index + 1) % size;
        if (size > 1) await expect(rootFromInclusionPathWebCrypto(hashes[index] as string, wrongIndex, size, path)).resolves.toBe(rootFromInclusionPath(hashes[index] as string, wrongIndex, size, path));
      }
      await expect(rootFromInclusionPathWebCrypto(hashes[0] as string, size, size, [])).resolves.toBeUndefined();
      await expect(rootFromInclusionPathWebCrypto(hashes[0] as string, 0, size, [...inclusionPath(hashes, 0), hashes[0] as string])).resolves.toBeUndefined();
    }
  });

  it('given proofs of a sealed batch, when checked with the registry, then each is proven and the recomputed root is the seal\'s', async () => {
    const { proofs, publicKey } = sealedBatch(5);
    for (const proof of proofs) {
      const verdict = await checkInclusionProofWebCrypto(proof, registryOf(publicKey));
      expect(verdict).toMatchObject({ eventIntact: true, recomputedRoot: proof.seal.root, inSealedTree: true, sealListsEvent: true, sealIntact: true, signatureValid: true, proven: true });
      expect(checkInclusionProof(proof, publicKey)).toEqual([]);
    }
  });

  it('given an altered event, a wrong leaf index, a re-hashed forged seal, a seal not listing the event or another key, when checked, then both checks refuse it, each naming the same fault', async () => {
    const { proofs, publicKey } = sealedBatch(5);
    const proof = proofs[2] as InclusionProof;
    const forged = { ...proof.seal, root: proof.seal.root.replace(/^./, (c) => (c === 'f' ? 'e' : 'f')) };
    const cases: [InclusionProof, string, Partial<Record<string, boolean>>][] = [
      [{ ...proof, event: { ...proof.event, data: { summary: '假冒运动衣' } } }, publicKey, { eventIntact: false }],
      [{ ...proof, event: { ...proof.event, actor: 'account:A-1' } }, publicKey, { eventIntact: false }],
      [{ ...proof, leafIndex: 3 }, publicKey, { inSealedTree: false }],
      [{ ...proof, seal: { ...forged, hash: hashSeal(forged) } }, publicKey, { inSealedTree: false, sealIntact: true, signatureValid: false }],
      [{ ...proof, seal: { ...proof.seal, root: forged.root } }, publicKey, { inSealedTree: false, sealIntact: false }],
      [{ ...proof, seq: 11 }, publicKey, { sealListsEvent: false }],
      [proof, newSigner().publicKey, { signatureValid: false }],
    ];
    for (const [tampered, key, expected] of cases) {
      const verdict = await checkInclusionProofWebCrypto(tampered, registryOf(key));
      expect(verdict).toMatchObject({ ...expected, proven: false });
      expect(checkInclusionProof(tampered, key)).not.toEqual([]);
    }
  });

  it('given a rotated key, when a seal made before the rotation is checked, then the old key is picked and verifies it; with no key of the department then, it is not proven', async () => {
    const old = newSigner();
    const { proofs } = sealedBatch(3, old);
    const proof = proofs[1] as InclusionProof;
    const rotated: KeyRegistry = {
      keys: [
        { department: 'samr', publicKey: old.publicKey, validFrom: '2021-01-01T00:00:00Z', validTo: '2021-11-01T00:00:00Z' },
        { department: 'samr', publicKey: newSigner().publicKey, validFrom: '2021-11-01T00:00:00Z', validTo: null },
      ],
    };
    const verdict = await checkInclusionProofWebCrypto(proof, rotated);
    expect(verdict.key?.publicKey).toBe(old.publicKey);
    expect(verdict.proven).toBe(true);
    const none = await checkInclusionProofWebCrypto(proof, { keys: [{ department: 'police', publicKey: old.publicKey, validFrom: '2021-01-01T00:00:00Z', validTo: null }] });
    expect(none).toMatchObject({ key: null, signatureValid: false, proven: false });
  });
});
