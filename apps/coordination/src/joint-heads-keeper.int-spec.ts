// The joint office's id index and heads kept in PostgreSQL between sessions: a new session continues them from
// the saved position and reads only the joint events stored after it; heads that do not continue this stream
// (ahead of it) are not used, and the session reads every joint event as before.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JetStreamEventStore } from '@hub/event-store';
import { CoordinationHarness } from '../../../test/support/coordination-harness.js';
import { coordinationScenario } from '../../../test/support/coordination-scenario.js';
import { JointHeadsKeeper } from './joint-heads-keeper.js';
import { JointPublisher } from './joint-publisher.js';

describe('joint heads kept between coordination sessions', () => {
  let world: CoordinationHarness;
  const said: string[] = [];
  const logger = { log: (m: string) => said.push(m), warn: (m: string) => said.push(m), error: (m: string) => said.push(m) };

  beforeAll(async () => {
    world = await CoordinationHarness.start();
    await world.hub.publish(coordinationScenario(600, { seed: 7, answers: true, hotValueCarriers: 10 }));
    await world.startCoordination({ correlation: { cap: 6 } });
    await world.coordinated();
    await world.stopCoordination();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  const session = (): { publisher: JointPublisher; keeper: JointHeadsKeeper } => {
    const store = new JetStreamEventStore(world.hub.admin, 'HUB_EVENTS');
    const publisher = new JointPublisher(store, world.seed, 'heads-spec');
    return { publisher, keeper: new JointHeadsKeeper(store, publisher, logger, 1) };
  };

  it('given a coordination service that concluded joint events and stopped, then it saved the heads at shutdown up to its last joint event', async () => {
    const sql = await world.sql();
    const store = new JetStreamEventStore(world.hub.admin, 'HUB_EVENTS');
    const saved = await new JointHeadsKeeper(store, new JointPublisher(store, world.seed, 'heads-spec'), logger).load(sql);
    // Far fewer than the 10k seqs that make a running service save them: only the shutdown did.
    expect(saved?.lastSeq).toBe(await store.lastSequenceMatching('hub.evt.joint.>'));
  });

  it('given heads saved by a session, when the next session loads them, then it reads no joint event again and knows every stored id', async () => {
    const sql = await world.sql();
    const first = session();
    // From nothing saved (as before the shutdown save above), reading every joint event.
    const readFirst = await first.publisher.catchUp(() => undefined);
    expect(readFirst).toBeGreaterThan(10); // the service concluded joint events from the scenario
    await first.keeper.saveIfBehind(sql);
    expect(said.at(-1)).toMatch(/saved the joint heads at seq \d+ \(\d+ events/);

    const second = session();
    const saved = await second.keeper.load(sql);
    expect(await second.publisher.catchUp(() => undefined, saved)).toBe(0);
    expect([...second.publisher.headsState.ids]).toEqual([...first.publisher.headsState.ids]);
    expect([...second.publisher.headsState.heads]).toEqual([...first.publisher.headsState.heads]);
  });

  it('given saved heads that reach past the stream, when a session loads them, then they are not used and it says why', async () => {
    const sql = await world.sql();
    await sql.query('UPDATE coordination_joint_heads SET state = $1', [await aheadOfTheStream(sql)]);
    const { keeper, publisher } = session();
    expect(await keeper.load(sql)).toBeUndefined();
    expect(said.at(-1)).toMatch(/saved joint heads not used \(it reaches seq \d+ but the stream ends at \d+\)/);
    expect(await publisher.catchUp(() => undefined)).toBeGreaterThan(10);
  });
});

/** The saved state with its position moved a million sequences on (what a restored older stream would meet). */
async function aheadOfTheStream(sql: Awaited<ReturnType<CoordinationHarness['sql']>>): Promise<Buffer> {
  const { deserialize, serialize } = await import('node:v8');
  const [row] = await sql.query<{ state: Buffer }>('SELECT state FROM coordination_joint_heads');
  const state = deserialize(row!.state) as { lastSeq: number };
  return serialize({ ...state, lastSeq: state.lastSeq + 1_000_000 });
}
