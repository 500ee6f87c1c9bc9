import { DEFAULT_MIN_BATCH_INTERVAL_MS, EVENT_STREAM } from '@hub/event-store';
import { serviceEnv } from '@hub/runtime/service-env';

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
  /** HUB_PROJECTOR_BATCH_INTERVAL_MS: caught-up batches are committed at least this far apart (CheckpointedConsumer). */
  minBatchIntervalMs?: number;
  /** A backlog at least this large is caught up with the secondary indexes dropped (catch-up mode); default 50,000. */
  catchUpThreshold?: number;
}

export const DEFAULT_CATCH_UP_THRESHOLD = 50_000;

/**
 * Messages per transaction at most. Only a catch-up fills a batch (under a steady flow one closes after 50 ms).
 * 10,000 was measured (per statement, catch-ups of 200k events: ~5 µs per event less PostgreSQL on the rewrites of
 * cases and leads and on COMMIT; whole catch-ups within the noise) but not kept: the writer's row cache must hold
 * four batches (keys of batches in flight must stay cached), and at 10,000 rows per model (the launched hub's
 * memory, issue 16) it holds four of 2,000. A larger HUB_PROJECTOR_BATCH grows the cache with it (projection-loop).
 */
export const DEFAULT_BATCH_SIZE = 2_000;

export function loadProjectorConfig(env: NodeJS.ProcessEnv = process.env): ProjectorConfig {
  const vars = serviceEnv('projector', env);
  return {
    ...vars.natsClient(),
    databaseUrl: vars.required('DATABASE_URL'),
    stream: env.HUB_STREAM ?? EVENT_STREAM,
    consumer: env.HUB_PROJECTOR_CONSUMER ?? 'projector',
    schema: env.HUB_READ_SCHEMA ?? 'projection',
    batchSize: Number(env.HUB_PROJECTOR_BATCH ?? DEFAULT_BATCH_SIZE),
    minBatchIntervalMs: vars.milliseconds('HUB_PROJECTOR_BATCH_INTERVAL_MS', DEFAULT_MIN_BATCH_INTERVAL_MS),
    catchUpThreshold: Number(env.HUB_PROJECTOR_CATCHUP ?? DEFAULT_CATCH_UP_THRESHOLD),
  };
}
