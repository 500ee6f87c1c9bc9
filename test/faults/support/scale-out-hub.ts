import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { departmentHealthService, reportingUnits } from '@hub/domain';
import { ensureAccessStream, ensureAttachmentBucket, eventStreamConfig, EVENT_STREAM } from '@hub/event-store';
import {
  createTestDatabase,
  freePort,
  generateCredentials,
  generateNatsSecrets,
  generateSigningSeeds,
  inboxPrefixFor,
  natsClientOptions,
  registerKeys,
  startLoopbackCluster,
  type Credentials,
  type NatsSecrets,
  type Principal,
  type RunningNats,
  type TestDatabase,
} from '@hub/runtime';
import { builtServiceArgs, killProcess, spawnServiceProcess } from './processes.js';

const ENTRIES = {
  department: 'apps/department/src/main.ts',
  projector: 'apps/projector/src/main.ts',
  coordination: 'apps/coordination/src/main.ts',
  gateway: 'apps/gateway/src/main.ts',
} as const;

/** One hub process of the drill: killable, with the moment it said it was ready. */
export interface HubProcess {
  name: string;
  child: ChildProcess;
  ready: Promise<number>;
  log: string;
}

/**
 * The hub spread over processes on loopback, as it runs scaled out: a 3-node NATS cluster holding the R3
 * streams, one PostgreSQL database, and each service started as its own process (any number of each) against
 * a chosen node, so that any of them can be killed -9.
 */
export class ScaleOutHub {
  readonly servers: RunningNats[] = [];
  readonly processes: HubProcess[] = [];
  readonly credentials: Credentials;
  admin!: NatsConnection;
  db!: TestDatabase;
  private nodeNames: string[] = [];
  /** `node`'s arguments per service entry point: the JavaScript build, as the launcher runs it. */
  private readonly nodeArgs = new Map<string, string[]>();

  private constructor(
    readonly dir: string,
    readonly secrets: NatsSecrets,
    readonly departments: readonly string[],
    readonly seeds: Record<string, string>,
  ) {
    this.credentials = generateCredentials(reportingUnits(2021).filter((unit) => departments.includes(unit.split('/')[0] ?? '')));
  }

  static async start(departments: readonly string[]): Promise<ScaleOutHub> {
    const hub = new ScaleOutHub(await mkdtemp(join(tmpdir(), 'hub-fault-scale-out-')), generateNatsSecrets(), departments, generateSigningSeeds([...departments, 'joint']));
    try {
      for (const entry of Object.values(ENTRIES)) hub.nodeArgs.set(entry, await builtServiceArgs(entry));
      hub.nodeNames = (await startLoopbackCluster(hub.dir, hub.secrets, hub.servers)).map((node) => node.name);
      await Promise.all(hub.servers.map((s) => s.waitForLog(/metadata leader/, 60_000))); // elections run late on a loaded machine
      hub.admin = await connect({ servers: hub.servers.map((s) => s.url), ...natsClientOptions(hub.secrets, 'admin') });
      const jsm = await jetstreamManager(hub.admin);
      await jsm.streams.add(eventStreamConfig({ replicas: 3 }));
      await ensureAccessStream(jsm, { replicas: 3 });
      await ensureAttachmentBucket(hub.admin, { replicas: 3 });
      hub.db = await createTestDatabase();
      const { admin: _admin, ...tokens } = hub.credentials;
      await writeFile(hub.credentialsFile, JSON.stringify(tokens));
      await writeFile(hub.registryFile, JSON.stringify(registerKeys({ keys: [] }, hub.seeds, new Date(Date.now() - 60_000))));
      return hub;
    } catch (error) {
      await hub.stop();
      throw error;
    }
  }

  get credentialsFile(): string {
    return join(this.dir, 'credentials.json');
  }

  get registryFile(): string {
    return join(this.dir, 'registry.json');
  }

  /** The node (index into `servers`) leading the event stream now. */
  async streamLeader(): Promise<number> {
    const info = await (await jetstreamManager(this.admin)).streams.info(EVENT_STREAM);
    return this.nodeNames.indexOf(info.cluster?.leader ?? '');
  }

  department(department: string, instance: string, node: number): HubProcess {
    return this.spawn(`department-${department}-${instance}`, ENTRIES.department, node, `dept:${department}` as Principal, {
      HUB_DEPARTMENT: department,
      HUB_INSTANCE: instance,
      HUB_SIGNING_SEED: this.seeds[department] ?? '',
      HUB_SHUTDOWN_GRACE_MS: '0',
    });
  }

  projector(name: string, node: number): HubProcess {
    return this.spawn(name, ENTRIES.projector, node, 'projector', { DATABASE_URL: this.db.url, HUB_PROJECTOR_BATCH: '500' });
  }

  coordination(name: string, node: number): HubProcess {
    return this.spawn(name, ENTRIES.coordination, node, 'coordination', {
      DATABASE_URL: this.db.url,
      HUB_SIGNING_SEED: this.seeds['joint'] ?? '',
      HUB_COORDINATION_BATCH: '200',
      // No deadline sweep over the wall clock mid-drill: joint events come of the correlations only.
      HUB_COORDINATION_TIMER_MS: '600000',
      HUB_CHECKPOINT_INTERVAL_MS: '0',
    });
  }

  /** A gateway on a free port; `url` is where clients reach it. */
  async gateway(name: string, node: number, intakeTimeoutMs: number): Promise<HubProcess & { url: string }> {
    const port = await freePort();
    const gateway = this.spawn(name, ENTRIES.gateway, node, 'gateway', {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: this.db.url,
      HUB_CREDENTIALS_FILE: this.credentialsFile,
      HUB_KEY_REGISTRY: this.registryFile,
      HUB_READINESS_SERVICES: [...this.departments.map(departmentHealthService), 'projector', 'coordination'].join(','),
      HUB_INTAKE_TIMEOUT_MS: String(intakeTimeoutMs),
      HUB_AUDIT_WORKERS: '1',
      // The drill's clients are few and fast; per-principal limits are the security suite's subject.
      HUB_RATE_PER_SECOND: '1000000',
      HUB_RATE_BURST: '1000000',
      HUB_CONCURRENCY: '1024',
    });
    return { ...gateway, url: `http://127.0.0.1:${port}` };
  }

  async stop(): Promise<void> {
    for (const { child } of this.processes) await killProcess(child, 'SIGKILL');
    await this.admin?.close().catch(() => undefined);
    await Promise.all(this.servers.map((s) => s.stop()));
    await this.db?.drop();
    // HUB_FAULT_KEEP_LOGS=1 keeps every process's log (and the NATS stores) for a look after a failed run.
    if (process.env['HUB_FAULT_KEEP_LOGS'] === '1') console.log(`scale-out drill: logs kept in ${this.dir}`);
    else await rm(this.dir, { recursive: true, force: true });
  }

  private spawn(name: string, entry: string, node: number, principal: Principal, env: Record<string, string>): HubProcess {
    const log = join(this.dir, `${name}.log`);
    const args = this.nodeArgs.get(entry);
    if (!args) throw new Error(`no build of ${entry}`);
    const { child, ready } = spawnServiceProcess(
      args,
      { NATS_URL: this.servers[node]?.url ?? '', HUB_NATS_SEED: this.secrets.users[principal].seed, HUB_INBOX_PREFIX: inboxPrefixFor(principal), ...env },
      log,
    );
    const started = { name, child, ready, log };
    this.processes.push(started);
    return started;
  }
}
