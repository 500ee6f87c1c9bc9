import { RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';

export const EVENT_STREAM = 'HUB_EVENTS';
export const EVENT_SUBJECTS = 'hub.evt.>';

export interface EventStreamOptions {
  name?: string;
  replicas?: number;
  /** Nats-Msg-Id dedupe window; idempotency beyond it comes from the id index. */
  duplicateWindowMs?: number;
}

/** Creates the event stream if missing; an existing stream keeps its data and gets the settings updated. */
export async function ensureEventStream(jsm: JetStreamManager, options: EventStreamOptions = {}): Promise<StreamConfig> {
  const config: Partial<StreamConfig> & { name: string } = {
    name: options.name ?? EVENT_STREAM,
    subjects: [EVENT_SUBJECTS],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: options.replicas ?? 1,
    duplicate_window: (options.duplicateWindowMs ?? 120_000) * 1_000_000,
    max_msgs: -1,
    max_bytes: -1,
    max_age: 0,
    deny_delete: true,
    deny_purge: true,
    allow_direct: true,
  };
  const existing = await jsm.streams.info(config.name).catch(() => null);
  if (!existing) return (await jsm.streams.add(config)).config;
  return (await jsm.streams.update(config.name, { ...existing.config, ...config })).config;
}
