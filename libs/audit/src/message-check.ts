// The domain's modules one by one, not its index: a worker thread loads what it imports at start, and the index
// is the whole domain (~1.3 s of each audit worker's start through the TypeScript loader, ~50 ms for these).
import { checkStoredEvent, subjectMismatch, type SignatureJob } from '../../domain/src/audit/chain-verifier.js';
import type { Finding } from '../../domain/src/audit/findings.js';
import type { KeyRegistry } from '../../domain/src/audit/key-registry.js';
import { checkSignature } from '../../domain/src/audit/signature-check.js';
import { hashOfStoredBody } from '../../domain/src/integrity/event-hash.js';
import { leafHash, leafOfHashBytesInto, rootOfLeaves } from '../../domain/src/integrity/merkle.js';
import { isSealSubject } from '../../domain/src/integrity/stream-subjects.js';
import { parseBody, type LogMessage } from './log-message.js';
import { scanStoredEnvelope } from './stored-envelope.js';

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

/** What a message turned out to be (CheckedBatch.kinds). */
export const MessageKind = { NotAnEvent: 0, Event: 1, Seal: 2 } as const;
/** Added to an event's kind when its prevHash is null (the first of its aggregate). */
export const FIRST_OF_AGGREGATE = 4;
/**
 * Added when its hash and prevHash are known to be lowercase hex (CheckedEvent.hexHashes): then they are not in
 * the batch's text but in its `hashes` column, as bytes.
 */
export const HEX_HASHES = 8;
const LOWERCASE_HEX_HASH = /^[0-9a-f]{64}$/;

/** What the stateful, in-order half of verification needs of one event (from {@link eventAt}). */
export interface CheckedEvent {
  id: string;
  version: number;
  prevHash: string | null;
  hash: string;
  sig?: string;
  /** True: `hash` and `prevHash` (unless null) are lowercase hex, 64 digits, so the in-order thread need not test them again. */
  hexHashes: true | undefined;
  /**
   * Its Merkle leaf at `leafAt` in these bytes (the batch's column), for an event a seal must cover (one without a
   * signature of its own). Not a view of its own: making one per event cost the in-order thread more than copying.
   */
  leaves?: Uint8Array;
  leafAt?: number;
}

/**
 * A batch's results in columns (typed arrays and one string), not one object per message: structured
 * cloning a million small objects back to the main thread cost it more than the checks saved it. Message i's
 * sequence, subject and storage time are the batch's own; the rest is here.
 */
export interface CheckedBatch {
  /** MessageKind, plus FIRST_OF_AGGREGATE for an event whose prevHash is null. */
  kinds: Uint8Array;
  versions: Float64Array;
  /**
   * id, hash and prevHash of every event in message order: field f of message i is text[bounds[3i+f]..bounds[3i+f+1]].
   * Empty hash and prevHash for an event with HEX_HASHES (see `hashes`).
   */
  text: string;
  bounds: Uint32Array;
  /**
   * For an event with HEX_HASHES, its hash decoded at 64i and its prevHash (unless null) at 64i + 32; zeros for the
   * rest. Bytes, not hex text: the in-order thread compares and keeps them as bytes.
   */
  hashes: Uint8Array;
  /**
   * Merkle leaves ({@link leafHash} of the hash) of the events a seal must cover, 32 bytes per message (zeros for
   * the rest): hashed here, on the worker threads, rather than by the in-order half when their seal comes.
   */
  leaves: Uint8Array;
  /** Signatures of events signed on their own (old style), by message index. */
  sigs: Map<number, string>;
  /** Parsed bodies of seal messages (the seal ledger judges them), by message index. */
  seals: Map<number, unknown>;
  /** Envelope, subject, hash and (for events signed on their own) signature findings. */
  findings: Finding[];
}

/** Message i of a checked batch as an event; undefined for a seal or a corrupt message. */
export function eventAt(checked: CheckedBatch, i: number): CheckedEvent | undefined {
  const kind = checked.kinds[i] as number;
  if ((kind & 3) !== MessageKind.Event) return undefined;
  const b = checked.bounds;
  const field = (f: number): string => checked.text.slice(b[3 * i + f], b[3 * i + f + 1]);
  const sig = checked.sigs.get(i);
  const id = field(0);
  const version = checked.versions[i] as number;
  const hexHashes = (kind & HEX_HASHES) !== 0 ? true : undefined;
  const hashBytes = Buffer.from(checked.hashes.buffer, checked.hashes.byteOffset, checked.hashes.byteLength);
  const hex = (at: number): string => hashBytes.toString('hex', at, at + 32);
  const prevHash = kind & FIRST_OF_AGGREGATE ? null : hexHashes ? hex(64 * i + 32) : field(2);
  const hash = hexHashes ? hex(64 * i) : field(1);
  return sig === undefined ? { id, version, prevHash, hash, hexHashes, leaves: checked.leaves, leafAt: 32 * i } : { id, version, prevHash, hash, hexHashes, sig };
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
  const checker = new BatchChecker(registry, batch.seqs.length);
  for (let i = 0; i < batch.seqs.length; i += 1) {
    checker.add(batch.seqs[i] as number, batch.subjects[i] as string, batch.bodies.subarray(batch.offsets[i], batch.offsets[i + 1]), batch.storedAt[i]);
  }
  return checker.finish();
}

/**
 * {@link checkPackedBatch} one message at a time, as a worker reads them: nothing of a message outlives its check
 * but its columns, where collecting a range's messages first kept thousands of them alive through the young
 * generation's collections (each promoted, then collected again).
 */
