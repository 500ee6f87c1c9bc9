import type { ClockPolicy, CorrelationOptions } from '@hub/domain';
import { DEFAULT_MIN_BATCH_INTERVAL_MS, EVENT_STREAM, sealInstance } from '@hub/event-store';
import { serviceEnv } from '@hub/runtime/service-env';

export interface CoordinationConfig {
  natsUrl: string;
  /** nkey user seed of principal `coordination`; absent on an open test server. */
  natsSeed?: string;
  inboxPrefix?: string;
  /** Link/unlink and role requests are served only when they reply into this inbox (default: the gateway's, when natsSeed is set). */
  gatewayInbox?: string;
  /** The joint office's signing seed (held by this service only). */
  signingSeed: string;
  databaseUrl: string;
  stream: string;
  /** Durable consumer name and checkpoint name; `coordination` is reserved to this principal. */
  consumer: string;
  /** State schema; default `coordination`. */
  schema: string;
  /** The projector's schema (cluster members are joined with its `leads`); default `projection`. */
  readModelSchema: string;
  batchSize: number;
  /** HUB_COORDINATION_BATCH_INTERVAL_MS: caught-up batches are committed at least this far apart (CheckpointedConsumer). */
  minBatchIntervalMs?: number;
  /** How often the deadline timer looks for clocks that ran out. */
  timerIntervalMs: number;
  /** HUB_CHECKPOINT_INTERVAL_MS: how often the joint office signs a tree head over the log (default a minute; 0: never). */
  checkpointIntervalMs?: number;
  /** HUB_INSTANCE: names this process's seal chain `hub.seal.joint.<instance>` (default: host and process id). */
  instance?: string;
  correlation?: CorrelationOptions;
  /** Clock amounts that differ from LEGAL_CLOCKS, e.g. the hours a 7×24 closure request may wait (HUB_CLOSURE_HOURS). */
  clocks?: ClockPolicy;
  /** "Now" for the deadline timer; tests pin it. Default: the system clock. */
  clock?: () => Date;
}

export function loadCoordinationConfig(env: NodeJS.ProcessEnv = process.env): CoordinationConfig {
  const vars = serviceEnv('coordination', env);
  const signingSeed = vars.secret('HUB_SIGNING_SEED');
  if (!signingSeed) throw new Error('coordination: HUB_SIGNING_SEED(_FILE) (the joint office key) is required');
  const cap = env.HUB_CORRELATION_CAP === undefined ? undefined : Number(env.HUB_CORRELATION_CAP);
  const closureHours = env.HUB_CLOSURE_HOURS === undefined ? undefined : Number(env.HUB_CLOSURE_HOURS);
  if (closureHours !== undefined && !(Number.isInteger(closureHours) && closureHours > 0 && closureHours <= 24 * 30)) {
    throw new Error(`coordination: HUB_CLOSURE_HOURS must be a whole number of hours from 1 to 720, got "${env.HUB_CLOSURE_HOURS ?? ''}"`);
  }
  return {
    ...vars.natsClient(),
    ...(env.HUB_GATEWAY_INBOX_PREFIX ? { gatewayInbox: env.HUB_GATEWAY_INBOX_PREFIX } : {}),
    signingSeed,
    databaseUrl: vars.required('DATABASE_URL'),
    stream: env.HUB_STREAM ?? EVENT_STREAM,
    consumer: env.HUB_COORDINATION_CONSUMER ?? 'coordination',
    schema: env.HUB_COORDINATION_SCHEMA ?? 'coordination',
    readModelSchema: env.HUB_READ_SCHEMA ?? 'projection',
    batchSize: Number(env.HUB_COORDINATION_BATCH ?? 1_000),
    minBatchIntervalMs: vars.milliseconds('HUB_COORDINATION_BATCH_INTERVAL_MS', DEFAULT_MIN_BATCH_INTERVAL_MS),
    timerIntervalMs: Number(env.HUB_COORDINATION_TIMER_MS ?? 30_000),
    checkpointIntervalMs: vars.milliseconds('HUB_CHECKPOINT_INTERVAL_MS', 60_000),
    ...(env.HUB_INSTANCE === undefined ? {} : { instance: sealInstance('coordination', env.HUB_INSTANCE) }),
    ...(cap === undefined ? {} : { correlation: { cap } }),
    ...(closureHours === undefined ? {} : { clocks: { amounts: { closure_answer: closureHours } } }),
  };
}
