import { checkSignature, checkStoredEvent, isSealSubject, type Finding, type KeyRegistry } from '@hub/domain';
import { parseBody, type LogMessage } from './log-reader.js';

/**
 * A batch of log messages packed for a worker thread: the bodies in one buffer (a NATS message's data is a
 * view into a larger buffer, which structured cloning would copy whole), the rest as plain arrays.
 */
export interface PackedBatch {
  bodies: Uint8Array;
  /** offsets[i]..offsets[i + 1] is message i's body. */
  offsets: number[];
  seqs: number[];
  subjects: string[];
  storedAt: number[];
}

/** What the stateful, in-order half of verification needs of one message (checked on any thread). */
export interface CheckedMessage {
  seq: number;
  streamSubject: string;
  storedAt: number;
  /** An event: what its aggregate chain, the seal ledger and the archive comparison use. Absent for a corrupt one. */
  event?: { id: string; version: number; prevHash: string | null; hash: string; sig?: string };
  /** A seal subject's parsed body (the seal ledger judges it). */
  seal?: unknown;
}

export interface CheckedBatch {
  messages: CheckedMessage[];
  /** Envelope, subject, hash and (for events signed on their own) signature findings. */
  findings: Finding[];
}

export function packBatch(messages: readonly LogMessage[]): PackedBatch {
  const offsets = [0];
  for (const message of messages) offsets.push((offsets.at(-1) as number) + message.data.byteLength);
  const bodies = new Uint8Array(offsets.at(-1) as number);
  messages.forEach((message, i) => bodies.set(message.data, offsets[i]));
  return { bodies, offsets, seqs: messages.map((m) => m.seq), subjects: messages.map((m) => m.streamSubject), storedAt: messages.map((m) => m.storedAt) };
}

/**
 * The stateless checks of a batch, the costly part of an audit (JSON parse, canonical form, sha256, and
 * ed25519 for events signed the old way): safe on worker threads, so a million events use every core.
 */
export function checkPackedBatch(batch: PackedBatch, registry: KeyRegistry): CheckedBatch {
  const messages: CheckedMessage[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < batch.seqs.length; i += 1) {
    const seq = batch.seqs[i] as number;
    const streamSubject = batch.subjects[i] as string;
    const storedAt = batch.storedAt[i] as number;
    const doc = parseBody(batch.bodies.subarray(batch.offsets[i], batch.offsets[i + 1]));
    if (isSealSubject(streamSubject)) {
      messages.push({ seq, streamSubject, storedAt, seal: doc });
      continue;
    }
    const check = checkStoredEvent(seq, streamSubject, doc, storedAt);
    findings.push(...check.findings);
    const bad = check.signature && checkSignature(check.signature, registry);
    if (bad) findings.push(bad);
    const e = check.event;
    messages.push({ seq, streamSubject, storedAt, ...(e ? { event: { id: e.id, version: e.version, prevHash: e.prevHash, hash: e.hash, ...(e.sig === undefined ? {} : { sig: e.sig }) } } : {}) });
  }
  return { messages, findings };
}