export class BatchChecker {
  private readonly kinds: Uint8Array;
  private readonly versions: Float64Array;
  private readonly bounds: Uint32Array;
  private readonly leaves: Uint8Array;
  private readonly hashes: Uint8Array;
  /** `hashes` as a Buffer, for its hex decoder. */
  private readonly hashWriter: Buffer;
  /** `leaves` as a Buffer, for leafOfHashBytesInto. */
  private readonly leafWriter: Buffer;
  private readonly fields: string[] = [];
  private length = 0;
  private n = 0;
  private readonly sigs = new Map<number, string>();
  private readonly seals = new Map<number, unknown>();
  private readonly findings: Finding[] = [];

  /** `capacity`: the most messages {@link add} will be given. */
  constructor(
    private readonly registry: KeyRegistry,
    private readonly capacity: number,
  ) {
    this.kinds = new Uint8Array(capacity);
    this.versions = new Float64Array(capacity);
    this.bounds = new Uint32Array(3 * capacity + 1);
    this.leaves = new Uint8Array(32 * capacity);
    this.hashes = new Uint8Array(64 * capacity);
    this.hashWriter = Buffer.from(this.hashes.buffer, this.hashes.byteOffset, this.hashes.byteLength);
    this.leafWriter = Buffer.from(this.leaves.buffer, this.leaves.byteOffset, this.leaves.byteLength);
  }

  get size(): number {
    return this.n;
  }

  add(seq: number, streamSubject: string, body: Uint8Array, storedAt: number | undefined): void {
    if (this.n >= this.capacity) throw new RangeError(`a batch checker for ${this.capacity} messages was given more`);
    const i = this.n;
    this.n += 1;
    let id = '';
    let hash = '';
    let prevHash = '';
    if (isSealSubject(streamSubject)) {
      this.kinds[i] = MessageKind.Seal;
      this.seals.set(i, parseBody(body));
    } else {
      const bodyHash = hashOfStoredBody(body);
      // An event in the hub's stored layout whose bytes hash to its `hash` needs no JSON.parse (see scanStoredEnvelope);
      // anything else is parsed and judged as it always was.
      const scanned = bodyHash === undefined ? undefined : scanStoredEnvelope(body);
      if (scanned !== undefined && scanned.hash === bodyHash) {
        const mismatch = subjectMismatch({ seq, streamSubject, eventId: scanned.id }, streamSubject, scanned);
        if (mismatch) this.findings.push(mismatch);
        // Its hash is the hex digest of its bytes (compared above).
        const hex = scanned.prevHash === null || LOWERCASE_HEX_HASH.test(scanned.prevHash);
        this.kinds[i] = MessageKind.Event | (scanned.prevHash === null ? FIRST_OF_AGGREGATE : 0) | (hex ? HEX_HASHES : 0);
        this.versions[i] = scanned.version;
        this.field(scanned.id, 3 * i);
        if (hex) {
          this.hashWriter.write(scanned.hash, 64 * i, 32, 'hex');
          if (scanned.prevHash !== null) this.hashWriter.write(scanned.prevHash, 64 * i + 32, 32, 'hex');
          leafOfHashBytesInto(this.hashes, 64 * i, this.leafWriter, 32 * i);
          this.field('', 3 * i + 1);
          this.field('', 3 * i + 2);
        } else {
          this.leaves.set(leafHash(scanned.hash), 32 * i);
          this.field(scanned.hash, 3 * i + 1);
          this.field(scanned.prevHash ?? '', 3 * i + 2);
        }
        return;
      }
      const check = checkStoredEvent(seq, streamSubject, parseBody(body), storedAt, bodyHash);
      this.findings.push(...check.findings);
      const bad = check.signature && checkSignature(check.signature, this.registry);
      if (bad) this.findings.push(bad);
      const e = check.event;
      if (e) {
        this.kinds[i] = MessageKind.Event | (e.prevHash === null ? FIRST_OF_AGGREGATE : 0);
        this.versions[i] = e.version;
        ({ id, hash } = e);
        prevHash = e.prevHash ?? '';
        if (e.sig !== undefined) this.sigs.set(i, e.sig);
        else this.leaves.set(leafHash(e.hash), 32 * i);
      }
    }
    this.field(id, 3 * i);
    this.field(hash, 3 * i + 1);
    this.field(prevHash, 3 * i + 2);
  }

  private field(text: string, slot: number): void {
    this.fields.push(text);
    this.length += text.length;
    this.bounds[slot + 1] = this.length;
  }

  /** The columns of the messages added (each typed array its own buffer, to be moved to another thread). */
  finish(): CheckedBatch {
    const n = this.n;
    const own = <T extends Uint8Array | Float64Array | Uint32Array>(column: T, length: number): T => (length === column.length ? column : (column.slice(0, length) as T));
    return {
      kinds: own(this.kinds, n),
      versions: own(this.versions, n),
      text: this.fields.join(''),
      bounds: own(this.bounds, 3 * n + 1),
      leaves: own(this.leaves, 32 * n),
      hashes: own(this.hashes, 64 * n),
      sigs: this.sigs,
      seals: this.seals,
      findings: this.findings,
    };
  }
}

/** A seal's costly checks, for a worker thread: its root over its events' leaves, and its one signature. */
export interface SealJob {
  /** The leaves of the seal's events, 32 bytes each in the order it lists them (absent when some were not found). */
  leaves?: Uint8Array;
  signature?: SignatureJob;
}

export interface SealJobResult {
  /** The root recomputed over `leaves` (hex). */
  root?: string;
  signatureFinding?: Finding;
}

export function checkSealJob(job: SealJob, registry: KeyRegistry): SealJobResult {
  const signatureFinding = job.signature && checkSignature(job.signature, registry);
  return { ...(job.leaves ? { root: rootOfLeaves(job.leaves) } : {}), ...(signatureFinding ? { signatureFinding } : {}) };
}
