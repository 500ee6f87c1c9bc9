import { describe, expect, it } from '@jest/globals';
import { HubError } from '../errors.js';
import { AuditLog, newSigner, type LoggedEvent } from './audit-fixtures.js';
import { compareCopies, type ArchivedCopy, type PassBounds, type StreamCopy } from './archive-compare.js';
import { ChainVerifier } from './chain-verifier.js';
import type { Finding } from './findings.js';
import { InvalidKeyRegistryError, keyValidAt, parseKeyRegistry, rotateKey, type KeyRegistry } from './key-registry.js';
import { planReplay, replayIncludes } from './replay-filter.js';
import { checkSignature } from './signature-check.js';

/** Runs the whole verification (chain, hash, signatures) over a log as the streaming pass does. */
function verify(events: readonly LoggedEvent[], registry: KeyRegistry, bodies?: Map<number, unknown>): Finding[] {
  const verifier = new ChainVerifier();
  const findings: Finding[] = [];
  for (const logged of events) {
    const body: unknown = bodies?.get(logged.seq) ?? JSON.parse(JSON.stringify(logged.event));
    const check = verifier.check(logged.seq, logged.streamSubject, body);
    findings.push(...check.findings);
    const sig = check.signature && checkSignature(check.signature, registry);
    if (sig) findings.push(sig);
  }
  return findings;
}

const codes = (findings: readonly Finding[]): [string, number | null][] => findings.map((f) => [f.code, f.seq]);

function sampleLog(): AuditLog {
  const log = new AuditLog({ samr: newSigner(), police: newSigner() });
  log.append('samr/653100', 'lead/L1');
  log.append('police/650100', 'lead/P1');
  log.append('samr/653100', 'lead/L1', 'lead.closed', { outcome: 'no_violation' });
  log.append('samr/653100', 'lead/L1', 'lead.referred', { referralId: 'R1' });
  return log;
}

describe('verifying an untouched log', () => {
  it('given events chained and signed by their departments, when verified, then nothing is found', () => {
    const log = sampleLog();
    expect(verify(log.events, log.registry())).toEqual([]);
  });
});

describe('tampering with the log is detected and named', () => {
  it('given one byte of an event flipped, when verified, then HASH_MISMATCH names its sequence and subject', () => {
    const log = sampleLog();
    const text = JSON.stringify(log.events[0]?.event).replace('假冒运动鞋', '假冒运动衣');
    const findings = verify(log.events, log.registry(), new Map([[1, JSON.parse(text)]]));
    expect(codes(findings)).toEqual([['HASH_MISMATCH', 1]]);
    expect(findings[0]?.streamSubject).toBe('hub.evt.samr.653100.lead.L1');
  });

  it('given an event dropped, when verified, then VERSION_GAP names the next event of its aggregate', () => {
    const log = sampleLog();
    const findings = verify(log.events.filter((e) => e.seq !== 3), log.registry());
    expect(codes(findings)).toEqual([['VERSION_GAP', 4]]);
    expect(findings[0]?.message).toContain('expected version 2 after 1, got 3');
  });

  it('given two events of an aggregate reordered, when verified, then both moved events are named', () => {
    const log = sampleLog();
    const [e1, e2, e3, e4] = log.events as [LoggedEvent, LoggedEvent, LoggedEvent, LoggedEvent];
    const findings = verify([e1, e2, e4, e3], log.registry());
    expect(codes(findings)).toEqual([
      ['VERSION_GAP', 4],
      ['VERSION_GAP', 3],
    ]);
  });

  it('given a forged event with the right version but another prevHash, when verified, then CHAIN_BROKEN', () => {
    const log = sampleLog();
    const forged = new AuditLog({ samr: log.signers.samr ?? newSigner() });
    forged.append('samr/653100', 'lead/L1');
    const replacement = forged.append('samr/653100', 'lead/L1', 'lead.closed', { outcome: 'case_opened' });
    const events = log.events.map((e) => (e.seq === 3 ? { ...replacement, seq: 3 } : e));
    expect(codes(verify(events, log.registry()))).toEqual([
      ['CHAIN_BROKEN', 3],
      ['CHAIN_BROKEN', 4],
    ]);
  });

  it("given an event signed with another department's key, when verified, then SIGNED_BY_OTHER_DEPARTMENT names that department", () => {
    const log = new AuditLog({ samr: newSigner(), police: newSigner() });
    log.append('samr/653100', 'lead/L1');
    log.append('samr/653100', 'lead/L1', 'lead.closed', { outcome: 'no_violation' }, '2021-10-09T00:00:00.000Z', log.signers.police);
    const findings = verify(log.events, log.registry());
    expect(codes(findings)).toEqual([['SIGNED_BY_OTHER_DEPARTMENT', 2]]);
    expect(findings[0]?.message).toContain("police's key");
  });

  it('given a key replaced in the registry without a rotation, when verified, then every event it signed is named', () => {
    const log = sampleLog();
    const replaced: KeyRegistry = { keys: log.registry().keys.map((key) => (key.department === 'samr' ? { ...key, publicKey: newSigner().publicKey } : key)) };
    expect(codes(verify(log.events, replaced))).toEqual([
      ['SIGNATURE_INVALID', 1],
      ['SIGNATURE_INVALID', 3],
      ['SIGNATURE_INVALID', 4],
    ]);
  });

  it('given a department signing with a new key it never registered, when verified, then SIGNATURE_INVALID from then on', () => {
    const log = sampleLog();
    const registry = log.registry();
    log.append('samr/653100', 'lead/L1', 'lead.closed', {}, '2021-11-01T00:00:00.000Z', newSigner());
    expect(codes(verify(log.events, registry))).toEqual([['SIGNATURE_INVALID', 5]]);
  });

  it('given an event stored under another department subject, when verified, then SUBJECT_MISMATCH', () => {
    const log = sampleLog();
    const events = log.events.map((e) => (e.seq === 2 ? { ...e, streamSubject: 'hub.evt.samr.650100.lead.P1' } : e));
    expect(codes(verify(events, log.registry()))).toContainEqual(['SUBJECT_MISMATCH', 2]);
  });

  it('given a body that is not an envelope, when verified, then CORRUPT_EVENT', () => {
    const log = sampleLog();
    expect(codes(verify(log.events, log.registry(), new Map<number, unknown>([[2, { id: 'x' }]])))).toEqual([['CORRUPT_EVENT', 2]]);
  });
});

