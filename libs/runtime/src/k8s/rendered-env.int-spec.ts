// The environment the manifests and the compose file give each workload, run for real: the secrets
// `deploy:secrets` renders (written as it writes them), NATS with the install's nkey users and permissions,
// PostgreSQL with the rendered per-service roles. Proves more than "the names exist": each service starts
// from exactly that environment, as its own principal and its own role.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EVENT_STREAM } from '@hub/event-store';
import { freePort } from '../free-port.js';
import { ServiceProcess } from '../hub/service-process.js';
import { startTestNats, type TestNats } from '../nats-server.js';
import { startScratchPostgres, type ScratchPostgres } from '../scratch-postgres.js';
import { workloadEnv } from './environment.js';
import { installFiles, rolesSql } from './install-files.js';
import { databaseUrl, generateMaterial, type InstallMaterial } from './install-material.js';
import { COORDINATION, GATEWAY, KEY_REGISTRY_DIR, PROJECTOR, SECRETS_DIR, STREAM_INIT, databaseRole, departmentWorkload, type HubWorkload } from './names.js';

const run = promisify(execFile);

describe('the rendered workload environment runs the services (int)', () => {
  let material: InstallMaterial;
  let nats: TestNats;
  let postgres: ScratchPostgres;
  let dir: string;
  const services: ServiceProcess[] = [];

  /** The workload's compose/Kubernetes environment, with its secret directory and database where this test has them. */
  const envOf = async (workload: HubWorkload): Promise<Record<string, string>> => {
    const env: Record<string, string> = {};
    for (const e of workloadEnv(workload, { natsUrl: nats.url, natsCa: false, heapMiB: 512, streamReplicas: 1 })) {
      env[e.name] = 'value' in e ? e.value.replace(SECRETS_DIR, join(dir, 'compose', workload.name)).replace(KEY_REGISTRY_DIR, join(dir, 'compose', 'keys')) : e.fromSecret;
    }
    // The installed database URL names the compose host `postgres`; this test's server listens elsewhere.
    if (env['DATABASE_URL_FILE']) {
      const local = join(dir, 'local', workload.name, 'database-url');
      await mkdir(dirname(local), { recursive: true });
      await writeFile(local, databaseUrl(databaseRole(workload), material.database.roles[databaseRole(workload)] ?? '', `127.0.0.1:${postgres.port}`), { mode: 0o600 });
      env['DATABASE_URL_FILE'] = local;
    }
    if (env['HUB_HEALTH_PORT']) env['HUB_HEALTH_PORT'] = String(await freePort());
    if (env['PORT']) Object.assign(env, { PORT: String(await freePort()), HOST: '127.0.0.1' });
    return env;
  };

  beforeAll(async () => {
    material = generateMaterial();
    nats = await startTestNats({ secrets: material.nats });
    postgres = await startScratchPostgres('hub-k8s-env-pg-');
    dir = await mkdtemp(join(tmpdir(), 'hub-k8s-env-'));
    for (const [path, file] of installFiles(material, { caCert: 'CA', serverCert: 'CERT', serverKey: 'KEY' }, { namespace: 'net-sword', k8sDatabaseHost: 'x:5432' })) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), file.text, { mode: file.mode });
    }
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      await client.query(`CREATE ROLE hub LOGIN PASSWORD '${material.database.owner}'`);
      await client.query('ALTER DATABASE hub OWNER TO hub');
      await client.query(rolesSql(material));
    } finally {
      await client.end();
    }
  });

  afterAll(async () => {
    for (const service of services) await service.stop();
    await nats?.cleanup();
    await postgres?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('given stream-init’s environment (admin seed file), when it runs, then the event stream exists', async () => {
    await run(process.execPath, ['--import', '@swc-node/register/esm-register', STREAM_INIT.entry], { env: { ...process.env, ...(await envOf(STREAM_INIT)) } });
    const nc = await connect(nats.connectOptions('admin'));
    try {
      expect((await (await jetstreamManager(nc)).streams.info(EVENT_STREAM)).config.num_replicas).toBe(1);
    } finally {
      await nc.close();
    }
  });

  it.each([departmentWorkload('samr'), PROJECTOR, COORDINATION])('given $name’s environment, when it starts, then its probe port answers live and ready', async (workload) => {
    const env = await envOf(workload);
    const service = new ServiceProcess({ name: workload.name, entry: workload.entry, env, logFile: join(dir, `${workload.name}.log`) });
    services.push(service);
    await service.start(); // resolves on the service's own "ready" (IPC), not on a timer
    const base = `http://127.0.0.1:${env['HUB_HEALTH_PORT']}`;
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('given the gateway’s environment, when it starts, then its readiness names the NATS stream, PostgreSQL and the services running here as ready', async () => {
    const env = await envOf(GATEWAY);
    const service = new ServiceProcess({ name: GATEWAY.name, entry: GATEWAY.entry, env, logFile: join(dir, 'gateway.log') });
    services.push(service);
    await service.start();
    const base = `http://127.0.0.1:${env['PORT']}`;
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    const { checks } = (await ready.json()) as { checks: Record<string, boolean> };
    // Twelve departments are not started here, so the whole hub is not ready; what runs is.
    expect(ready.status).toBe(503);
    expect({ nats: checks['nats'], postgres: checks['postgres'], samr: checks['dept.samr'], projector: checks['projector'], coordination: checks['coordination'], police: checks['dept.police'] }).toEqual({
      nats: true,
      postgres: true,
      samr: true,
      projector: true,
      coordination: true,
      police: false,
    });
  });

  it('given the projector connected as its own role, then what it created is owned by `hub` (the role acts as the owner)', async () => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const owners = await client.query<{ tableowner: string }>("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'projection'");
      expect(owners.rows.map((r) => r.tableowner)).toEqual(['hub']);
    } finally {
      await client.end();
    }
  });
});
