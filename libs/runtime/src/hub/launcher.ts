import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DEFAULT_ACCESS_MAX_AGE_DAYS, ensureAccessStream, ensureAttachmentBucket, ensureEventStream, forEachInPool } from '@hub/event-store';
import { inboxPrefixFor, type Principal } from '../principals.js';
import { loadOrCreateNatsSecrets, natsClientOptions, type NatsSecrets } from '../nats-secrets.js';
import { findNatsServer } from '../nats-server.js';
import { startLocalNats } from '../local-nats.js';
import { readSecret } from '../service-env.js';
import { startLocalPostgres } from './local-postgres.js';
import { writeServiceSecret } from './service-secrets.js';
import { completeCredentials, generateCredentials } from './credentials.js';
import { loadOrCreateJson, writeSecretJson } from './secret-file.js';
import { departmentHealthService, parseKeyRegistry } from '@hub/domain';
import { generateSigningSeeds, parseSigningSeeds, registerKeys, type KeyRegistry } from './signing-keys.js';
import { ServiceProcess } from './service-process.js';
import { compiledEntry } from '../build/service-command.js';
import { buildServer } from '../build/server-build.js';
import { SERVICE_ROLES, type RoleService } from '../pg-roles.js';

export interface LaunchOptions {
  home: string;
  /** Use this NATS instead of starting one (its users/permissions are then the operator's business). */
  natsUrl?: string;
  natsPort: number;
  /** nats-server's monitoring port (/varz, /connz, /jsz on 127.0.0.1); none unless given (the bench reads messages per request). */
  natsMonitorPort?: number;
  databaseUrl?: string;
  pgPort: number;
  host: string;
  port: number;
  /** Reporting departments (the joint office's key is held by the coordination service). */
  departments: readonly string[];
  units: readonly string[];
}

export interface RunningHub {
  url: string;
  credentialsFile: string;
  stop(): Promise<void>;
}

const say = (message: string): void => console.log(`[hub] ${message}`);