describe('key rotation', () => {
  it('given a key rotated at R, when verified, then events before R verify with the old key and after R with the new one', () => {
    const oldKey = newSigner();
    const newKey = newSigner();
    const log = new AuditLog({ samr: oldKey });
    log.append('samr/653100', 'lead/L1', 'lead.reported', {}, '2021-10-01T00:00:00.000Z', oldKey);
    log.append('samr/653100', 'lead/L1', 'lead.closed', {}, '2021-11-02T00:00:00.000Z', newKey);
    const registry = parseKeyRegistry({
      version: 1,
      keys: [
        { department: 'samr', publicKey: oldKey.publicKey, validFrom: '2021-09-01T00:00:00Z', validTo: '2021-11-01T00:00:00Z' },
        { department: 'samr', publicKey: newKey.publicKey, validFrom: '2021-11-01T00:00:00Z', validTo: null },
      ],
    });
    expect(verify(log.events, registry)).toEqual([]);
    expect(keyValidAt(registry, 'samr', '2021-11-01T00:00:00Z')?.publicKey).toBe(newKey.publicKey);
  });

  it('given the old key used after its rotation, when verified, then SIGNED_OUTSIDE_VALIDITY', () => {
    const oldKey = newSigner();
    const newKey = newSigner();
    const log = new AuditLog({ samr: oldKey });
    log.append('samr/653100', 'lead/L1', 'lead.reported', {}, '2021-11-05T00:00:00.000Z', oldKey);
    const registry: KeyRegistry = {
      keys: [
        { department: 'samr', publicKey: oldKey.publicKey, validFrom: '2021-09-01T00:00:00Z', validTo: '2021-11-01T00:00:00Z' },
        { department: 'samr', publicKey: newKey.publicKey, validFrom: '2021-11-01T00:00:00Z', validTo: null },
      ],
    };
    expect(codes(verify(log.events, registry))).toEqual([['SIGNED_OUTSIDE_VALIDITY', 1]]);
  });

  it('given the retired key and a backdated recordedAt, when JetStream stored it after the rotation plus the grace, then SIGNED_OUTSIDE_VALIDITY', () => {
    const oldKey = newSigner();
    const newKey = newSigner();
    const log = new AuditLog({ samr: oldKey });
    const { seq, streamSubject, event } = log.append('samr/653100', 'lead/L1', 'lead.reported', {}, '2021-10-20T00:00:00.000Z', oldKey);
    const registry: KeyRegistry = {
      keys: [
        { department: 'samr', publicKey: oldKey.publicKey, validFrom: '2021-09-01T00:00:00Z', validTo: '2021-11-01T00:00:00Z' },
        { department: 'samr', publicKey: newKey.publicKey, validFrom: '2021-11-01T00:00:00Z', validTo: null },
      ],
    };
    const job = new ChainVerifier().check(seq, streamSubject, JSON.parse(JSON.stringify(event)), Date.parse('2021-11-01T00:05:00Z')).signature;
    expect(job && checkSignature(job, registry)?.code).toBe('SIGNED_OUTSIDE_VALIDITY');
    expect(job && checkSignature(job, registry)?.message).toContain('stored by JetStream at 2021-11-01T00:05:00.000Z');
    const inGrace = new ChainVerifier().check(seq, streamSubject, JSON.parse(JSON.stringify(event)), Date.parse('2021-11-01T00:04:59Z')).signature;
    expect(inGrace && checkSignature(inGrace, registry)).toBeUndefined();
    const unknownStorage = new ChainVerifier().check(seq, streamSubject, JSON.parse(JSON.stringify(event))).signature;
    expect(unknownStorage && checkSignature(unknownStorage, registry)).toBeUndefined();
  });

  it('given an event recorded before any key of its department, when verified, then NO_KEY', () => {
    const log = sampleLog();
    const registry: KeyRegistry = { keys: log.registry().keys.map((key) => ({ ...key, validFrom: '2022-01-01T00:00:00Z' })) };
    expect(codes(verify(log.events.slice(0, 1), registry))).toEqual([['SIGNED_OUTSIDE_VALIDITY', 1]]);
  });

  it.each([
    ['two open keys of one department', [{ validTo: null }, { validFrom: '2021-10-01T00:00:00Z', validTo: null }], 'keys[0].validTo'],
    ['overlapping windows', [{ validTo: '2021-11-01T00:00:00Z' }, { validFrom: '2021-10-01T00:00:00Z', validTo: null }], 'keys[1].validFrom'],
    ['a window ending before it starts', [{ validTo: '2020-01-01T00:00:00Z' }], 'keys[0].validTo'],
    ['a key that is not an nkey', [{ publicKey: 'not-a-key' }], 'keys[0].publicKey'],
    ['an unknown department', [{ department: 'mars' }], 'keys[0].department'],
  ])('given a registry with %s, when parsed, then it is refused naming %s', (_name, overrides, path) => {
    const base = { department: 'samr', validFrom: '2021-09-01T00:00:00Z', validTo: null };
    const keys = (overrides as Record<string, unknown>[]).map((o) => ({ ...base, publicKey: newSigner().publicKey, ...o }));
    let caught: unknown;
    try {
      parseKeyRegistry({ version: 1, keys });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidKeyRegistryError);
    expect((caught as InvalidKeyRegistryError).problems.map((p) => p.path)).toContain(path);
  });

  it("given one key registered for two departments, when parsed, then it is refused", () => {
    const key = newSigner().publicKey;
    expect(() =>
      parseKeyRegistry({
        keys: [
          { department: 'samr', publicKey: key, validFrom: '2021-09-01T00:00:00Z', validTo: null },
          { department: 'police', publicKey: key, validFrom: '2021-09-01T00:00:00Z', validTo: null },
        ],
      }),
    ).toThrow(/one key per department/);
  });
});

