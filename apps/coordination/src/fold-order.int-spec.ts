// The coordination outcome is a function of the log's content in order, not of how it was consumed: the
// same mixed scenario folded in one batch, in batches of 1, 7 and 500, while the log grows (its own joint
// events interleaving with the input), and with restarts from the persisted state (clean, and after a batch
// folded in memory but never committed) yields the same clusters and members, the same over-correlating
// values, the same stored state and the same joint events — ids, contents and order — but for how growths are
// packed: one cluster.grown per cluster per batch, so the runs must agree on what those announced, in which order.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CorrelationOptions } from '@hub/domain';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import type { StoredEventFixture } from '../../../libs/persistence/src/testing/event-log.js';
import { prng } from '../../../libs/persistence/src/testing/scenario.js';
import { FoldRun } from '../../../test/support/coordination-fold.js';
import { HOT_VALUE, mixedCoordinationScenario, VOUCHED_VALUE } from '../../../test/support/coordination-mixed-scenario.js';
import { coordinationSnapshot, jointOutcome } from '../../../test/support/coordination-snapshot.js';

const CORRELATION: CorrelationOptions = { cap: 6, maxKeys: 3 };
/** The deadline timer runs once, after everything was consumed, in every run alike. */
const TIMER_AT = new Date('2022-06-01T00:00:00Z');

interface Plan {
  name: string;
  batchSize: number;
  /** `before`: the whole log is there when the service starts; `live`: it arrives in chunks while the service runs. */
  arrival: 'before' | 'live';
  /** Batch counts before which the process restarts (odd positions: after folding a batch it never committed). */
  restarts?: readonly number[];
}

const PLANS: readonly Plan[] = [
  { name: 'batches of 1', batchSize: 1, arrival: 'before' },
  { name: 'batches of 7, arriving live', batchSize: 7, arrival: 'live' },
  { name: 'batches of 500, arriving live', batchSize: 500, arrival: 'live' },
  { name: 'batches of 7, arriving live, restarted 5 times', batchSize: 7, arrival: 'live', restarts: [1, 40, 41, 170, 333] },
  { name: 'batches of 1, restarted every 97 batches', batchSize: 1, arrival: 'before', restarts: Array.from({ length: 40 }, (_, i) => 13 + i * 97) },
];

async function outcome(run: FoldRun, input: readonly StoredEventFixture[]) {
  const inputIds = new Set(input.map((fixture) => fixture.event.id));
  const state = run.current;
  const snapshot = state.engine.snapshot();
  const clusters = snapshot.members.map(([member]) => {
    const view = state.engine.clusterOf(member);
    return [member, view?.published === true ? view.clusterId : null];
  });
  return {
    tables: await coordinationSnapshot(run.sql, run.stream.ids(), run.schema),
    // What the service published, in the order it did (the coordinators' decisions in the input interleave differently).
    joint: jointOutcome(run.stream.joint().filter((event) => !inputIds.has(event.id))),
    grownEvents: run.stream.joint().filter((event) => event.type === 'cluster.grown').length,
    engine: snapshot,
    clusters,
    overCorrelating: state.engine.overCorrelating(),
    overCounts: state.overCorrelating().sort((a, b) => a.key.localeCompare(b.key)),
  };
}

