// Issue 18 §1: coordination runs active/standby. The active process is killed (-9) while a batch's transaction is
// open; the standby, waiting on the lease meanwhile, takes over within 5 s and resumes from the checkpoint; its
// state and the joint events equal a clean run's — none lost, none appended twice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inboxPrefixFor } from '@hub/runtime';
import { CoordinationHarness } from '../support/coordination-harness.js';
import { outboxPendingCountSql } from '../../apps/coordination/src/persistence/index.js';
import { coordinationScenario } from '../support/coordination-scenario.js';
import { coordinationSnapshot, idsBySeq, jointEvents, jointOutcomeById } from '../support/coordination-snapshot.js';
import { readFile } from 'node:fs/promises';
import { leaseHolder } from '@hub/persistence';
import { killProcess, startServiceProcess, waitUntil } from './support/processes.js';

const COORDINATION_ENTRY = 'apps/coordination/src/main.ts';
const CAP = 6;

describe('coordination active/standby: the standby takes over when the active one is killed (-9) mid-batch', () => {
  let clean: CoordinationHarness;
  let killed: CoordinationHarness;
  let logDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    [clean, killed] = await Promise.all([CoordinationHarness.start(), CoordinationHarness.start()]);
    logDir = await mkdtemp(join(tmpdir(), 'hub-fault-coordination-standby-'));
  });

  afterAll(async () => {
    for (const child of children) await killProcess(child, 'SIGTERM');
    await clean?.stop();
    await killed?.stop();
    if (logDir) await rm(logDir, { recursive: true, force: true });
  });

  const environment = (): Record<string, string> => ({
    NATS_URL: killed.hub.nats.url,
    HUB_NATS_SEED: killed.hub.nats.secrets.users.coordination.seed,
    HUB_INBOX_PREFIX: inboxPrefixFor('coordination'),
    HUB_SIGNING_SEED: killed.seed,
    DATABASE_URL: killed.hub.db.url,
    HUB_COORDINATION_BATCH: '200',
    HUB_COORDINATION_TIMER_MS: '600000',
    // Joint events are compared with a clean run: no log checkpoint may slip into one of them.
    HUB_CHECKPOINT_INTERVAL_MS: '0',
    HUB_CORRELATION_CAP: String(CAP),
  });
  const startCoordinationProcess = async (): Promise<ChildProcess> => {
    const child = await startServiceProcess(
      COORDINATION_ENTRY,
      environment(),
      join(logDir, 'coordination.log'),
    );
    children.push(child);
    return child;
  };

  it('given an active coordination service and a standby, when the active one is killed inside a batch, then the standby takes over within 5 s and its joint events and state equal a clean run', async () => {
    // No answers to referrals: the service runs on the wall clock (2021 clocks have all run out), and an
    // answer consumed after a timer tick would make "overdue" depend on when the timer ran.
    const input = coordinationScenario(5_000, { seed: 53, answers: false, hotValueCarriers: 20 });
    // The clean run reads the whole log at once; the drilled one consumes it as it grows, so its own joint events
    // interleave with the input (the outcome may not depend on that: apps/coordination/src/fold-order.int-spec.ts).
    await clean.hub.publish(input);
    const sql = await killed.sql();
    const checkpoint = async (): Promise<number> => Number((await sql.query<{ last_seq: string }>("SELECT last_seq FROM coordination_checkpoint WHERE name = 'coordination'").catch(() => []))[0]?.last_seq ?? 0);

    const first = await startCoordinationProcess();
    const QUARTER = 1_250;
    for (let start = 0; start < QUARTER; start += 250) {
      await killed.hub.publish(input.slice(start, start + 250));
      const published = await killed.hub.lastSeq();
      await waitUntil('the coordination service consumed what was published so far', async () => (await checkpoint()) >= published, 60_000, 10);
    }
    const publishing = killed.hub.publish(input.slice(QUARTER));
    publishing.catch(() => undefined);
    const pastQuarter = (await killed.hub.lastSeq()) + 200;
    await waitUntil('the coordination service is inside a batch past the first quarter', async () => {
      if ((await checkpoint()) < pastQuarter) return false;
      const open = await sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'hub-coordination' AND xact_start IS NOT NULL AND state <> 'idle'",
      );
      return (open[0]?.n ?? 0) > 0;
    }, 120_000, 1);
    // The standby: started while the active one holds the lease, it waits (its ready comes only after taking over).
    let standby: ChildProcess | undefined;
    const standbyReady = startServiceProcess(COORDINATION_ENTRY, environment(), join(logDir, 'standby.log')).then((child) => {
      standby = child;
      children.push(child);
      return Date.now();
    });
    standbyReady.catch(() => undefined);
    await waitUntil('the standby waits for the lease', async () => (await readFile(join(logDir, 'standby.log'), 'utf8').catch(() => '')).includes('standby: another instance holds the coordination lease'), 60_000, 50);
    expect(await leaseHolder(sql, 'coordination')).toBeDefined();
    const killedAt = Date.now();
    await killProcess(first);
    const takeoverMs = (await standbyReady) - killedAt;
    console.log(`coordination standby took over ${takeoverMs} ms after kill -9`);
    expect(takeoverMs).toBeLessThan(5_000);

    await publishing;
    const caughtUp = async (): Promise<boolean> => {
      const [row] = await sql.query<{ pending: number }>(`SELECT ${outboxPendingCountSql()}::int AS pending`);
      return (await checkpoint()) >= (await killed.hub.lastSeq()) && row?.pending === 0;
    };
    await waitUntil('the standby caught up', caughtUp, 180_000, 100);
    // One more start ticks the deadline timer over the whole log, as the clean run's restart below does.
    if (standby) await killProcess(standby, 'SIGTERM');
    await startCoordinationProcess();
    await waitUntil('the service caught up again', caughtUp, 180_000, 100);

    clean.now = new Date();
    await clean.startCoordination({ correlation: { cap: CAP } });
    await clean.coordinated();
    await clean.stopCoordination();
    await clean.startCoordination({ correlation: { cap: CAP } });
    await clean.coordinated();

    const [cleanJoint, killedJoint] = await Promise.all([jointEvents(clean.hub.admin), jointEvents(killed.hub.admin)]);
    expect(new Set(killedJoint.map((e) => e.id)).size).toBe(killedJoint.length);
    // One cluster.grown per cluster per batch: the runs' batches differ, so do the events holding the growths, not what they announce.
    expect(jointOutcomeById(killedJoint)).toEqual(jointOutcomeById(cleanJoint));
    expect(new Set(cleanJoint.map((e) => e.type))).toEqual(new Set(['case.overdue', 'cluster.formed', 'cluster.grown', 'hit.alerted', 'jurisdiction.suggested', 'referral.overdue']));
    const [cleanIds, killedIds] = await Promise.all([idsBySeq(clean.hub.admin), idsBySeq(killed.hub.admin)]);
    expect(await coordinationSnapshot(sql, killedIds)).toEqual(await coordinationSnapshot(await clean.sql(), cleanIds));
  }, 300_000);
});