describe('stream against archive', () => {
  const stream: StreamCopy = { seq: 7, originalSeq: 7, id: 'e7', streamSubject: 'hub.evt.samr.653100.lead.L1', hash: 'h7', sig: 's7' };
  const archived: ArchivedCopy = { seq: 7, id: 'e7', streamSubject: 'hub.evt.samr.653100.lead.L1', contentHash: 'h7', hash: 'h7', sig: 's7' };
  // A pass that read the stream through 100, with the projector at 100 when it began and when it compared.
  const settled: PassBounds = { archivedThrough: 100, streamReadThrough: 100, archivedAtStart: 100 };
  const compare = (a: ArchivedCopy | undefined, s: StreamCopy | undefined, bounds: Partial<PassBounds> = {}): [string, number | null][] =>
    codes(compareCopies(a, s, { ...settled, ...bounds }));

  it('given identical copies, then nothing is found', () => {
    expect(compare(archived, stream)).toEqual([]);
  });
  it('given an archive row whose content was altered, then ARCHIVE_ALTERED', () => {
    expect(compare({ ...archived, contentHash: 'other' }, stream)).toEqual([['ARCHIVE_ALTERED', 7]]);
  });
  it('given an archive row whose hash was replaced too, then ARCHIVE_DIFFERS from the stream', () => {
    expect(compare({ ...archived, contentHash: 'x', hash: 'x' }, stream)).toEqual([['ARCHIVE_DIFFERS', 7]]);
  });
  it('given an event only in the stream, then MISSING_IN_ARCHIVE unless the projector has not reached it', () => {
    expect(compare(undefined, stream)).toEqual([['MISSING_IN_ARCHIVE', 7]]);
    expect(compare(undefined, stream, { archivedThrough: 6 })).toEqual([]);
  });
  it('given an event only in the archive, then MISSING_IN_STREAM', () => {
    expect(compare(archived, undefined)).toEqual([['MISSING_IN_STREAM', 7]]);
  });

  describe('while the projector archives on during the pass', () => {
    // The pass read the checkpoint (5), then the stream through 6; the projector archived through 9 meanwhile.
    const during: Partial<PassBounds> = { archivedAtStart: 5, streamReadThrough: 6, archivedThrough: 9 };

    it('given a row archived after the pass read the stream (past its stream end and its start checkpoint), when compared, then nothing is reported', () => {
      expect(compare(archived, undefined, during)).toEqual([]);
      // Not even an altered copy: the row is not this pass's; the next one compares it in full.
      expect(compare({ ...archived, contentHash: 'other' }, undefined, during)).toEqual([]);
    });
    it('given a lost stream tail archived before the pass (past the stream end, at or below the start checkpoint), when compared, then MISSING_IN_STREAM', () => {
      expect(compare(archived, undefined, { ...during, archivedAtStart: 7 })).toEqual([['MISSING_IN_STREAM', 7]]);
      expect(compare({ ...archived, seq: 100 }, undefined, { archivedAtStart: 100, streamReadThrough: 14, archivedThrough: 100 })).toEqual([['MISSING_IN_STREAM', 100]]);
    });
    it('given a row past the stream end but below the start checkpoint, when compared, then MISSING_IN_STREAM', () => {
      expect(compare(archived, undefined, { ...during, archivedAtStart: 8 })).toEqual([['MISSING_IN_STREAM', 7]]);
    });
    it('given a row the pass read the stream through, when its stream copy is missing, then MISSING_IN_STREAM whatever the start checkpoint', () => {
      expect(compare(archived, undefined, { ...during, archivedAtStart: 0, streamReadThrough: 7 })).toEqual([['MISSING_IN_STREAM', 7]]);
    });
    it('given a row archived during the pass that does have a stream copy (re-appended), when compared, then the copies are compared', () => {
      expect(compare({ ...archived, hash: 'x', contentHash: 'x' }, { ...stream, seq: 3 }, during)).toEqual([['ARCHIVE_DIFFERS', 3]]);
    });
  });
  it('given archive rows at swapped sequences, then ARCHIVE_SEQ_DIFFERS; a re-appended event keeps its original sequence', () => {
    expect(compare({ ...archived, seq: 8 }, stream)).toEqual([['ARCHIVE_SEQ_DIFFERS', 7]]);
    expect(compare(archived, { ...stream, seq: 120 })).toEqual([]);
  });
});

