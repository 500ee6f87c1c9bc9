import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { ALL_EVENT_SUBJECTS, ALL_SEAL_SUBJECTS } from '@hub/domain';

export const EVENT_STREAM = 'HUB_EVENTS';
export const EVENT_SUBJECTS = ALL_EVENT_SUBJECTS;
/** The stream's subjects: the events, and the departments' batch seals stored beside them in one order. */
export const EVENT_STREAM_SUBJECTS = [ALL_EVENT_SUBJECTS, ALL_SEAL_SUBJECTS];
/** Largest event accepted by the stream; matches the server's max_payload. */
export const MAX_EVENT_BYTES = 8 * 1024 * 1024;

export interface EventStreamOptions {
  name?: string;
  /** 1 locally, 3 on the production cluster. */
  replicas?: number;
  /** Nats-Msg-Id dedupe window; idempotency beyond it comes from the department's id index. */
  duplicateWindowMs?: number;
}

/**
 * The event log: file storage, limits retention without limits, `discard: new` (never drop old events to
 * make room), message deletes and purges denied (the log is immutable), direct get for cheap reads.
 */
export function eventStreamConfig(options: EventStreamOptions = {}): Partial<StreamConfig> & { name: string } {
  return {
    name: options.name ?? EVENT_STREAM,
    description: 'Hub event log: immutable events hub.evt.<department>.<region>.<aggregateType>.<aggregateId>, signed by batch seals hub.seal.<department>.<instance>',
    subjects: [...EVENT_STREAM_SUBJECTS],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    num_replicas: options.replicas ?? 1,
    duplicate_window: (options.duplicateWindowMs ?? 120_000) * 1_000_000,
    max_msgs: -1,
    max_bytes: -1,
    max_age: 0,
    max_msgs_per_subject: -1,
    max_msg_size: MAX_EVENT_BYTES,
    deny_delete: true,
    deny_purge: true,
    allow_direct: true,
  };
}

/**
 * Creates the event stream if missing. An existing stream keeps its settings (changing a live log's
 * replicas or limits is an operator's deliberate act, not a side effect of starting a service), except that
 * a stream from before batch seals gains the seal subjects: without them no department could sign.
 */
export async function ensureEventStream(jsm: JetStreamManager, options: EventStreamOptions = {}): Promise<StreamInfo> {
  const config = eventStreamConfig(options);
  try {
    const info = await jsm.streams.info(config.name);
    const missing = EVENT_STREAM_SUBJECTS.filter((subject) => !info.config.subjects.includes(subject));
    if (missing.length === 0) return info;
    return await jsm.streams.update(config.name, { subjects: [...info.config.subjects, ...missing] });
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
  }
  return jsm.streams.add(config);
}
