// kill -9 the coordination service process while a batch's transaction is open, start it again: it resumes
// from its checkpoint by itself, and its state and the joint events it appended (hub.evt.joint.>) equal a
// clean run's over the same log — none lost, none appended twice (ids are deterministic, the pipeline's id
// index answers a re-publish as a duplicate). The in-process variant with a kill between appending and
// marking published is apps/coordination/src/crash-recovery.int-spec.ts.
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
import { killProcess, startServiceProcess, waitUntil } from './support/processes.js';

const COORDINATION_ENTRY = 'apps/coordination/src/main.ts';
const CAP = 6;

describe('coordination service killed (-9) mid-batch', () => {
  let clean: CoordinationHarness;
  let killed: CoordinationHarness;
  let logDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    [clean, killed] = await Promise.all([CoordinationHarness.start(), CoordinationHarness.start()]);
    logDir = await mkdtemp(join(tmpdir(), 'hub-fault-coordination-'));
  });

  afterAll(async () => {
    for (const child of children) await killProcess(child, 'SIGTERM');
    await clean?.stop();
    await killed?.stop();
    if (logDir) await rm(logDir, { recursive: true, force: true });
  });

  const startCoordinationProcess = async (): Promise<ChildProcess> => {
    const child = await startServiceProcess(
      COORDINATION_ENTRY,
      {
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
      },
      join(logDir, 'coordination.log'),
    );
    children.push(child);
    return child;
  };

  it('given the coordination service killed inside a batch, when started again, then its joint events and state equal a clean run', async () => {
    // No answers to referrals: the service runs on the wall clock (2021 clocks have all run out), and an
    // answer consumed after a timer tick would make "overdue" depend on when the timer ran.
    const input = coordinationScenario(5_000, { seed: 53, answers: false, hotValueCarriers: 20 });
    const seqs = await killed.hub.publish(input);
    await clean.hub.publish(input);
    const sql = await killed.sql();
    const checkpoint = async (): Promise<number> => Number((await sql.query<{ last_seq: string }>("SELECT last_seq FROM coordination_checkpoint WHERE name = 'coordination'").catch(() => []))[0]?.last_seq ?? 0);

    const first = await startCoordinationProcess();
    await waitUntil('the coordination service is inside a batch past the first quarter', async () => {
      if ((await checkpoint()) < (seqs[1_200] ?? 0)) return false;
      const open = await sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'hub-coordination' AND xact_start IS NOT NULL AND state <> 'idle'",
      );
      return (open[0]?.n ?? 0) > 0;
    }, 120_000, 1);
    await killProcess(first);
    const atKill = await checkpoint();
    expect(atKill).toBeLessThan(seqs.at(-1) ?? 0);
    expect(await sql.query('SELECT count(*)::int AS n FROM correlation_members WHERE seq > $1', [atKill])).toEqual([{ n: 0 }]); // nothing of the open batch

    const caughtUp = async (): Promise<boolean> => {
      const [row] = await sql.query<{ pending: number }>(`SELECT ${outboxPendingCountSql()}::int AS pending`);
      return (await checkpoint()) >= (await killed.hub.lastSeq()) && row?.pending === 0;
    };
    const second = await startCoordinationProcess();
    await waitUntil('the restarted service caught up', caughtUp, 180_000, 100);
    // One more start ticks the deadline timer over the whole log, as the clean run's restart below does.
    await killProcess(second, 'SIGTERM');
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