describe('replay plans', () => {
  it('given department, region and aggregate, when planned, then one subject filter with wildcards for the rest', () => {
    expect(planReplay({ department: 'samr', subject: 'lead/L1' }).filter).toBe('hub.evt.samr.*.lead.L1');
    expect(planReplay({ region: '653100' }).filter).toBe('hub.evt.*.653100.*.*');
    expect(planReplay({}).filter).toBe('hub.evt.>');
  });

  it('given a type and a time range, when checking messages, then only matching ones are included', () => {
    const plan = planReplay({ type: 'lead.closed', until: '2021-10-08T00:00:00Z' });
    expect(replayIncludes(plan, 1, Date.parse('2021-10-07T00:00:00Z'), 'lead.closed')).toBe(true);
    expect(replayIncludes(plan, 2, Date.parse('2021-10-07T00:00:00Z'), 'lead.reported')).toBe(false);
    expect(replayIncludes(plan, 3, Date.parse('2021-10-09T00:00:00Z'), 'lead.closed')).toBe(false);
  });

  it('given bad parameters, when planned, then VALIDATION_FAILED names each', () => {
    let caught: unknown;
    try {
      planReplay({ subject: 'lead', department: 'mars', region: '65', since: 'yesterday', fromSeq: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HubError);
    const paths = ((caught as HubError).details.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(['subject', 'department', 'region', 'fromSeq', 'since']);
  });
});

describe('rotating a key', () => {
  it('given an open key, when rotated at R, then the old key closes at R and the new one opens at R', () => {
    const [a, b] = [newSigner().publicKey, newSigner().publicKey];
    const once = rotateKey({ keys: [] }, 'samr', a, '2021-09-01T00:00:00Z');
    const twice = rotateKey(once, 'samr', b, '2021-11-01T00:00:00Z');
    expect(twice.keys).toEqual([
      { department: 'samr', publicKey: a, validFrom: '2021-09-01T00:00:00Z', validTo: '2021-11-01T00:00:00Z' },
      { department: 'samr', publicKey: b, validFrom: '2021-11-01T00:00:00Z', validTo: null },
    ]);
    expect(rotateKey(twice, 'samr', b, '2021-12-01T00:00:00Z')).toBe(twice);
  });

  it('given a rotation dated before the current key started, when rotated, then it is refused', () => {
    const once = rotateKey({ keys: [] }, 'samr', newSigner().publicKey, '2021-09-01T00:00:00Z');
    expect(() => rotateKey(once, 'samr', newSigner().publicKey, '2021-08-01T00:00:00Z')).toThrow(InvalidKeyRegistryError);
  });
});
