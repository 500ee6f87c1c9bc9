// ClusterRepository.applyAll moves a batch's members in one statement where it can show that this does what
// moving them change by change does (applyOneByOne). Each batch here is applied both ways, in two schemas that
// start alike, and the clusters read model must come out the same row for row — with batches built to take the
// one statement and batches built to fall back (an unlink, a member moved twice, a change into a cluster an
// earlier change took members from).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { preparedSqlOf, sqlOf, type Sql } from '@hub/persistence';
import { literal } from '@hub/read-models';
import { prng } from '../../../../../libs/persistence/src/testing/scenario.js';
import { migratedCoordinationClient } from '../../../../../test/support/coordination-fold.js';
import { ClusterRepository, type ClusterEventInput } from './cluster.repository.js';
import { CorrelationRepository } from './correlation.repository.js';

const MEMBERS = Array.from({ length: 40 }, (_, i) => `samr/65${String(i % 7).padStart(2, '0')}00/lead/L-${i}`);
const KEYS = ['phone:1', 'phone:2', 'uscc:A', 'uscc:B', 'url:x', 'url:y'];
const CLUSTERS = ['K-1', 'K-2', 'K-3', 'K-4', 'K-5'];

/** Each member's correlation record carries three of the keys (a member's key in a cluster is looked up there). */
function correlationMembers() {
  return MEMBERS.map((member, position) => {
    const [department = '', region = ''] = member.split('/');
    return { position, member, department, region, keys: [KEYS[position % 6], KEYS[(position + 2) % 6], KEYS[(position + 3) % 6]] as string[], seq: position + 1 };
  });
}

interface Schema {
  client: pg.Client;
  sql: Sql;
  /** Statements sent through `sql` so far. */
  statements: string[];
}

async function schema(url: string, name: string): Promise<Schema> {
  const client = await migratedCoordinationClient(url, name, 'hub-cluster-repository-spec');
  const counted: Schema = { client, sql: sqlOf(client), statements: [] };
  // Prepared, as the coordination loop runs them: after five runs PostgreSQL may switch to a generic plan.
  const plain = preparedSqlOf(client);
  counted.sql = {
    query: (text, values) => {
      counted.statements.push(text);
      return plain.query(text, values);
    },
    copyFrom: (target, rows) => plain.copyFrom(target, rows),
  };
  await new CorrelationRepository(plain).insertMembers(correlationMembers());
  return counted;
}

async function tables(sql: Sql): Promise<unknown> {
  return {
    clusters: await sql.query('SELECT cluster_id, formed_at, updated_at, keys, cross_region, cross_department, last_seq FROM clusters ORDER BY cluster_id'),
    members: await sql.query('SELECT cluster_id, member, department, region, via, key, joined_at FROM cluster_members ORDER BY cluster_id, member'),
  };
}