/** Brings up the whole hub on loopback: NATS, PostgreSQL, every department service and the gateway. */
export async function launchHub(options: LaunchOptions): Promise<RunningHub> {
  const home = resolve(options.home);
  // The home itself stays traversable (under root PostgreSQL runs as "postgres" and needs to reach
  // .hub/postgres); what is secret inside it (logs, secrets/, the seed files) is owner-only.
  await mkdir(home, { recursive: true });
  await mkdir(join(home, 'logs'), { recursive: true, mode: 0o700 });
  await chmod(join(home, 'logs'), 0o700);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(`[hub] stop: ${(error as Error).message}`));
  };
  try {
    // The services run their JavaScript build (dist/server); `npm start` builds first, but a launch from the
    // sources (the bench, a script) must not start yesterday's code: whatever is stale is built here (no-op when fresh).
    const build = await buildServer(process.cwd());
    if (build.built > 0) say(`built ${build.built} changed file(s) into ${build.outDir}`);
    const { secrets } = await loadOrCreateNatsSecrets(join(home, 'nats-secrets.json'));
    if (!options.natsUrl) findNatsServer(); // fails at once, saying how to install it
    if (!options.natsUrl) say(`starting nats-server on 127.0.0.1:${options.natsPort} (store ${join(home, 'nats', 'store')})`);
    const nats = options.natsUrl ? undefined : await startLocalNats({ hubDir: home, port: options.natsPort, httpPort: options.natsMonitorPort });
    if (nats) stops.push(() => nats.stop());
    const natsUrl = options.natsUrl ?? nats?.url ?? '';
    await ensureStream(natsUrl, secrets);

    const database = await databaseUrlFiles(home, options);
    if (database.stop) stops.push(database.stop);
    const { urlFiles } = database;

    const seeds = await signingSeeds(home, options.departments);
    const credentialsFile = join(home, 'credentials.json');
    const credentials = await loadOrCreateJson(credentialsFile, () => generateCredentials(options.units), (doc) => completeCredentials(doc, options.units));
    await writeSecretJson(credentialsFile, credentials.value);

    // Every secret a service gets is a file of its own directory (.hub/secrets/<service>/, 0600).
    const natsEnv = async (principal: Principal, service: string): Promise<Record<string, string>> => ({
      NATS_URL: natsUrl,
      ...(options.natsUrl
        ? {}
        : { HUB_NATS_SEED_FILE: await writeServiceSecret(home, service, 'nats-seed', secrets.users[principal].seed), HUB_INBOX_PREFIX: inboxPrefixFor(principal) }),
    });
    const signingSeedFile = (service: string, holder: string): Promise<string> => writeServiceSecret(home, service, 'signing-seed', seeds[holder] ?? '');
    const departmentServices = await Promise.all(
      options.departments.map(
        async (department) =>
          new ServiceProcess({
            name: `department-${department}`,
            entry: compiledEntry('apps/department/src/main.ts'),
            env: {
              ...(await natsEnv(`dept:${department}` as Principal, `department-${department}`)),
              HUB_DEPARTMENT: department,
              // One process per department here: a stable seal chain name, so a restart continues its chain and
              // seals what a crash left unsealed at once (not a minute later, as a peer's).
              HUB_INSTANCE: 'local',
              // The folded state between runs: a restart reads only what was stored after the last snapshot.
              HUB_INDEX_SNAPSHOT_DIR: join(home, 'snapshots'),
              HUB_SIGNING_SEED_FILE: await signingSeedFile(`department-${department}`, department),
            },
            logFile: join(home, 'logs', `department-${department}.log`),
          }),
      ),
    );
    const projector = new ServiceProcess({
      name: 'projector',
      entry: compiledEntry('apps/projector/src/main.ts'),
      env: { ...(await natsEnv('projector', 'projector')), DATABASE_URL_FILE: urlFiles.projector },
      logFile: join(home, 'logs', 'projector.log'),
    });
    const coordination = new ServiceProcess({
      name: 'coordination',
      entry: compiledEntry('apps/coordination/src/main.ts'),
      env: { ...(await natsEnv('coordination', 'coordination')), DATABASE_URL_FILE: urlFiles.coordination, HUB_SIGNING_SEED_FILE: await signingSeedFile('coordination', 'joint'), HUB_INSTANCE: 'local' },
      logFile: join(home, 'logs', 'coordination.log'),
    });
    const gateway = new ServiceProcess({
      name: 'gateway',
      entry: compiledEntry('apps/gateway/src/main.ts'),
      env: {
        ...(await natsEnv('gateway', 'gateway')),
        HOST: options.host,
        PORT: String(options.port),
        HUB_CREDENTIALS_FILE: credentialsFile,
        DATABASE_URL_FILE: urlFiles.gateway,
        HUB_KEY_REGISTRY: process.env.HUB_KEY_REGISTRY ?? join(home, 'keys', 'registry.json'),
        // /health/ready waits for exactly the services started here.
        HUB_READINESS_SERVICES: [...options.departments.map(departmentHealthService), 'projector', 'coordination'].join(','),
      },
      logFile: join(home, 'logs', 'gateway.log'),
    });
    // Coordination and the projector restore the most state, so they start first: queued behind thirteen
    // departments they began the longest start-ups last (a restart holding 200k events: 76 s to ready).
    const services = [coordination, projector, ...departmentServices, gateway];
    stops.push(async () => {
      await Promise.all(services.map((service) => service.stop()));
    });
    const concurrency = startConcurrency();
    say(`starting ${services.length} services, ${concurrency} at a time (logs in ${join(home, 'logs')})`);
    let started = 0;
    const launchedAt = performance.now();
    await forEachInPool(services, concurrency, async (service) => {
      const since = performance.now();
      await service.start();
      started += 1;
      const s = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
      say(`${service.name} ready (${started}/${services.length}; ${s(since)} s to start, ${s(launchedAt)} s since launch)`);
    });
    return { url: `http://${options.host}:${options.port}`, credentialsFile, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * HUB_START_CONCURRENCY: services starting at once (default twice the cores, at least 2). Sixteen processes
 * compiling and rebuilding their state together on two cores made NATS consumer creation and connects time out.
 */
function startConcurrency(): number {
  const value = process.env['HUB_START_CONCURRENCY'];
  if (value === undefined || value === '') return Math.max(2, 2 * availableParallelism());
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`HUB_START_CONCURRENCY must be a whole number ≥ 1 (got "${value}")`);
  return Number(value);
}

/** HUB_ACCESS_LOG_MAX_AGE_DAYS: how long the access log is kept (default 180 days, 等保三级 asks ≥ 6 months). */
function accessLogMaxAgeDays(): number {
  const value = process.env['HUB_ACCESS_LOG_MAX_AGE_DAYS'];
  if (value === undefined || value === '') return DEFAULT_ACCESS_MAX_AGE_DAYS;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`HUB_ACCESS_LOG_MAX_AGE_DAYS must be a whole number of days ≥ 1 (got "${value}")`);
  return Number(value);
}

