import { describe, expect, it } from '@jest/globals';
import { hashSeal, signSeal, type BatchSeal } from '../integrity/batch-seal.js';
import { hashEvent } from '../integrity/event-hash.js';
import { leafHash, rootOfLeaves } from '../integrity/merkle.js';
import { AuditLog, newSigner } from './audit-fixtures.js';
import { judgeSealRoot, SealLedger } from './seal-ledger.js';
import { checkSignature } from './signature-check.js';

const signers = { samr: newSigner(), police: newSigner() };
const SEALED_AT = '2021-10-08T01:31:01.000Z';

/** Three samr events at seqs 1–3 (sig stripped: sealed by batch), a police event at 4. */
function log(): { events: { seq: number; streamSubject: string; id: string; hash: string }[]; registry: ReturnType<AuditLog['registry']> } {
  const audit = new AuditLog(signers);
  audit.append('samr/653100', 'lead/L1');
  audit.append('samr/653100', 'lead/L1', 'lead.closed', { outcome: 'no_violation' });
  audit.append('samr/650100', 'lead/L2');
  audit.append('police/653100', 'lead/P1');
  return { events: audit.events.map(({ seq, streamSubject, event }) => ({ seq, streamSubject, id: event.id, hash: event.hash })), registry: audit.registry() };
}

const sealOf = (leaves: { seq: number; hash: string }[], prevSeal: string | null = null, key = signers.samr, signer = 'samr/i1'): BatchSeal =>
  signSeal(leaves, { signer, prevSeal, sealedAt: SEALED_AT }, key);

/**
 * The findings of a pass over the events and seals, in stream order. Every case runs twice: hashing each root in
 * the ledger, and leaving it to the caller (as a verify pass does, for its worker threads) with the events' leaves
 * hashed beforehand; both must find the same.
 */
function run(events: ReturnType<typeof log>['events'], seals: { seq: number; subject?: string; seal: unknown }[], registry: ReturnType<typeof log>['registry']): string[] {
  const inline = runWith(events, seals, registry, false);
  expect(runWith(events, seals, registry, true)).toEqual(inline);
  return inline;
}

function runWith(events: ReturnType<typeof log>['events'], seals: { seq: number; subject?: string; seal: unknown }[], registry: ReturnType<typeof log>['registry'], deferRoots: boolean): string[] {
  const ledger = new SealLedger({ deferRoots });
  const codes: string[] = [];
  const messages = [...events.map((e) => ({ seq: e.seq, event: e })), ...seals.map((s) => ({ seq: s.seq, seal: s }))].sort((a, b) => a.seq - b.seq);
  for (const message of messages) {
    if ('event' in message && message.event) {
      const { streamSubject, id, hash } = message.event;
      ledger.event(message.seq, streamSubject, id, hash, undefined, deferRoots ? leafHash(hash) : undefined);
    } else if ('seal' in message && message.seal) {
      const verdict = ledger.seal(message.seq, message.seal.subject ?? 'hub.seal.samr.i1', message.seal.seal);
      codes.push(...verdict.findings.map((f) => f.code));
      expect(verdict.root !== undefined).toBe(deferRoots && verdict.findings.every((f) => f.code !== 'SEAL_COVERS_UNKNOWN' && f.code !== 'CORRUPT_SEAL'));
      const mismatch = verdict.root && judgeSealRoot(verdict.root, rootOfLeaves(verdict.root.leaves));
      if (mismatch) codes.push(mismatch.code);
      const bad = verdict.signature && checkSignature(verdict.signature, registry);
      if (bad) codes.push(bad.code);
    }
  }
  codes.push(...ledger.finish(Date.now()).findings.map((f) => `${f.code}@${f.seq}`));
  return codes;
}

