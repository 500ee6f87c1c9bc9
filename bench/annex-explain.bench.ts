// EXPLAIN ANALYZE of the annex aggregate, exact (annex_contributions) against the rollup, on N events of
// the mixed scenario written straight through the projector's ReadModelWriter (no NATS):
//   node --import @swc-node/register/esm-register bench/annex-explain.bench.ts [events=200000]
// Prints each plan's execution time and top node, and the median of 20 runs of each statement.
import './support/interruptible.js';
import { loadavg } from 'node:os';
import pg from 'pg';
import { NET_SWORD_2021, resolveAnnexWindow, type AnnexPeriod, type AnnexScope } from '@hub/domain';
import { createTestDatabase, startScratchPostgres } from '@hub/runtime';
import { ALL_UNITS, annexReport, ASOF_TOTALS_SQL, campaignContributions, EXACT_TOTALS_SQL, ROLLUP_TOTALS_SQL } from '@hub/read-models';
import { openReadModels, readModelClientConfig } from '../libs/persistence/src/data-source.js';
import { ReadModelWriter } from '../libs/persistence/src/projector/read-model-writer.js';
import { chunks, rawMessages } from '../libs/persistence/src/testing/raw-messages.js';
import { mixedScenario } from '../libs/persistence/src/testing/scenario.js';

const events = Number(process.argv[2] ?? 200_000);
const AS_OF = '2021-11-15T18:00:00+08:00';
const server = await startScratchPostgres('annex-explain-');
try {
  const db = await createTestDatabase(server.serverUrl);
  const dataSource = await openReadModels(db.url);
  await dataSource.destroy();
  const client = new pg.Client(readModelClientConfig(db.url));
  await client.connect();
  let started = performance.now();
  const writer = new ReadModelWriter(client, { checkpoint: 'projector', contributionsOf: campaignContributions([NET_SWORD_2021]), lock: true });
  await writer.open();
  for (const batch of chunks(rawMessages(mixedScenario(events, { seed: 2021, sign: false })), 2_000)) await writer.apply(batch);
  await writer.close();
  // The gateway's whole path (TypeORM pool, rollup or exact SQL, assembly), before and after the statistics are fresh.
  const reports = await openReadModels(db.url);
  const timeReports = async (when: string): Promise<void> => {
    for (const [label, scope, period] of [['all', { kind: 'all' }, {}], ['all asOf', { kind: 'all' }, { asOf: AS_OF }]] as [string, AnnexScope, AnnexPeriod][]) {
      const times: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const t = performance.now();
        await annexReport(reports, NET_SWORD_2021, scope, period);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(`annexReport ${label} ${when}: median ${times[10]?.toFixed(1)} ms, max ${times[19]?.toFixed(1)} ms`);
    }
  };
  await timeReports('as projected');
  await client.query('ANALYZE annex_rollup, annex_rollup_keys, annex_rollup_remarks');
  await timeReports('after ANALYZE of the rollup');
  await client.query('VACUUM ANALYZE');
  await timeReports('after VACUUM ANALYZE');
  await reports.destroy();
  const sizes = await client.query<{ t: string; n: string }>(
    `SELECT 'annex_contributions' AS t, count(*) AS n FROM annex_contributions UNION ALL SELECT 'annex_rollup', count(*) FROM annex_rollup
     UNION ALL SELECT 'annex_rollup_keys', count(*) FROM annex_rollup_keys UNION ALL SELECT 'annex_rollup_remarks', count(*) FROM annex_rollup_remarks`,
  );
  console.log(`${events} events projected in ${((performance.now() - started) / 1000).toFixed(1)} s; rows: ${sizes.rows.map((r) => `${r.t} ${r.n}`).join(', ')}; load ${loadavg()[0]?.toFixed(2)}`);

  const cases: [string, AnnexScope, AnnexPeriod][] = [
    ['all', { kind: 'all' }, {}],
    ['all, 2021-10', { kind: 'all' }, { from: '2021-10-01', to: '2021-10-31' }],
    ['region 653100', { kind: 'region', region: '653100' }, {}],
    ['unit samr/653100', { kind: 'unit', unit: 'samr/653100' }, {}],
  ];
  for (const [label, scope, period] of cases) {
    const w = resolveAnnexWindow(NET_SWORD_2021, period);
    const unit = scope.kind === 'unit' ? scope.unit : null;
    const region = scope.kind === 'region' ? scope.region : null;
    const rollupValues = [NET_SWORD_2021.id, scope.kind === 'all' ? ALL_UNITS : unit, region, w.timeFrom, w.timeBefore, NET_SWORD_2021.timezone, null];
    const statements: [string, string, unknown[]][] = [
      ['exact ', EXACT_TOTALS_SQL, [NET_SWORD_2021.id, unit, region, w.timeFrom, w.timeBefore, null, null]],
      ['rollup', ROLLUP_TOTALS_SQL, rollupValues],
      // "as of": the exact aggregate against the rollup per recorded day plus the as-of day's tail.
      ['exact asOf ', EXACT_TOTALS_SQL, [NET_SWORD_2021.id, unit, region, w.timeFrom, w.timeBefore, AS_OF, null]],
      ['rollup asOf', ASOF_TOTALS_SQL, [...rollupValues, AS_OF]],
    ];
    for (const [name, text, values] of statements) {
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
      const lines = plan.rows.map((r) => r['QUERY PLAN']);
      const times: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        started = performance.now();
        await client.query(text, values);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const spill = lines.some((l) => /external|Disk:/i.test(l)) ? ', spills to disk' : '';
      if (process.env.PLANS) console.log(lines.join('\n'));
      console.log(`${label.padEnd(18)} ${name}: ${lines.find((l) => l.startsWith('Execution Time'))}; median of 20 from the client ${times[10]?.toFixed(1)} ms${spill}`);
    }
  }
  await client.end();
  await db.drop();
} finally {
  await server.dispose();
}
