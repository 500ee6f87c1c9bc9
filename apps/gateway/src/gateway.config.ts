import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { EVENT_STREAM } from '@hub/event-store';
import { readSecret, serviceEnv } from '@hub/runtime/service-env';
import { departmentHealthService, REPORTING_DEPARTMENTS } from '@hub/domain';
import type { RequestLimits } from './http/principal-limits.js';
import type { ServerTimeouts } from './http/server-timeouts.js';
import { loadOidcConfig, type OidcConfig } from './people/oidc.config.js';

/** 8 MiB: a 10,000-event batch of ordinary events fits; anything larger is an upload and has its own path. */
export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

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
  /** Largest request body accepted, in bytes (beyond it: 413); read only after the token is known. */
  maxBodyBytes: number;
  /** Per-principal request rate, burst and requests in flight (beyond them: 429 with Retry-After). */
  limits?: Partial<RequestLimits>;
  /** Live feeds (SSE) one principal may hold open at once. */
  maxLiveFeedsPerPrincipal?: number;
  /** Slow-client timeouts of the HTTP server (see server-timeouts.ts). */
  timeouts?: Partial<ServerTimeouts>;
  /** HTTPS with this certificate and key (PEM); plain HTTP (behind a TLS-terminating proxy, or loopback) without. */
  tls?: { cert: Buffer; key: Buffer };
  /** Express `trust proxy`: which hops' X-Forwarded-* headers count (reverse-proxy mode); off by default. */
  trustProxy?: string;
  /** Services /health/ready waits for besides the gateway itself (default: every reporting department, projector, coordination). */
  readinessServices?: readonly string[];
  /** Bound on the heavy reads (annex trace, briefing, audit as-of) in PostgreSQL, ms. */
  statementTimeoutMs?: number;
  /** How long a department service may take for one chunk of a batch. */
  intakeTimeoutMs: number;
  /** The built web UI (default `<repo>/dist/web`). */
  webRoot?: string;
  /** Public-key registry signatures are verified against (`.hub/keys/registry.json` locally, deploy/keys/ in production). */
  keyRegistryFile?: string;
  /** Worker threads an audit verification checks signatures on (0: inline). */
  auditWorkers?: number;
  /** HUB_PROJECTOR_CONSUMER: the projector's checkpoint name, which says how far the archive verify compares is filled. */
  projectorName?: string;
  /** Single sign-on through an OpenID Connect provider (people/oidc.config.ts); none when undefined. */
  oidc?: OidcConfig;
  /** "Now" for deadline answers (overdue referrals); tests pin it. Default: the system clock. */
  clock?: () => Date;
  /** Hours a 7×24 closure request may wait (HUB_CLOSURE_HOURS, as the coordination service reads it); default 24. */
  closureHours?: number;
}

/** HUB_CLOSURE_HOURS: the closure answer clock, 1–720 whole hours (the coordination service checks it the same way). */
export function closureHoursOf(env: NodeJS.ProcessEnv): number | undefined {
  if (env.HUB_CLOSURE_HOURS === undefined) return undefined;
  const hours = Number(env.HUB_CLOSURE_HOURS);
  if (!(Number.isInteger(hours) && hours > 0 && hours <= 24 * 30)) throw new Error(`gateway: HUB_CLOSURE_HOURS must be a whole number of hours from 1 to 720, got "${env.HUB_CLOSURE_HOURS}"`);
  return hours;
}

const numberOr = (value: string | undefined): number | undefined => (value === undefined || value === '' ? undefined : Number(value));

/** Drops the keys whose value is undefined (exactOptionalPropertyTypes-friendly partial configs). */
function defined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** HUB_TLS_CERT and HUB_TLS_KEY are files (PEM); both or neither. */
function loadTls(env: NodeJS.ProcessEnv): GatewayConfig['tls'] {
  const { HUB_TLS_CERT: cert, HUB_TLS_KEY: key } = env;
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new Error('gateway: HUB_TLS_CERT and HUB_TLS_KEY go together (PEM files)');
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

/** Every service the launcher starts: one per reporting department, the projector and coordination. */
export function defaultReadinessServices(departments: readonly string[] = REPORTING_DEPARTMENTS): string[] {
  return [...departments.map(departmentHealthService), 'projector', 'coordination'];
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const tls = loadTls(env);
  const databaseUrl = readSecret('DATABASE_URL', env);
  const oidc = loadOidcConfig(env);
  const closureHours = closureHoursOf(env);
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    ...serviceEnv('gateway', env).natsClient(),
    credentialsFile: env.HUB_CREDENTIALS_FILE ?? '.hub/credentials.json',
    ...(databaseUrl ? { databaseUrl } : {}),
    stream: env.HUB_STREAM ?? EVENT_STREAM,
    maxBatch: Number(env.HUB_MAX_BATCH ?? 10_000),
    maxBodyBytes: Number(env.HUB_BODY_LIMIT ?? env.HUB_MAX_BODY_BYTES ?? DEFAULT_BODY_LIMIT),
    limits: defined<RequestLimits>({
      ratePerSecond: numberOr(env.HUB_RATE_PER_SECOND),
      burst: numberOr(env.HUB_RATE_BURST),
      concurrency: numberOr(env.HUB_CONCURRENCY),
    }),
    ...(env.HUB_LIVE_FEEDS_PER_PRINCIPAL ? { maxLiveFeedsPerPrincipal: Number(env.HUB_LIVE_FEEDS_PER_PRINCIPAL) } : {}),
    timeouts: defined<ServerTimeouts>({
      headersTimeoutMs: numberOr(env.HUB_HEADERS_TIMEOUT_MS),
      requestTimeoutMs: numberOr(env.HUB_REQUEST_TIMEOUT_MS),
      keepAliveTimeoutMs: numberOr(env.HUB_KEEP_ALIVE_TIMEOUT_MS),
    }),
    ...(tls ? { tls } : {}),
    ...(env.HUB_TRUST_PROXY ? { trustProxy: env.HUB_TRUST_PROXY } : {}),
    readinessServices: env.HUB_READINESS_SERVICES ? env.HUB_READINESS_SERVICES.split(',').filter((s) => s !== '') : defaultReadinessServices(),
    ...(env.HUB_STATEMENT_TIMEOUT_MS ? { statementTimeoutMs: Number(env.HUB_STATEMENT_TIMEOUT_MS) } : {}),
    intakeTimeoutMs: Number(env.HUB_INTAKE_TIMEOUT_MS ?? 60_000),
    ...(env.HUB_WEB_ROOT ? { webRoot: env.HUB_WEB_ROOT } : {}),
    keyRegistryFile: env.HUB_KEY_REGISTRY ?? '.hub/keys/registry.json',
    auditWorkers: Number(env.HUB_AUDIT_WORKERS ?? Math.min(2, availableParallelism())),
    ...(env.HUB_PROJECTOR_CONSUMER ? { projectorName: env.HUB_PROJECTOR_CONSUMER } : {}),
    ...(oidc ? { oidc } : {}),
    ...(closureHours === undefined ? {} : { closureHours }),
  };
}
