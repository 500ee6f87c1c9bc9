import { randomUUID } from 'node:crypto';
import { createUser } from '@nats-io/nkeys';
import { streamSubjectOf, type HubEvent } from '../integrity/envelope.js';
import { sealEvent } from '../integrity/seal.js';
import { signSeal } from '../integrity/batch-seal.js';
import { hashEvent } from '../integrity/event-hash.js';
import type { InclusionProof } from '../integrity/inclusion-proof.js';
import { inclusionPath } from '../integrity/merkle.js';
import { EventSigner } from '../integrity/signing.js';
import type { KeyRegistry } from './key-registry.js';

export const newSigner = (): EventSigner => new EventSigner(new TextDecoder().decode(createUser().getSeed()));

/** A batch of `size` events sealed by `key` (samr's service, at 2021-10-08T01:31:01Z), and each event's inclusion proof. */
export function sealedBatch(size: number, key = newSigner()): { proofs: InclusionProof[]; publicKey: string } {
  const events: HubEvent[] = Array.from({ length: size }, (_, i) => {
    const unsealed = { id: `0190f0a1-7c2e-7000-8000-00000000000${i}`, type: 'lead.reported', source: 'samr/653100', subject: `lead/L-${i}`, time: '2021-10-08T09:30:00+08:00', recordedAt: '2021-10-08T01:31:00.000Z', version: 1, data: { summary: '假冒运动鞋' }, prevHash: null };
    return { ...unsealed, hash: hashEvent(unsealed) };
  });
  const leaves = events.map((event, i) => ({ seq: 10 + i * 2, hash: event.hash }));
  const seal = signSeal(leaves, { signer: 'samr/i1', prevSeal: null, sealedAt: '2021-10-08T01:31:01.000Z' }, key);
  const hashes = events.map((event) => event.hash);
  const proofs = events.map((event, i) => ({ seq: 10 + i * 2, streamSubject: `hub.evt.samr.653100.lead.L-${i}`, event, leafIndex: i, treeSize: size, path: inclusionPath(hashes, i), sealSeq: 99, sealSubject: 'hub.seal.samr.i1', seal }));
  return { proofs, publicKey: key.publicKey };
}

export interface LoggedEvent {
  seq: number;
  streamSubject: string;
  event: HubEvent;
}

/** A log built like the department services build it: per-aggregate versions and prevHash chains, sealed by each department's key. */
export class AuditLog {
  readonly events: LoggedEvent[] = [];
  private readonly heads = new Map<string, { version: number; hash: string }>();

  constructor(readonly signers: Record<string, EventSigner>) {}

  append(unit: string, subject: string, type = 'lead.reported', data: Record<string, unknown> = { summary: '假冒运动鞋' }, recordedAt = '2021-10-08T01:31:00.000Z', signer?: EventSigner): LoggedEvent {
    const streamSubject = streamSubjectOf(unit, subject);
    const head = this.heads.get(streamSubject);
    const department = unit.split('/')[0] ?? '';
    const key = signer ?? this.signers[department];
    if (!key) throw new Error(`no signer for ${department}`);
    const event = sealEvent(
      { id: randomUUID(), type, source: unit, subject, time: '2021-10-08T09:30:00+08:00', recordedAt, version: (head?.version ?? 0) + 1, data, prevHash: head?.hash ?? null },
      key,
    );
    this.heads.set(streamSubject, { version: event.version, hash: event.hash });
    const logged = { seq: this.events.length + 1, streamSubject, event };
    this.events.push(logged);
    return logged;
  }

  /** A registry where each department's key is valid from 2021-01-01 on. */
  registry(): KeyRegistry {
    return {
      version: 1,
      keys: Object.entries(this.signers).map(([department, signer]) => ({ department, publicKey: signer.publicKey, validFrom: '2021-01-01T00:00:00Z', validTo: null })),
    };
  }
}