describe('coordination fold: the outcome does not depend on batches, restarts or arrival', () => {
  let db: TestDatabase;
  let input: StoredEventFixture[];
  const runs: FoldRun[] = [];
  let reference: Awaited<ReturnType<typeof outcome>>;

  const start = async (): Promise<FoldRun> => {
    const run = await FoldRun.start(db.url, `fold_${runs.length}`, { correlation: CORRELATION });
    runs.push(run);
    return run;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    input = mixedCoordinationScenario(1_200, CORRELATION);
    // The reference: the whole log there at start, folded in one batch.
    const run = await start();
    for (const fixture of input) run.stream.append(fixture);
    await run.drain(Number.MAX_SAFE_INTEGER);
    await run.tick(TIMER_AT);
    await run.drain(Number.MAX_SAFE_INTEGER);
    reference = await outcome(run, input);
  }, 120_000);

  afterAll(async () => {
    for (const run of runs) await run.stop();
    await db?.drop();
  });

  it('given the mixed scenario folded in one batch, then it holds every case the other runs must agree on', () => {
    const types = new Set([...reference.joint.rest.map((e) => e['type']), ...(Object.keys(reference.joint.growths).length > 0 ? ['cluster.grown'] : [])]);
    expect([...types].sort()).toEqual(['case.overdue', 'cluster.formed', 'cluster.grown', 'hit.alerted', 'jurisdiction.suggested', 'referral.overdue']);
    expect(reference.overCorrelating).toContain(HOT_VALUE);
    expect(reference.overCounts).toContainEqual({ key: HOT_VALUE, count: 11 });
    expect(reference.overCorrelating).not.toContain('phone:13700137000'); // one unit's flood counts once
    expect(reference.overCounts).toContainEqual({ key: VOUCHED_VALUE, count: 9 });
    expect(reference.engine.manual).toHaveLength(4);
    // One batch: a cluster's growths between two manual decisions are one event (a few, past MAX_CLUSTER_MEMBERS).
    const announced = Object.values(reference.joint.growths).reduce((n, g) => n + g.members.length, 0);
    expect(reference.grownEvents).toBeLessThan(announced / 2);
    const days = new Set(reference.joint.rest.filter((e) => e['type'] === 'hit.alerted').map((e) => (e['data'] as { day: string }).day));
    expect(days.size).toBeGreaterThan(10);
    expect(reference.clusters.filter(([, id]) => id !== null).length).toBeGreaterThan(100);
  });

  it.each(PLANS)('given the same log consumed in $name, when caught up, then clusters, over-correlation, stored state and joint events equal the one-batch fold', async (plan) => {
    const run = await start();
    const restarts = [...(plan.restarts ?? [])];
    const step = async (batches: number): Promise<void> => {
      for (let done = 0; done < batches; done++) {
        const restart = restarts.indexOf(run.batches);
        if (restart >= 0) {
          restarts.splice(restart, 1);
          await (restart % 2 === 1 ? run.crashInBatch(plan.batchSize) : run.restart());
        }
        await run.consume(plan.batchSize, 1);
      }
    };
    if (plan.arrival === 'before') {
      for (const fixture of input) run.stream.append(fixture);
    } else {
      const random = prng(plan.batchSize * 31 + (plan.restarts?.length ?? 0));
      for (let next = 0; next < input.length; ) {
        const chunk = input.slice(next, next + 1 + Math.floor(random() * 40));
        for (const fixture of chunk) run.stream.append(fixture);
        next += chunk.length;
        await step(Math.floor(random() * 3));
      }
    }
    while (!(await caughtUp(run))) await step(1);
    await run.tick(TIMER_AT);
    await run.drain(plan.batchSize);
    if (plan.restarts !== undefined) {
      expect(restarts).toEqual([]); // every planned restart happened
      await run.restart(); // and the state restored at the end is the state folded
    }

    const actual = await outcome(run, input);
    expect(actual.engine).toEqual(reference.engine);
    expect(actual.clusters).toEqual(reference.clusters);
    expect(actual.overCorrelating).toEqual(reference.overCorrelating);
    expect(actual.overCounts).toEqual(reference.overCounts);
    for (const table of Object.keys(reference.tables)) expect({ table, rows: actual.tables[table] }).toEqual({ table, rows: reference.tables[table] });
    expect(actual.joint.rest.map((e) => e['id'])).toEqual(reference.joint.rest.map((e) => e['id']));
    expect(actual.joint).toEqual(reference.joint);
  }, 180_000);
});

async function caughtUp(run: FoldRun): Promise<boolean> {
  const [row] = await run.sql.query<{ last_seq: string }>("SELECT last_seq FROM coordination_checkpoint WHERE name = 'coordination'");
  return Number(row?.last_seq ?? 0) >= run.stream.lastSeq;
}