describe('seal ledger', () => {
  const { events, registry } = log();
  const samr = events.slice(0, 3);
  const police = events.slice(3);
  const policeSeal = { seq: 11, subject: 'hub.seal.police.i1', seal: sealOf(police, null, signers.police, 'police/i1') };

  it('given each event in exactly one seal of its department, chained, when audited, then nothing is found', () => {
    const first = sealOf(samr.slice(0, 2));
    const second = sealOf(samr.slice(2), first.hash);
    expect(run(events, [{ seq: 5, seal: first }, { seq: 6, seal: second }, policeSeal], registry)).toEqual([]);
  });

  it('given an event altered and rehashed after sealing, when audited, then the root no longer matches', () => {
    const altered = samr.map((e, i) => (i === 1 ? { ...e, hash: hashEvent({ id: e.id, type: 'x', source: 'samr/653100', subject: 'lead/L1', time: 't', recordedAt: 'r', version: 2, data: {}, prevHash: null }) } : e));
    expect(run([...altered, ...police], [{ seq: 5, seal: sealOf(samr) }, policeSeal], registry)).toEqual(['SEAL_ROOT_MISMATCH']);
  });

  it('given a sealed event dropped from the log, when audited, then the seal names the missing sequence', () => {
    expect(run([samr[0], samr[2], ...police].filter((e) => e !== undefined), [{ seq: 5, seal: sealOf(samr) }, policeSeal], registry)).toEqual(['SEAL_COVERS_UNKNOWN']);
  });

  it('given two sealed events swapped in the log, when audited, then the root no longer matches', () => {
    const [a, b, c] = samr as [typeof samr[0], typeof samr[0], typeof samr[0]];
    const swapped = [{ ...a, hash: b.hash }, { ...b, hash: a.hash }, c];
    expect(run([...swapped, ...police], [{ seq: 5, seal: sealOf(samr) }, policeSeal], registry)).toEqual(['SEAL_ROOT_MISMATCH']);
  });

  it('given a forged seal (altered after signing) and one signed with another department\'s key, when audited, then each is named', () => {
    const altered = { ...sealOf(samr), root: 'f'.repeat(64) };
    expect(run(events, [{ seq: 5, seal: altered }, policeSeal], registry)).toEqual(['SEAL_HASH_MISMATCH', 'SEAL_ROOT_MISMATCH']);
    const rehashed = { ...altered, hash: hashSeal(altered) };
    expect(run(events, [{ seq: 5, seal: rehashed }, policeSeal], registry)).toEqual(['SEAL_ROOT_MISMATCH', 'SIGNATURE_INVALID']);
    expect(run(events, [{ seq: 5, seal: sealOf(samr, null, signers.police) }, policeSeal], registry)).toEqual(['SIGNED_BY_OTHER_DEPARTMENT']);
  });

  it('given a seal missing from the chain, when audited, then the next seal breaks it and the dropped seal\'s events are unsealed', () => {
    const first = sealOf(samr.slice(0, 2));
    const second = sealOf(samr.slice(2), first.hash);
    expect(run(events, [{ seq: 6, seal: second }, policeSeal], registry)).toEqual(['SEAL_CHAIN_BROKEN', 'UNSEALED@1', 'UNSEALED@2']);
  });

  it("given an event sealed twice and one sealed by another department's chain, when audited, then each is named", () => {
    const first = sealOf(samr);
    const again = sealOf(samr.slice(0, 1), first.hash);
    expect(run(events, [{ seq: 5, seal: first }, { seq: 6, seal: again }, policeSeal], registry)).toEqual(['SEAL_COVERS_UNKNOWN']);
    const foreign = sealOf([...samr, ...police]);
    expect(run(events, [{ seq: 5, seal: foreign }], registry)).toEqual(['SEAL_FOREIGN_EVENT']);
  });

  it('given a message on a seal subject that is no seal, when audited, then it is corrupt and its events stay unsealed', () => {
    expect(run(events, [{ seq: 5, seal: { kind: 'seal' } }, policeSeal], registry)).toEqual(['CORRUPT_SEAL', 'UNSEALED@1', 'UNSEALED@2', 'UNSEALED@3']);
  });
});
