import { availableParallelism } from 'node:os';
import { EVENT_STREAM } from '@hub/event-store';
import { serviceEnv } from '@hub/runtime/service-env';

export interface GatewayConfig {
  host: string;
  port: number;
  natsUrl: string;
  natsSeed?: string;
  inboxPrefix?: string;
  /** `.hub/credentials.json`: `{units: {"samr/653100": token…}, coordinator, auditor}`. */
  credentialsFile: string;
  databaseUrl?: string;
  stream: string;
  maxBatch: number;
  /** Largest request body accepted, in bytes (beyond it: 413). */
  maxBodyBytes: number;
  /** How long a department service may take for one chunk of a batch. */
  intakeTimeoutMs: number;
  /** The built web UI (default `<repo>/dist/web`). */
  webRoot?: string;
  /** Public-key registry signatures are verified against (`.hub/keys/registry.json` locally, deploy/keys/ in production). */
  keyRegistryFile?: string;
  /** Worker threads an audit verification checks signatures on (0: inline). */
  auditWorkers?: number;
  /** "Now" for deadline answers (overdue referrals); tests pin it. Default: the system clock. */
  clock?: () => Date;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    ...serviceEnv('gateway', env).natsClient(),
    credentialsFile: env.HUB_CREDENTIALS_FILE ?? '.hub/credentials.json',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    stream: env.HUB_STREAM ?? EVENT_STREAM,
    maxBatch: Number(env.HUB_MAX_BATCH ?? 10_000),
    maxBodyBytes: Number(env.HUB_MAX_BODY_BYTES ?? 64 * 1024 * 1024),
    intakeTimeoutMs: Number(env.HUB_INTAKE_TIMEOUT_MS ?? 60_000),
    ...(env.HUB_WEB_ROOT ? { webRoot: env.HUB_WEB_ROOT } : {}),
    keyRegistryFile: env.HUB_KEY_REGISTRY ?? '.hub/keys/registry.json',
    auditWorkers: Number(env.HUB_AUDIT_WORKERS ?? Math.min(2, availableParallelism())),
  };
}
