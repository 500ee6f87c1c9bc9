// The joint checkpoint (DESIGN.md "Seals and checkpoints"): every interval, the RFC 9162 tree head over
// every event hash in stream order, signed with the joint key and published as log.checkpointed.
import {
  ALL_EVENT_SUBJECTS,
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_SUBJECT,
  CompactRange,
  deterministicEventId,
  rangeOfCheckpoint,
  signCheckpoint,
  streamSubjectOf,
  type EventSigner,
  type LogCheckpoint,
} from '@hub/domain';
import { HEADER_HASH, type JetStreamEventStore } from '@hub/event-store';
import { JOINT_UNIT, type JointPublisher } from './joint-publisher.js';

/**
 * Keeps the compact range (the Merkle tree's right edge, log2 n hashes) of every event read so far and
 * extends it with the event hashes stored since — read from the messages' headers, never the bodies — so a
 * checkpoint costs what was appended since the last one, not a rehash of the log. After a restart it
 * continues from the frontier the last checkpoint event carries.
 */
export class LogCheckpointer {
  private range = new CompactRange();
  private uptoSeq = 0;
  private restored = false;
  private readonly ownSubject = streamSubjectOf(JOINT_UNIT, CHECKPOINT_SUBJECT);

  constructor(
    private readonly store: JetStreamEventStore,
    private readonly publisher: JointPublisher,
    private readonly key: EventSigner,
  ) {}

  /** Publishes a checkpoint when events other than checkpoints were stored since the last one; the checkpoint, or undefined. */
  async checkpoint(): Promise<LogCheckpoint | undefined> {
    if (!this.restored) await this.restore();
    let news = false;
    for await (const msg of this.store.read({ filter: ALL_EVENT_SUBJECTS, fromSeq: this.uptoSeq + 1, headersOnly: true })) {
      this.range.append(leafOf(msg.headers?.get(HEADER_HASH)));
      this.uptoSeq = msg.seq;
      if (msg.subject !== this.ownSubject) news = true;
    }
    if (!news) return undefined;
    const checkpoint = signCheckpoint(this.range, this.uptoSeq, this.key);
    const entry = { key: `checkpoint:${this.uptoSeq}`, eventId: deterministicEventId(`checkpoint:${this.uptoSeq}`), type: CHECKPOINT_EVENT_TYPE, subject: CHECKPOINT_SUBJECT, time: new Date().toISOString(), data: { ...checkpoint } };
    const outcome = await this.publisher.publish([entry]);
    const failed = outcome.failed[0];
    if (failed) throw new Error(`checkpoint at seq ${this.uptoSeq} not stored: ${failed.error}`);
    return checkpoint;
  }

  /** Continues from the last checkpoint the joint office stored (or from the start of the log). */
  private async restore(): Promise<void> {
    const [aggregateType = '', aggregateId = ''] = CHECKPOINT_SUBJECT.split('/');
    const last = await this.publisher.latestOn(aggregateType, aggregateId);
    const data = last?.data as unknown as LogCheckpoint | undefined;
    // A frontier that does not give its own root is not continued from: the log is hashed from the start.
    const range = data && Array.isArray(data.frontier) ? rangeOfCheckpoint(data) : undefined;
    if (data && range && range.size === data.treeSize && range.root() === data.root) {
      this.range = range;
      this.uptoSeq = data.uptoSeq;
    }
    this.restored = true;
  }
}

/** A corrupt message without a hash header counts as a zero leaf: positions stay those of the stream, and the audit reports it. */
const ZERO_LEAF = '0'.repeat(64);
const leafOf = (hash: string | undefined): string => (hash !== undefined && /^[0-9a-f]{64}$/.test(hash) ? hash : ZERO_LEAF);
