import { EVENT_STREAM } from '@hub/event-store';
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
  stream: string;
  maxBatch: number;
  /** On shutdown, how long in-flight requests may finish after intake stops. */
  shutdownGraceMs: number;
  /** Per-unit limits on events per day and stored bytes (issue 12 §7). */
  quotas: QuotaSettings;
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
    stream: env.HUB_STREAM ?? EVENT_STREAM,
    maxBatch: Number(env.HUB_MAX_BATCH ?? 10_000),
    shutdownGraceMs: Number(env.HUB_SHUTDOWN_GRACE_MS ?? 2_000),
    quotas: loadQuotaSettings(env),
  };
}