interface PlanNode {
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function largestStep(node: PlanNode): number {
  return Math.max((node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1), ...(node.Plans ?? []).map(largestStep));
}

let seq = 0;
function change(type: ClusterEventInput['type'], clusterId: string, members: string[], keys: string[], flags: Partial<ClusterEventInput> = {}): ClusterEventInput {
  seq += 1;
  return {
    seq,
    type,
    at: new Date(Date.UTC(2026, 11, 7, 0, 0, seq)).toISOString(),
    clusterId,
    members,
    keys,
    crossRegion: seq % 3 === 0,
    crossDepartment: seq % 5 === 0,
    reason: type === 'cluster.linked' || type === 'cluster.unlinked' ? 'manual' : null,
    ...flags,
  };
}

describe('ClusterRepository.applyAll: one statement for a batch, as change by change', () => {
  let db: TestDatabase;
  let atOnce: Schema;
  let inOrder: Schema;

  /** Applies a batch both ways (each in its own transaction); returns whether applyAll moved members change by change. */
  const apply = async (batch: readonly ClusterEventInput[]): Promise<'at once' | 'one by one'> => {
    const before = atOnce.statements.length;
    await atOnce.client.query('BEGIN');
    await new ClusterRepository(atOnce.sql).applyAll(batch);
    await atOnce.client.query('COMMIT');
    await inOrder.client.query('BEGIN');
    await new ClusterRepository(inOrder.sql).applyOneByOne(batch);
    await inOrder.client.query('COMMIT');
    expect(await tables(atOnce.sql)).toEqual(await tables(inOrder.sql));
    // A change's own move (moveMembers) deletes from cluster_members by its parameters, the batch's by a join.
    const oneByOne = atOnce.statements.slice(before).some((text) => /DELETE FROM cluster_members WHERE (member|cluster_id) = /.test(text));
    return oneByOne ? 'one by one' : 'at once';
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    atOnce = await schema(db.url, 'clusters_at_once');
    inOrder = await schema(db.url, 'clusters_in_order');
    // Two clusters to start from, formed one change per batch.
    await apply([change('cluster.formed', 'K-1', MEMBERS.slice(0, 3), ['phone:1', 'uscc:A'])]);
    await apply([change('cluster.formed', 'K-2', MEMBERS.slice(3, 6), ['url:x'])]);
  }, 60_000);

  afterAll(async () => {
    await atOnce?.client.end();
    await inOrder?.client.end();
    await db?.drop();
  });

  it('given growths, a formation and a link taking members from another cluster, all members distinct, then one move statement does it', async () => {
    const way = await apply([
      change('cluster.grown', 'K-1', [MEMBERS[10] as string], ['phone:1']),
      change('cluster.formed', 'K-3', [MEMBERS[11] as string, MEMBERS[12] as string], ['uscc:B', 'url:y']),
      change('cluster.grown', 'K-1', [MEMBERS[13] as string], ['uscc:A', 'phone:1']),
      change('cluster.linked', 'K-3', [MEMBERS[4] as string, MEMBERS[14] as string], []), // K-2 loses one
    ]);
    expect(way).toBe('at once');
  });

  it('given a change into a cluster an earlier change took members from, then it falls back and comes out the same', async () => {
    const way = await apply([
      change('cluster.linked', 'K-1', [MEMBERS[3] as string, MEMBERS[5] as string], []), // K-2 loses them
      change('cluster.grown', 'K-2', [MEMBERS[15] as string], ['url:x']),
    ]);
    expect(way).toBe('one by one');
  });

  it('given a cluster emptied by a link and formed again later in the batch, then it is formed afresh as change by change', async () => {
    await apply([change('cluster.formed', 'K-4', [MEMBERS[20] as string], ['phone:2'])]);
    expect(await apply([change('cluster.linked', 'K-1', [MEMBERS[20] as string], []), change('cluster.formed', 'K-4', [MEMBERS[21] as string], ['phone:2'])])).toBe('one by one');
  });

  it('given an unlink or a member in two changes, then it falls back and comes out the same', async () => {
    expect(await apply([change('cluster.grown', 'K-3', [MEMBERS[22] as string], ['url:y']), change('cluster.unlinked', 'K-3', [MEMBERS[22] as string], ['url:y'])])).toBe('one by one');
    expect(await apply([change('cluster.grown', 'K-3', [MEMBERS[23] as string], ['url:y']), change('cluster.linked', 'K-1', [MEMBERS[23] as string], [])])).toBe('one by one');
  });

  it('given random batches of every kind of change, then both ways agree after each', async () => {
    const random = prng(16);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const ways = { 'at once': 0, 'one by one': 0 };
    for (let batch = 0; batch < 80; batch++) {
      const changes = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
        const members = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(MEMBERS));
        const keys = Array.from({ length: Math.floor(random() * 3) }, () => pick(KEYS));
        const type = pick<ClusterEventInput['type']>(['cluster.grown', 'cluster.grown', 'cluster.grown', 'cluster.formed', 'cluster.linked', 'cluster.unlinked']);
        return change(type, pick(CLUSTERS), [...new Set(members)], keys);
      });
      ways[await apply(changes)] += 1;
    }
    // Both ways taken often enough for the comparison to mean something.
    expect(ways['at once']).toBeGreaterThan(15);
    expect(ways['one by one']).toBeGreaterThan(15);
  }, 60_000);

  it('given a batch of growths into a cluster of thousands, then the move statement reads rows in proportion to the batch, not the cluster, in its custom and its generic plan', async () => {
    // The bench's mix: every lead grows one cluster. Planned as joins, the statement once joined the batch with every
    // member of the cluster (rows = batch × cluster size) and scanned both tables whole, per batch.
    const big = await schema(db.url, 'clusters_big');
    const CLUSTER = 3_000;
    const BATCH = 200;
    const lead = (n: number): string => `samr/653100/lead/BIG-${n}`;
    const records = Array.from({ length: CLUSTER + BATCH }, (_, n) => ({ position: MEMBERS.length + n, member: lead(n), department: 'samr', region: '653100', keys: ['uscc:A', 'phone:1'], seq: 1_000 + n }));
    await new CorrelationRepository(big.sql).insertMembers(records);
    await new ClusterRepository(big.sql).applyOneByOne([change('cluster.formed', 'K-BIG', records.slice(0, CLUSTER).map((r) => r.member), ['uscc:A', 'phone:1'])]);
    await big.client.query('ANALYZE');
    const growths = records.slice(CLUSTER).map((r) => change('cluster.grown', 'K-BIG', [r.member], ['uscc:A', 'phone:1']));
    // The batch's move statement, caught on its way (and answered as if it ran), then run under EXPLAIN ANALYZE.
    let move: { text: string; values: readonly unknown[] } | undefined;
    const plain = sqlOf(big.client);
    const catching: Sql = {
      query: (text, values) => {
        if (!text.startsWith('WITH r AS')) return plain.query(text, values);
        move = { text, values: values ?? [] };
        return Promise.resolve([{ together: true, losers: [] }] as never);
      },
      copyFrom: (target, rows) => plain.copyFrom(target, rows),
    };
    await big.client.query('BEGIN');
    try {
      await new ClusterRepository(catching).applyAll(growths);
      expect(move).toBeDefined();
      const [row] = await plain.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${move?.text ?? ''}`, move?.values ?? []);
      const plan = row?.['QUERY PLAN'][0]?.Plan;
      expect(plan).toBeDefined();
      // The most rows any step of the plan handled (rows × loops): the batch's, not the cluster's.
      expect(largestStep(plan ?? {})).toBeLessThanOrEqual(3 * BATCH);
      // The same for the generic plan, which the coordination loop has PostgreSQL run (force_generic_plan): planned
      // without the batch's arrays, it must still look members up by index.
      await plain.query(`PREPARE big_move AS ${move?.text ?? ''}`);
      await plain.query('SET LOCAL plan_cache_mode = force_generic_plan');
      // As the loop's script sends it: EXECUTE with the parameters as literals.
      const [generic] = await plain.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE big_move(${(move?.values ?? []).map(literal).join(', ')})`);
      const genericPlan = generic?.['QUERY PLAN'][0]?.Plan;
      expect(genericPlan).toBeDefined();
      expect(largestStep(genericPlan ?? {})).toBeLessThanOrEqual(3 * BATCH);
    } finally {
      await big.client.query('ROLLBACK');
      await big.client.end();
    }
  }, 60_000);
});
