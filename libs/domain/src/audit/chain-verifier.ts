import type { HubEvent } from '../integrity/envelope.js';
import { hashEvent } from '../integrity/event-hash.js';
import { AggregateHeads } from './aggregate-heads.js';
import { finding, type Finding } from './findings.js';

/** What the signature check needs of one event; checked apart (in worker threads) because ed25519 is the costly part. */
export interface SignatureJob {
  seq: number;
  streamSubject: string;
  /** Null for a seal's signature. */
  eventId: string | null;
  /** The publishing department (the stream subject's, which NATS permissions tie to the publisher). */
  department: string;
  recordedAt: string;
  /**
   * When JetStream stored the message (ms since epoch): the department writes recordedAt itself, so a
   * retired key that leaked could backdate it; the storage time is the server's. Absent where it is not
   * known (an archived copy checked before reconcile re-appends it).
   */
  storedAt?: number;
  hash: string;
  sig: string;
}

export interface EventCheck {
  findings: Finding[];
  /** Absent when the message is not an envelope at all, or the event is signed by its batch seal instead. */
  signature?: SignatureJob;
  event?: HubEvent;
}

/** What following a chain needs of an event. */
export type FollowedEvent = Pick<HubEvent, 'id' | 'version' | 'prevHash' | 'hash'> & {
  /** True: `hash` and `prevHash` (unless null) are known to be lowercase hex, 64 digits (the caller checked); else they are tested. */
  hexHashes?: boolean;
};

export interface ChainVerifierOptions {
  /**
   * The pass starts mid-stream (from a sequence or an instant): an aggregate first seen at version > 1
   * is taken as it is instead of reported as a gap.
   */
  partial?: boolean;
}

/** Which envelope members are missing or mistyped; [] for a well-formed envelope. */
export function envelopeProblems(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['not a JSON object'];
  const e = doc as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of ['id', 'type', 'source', 'subject', 'time', 'recordedAt', 'hash'] as const) {
    if (typeof e[field] !== 'string') problems.push(`${field} is not a string`);
  }
  // No sig: an event signed by its batch seal (the seal ledger checks it is covered).
  if (e.sig !== undefined && typeof e.sig !== 'string') problems.push('sig is not a string');
  if (typeof e.version !== 'number' || !Number.isSafeInteger(e.version) || e.version < 1) problems.push('version is not a positive integer');
  if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) problems.push('data is not an object');
  if (e.prevHash !== null && typeof e.prevHash !== 'string') problems.push('prevHash is neither a hash nor null');
  return problems;
}

/**
 * Streaming verification of the log, one stored message at a time in stream order: the envelope, the
 * hash over the canonical form, the subject, and each aggregate's chain (version continuity and
 * prevHash). It keeps only each aggregate's last version and hash, so a million events cost a map of
 * aggregate heads, never the events. Signatures are returned as jobs for {@link checkSignature}.
 */
export class ChainVerifier {
  private readonly heads = new AggregateHeads();
  private checked = 0;

  constructor(private readonly options: ChainVerifierOptions = {}) {}

  get stats(): { events: number; aggregates: number } {
    return { events: this.checked, aggregates: this.heads.size };
  }

  /** Checks one stored message: `doc` is its parsed body, or undefined when the body is not JSON; `storedAt` its JetStream time. */
  check(seq: number, streamSubject: string, doc: unknown, storedAt?: number): EventCheck {
    const checked = checkStoredEvent(seq, streamSubject, doc, storedAt);
    const chained = this.follow(seq, streamSubject, checked.event);
    return chained.length === 0 ? checked : { ...checked, findings: [...checked.findings, ...chained] };
  }

  /**
   * The stateful half of {@link check}, for a message {@link checkStoredEvent} already checked (maybe on
   * another thread): counts it and follows its aggregate's chain. Messages must come in stream order.
   */
  follow(seq: number, streamSubject: string, event: FollowedEvent | undefined): Finding[] {
    this.checked += 1;
    return event === undefined ? [] : this.chain({ seq, streamSubject, eventId: event.id }, event);
  }

  /**
   * {@link follow} for an event whose hashes a worker checked to be lowercase hex and decoded: its hash is the 32
   * bytes at `at` of `hashes`, its prevHash (unless `firstOfAggregate`: prevHash null) the 32 after them. The same
   * checks and findings, word for word, without a string per hash: a million-event pass sliced two hex strings
   * out of the workers' text per event and decoded them again here.
   */
  followHashed(seq: number, streamSubject: string, eventId: string, version: number, firstOfAggregate: boolean, hashes: Uint8Array, at: number): Finding[] {
    this.checked += 1;
    const where = (): { seq: number; streamSubject: string; eventId: string } => ({ seq, streamSubject, eventId });
    const prevHash = (): string => (firstOfAggregate ? 'null' : hexOf(hashes, at + 32));
    const slot = this.heads.slotOf(streamSubject);
    if (slot === -1) {
      this.heads.addBytes(streamSubject, version, hashes, at);
      if (version === 1 && !firstOfAggregate) return [finding('CHAIN_BROKEN', where(), `version 1 must have prevHash null, has ${prevHash()}`)];
      if (version !== 1 && !this.options.partial) return [finding('VERSION_GAP', where(), `first event of the aggregate is version ${version}: versions 1..${version - 1} are missing`)];
      return [];
    }
    const head = this.heads.version(slot);
    if (version !== head + 1) {
      const what = version > head + 1 ? `${version - head - 1} event(s) missing or moved` : `version ${version} again or out of order`;
      this.heads.moveBytes(slot, version, hashes, at);
      return [finding('VERSION_GAP', where(), `expected version ${head + 1} after ${head}, got ${version}: ${what}`)];
    }
    if (firstOfAggregate || !this.heads.hashBytesAre(slot, hashes, at + 32)) {
      const hash = this.heads.hash(slot);
      this.heads.moveBytes(slot, version, hashes, at);
      return [finding('CHAIN_BROKEN', where(), `prevHash ${prevHash()} is not the hash of version ${head} (${hash})`)];
    }
    this.heads.moveBytes(slot, version, hashes, at);
    return [];
  }

