// Kill the coordination service mid-batch (its PostgreSQL session dies with the batch's rows written but
// not the checkpoint), and later between appending joint events and marking them published; restart it
// each time. Its state and the joint events in the stream must equal a clean run's over the same input,
// and no joint event may be stored twice.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { StoredEventFixture } from '../../../libs/persistence/src/testing/event-log.js';
import { CoordinationHarness } from '../../../test/support/coordination-harness.js';
import { coordinationScenario } from '../../../test/support/coordination-scenario.js';
import { coordinationSnapshot, decided, idsBySeq, jointEvents, jointOutcome, jointOutcomeById } from '../../../test/support/coordination-snapshot.js';
import { outboxPendingCountSql } from './persistence/index.js';

const DEAD = { min: 600_000, max: 600_000 }; // a killed process does not retry; the test ends it
const CAP = { correlation: { cap: 6 } };

/** Ends every session of the coordination service at once: what PostgreSQL sees when its process is killed. */
async function terminateSessions(admin: pg.Client): Promise<void> {
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hub-coordination'");
}

describe('coordination service killed mid-batch and mid-publish', () => {
  let clean: CoordinationHarness;
  let crashed: CoordinationHarness;
  let input: StoredEventFixture[];

  beforeAll(async () => {
    [clean, crashed] = await Promise.all([CoordinationHarness.start(), CoordinationHarness.start()]);
    input = coordinationScenario(2_400, { seed: 41, answers: true, hotValueCarriers: 20 });
    await clean.hub.publish(input);
    await crashed.hub.publish(input);
  }, 60_000);

  afterAll(async () => {
    await clean?.stop();
    await crashed?.stop();
  });

  it('given a clean run and a run killed twice over the same log, when both caught up, then state and joint events are equal and none is stored twice', async () => {
    const inputEnd = input.length;
    await clean.startCoordination(CAP);
    await clean.coordinated();

    const admin = new pg.Client({ connectionString: crashed.hub.db.url });
    await admin.connect();
    const checkpoint = async (): Promise<number> => Number((await admin.query<{ last_seq: string }>("SELECT last_seq FROM coordination.coordination_checkpoint WHERE name = 'coordination'")).rows[0]?.last_seq ?? 0);

    // 1. Inside a batch's transaction, past the first third of the log.
    let resolveKilled!: (lastSeq: number) => void;
    const killedInBatch = new Promise<number>((resolve) => (resolveKilled = resolve));
    let dead = false;
    await crashed.startCoordination(CAP, {
      retryDelayMs: DEAD,
      onPartialWrite: async ({ lastSeq }) => {
        if (dead || lastSeq < inputEnd / 3) return;
        dead = true;
        await terminateSessions(admin);
        resolveKilled(lastSeq);
      },
    });
    const batchEnd = await killedInBatch;
    await crashed.stopCoordination();
    const atKill = await checkpoint();
    expect(atKill).toBeLessThan(batchEnd);
    expect((await admin.query('SELECT count(*)::int AS n FROM coordination.correlation_members WHERE seq > $1', [atKill])).rows).toEqual([{ n: 0 }]); // nothing of the dead batch

    // 2. After joint events were appended, before the outbox knew (the restart must find them in the stream).
    let resolveAppended!: () => void;
    const killedAfterAppend = new Promise<void>((resolve) => (resolveAppended = resolve));
    dead = false;
    await crashed.startCoordination(CAP, {
      retryDelayMs: DEAD,
      onPublished: async (published) => {
        if (dead || !published.some((p) => !p.duplicate)) return;
        dead = true;
        await terminateSessions(admin);
        resolveAppended();
      },
    });
    await killedAfterAppend;
    await crashed.stopCoordination();
    const unmarked = await admin.query<{ n: number }>(`SELECT ${outboxPendingCountSql('coordination')}::int AS n`);
    expect(unmarked.rows[0]?.n).toBeGreaterThan(0);
    await admin.end();

    await crashed.startCoordination(CAP);
    await crashed.coordinated();

    // The clocks run out after everything was consumed, in both runs alike (a session start ticks the timer first).
    for (const world of [clean, crashed]) {
      await world.stopCoordination();
      world.now = new Date('2022-06-01T00:00:00Z');
      await world.startCoordination(CAP);
      await world.coordinated();
    }

    const [cleanJoint, crashedJoint] = await Promise.all([jointEvents(clean.hub.admin), jointEvents(crashed.hub.admin)]);
    const types = new Set(cleanJoint.map((e) => e.type));
    expect([...types].sort()).toEqual(['case.overdue', 'cluster.formed', 'cluster.grown', 'hit.alerted', 'jurisdiction.suggested', 'referral.overdue']);
    expect(new Set(crashedJoint.map((e) => e.id)).size).toBe(crashedJoint.length); // by id: none stored twice
    const byContent = new Set(crashedJoint.map((e) => JSON.stringify({ ...decided(e), id: undefined })));
    expect(byContent.size).toBe(crashedJoint.length); // by content: no conclusion re-decided under another id
    // One cluster.grown per cluster per batch: the runs' batches differ, so do the events that hold the growths, not
    // what they announce (each member once per joining, in order: none lost to a reused key, none announced twice).
    expect(jointOutcomeById(crashedJoint)).toEqual(jointOutcomeById(cleanJoint));

    const [cleanIds, crashedIds] = await Promise.all([idsBySeq(clean.hub.admin), idsBySeq(crashed.hub.admin)]);
    const cleanState = await coordinationSnapshot(await clean.sql(), cleanIds);
    const crashedState = await coordinationSnapshot(await crashed.sql(), crashedIds);
    expect(cleanState['correlation_over']).toContainEqual(expect.objectContaining({ key: 'phone:13800138000', count: 11 })); // the hot value passed the cap: 20 leads, counted as the 11 units that carry it
    const cleanOutcome = jointOutcome(cleanJoint);
    expect(cleanState['coordination_outbox']?.length).toBe(cleanOutcome.rest.length);
    expect(cleanState['coordination_outbox.growths']).toEqual([cleanOutcome.growths]);
    expect(crashedState).toEqual(cleanState);
  }, 240_000);
});
