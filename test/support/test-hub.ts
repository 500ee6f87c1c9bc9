import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext, INestMicroservice } from '@nestjs/common';
import pg from 'pg';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DEFAULT_QUOTA_SETTINGS, departmentHealthService, reportingUnits, type QuotaSettings } from '@hub/domain';
import { connectWithRedial, ensureAccessStream, ensureAttachmentBucket, ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import {
  freePort,
  generateCredentials,
  generateSigningSeeds,
  inboxPrefixFor,
  registerKeys,
  createTestDatabase,
  type Credentials,
  type TestDatabase,
  type Principal,
} from '@hub/runtime';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { startDepartmentService } from '../../apps/department/src/main.js';
import type { DepartmentConfig } from '../../apps/department/src/department.config.js';
import { startGateway } from '../../apps/gateway/src/main.js';
import { startProjector } from '../../apps/projector/src/main.js';
import { Signal } from './batch-signal.js';
import { DEFAULT_BODY_LIMIT, type GatewayConfig } from '../../apps/gateway/src/gateway.config.js';
import { startCoordination } from '../../apps/coordination/src/main.js';
import { outboxPendingCountSql } from '../../apps/coordination/src/persistence/index.js';
import type { CoordinationConfig } from '../../apps/coordination/src/coordination.config.js';

/** What the submit endpoint answers, loosely typed for assertions. */
export interface SubmissionBody {
  results: { id: string; subject: string; version: number; seq: number; duplicate: boolean; flags?: string[]; error?: { code: string } }[];
  code?: string;
  conflicts?: { id: string; expectedVersion: number; currentVersion: number }[];
  fields?: { path: string; message: string }[];
}

/** Far above any functional suite's pace; the security suites pass their own `gateway.limits`. */
const FUNCTIONAL_SUITE_LIMITS = { ratePerSecond: 1_000_000, burst: 1_000_000, concurrency: 1_024 };

export interface TestHubOptions {
  departments: readonly string[];
  /** Also run the projector into a database of this suite, and let the gateway read it. */
  projector?: boolean;
  duplicateWindowMs?: number;
  maxBatch?: number;
  /** The gateway's "now" (overdue referrals); default the system clock. */
  clock?: () => Date;
  /** Also run the coordination service (needs `projector`); `hub.coordinated()` waits for it. */
  coordination?: boolean | Partial<CoordinationConfig>;
  /**
   * Give the gateway the bootstrap admin of `.hub/credentials.json` (its role.granted is then a joint event
   * in the stream, which suites counting joint events do not expect).
   */
  people?: boolean;
  /** Called after each projector batch commits, with the last stream sequence it applied. */
  onProjected?: (lastSeq: number) => void;
  /** The department services' quotas (default: the hub's defaults, far above what a suite stores). */
  quotas?: QuotaSettings;
  /** Gateway settings to override (limits, timeouts, readiness services…). */
  gateway?: Partial<GatewayConfig>;
}

/**
 * A whole hub for one e2e suite: its own nats-server (free port, temp store, generated nkey users and
 * permissions), the HUB_EVENTS stream, department services and the gateway in this process.
 */
export class TestHub {
  readonly departments = new Map<string, INestMicroservice>();
  gateway!: INestApplication;
  url = '';
  admin!: NatsConnection;
  readonly seeds: Record<string, string>;
  readonly credentials: Credentials;
  projector: INestApplicationContext | undefined;
  database: TestDatabase | undefined;
  private readonly batches = new Signal();
  coordination: INestApplicationContext | undefined;
  private readonly coordinationProgress = new Signal();

  private constructor(
    readonly nats: TestNats,
    private readonly dir: string,
    private readonly options: TestHubOptions,
  ) {
    this.seeds = generateSigningSeeds([...options.departments, 'joint']);
    this.credentials = generateCredentials(reportingUnits(2021));
  }

  static async start(options: TestHubOptions): Promise<TestHub> {
    const nats = await startTestNats();
    const hub = new TestHub(nats, await mkdtemp(join(tmpdir(), 'hub-e2e-')), options);
    try {
      hub.admin = await hub.connectAs('admin');
      await ensureEventStream(await jetstreamManager(hub.admin), { duplicateWindowMs: options.duplicateWindowMs ?? 120_000 });
      await ensureAccessStream(await jetstreamManager(hub.admin));
      await ensureAttachmentBucket(hub.admin);
      for (const department of options.departments) await hub.startDepartment(department);
      if (options.projector) await hub.startProjector();
      if (options.coordination) await hub.startCoordination();
      await hub.startGateway();
      return hub;
    } catch (error) {
      await hub.stop();
      throw error;
    }
  }

  /** Dials again on a stalled handshake, as the services do (a suite once lost all its tests to one). */
  connectAs(principal: Principal): Promise<NatsConnection> {
    return connectWithRedial((dialTimeoutMs) => ({ ...this.nats.connectOptions(principal), name: `test-${principal}`, timeout: dialTimeoutMs }));
  }

  token(unit: string): string {
    const token = this.credentials.units[unit];
    if (!token) throw new Error(`no token for ${unit}`);
    return token;
  }

  departmentConfig(department: string): DepartmentConfig {
    const principal = `dept:${department}` as Principal;
    return {
      department,
      natsUrl: this.nats.url,
      natsSeed: this.nats.secrets.users[principal].seed,
      inboxPrefix: inboxPrefixFor(principal),
      signingSeed: this.seeds[department] ?? '',
      stream: EVENT_STREAM,
      maxBatch: this.options.maxBatch ?? 10_000,
      shutdownGraceMs: 0,
      quotas: this.options.quotas ?? DEFAULT_QUOTA_SETTINGS,
    };
  }

  async startDepartment(department: string): Promise<void> {
    this.departments.set(department, await startDepartmentService(this.departmentConfig(department)));
  }

  async stopDepartment(department: string): Promise<void> {
    await this.departments.get(department)?.close();
    this.departments.delete(department);
  }

  private async startProjector(): Promise<void> {
    this.database = await createTestDatabase();
    this.projector = await startProjector(
      {
        natsUrl: this.nats.url,
        natsSeed: this.nats.secrets.users.projector.seed,
        inboxPrefix: inboxPrefixFor('projector'),
        databaseUrl: this.database.url,
        stream: EVENT_STREAM,
        consumer: 'projector',
        schema: 'projection',
        batchSize: 2_000,
      },
      {
        onBatch: (outcome) => {
          this.batches.notify();
          this.options.onProjected?.(outcome.lastSeq);
        },
      },
    );
  }

  coordinationConfig(): CoordinationConfig {
    const overrides = typeof this.options.coordination === 'object' ? this.options.coordination : {};
    return {
      natsUrl: this.nats.url,
      natsSeed: this.nats.secrets.users.coordination.seed,
      inboxPrefix: inboxPrefixFor('coordination'),
      signingSeed: this.seeds['joint'] ?? '',
      databaseUrl: this.database?.url ?? '',
      stream: EVENT_STREAM,
      consumer: 'coordination',
      schema: 'coordination',
      readModelSchema: 'projection',
      batchSize: 500,
      timerIntervalMs: 60_000,
      // Joint events are compared between runs: checkpoints only where a test asks for them.
      checkpointIntervalMs: 0,
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      ...overrides,
    };
  }

  async startCoordination(config: Partial<CoordinationConfig> = {}): Promise<void> {
    this.coordination = await startCoordination({ ...this.coordinationConfig(), ...config }, { onProgress: () => this.coordinationProgress.notify() });
  }

  async stopCoordination(): Promise<void> {
    await this.coordination?.close();
    this.coordination = undefined;
  }

  /**
   * Waits (no sleeping) until coordination has committed everything in the stream, published its
   * outbox, and the projector has applied the joint events that came of it.
   */
  async coordinated(maxRounds = 1_000): Promise<void> {
    const client = new pg.Client({ connectionString: this.database?.url });
    await client.connect();
    try {
      for (let i = 0; i < maxRounds; i += 1) {
        const next = this.coordinationProgress.next();
        const target = (await (await jetstreamManager(this.admin)).streams.info(EVENT_STREAM)).state.last_seq;
        const { rows } = await client.query<{ last_seq: string; pending: string }>(
          `select (select last_seq from coordination.coordination_checkpoint where name = 'coordination') as last_seq,
                  ${outboxPendingCountSql('coordination')} as pending`,
        );
        if (Number(rows[0]?.last_seq ?? 0) >= target && Number(rows[0]?.pending ?? 1) === 0) {
          await this.projected();
          return;
        }
        await next;
      }
      throw new Error('coordination did not catch up');
    } finally {
      await client.end();
    }
  }

  /** Waits, batch by batch (no sleeping), until the projector has applied everything stored so far. */
  async projected(maxBatches = 1_000): Promise<void> {
    const target = (await (await jetstreamManager(this.admin)).streams.info(EVENT_STREAM)).state.last_seq;
    const client = new pg.Client({ connectionString: this.database?.url });
    await client.connect();
    try {
      for (let i = 0; i < maxBatches; i += 1) {
        const next = this.batches.next();
        const { rows } = await client.query<{ last_seq: string }>("select last_seq from projection.projector_checkpoint where name = 'projector'");
        if (Number(rows[0]?.last_seq ?? 0) >= target) return;
        await next;
      }
      throw new Error(`projection did not reach ${target}`);
    } finally {
      await client.end();
    }
  }

  async get(path: string, auth: { unit?: string; token?: string } = {}): Promise<Response> {
    const token = auth.token ?? (auth.unit ? this.token(auth.unit) : undefined);
    return fetch(`${this.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  /** The public-key registry of this hub's signing seeds (what auditors verify against). */
  get registryFile(): string {
    return join(this.dir, 'registry.json');
  }

  private async startGateway(): Promise<void> {
    const credentialsFile = join(this.dir, 'credentials.json');
    const { admin, ...tokens } = this.credentials;
    await writeFile(credentialsFile, JSON.stringify(this.options.people ? { ...tokens, admin } : tokens));
    await writeFile(this.registryFile, JSON.stringify(registerKeys({ keys: [] }, this.seeds, new Date(Date.now() - 60_000))));
    const config: GatewayConfig = {
      host: '127.0.0.1',
      port: await freePort(),
      natsUrl: this.nats.url,
      natsSeed: this.nats.secrets.users.gateway.seed,
      inboxPrefix: inboxPrefixFor('gateway'),
      credentialsFile,
      ...(this.database ? { databaseUrl: this.database.url } : {}),
      stream: EVENT_STREAM,
      maxBatch: this.options.maxBatch ?? 10_000,
      maxBodyBytes: DEFAULT_BODY_LIMIT,
      // Ready means every service this hub runs is ready (not the 13 departments a launched hub has).
      readinessServices: [
        ...this.options.departments.map(departmentHealthService),
        ...(this.options.projector ? ['projector'] : []),
        ...(this.options.coordination ? ['coordination'] : []),
      ],
      intakeTimeoutMs: 30_000,
      keyRegistryFile: this.registryFile,
      auditWorkers: 1,
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      // Functional suites fire hundreds of tiny requests a second from one token (a fast CI machine passed the
      // default 500/s in bad-input); the per-principal rate is the security suites' subject, and they set it.
      limits: FUNCTIONAL_SUITE_LIMITS,
      ...this.options.gateway,
    };
    this.gateway = await startGateway(config);
    this.url = `http://127.0.0.1:${config.port}`;
  }

  /** POSTs a submission as `unit` (or with the given token) and returns status and body. */
  async submit(department: string, body: unknown, auth: { unit?: string; token?: string } = {}): Promise<{ status: number; body: SubmissionBody }> {
    const token = auth.token ?? (auth.unit ? this.token(auth.unit) : undefined);
    const response = await fetch(`${this.url}/api/v1/departments/${department}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as SubmissionBody };
  }

  /**
   * How many events the stream holds (`hub.evt.>`), in one snapshot: seals (which departments and the joint office
   * publish asynchronously beside their events) and checkpoints' seals are not counted.
   */
  async storedEvents(): Promise<number> {
    const jsm = await jetstreamManager(this.admin);
    const subjects = (await jsm.streams.info(EVENT_STREAM, { subjects_filter: 'hub.evt.>' })).state.subjects ?? {};
    return Object.values(subjects).reduce((sum, n) => sum + n, 0);
  }

  async stop(): Promise<void> {
    await this.gateway?.close();
    for (const department of [...this.departments.keys()]) await this.stopDepartment(department);
    await this.coordination?.close();
    await this.projector?.close();
    await this.database?.drop();
    await this.admin?.drain().catch(() => undefined);
    await this.nats.cleanup();
    await rm(this.dir, { recursive: true, force: true });
  }
}
