import { randomUUID } from 'node:crypto';
import { createUser } from '@nats-io/nkeys';
import { EventSigner, hashEvent, sealEvent, streamSubjectOf, type HubEvent, type UnsealedEvent } from '@hub/domain';
import type { PositionedEvent } from '@hub/read-models';

/** A sealed event and the subject it is stored under. */
export interface StoredEventFixture {
  streamSubject: string;
  event: HubEvent;
}

/** A stored event as the projector archives it at `seq` (to put rows in the archive the stream never had). */
export function archivedFixture(seq: number, stored: StoredEventFixture): PositionedEvent {
  const [, , department = '', region = '', aggregateType = '', aggregateId = ''] = stored.streamSubject.split('.');
  return { seq, streamSubject: stored.streamSubject, event: stored.event, unit: `${department}/${region}`, department, region, aggregateType, aggregateId };
}

export interface AppendFixtureOptions {
  id?: string;
  time?: string;
  recordedAt?: string;
}

/**
 * Builds a log the way the department service does (versions and prevHash chains per aggregate, hash,
 * ed25519 signature), without NATS. `sign: false` puts a placeholder signature (benchmarks).
 */
export class EventLog {
  private readonly heads = new Map<string, { version: number; hash: string }>();
  private readonly signer: EventSigner | undefined;
  readonly events: StoredEventFixture[] = [];

  /** `signer`: a key the test registers (to verify the log); by default a fresh one nobody registers. */
  constructor(options: { sign?: boolean; signer?: EventSigner } = {}) {
    this.signer = options.sign === false ? undefined : (options.signer ?? new EventSigner(new TextDecoder().decode(createUser().getSeed())));
  }

  append(unit: string, type: string, subject: string, data: Record<string, unknown>, options: AppendFixtureOptions = {}): StoredEventFixture {
    const streamSubject = streamSubjectOf(unit, subject);
    const head = this.heads.get(streamSubject);
    const time = options.time ?? '2021-10-08T09:30:00+08:00';
    const unsealed: UnsealedEvent = {
      id: options.id ?? randomUUID(),
      type,
      source: unit,
      subject,
      time,
      recordedAt: options.recordedAt ?? new Date(Date.parse(time) + 60_000).toISOString(),
      version: (head?.version ?? 0) + 1,
      data,
      prevHash: head?.hash ?? null,
    };
    const event = this.signer ? sealEvent(unsealed, this.signer) : { ...unsealed, hash: hashEvent(unsealed), sig: 'unsigned-benchmark-event' };
    this.heads.set(streamSubject, { version: event.version, hash: event.hash });
    const stored = { streamSubject, event };
    this.events.push(stored);
    return stored;
  }
}
