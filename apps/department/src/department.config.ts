import { readFileSync } from 'node:fs';
import { EVENT_STREAM } from '@hub/event-store';

export interface DepartmentConfig {
  department: string;
  natsUrl: string;
  /** nkey user seed of `dept:<code>` for NATS; absent on an open test server. */
  natsSeed?: string;
  inboxPrefix?: string;
  /** nkey seed of the department's event-signing key. Only this service holds it. */
  signingSeed: string;
  stream: string;
  maxBatch: number;
  /** On shutdown, how long in-flight requests may finish after intake stops. */
  shutdownGraceMs: number;
}

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`department service: environment variable ${name} is required`);
  return value;
};

/** Seeds may be passed inline or as a file path (`…_FILE`) so they stay out of process listings. */
const secret = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const file = env[`${name}_FILE`];
  return file ? readFileSync(file, 'utf8').trim() : env[name];
};

export function loadDepartmentConfig(env: NodeJS.ProcessEnv = process.env): DepartmentConfig {
  const signingSeed = secret(env, 'HUB_SIGNING_SEED');
  if (!signingSeed) throw new Error('department service: HUB_SIGNING_SEED or HUB_SIGNING_SEED_FILE is required');
  const natsSeed = secret(env, 'HUB_NATS_SEED');
  return {
    department: required(env, 'HUB_DEPARTMENT'),
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    ...(natsSeed ? { natsSeed } : {}),
    ...(env.HUB_INBOX_PREFIX ? { inboxPrefix: env.HUB_INBOX_PREFIX } : {}),
    signingSeed,
    stream: env.HUB_STREAM ?? EVENT_STREAM,
    maxBatch: Number(env.HUB_MAX_BATCH ?? 10_000),
    shutdownGraceMs: Number(env.HUB_SHUTDOWN_GRACE_MS ?? 2_000),
  };
}
