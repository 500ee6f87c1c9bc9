import { EVENT_STREAM, sealInstance } from '@hub/event-store';
import type { QuotaSettings } from '@hub/domain';
import { serviceEnv } from '@hub/runtime/service-env';
import { loadQuotaSettings } from './quotas/quota-settings.js';

export interface DepartmentConfig {
  department: string;
  natsUrl: string;
  /** nkey user seed of `dept:<code>` for NATS; absent on an open test server. */
  natsSeed?: string;
  inboxPrefix?: string;
  /** Requests are served only when they reply into this inbox (default: the gateway's, when natsSeed is set). */
  gatewayInbox?: string;
  /** nkey seed of the department's event-signing key. Only this service holds it. */
  signingSeed: string;
  /** HUB_INSTANCE: names this instance's seal chain `hub.seal.<dept>.<instance>` (default: host and process id). */
  instance?: string;
  stream: string;
  maxBatch: number;
  /** On shutdown, how long in-flight requests may finish after intake stops. */
  shutdownGraceMs: number;
  /** Per-unit limits on events per day and stored bytes (issue 12 §7). */
  quotas: QuotaSettings;
  /** HUB_INDEX_SNAPSHOT_DIR: where the folded state is kept between runs (absent: every start reads the whole history). */
  snapshotDir?: string;
  /** HUB_SNAPSHOT_SHUTDOWN_MS: how long the snapshot at shutdown may take before it is left for the next run (default 8 s). */
  snapshotShutdownMs?: number;
  /** HUB_SNAPSHOT_INTERVAL_MS: how often a running service looks whether its snapshot should follow the stream (default 60 s). */
  snapshotIntervalMs?: number;
}

export function loadDepartmentConfig(env: NodeJS.ProcessEnv = process.env): DepartmentConfig {
  const vars = serviceEnv('department service', env);
  const signingSeed = vars.secret('HUB_SIGNING_SEED');
  if (!signingSeed) throw new Error('department service: HUB_SIGNING_SEED or HUB_SIGNING_SEED_FILE is required');
  return {
    department: vars.required('HUB_DEPARTMENT'),
    ...vars.natsClient(),
    ...(env.HUB_GATEWAY_INBOX_PREFIX ? { gatewayInbox: env.HUB_GATEWAY_INBOX_PREFIX } : {}),
    signingSeed,
    instance: sealInstance('department service', env.HUB_INSTANCE),
    stream: env.HUB_STREAM ?? EVENT_STREAM,
    maxBatch: Number(env.HUB_MAX_BATCH ?? 10_000),
    shutdownGraceMs: Number(env.HUB_SHUTDOWN_GRACE_MS ?? 2_000),
    quotas: loadQuotaSettings(env),
    ...(env.HUB_INDEX_SNAPSHOT_DIR ? { snapshotDir: env.HUB_INDEX_SNAPSHOT_DIR } : {}),
    ...(env.HUB_SNAPSHOT_SHUTDOWN_MS ? { snapshotShutdownMs: wholeMs('HUB_SNAPSHOT_SHUTDOWN_MS', env.HUB_SNAPSHOT_SHUTDOWN_MS) } : {}),
    ...(env.HUB_SNAPSHOT_INTERVAL_MS ? { snapshotIntervalMs: Math.max(1, wholeMs('HUB_SNAPSHOT_INTERVAL_MS', env.HUB_SNAPSHOT_INTERVAL_MS)) } : {}),
  };
}

function wholeMs(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`department service: ${name} must be a whole number of milliseconds (got "${value}")`);
  return Number(value);
}
