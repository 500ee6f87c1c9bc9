// `npm run bench:cluster-moves`: what coordination spends on the clusters read model per event under single-event
// requests, where every lead grows a cluster by one member (bench (h): all its leads share a USCC and a phone).
// Batches of BENCH_MOVES_BATCH (35, a caught-up batch at ~700 req/s) cluster.grown changes, applied in one
// transaction each by ClusterRepository.applyAll (one statement for the batch) and by applyOneByOne (a statement
// per change, as before) into two schemas, alternating batch by batch; prints node and PostgreSQL (the backend's
// /proc) CPU per change for each. BENCH_MOVES_BATCHES (200) batches each, on a cluster of BENCH_MOVES_START (5000).
import './support/interruptible.js';
import { DataSource } from 'typeorm';
import pg from 'pg';
import { createTestDatabase } from '@hub/runtime';
import { migrateReadModels, readModelClientConfig, sqlOf } from '@hub/persistence';
import { benchPostgres } from './support/bench-postgres.js';
import { cpuSecondsOf, ownCpuSeconds } from './support/process-cpu.js';
import { coordinationDataSourceOptions } from '../apps/coordination/src/persistence/data-source.js';
import { ClusterRepository, type ClusterEventInput } from '../apps/coordination/src/persistence/repositories/cluster.repository.js';
import { CorrelationRepository } from '../apps/coordination/src/persistence/repositories/correlation.repository.js';

const BATCH = Number(process.env.BENCH_MOVES_BATCH ?? 35);
const BATCHES = Number(process.env.BENCH_MOVES_BATCHES ?? 200);
const START = Number(process.env.BENCH_MOVES_START ?? 5_000);
const KEYS = ['uscc:91110000600037341L', 'phone:+8613800138000'];
const say = (message: string): void => console.log(`[bench cluster-moves] ${message}`);

const postgres = await benchPostgres();
const db = await createTestDatabase(postgres.serverUrl);

const member = (n: number): string => `samr/653100/lead/MOVE-${n}`;
const members = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ position: from + i, member: member(from + i), department: 'samr', region: '653100', keys: [...KEYS, `shop_url:${from + i}`], seq: from + i + 1 }));

interface Side {
  name: 'at once' | 'one by one';
  client: pg.Client;
  backend: number;
  node: number;
  postgres: number;
}

async function side(name: Side['name'], schema: string): Promise<Side> {
  const dataSource = await new DataSource(coordinationDataSourceOptions(db.url, { schema, poolSize: 1 })).initialize();
  try {
    await migrateReadModels(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const client = new pg.Client(readModelClientConfig(db.url, schema, `hub-bench-${schema}`));
  await client.connect();
  const [row] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  return { name, client, backend: row?.pid ?? 0, node: 0, postgres: 0 };
}

let seq = 0;
const grown = (n: number): ClusterEventInput => ({
  seq: ++seq,
  type: 'cluster.grown',
  at: new Date(Date.UTC(2026, 11, 7, 0, 0, 0, seq)).toISOString(),
  clusterId: 'K-BENCH',
  members: [member(n)],
  keys: KEYS,
  crossRegion: false,
  crossDepartment: false,
  reason: null,
});

try {
  const sides = [await side('at once', 'moves_at_once'), await side('one by one', 'moves_one_by_one')];
  const total = START + BATCH * BATCHES;
  for (const s of sides) {
    const sql = sqlOf(s.client);
    for (let from = 0; from < total; from += 5_000) await new CorrelationRepository(sql).insertMembers(members(from, Math.min(5_000, total - from)));
    const formed: ClusterEventInput = { ...grown(0), type: 'cluster.formed', members: Array.from({ length: START }, (_, i) => member(i)) };
    await new ClusterRepository(sql).applyOneByOne([formed]);
    await s.client.query('VACUUM ANALYZE');
  }
  for (let b = 0; b < BATCHES; b++) {
    const changes = Array.from({ length: BATCH }, (_, i) => grown(START + b * BATCH + i));
    for (const s of b % 2 === 0 ? sides : [...sides].reverse()) {
      const node = ownCpuSeconds();
      const backend = cpuSecondsOf(s.backend);
      const repository = new ClusterRepository(sqlOf(s.client));
      await s.client.query('BEGIN');
      await (s.name === 'at once' ? repository.applyAll(changes) : repository.applyOneByOne(changes));
      await s.client.query('COMMIT');
      s.node += ownCpuSeconds() - node;
      s.postgres += cpuSecondsOf(s.backend) - backend;
    }
  }
  const [a, b] = await Promise.all(sides.map(async (s) => (await s.client.query<Record<string, string>>('SELECT cluster_id, member, via, key FROM cluster_members ORDER BY 1, 2')).rows));
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the two ways left different cluster members');
  for (const s of sides) {
    const per = (seconds: number): number => Math.round((seconds * 1e6) / (BATCH * BATCHES));
    say(`${s.name}: node ${per(s.node)} µs, PostgreSQL ${per(s.postgres)} µs per change (${BATCHES} batches of ${BATCH})`);
    await s.client.end();
  }
} finally {
  await db.drop().catch(() => undefined);
  await postgres.dispose();
}