async function ensureStream(natsUrl: string, secrets: NatsSecrets): Promise<void> {
  const nc = await connect({ servers: natsUrl, ...natsClientOptions(secrets, 'admin') });
  try {
    await ensureEventStream(await jetstreamManager(nc));
    await ensureAccessStream(await jetstreamManager(nc), { maxAgeDays: accessLogMaxAgeDays() });
    await ensureAttachmentBucket(nc);
  } finally {
    await nc.close();
  }
}

/**
 * Each service's database URL as a file. Without DATABASE_URL: the embedded PostgreSQL, one role per
 * service. With it (an operator's database): HUB_<SERVICE>_DATABASE_URL(_FILE) when the operator made the
 * roles of the README, else DATABASE_URL for every service.
 */
async function databaseUrlFiles(home: string, options: LaunchOptions): Promise<{ urlFiles: Record<RoleService, string>; stop?: () => Promise<void> }> {
  if (!options.databaseUrl) {
    say(`starting embedded PostgreSQL on 127.0.0.1:${options.pgPort} (data ${join(home, 'postgres')}, roles ${Object.values(SERVICE_ROLES).join(', ')})`);
    const statementTimeout = readSecret('HUB_STATEMENT_TIMEOUT_MS');
    return startLocalPostgres(home, options.pgPort, statementTimeout ? { gatewayStatementTimeoutMs: Number(statementTimeout) } : {});
  }
  const urlFiles = {} as Record<RoleService, string>;
  for (const service of Object.keys(SERVICE_ROLES) as RoleService[]) {
    const url = readSecret(`HUB_${service.toUpperCase()}_DATABASE_URL`) ?? options.databaseUrl;
    urlFiles[service] = await writeServiceSecret(home, service, 'database-url', url);
  }
  return { urlFiles };
}

/** Department signing seeds (private) and the public registry auditors verify against. */
async function signingSeeds(home: string, departments: readonly string[]): Promise<Record<string, string>> {
  const all = [...departments, 'joint'];
  const { value: seeds } = await loadOrCreateJson(join(home, 'keys', 'signing-seeds.json'), () => generateSigningSeeds(all), (doc) => parseSigningSeeds(doc, all));
  const registryFile = join(home, 'keys', 'registry.json');
  // Validated (format and rotation rule) so a hand-edited registry fails here, not at the auditor's desk.
  const { value: registry } = await loadOrCreateJson<KeyRegistry>(registryFile, () => ({ version: 1, keys: [] }), (doc) => parseKeyRegistry(doc, registryFile));
  await writeSecretJson(registryFile, registerKeys(registry, seeds, new Date()));
  return seeds;
}

