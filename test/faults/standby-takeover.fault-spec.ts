// Issue 18 §1: the projector runs active/standby. Two projector processes against one database: one holds the
// lease and works, the other waits (it projects nothing). kill -9 the active one mid-batch: the standby takes over
// within 5 s, resumes from the committed checkpoint, and the read models equal a fresh rebuild (nothing twice).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CheckpointRepository, campaignContributions, leaseHolder } from '@hub/persistence';
import { createTestDatabase, inboxPrefixFor, type TestDatabase } from '@hub/runtime';
import { EVENT_STREAM } from '@hub/event-store';
import { mixedScenario } from '../../libs/persistence/src/testing/scenario.js';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild.js';
import { ProjectorHarness } from '../support/projector-harness.js';
import { readModelSnapshot } from '../support/read-model-snapshot.js';
import { builtServiceArgs, killProcess, waitUntil } from './support/processes.js';

const PROJECTOR_ENTRY = 'apps/projector/src/main.ts';

describe('projector active/standby: the standby takes over when the active one is killed', () => {
  let hub: ProjectorHarness;
  let fresh: TestDatabase;
  let logDir: string;
  const children: ChildProcess[] = [];
  let projectorArgs: string[];

  beforeAll(async () => {
    hub = await ProjectorHarness.start();
    fresh = await createTestDatabase();
    logDir = await mkdtemp(join(tmpdir(), 'hub-fault-standby-'));
    projectorArgs = await builtServiceArgs(PROJECTOR_ENTRY);
  });

  afterAll(async () => {
    for (const child of children) await killProcess(child, 'SIGTERM');
    await hub?.stop();
    await fresh?.drop();
    if (logDir) await rm(logDir, { recursive: true, force: true });
  });

  /** A projector process; `ready` settles when it reports ready (for a standby: only once it has taken over). */
  const projector = (name: string): { child: ChildProcess; ready: Promise<number>; log: string } => {
    const log = join(logDir, `${name}.log`);
    const child = spawn(process.execPath, projectorArgs, {
      env: {
        ...process.env,
        NATS_URL: hub.nats.url,
        HUB_NATS_SEED: hub.nats.secrets.users.projector.seed,
        HUB_INBOX_PREFIX: inboxPrefixFor('projector'),
        DATABASE_URL: hub.db.url,
        HUB_PROJECTOR_BATCH: '500',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const out = createWriteStream(log, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
    children.push(child);
    const ready = new Promise<number>((resolve, reject) => {
      child.on('message', (message: unknown) => {
        if ((message as { ready?: boolean } | undefined)?.ready) resolve(Date.now());
      });
      child.once('exit', (code, signal) => reject(new Error(`${name} exited (code ${code}, signal ${signal})`)));
    });
    ready.catch(() => undefined);
    return { child, ready, log };
  };

  it('given an active projector and a standby, when the active one is killed mid-batch, then the standby takes over within 5 s and the read models equal a rebuild', async () => {
    const sql = await hub.sql();
    const checkpoints = new CheckpointRepository(sql);
    const checkpoint = (): Promise<number> => checkpoints.read('projector').catch(() => 0);

    // Both processes are up before any event exists: however long a process takes to start on this machine,
    // the active one cannot have projected everything before the standby waits.
    const active = projector('active');
    await active.ready;
    const standby = projector('standby');
    await waitUntil('the standby says it waits', async () => (await readFile(standby.log, 'utf8').catch(() => '')).includes('standby: another instance holds the projector lease'), 60_000, 50);
    expect(await leaseHolder(sql, 'projector')).toBeDefined();

    const before = await checkpoint();
    const publishing = hub.publish(mixedScenario(12_000, { seed: 41 }));
    await waitUntil('the active projector is inside a batch past the first quarter', async () => {
      if ((await checkpoint()) < before + 3_000) return false;
      const open = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'hub-projector' AND xact_start IS NOT NULL AND state <> 'idle'");
      return (open[0]?.n ?? 0) > 0;
    }, 120_000, 1);
    // The standby works on nothing: it is the one session waiting for the lease.
    expect(await sql.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = 6513002")).toEqual([{ n: 1 }]);
    const killedAt = Date.now();
    await killProcess(active.child);
    const tookOverAt = await standby.ready;
    const takeoverMs = tookOverAt - killedAt;
    console.log(`standby took over ${takeoverMs} ms after kill -9 (lease wait + migrations check + first session)`);
    expect(takeoverMs).toBeLessThan(5_000);
    expect(await readFile(standby.log, 'utf8')).toMatch(/took over after/);

    await publishing;
    const more = await hub.publish(mixedScenario(500, { seed: 42 }));
    const end = more.at(-1) ?? 0;
    await waitUntil(`the standby reached seq ${end}`, async () => (await checkpoint()) >= end, 180_000, 100);
    await rebuildReadModels({ nc: hub.admin, databaseUrl: fresh.url, stream: EVENT_STREAM, contributionsOf: campaignContributions(), batchSize: 2_000 });
    expect(await readModelSnapshot(sql)).toEqual(await readModelSnapshot(await hub.sql(fresh.url)));
  }, 300_000);
});
