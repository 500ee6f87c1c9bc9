import { DiscardPolicy, JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig, type StreamInfo } from '@nats-io/jetstream';

export const ACCESS_STREAM = 'HUB_ACCESS';
/** `hub.access.<kind>`: request | export | refused (401/403/failed sign-in). */
export const ACCESS_SUBJECTS = 'hub.access.>';
export const DEFAULT_ACCESS_MAX_AGE_DAYS = 180;

const NS_PER_DAY = 86_400 * 1_000_000_000;

/**
 * The access log (issue 13 §5), apart from the event log: file storage, deletes and purges denied (nobody
 * edits who read what), kept `maxAgeDays` (等保三级: ≥ 6 months) and then dropped oldest first.
 */
export function accessStreamConfig(options: { maxAgeDays?: number; replicas?: number } = {}): Partial<StreamConfig> & { name: string } {
  return {
    name: ACCESS_STREAM,
    description: 'Hub access log: every authenticated request, export, failed sign-in, 401 and 403',
    subjects: [ACCESS_SUBJECTS],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    num_replicas: options.replicas ?? 1,
    max_age: (options.maxAgeDays ?? DEFAULT_ACCESS_MAX_AGE_DAYS) * NS_PER_DAY,
    deny_delete: true,
    deny_purge: true,
    allow_direct: true,
  };
}

/** Creates the access stream if missing (an existing one's retention is the operator's to change). */
export async function ensureAccessStream(jsm: JetStreamManager, options: { maxAgeDays?: number; replicas?: number } = {}): Promise<StreamInfo> {
  const config = accessStreamConfig(options);
  try {
    return await jsm.streams.info(config.name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
  }
  return jsm.streams.add(config);
}