  private chain(at: { seq: number; streamSubject: string; eventId: string | null }, event: Omit<FollowedEvent, 'id'>): Finding[] {
    const hex = event.hexHashes;

    const slot = this.heads.slotOf(at.streamSubject);
    if (slot === -1) {
      this.heads.add(at.streamSubject, event.version, event.hash, hex);
      if (event.version === 1 && event.prevHash !== null) {
        return [finding('CHAIN_BROKEN', at, `version 1 must have prevHash null, has ${event.prevHash}`)];
      }
      if (event.version !== 1 && !this.options.partial) {
        return [finding('VERSION_GAP', at, `first event of the aggregate is version ${event.version}: versions 1..${event.version - 1} are missing`)];
      }
      return [];
    }
    const version = this.heads.version(slot);
    if (event.version !== version + 1) {
      const what = event.version > version + 1 ? `${event.version - version - 1} event(s) missing or moved` : `version ${event.version} again or out of order`;
      this.heads.move(slot, event.version, event.hash, hex);
      return [finding('VERSION_GAP', at, `expected version ${version + 1} after ${version}, got ${event.version}: ${what}`)];
    }
    if (!this.heads.hashIs(slot, event.prevHash, hex)) {
      const hash = this.heads.hash(slot);
      this.heads.move(slot, event.version, event.hash, hex);
      return [finding('CHAIN_BROKEN', at, `prevHash ${String(event.prevHash)} is not the hash of version ${version} (${hash})`)];
    }
    this.heads.move(slot, event.version, event.hash, hex);
    return [];
  }
}

/** 32 bytes at `at` as lowercase hex (for a finding's words). */
function hexOf(bytes: Uint8Array, at: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + at, 32).toString('hex');
}

/**
 * The stateless half of verifying one stored message (safe on a worker thread): the envelope, the subject
 * it is stored under, and the hash over the canonical form. The aggregate chain is {@link ChainVerifier.follow}'s.
 */
/**
 * `bodyHash`: {@link hashOfStoredBody} of the stored bytes, when the caller has them. Equal to the event's hash,
 * it spares re-serialising the event; otherwise the hash is recomputed from the parsed event.
 */
export function checkStoredEvent(seq: number, streamSubject: string, doc: unknown, storedAt?: number, bodyHash?: string): EventCheck {
  const at = { seq, streamSubject, eventId: null as string | null };
  const problems = doc === undefined ? ['body is not JSON'] : envelopeProblems(doc);
  if (problems.length > 0) {
    const id = typeof (doc as { id?: unknown } | undefined)?.id === 'string' ? (doc as { id: string }).id : null;
    return { findings: [finding('CORRUPT_EVENT', { ...at, eventId: id }, `not an event envelope: ${problems.join(', ')}`)] };
  }
  const event = doc as HubEvent;
  at.eventId = event.id;
  const findings: Finding[] = [];
  const mismatch = subjectMismatch(at, streamSubject, event);
  if (mismatch) findings.push(mismatch);
  const recomputed = bodyHash === event.hash ? bodyHash : hashEvent(event);
  if (recomputed !== event.hash) {
    findings.push(finding('HASH_MISMATCH', at, `content hashes to ${recomputed}, the event says ${event.hash}: altered after sealing`));
  }
  if (event.sig === undefined) return { findings, event };
  return {
    findings,
    event,
    signature: { seq, streamSubject, eventId: event.id, department: streamSubject.split('.')[2] ?? '', recordedAt: event.recordedAt, ...(storedAt === undefined ? {} : { storedAt }), hash: event.hash, sig: event.sig },
  };
}

/**
 * SUBJECT_MISMATCH when an event's source and subject are not the parts of the stream subject it is stored under
 * (`hub.evt.<department>.<region>.<aggregateType>.<aggregateId>`), else undefined.
 */
export function subjectMismatch(at: { seq: number; streamSubject: string; eventId: string | null }, streamSubject: string, event: Pick<HubEvent, 'source' | 'subject'>): Finding | undefined {
  // Compared in place: a verify pass asks this of every event, and splitting the subject made six strings each time.
  const dots: number[] = [];
  for (let at = streamSubject.indexOf('.'); at >= 0; at = streamSubject.indexOf('.', at + 1)) if (dots.push(at) > 5) break;
  if (dots.length === 5 && joinedAt(streamSubject, event.source, dots[1] as number, dots[3] as number) && joinedAt(streamSubject, event.subject, dots[3] as number, streamSubject.length)) return undefined;
  return finding('SUBJECT_MISMATCH', at, `stored under ${streamSubject} but claims source ${event.source} and subject ${event.subject}`);
}

/** Whether `text` is the subject's two parts between `before` and `end`, the dot between them written as '/'. */
function joinedAt(streamSubject: string, text: string, before: number, end: number): boolean {
  if (typeof text !== 'string' || text.length !== end - before - 1) return false;
  const dot = streamSubject.indexOf('.', before + 1);
  for (let i = 0; i < text.length; i += 1) {
    const at = before + 1 + i;
    if (text.charCodeAt(i) !== (at === dot ? 0x2f : streamSubject.charCodeAt(at))) return false;
  }
  return true;
}
