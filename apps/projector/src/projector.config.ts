import { readFileSync } from 'node:fs';
import { EVENT_STREAM } from '@hub/event-store';

export interface ProjectorConfig {
  natsUrl: string;
  /** nkey user seed of principal `projector`; absent on an open test server. */
  natsSeed?: string;
  inboxPrefix?: string;
  databaseUrl: string;
  stream: string;
  /** Durable consumer name, also the checkpoint row's name. `projector` is reserved to this principal. */
  consumer: string;
  /** Read-model schema; default `projection`. */
  schema: string;
  /** Messages per transaction (upper bound; a batch also ends when nothing more is pending). */
  batchSize: number;
  /** A backlog at least this large is caught up with the secondary indexes dropped (catch-up mode); default 50,000. */
  catchUpThreshold?: number;
}

export const DEFAULT_CATCH_UP_THRESHOLD = 50_000;

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`projector: environment variable ${name} is required`);
  return value;
};

/** Seeds may be passed inline or as a file path (`…_FILE`) so they stay out of process listings. */
const secret = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const file = env[`${name}_FILE`];
  return file ? readFileSync(file, 'utf8').trim() : env[name];
};

export function loadProjectorConfig(env: NodeJS.ProcessEnv = process.env): ProjectorConfig {
  const natsSeed = secret(env, 'HUB_NATS_SEED');
  return {
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    ...(natsSeed ? { natsSeed } : {}),
    ...(env.HUB_INBOX_PREFIX ? { inboxPrefix: env.HUB_INBOX_PREFIX } : {}),
    databaseUrl: required(env, 'DATABASE_URL'),
    stream: env.HUB_STREAM ?? EVENT_STREAM,
    consumer: env.HUB_PROJECTOR_CONSUMER ?? 'projector',
    schema: env.HUB_READ_SCHEMA ?? 'projection',
    batchSize: Number(env.HUB_PROJECTOR_BATCH ?? 2_000),
    catchUpThreshold: Number(env.HUB_PROJECTOR_CATCHUP ?? DEFAULT_CATCH_UP_THRESHOLD),
  };
}
