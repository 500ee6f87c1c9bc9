import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { ensureEventStream } from '@hub/event-store';
import { inboxPrefixFor, type Principal } from '../principals.js';
import { loadOrCreateNatsSecrets, natsClientOptions, type NatsSecrets } from '../nats-secrets.js';
import { findNatsServer } from '../nats-server.js';
import { startLocalNats } from '../local-nats.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../embedded-postgres.js';
import { completeCredentials, generateCredentials } from './credentials.js';
import { loadOrCreateJson, writeSecretJson } from './secret-file.js';
import { departmentHealthService, parseKeyRegistry } from '@hub/domain';
import { generateSigningSeeds, parseSigningSeeds, registerKeys, type KeyRegistry } from './signing-keys.js';
import { ServiceProcess } from './service-process.js';

export interface LaunchOptions {
  home: string;
  /** Use this NATS instead of starting one (its users/permissions are then the operator's business). */
  natsUrl?: string;
  natsPort: number;
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
  await mkdir(join(home, 'logs'), { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(`[hub] stop: ${(error as Error).message}`));
  };
  try {
    const { secrets } = await loadOrCreateNatsSecrets(join(home, 'nats-secrets.json'));
    if (!options.natsUrl) findNatsServer(); // fails at once, saying how to install it
    if (!options.natsUrl) say(`starting nats-server on 127.0.0.1:${options.natsPort} (store ${join(home, 'nats', 'store')})`);
    const nats = options.natsUrl ? undefined : await startLocalNats({ hubDir: home, port: options.natsPort });
    if (nats) stops.push(() => nats.stop());
    const natsUrl = options.natsUrl ?? nats?.url ?? '';
    await ensureStream(natsUrl, secrets);

    const database = options.databaseUrl ? undefined : await startLocalPostgres(home, options.pgPort);
    if (database) stops.push(() => database.stop());
    const databaseUrl = options.databaseUrl ?? database?.url ?? '';

    const seeds = await signingSeeds(home, options.departments);
    const credentialsFile = join(home, 'credentials.json');
    const credentials = await loadOrCreateJson(credentialsFile, () => generateCredentials(options.units), (doc) => completeCredentials(doc, options.units));
    await writeSecretJson(credentialsFile, credentials.value);

    const natsEnv = (principal: Principal): Record<string, string> => ({
      NATS_URL: natsUrl,
      ...(options.natsUrl ? {} : { HUB_NATS_SEED: secrets.users[principal].seed, HUB_INBOX_PREFIX: inboxPrefixFor(principal) }),
    });
    const services = [
      ...options.departments.map(
        (department) =>
          new ServiceProcess({
            name: `department-${department}`,
            entry: 'apps/department/src/main.ts',
            env: { ...natsEnv(`dept:${department}` as Principal), HUB_DEPARTMENT: department, HUB_SIGNING_SEED: seeds[department] ?? '' },
            logFile: join(home, 'logs', `department-${department}.log`),
          }),
      ),
      new ServiceProcess({
        name: 'projector',
        entry: 'apps/projector/src/main.ts',
        env: { ...natsEnv('projector'), DATABASE_URL: databaseUrl },
        logFile: join(home, 'logs', 'projector.log'),
      }),
      new ServiceProcess({
        name: 'coordination',
        entry: 'apps/coordination/src/main.ts',
        env: { ...natsEnv('coordination'), DATABASE_URL: databaseUrl, HUB_SIGNING_SEED: seeds['joint'] ?? '' },
        logFile: join(home, 'logs', 'coordination.log'),
      }),
      new ServiceProcess({
        name: 'gateway',
        entry: 'apps/gateway/src/main.ts',
        env: {
          ...natsEnv('gateway'),
          HOST: options.host,
          PORT: String(options.port),
          HUB_CREDENTIALS_FILE: credentialsFile,
          DATABASE_URL: databaseUrl,
          HUB_KEY_REGISTRY: process.env.HUB_KEY_REGISTRY ?? join(home, 'keys', 'registry.json'),
          // /health/ready waits for exactly the services started here.
          HUB_READINESS_SERVICES: [...options.departments.map(departmentHealthService), 'projector', 'coordination'].join(','),
        },
        logFile: join(home, 'logs', 'gateway.log'),
      }),
    ];
    stops.push(async () => {
      await Promise.all(services.map((service) => service.stop()));
    });
    say(`starting ${services.length} services (logs in ${join(home, 'logs')})`);
    let started = 0;
    await Promise.all(
      services.map(async (service) => {
        await service.start();
        started += 1;
        say(`${service.name} ready (${started}/${services.length})`);
      }),
    );
    return { url: `http://${options.host}:${options.port}`, credentialsFile, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function ensureStream(natsUrl: string, secrets: NatsSecrets): Promise<void> {
  const nc = await connect({ servers: natsUrl, ...natsClientOptions(secrets, 'admin') });
  try {
    await ensureEventStream(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

async function startLocalPostgres(home: string, port: number): Promise<RunningPostgres> {
  say(`starting embedded PostgreSQL on 127.0.0.1:${port} (data ${join(home, 'postgres')})`);
  return startEmbeddedPostgres({ dataDir: join(home, 'postgres'), port });
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

