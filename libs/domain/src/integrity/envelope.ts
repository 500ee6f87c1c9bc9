import { eventSubject } from './stream-subjects.js';

/** The stored event: what a department asserted, sealed by the hub with its place in the aggregate. */
export interface HubEvent<D = Record<string, unknown>> {
  id: string;
  type: string;
  /** `<department>/<region>` of the publishing unit. */
  source: string;
  /** `<aggregateType>/<aggregateId>`. */
  subject: string;
  /** When it happened, as the publisher claims (ISO 8601 with offset). */
  time: string;
  /** When the hub accepted it (hub clock, ISO 8601 UTC). */
  recordedAt: string;
  /** 1-based position in its aggregate. */
  version: number;
  data: D;
  /**
   * Who acted: `account:<id>` (a signed-in person) or `key:<id>` (a machine key), set by the publishing
   * service from what the gateway authenticated, before hashing — so it is signed with the fact. Absent on
   * events stored before attribution and on the joint office's rule-derived conclusions.
   */
  actor?: string;
  /** `hash` of the aggregate's previous event, null for version 1. */
  prevHash: string | null;
  /** sha256 (hex) of the canonical JSON of the event without `hash` and `sig`. */
  hash: string;
  /**
   * ed25519 signature (base64) over the `hash` string, by the publishing department's key: events stored
   * before batch seals carry one each (and still verify); newer events are signed by the seal of their batch.
   */
  sig?: string;
}

export type UnsealedEvent<D = Record<string, unknown>> = Omit<HubEvent<D>, 'hash' | 'sig'>;

/** The NATS subject an event is stored under: `hub.evt.<dept>.<region>.<aggregateType>.<aggregateId>`. */
export function streamSubjectOf(source: string, subject: string): string {
  const [department, region] = source.split('/');
  const [aggregateType, aggregateId] = subject.split('/');
  if (!department || !region || !aggregateType || !aggregateId) {
    throw new TypeError(`cannot derive a stream subject from source "${source}" and subject "${subject}"`);
  }
  return eventSubject(department, region, aggregateType, aggregateId);
}

/** Inverse of {@link streamSubjectOf}. */
export function parseStreamSubject(streamSubject: string): { department: string; region: string; aggregateType: string; aggregateId: string } {
  const parts = streamSubject.split('.');
  const [hub, evt, department, region, aggregateType, aggregateId] = parts;
  if (parts.length !== 6 || hub !== 'hub' || evt !== 'evt' || !department || !region || !aggregateType || !aggregateId) {
    throw new TypeError(`not an event subject: "${streamSubject}"`);
  }
  return { department, region, aggregateType, aggregateId };
}

/** `hub.evt.samr.653100.lead.L1` → `lead/L1`. */
export function aggregateSubjectOf(streamSubject: string): string {
  const { aggregateType, aggregateId } = parseStreamSubject(streamSubject);
  return `${aggregateType}/${aggregateId}`;
}
