// (h) Entity search (issue 15 §2): GET /api/v1/entities/search's query — one probe of entity_keys by key,
// joined to the lead's or case's row — over a read-model database holding `leads` leads (default 1M) with
// three keys each (a shop, a phone, a USCC; shops and USCCs shared by a few leads, as real operators are)
// and a tenth as many cases, plus one hot value (a platform hotline on 2,000 leads, the flood a cap cuts to
// 200 hits). The tables are the projector's own (created by the migrations) but filled in bulk by SQL: the
// figure is the read path at that size, not the projector's catch-up (that is (e)).
import { openReadModels, sqlOfDataSource } from '@hub/persistence';
import { EntitySearchRepository } from '@hub/read-models';
import { createTestDatabase } from '@hub/runtime';
import { percentile, say } from '../support/measure.js';

export interface EntitySearchOptions {
  serverUrl: string;
  leads: number;
  /** Searches timed (after a warm-up of a tenth as many). */
  queries: number;
}

export interface EntitySearchResult {
  leads: number;
  keys: number;
  p50Ms: number;
  p99Ms: number;
  /** The hot value (2,000 leads, 200 hits returned). */
  hotP99Ms: number;
}

/** Hits a search returns at most (+1 to tell `truncated`): EntitiesService's MAX_HITS. */
const LIMIT = 201;
const HOT_LEADS = 2_000;

export async function entitySearch(options: EntitySearchOptions): Promise<EntitySearchResult> {
  const log = say('entity-search');
  const db = await createTestDatabase(options.serverUrl);
  const dataSource = await openReadModels(db.url, { poolSize: 2 });
  try {
    const sql = sqlOfDataSource(dataSource);
    const n = options.leads;
    let started = performance.now();
    // 195 units (13 departments × 15 regions); every lead carries a shop (≈2.5 leads per shop), a phone (unique)
    // and a USCC (≈3.3 leads per USCC); levels cycle through the four.
    await sql.query(
      `INSERT INTO leads (unit, lead_id, department, region, status, category, channel, platform, summary, entities, distribution, reported_at, version, last_seq, updated_at)
       SELECT 'd' || (i % 13) || '/' || (650000 + (i % 15) * 100), 'L-' || i, 'd' || (i % 13), (650000 + (i % 15) * 100)::text, 'open', 'counterfeit', 'monitoring', 'taobao',
              '网店销售假冒运动鞋，价格明显低于市场价，线索编号 ' || i,
              jsonb_build_array(jsonb_build_object('kind', 'shop_url', 'value', 'https://shop' || (i % ${Math.ceil(n / 2.5)}) || '.taobao.com/'),
                                jsonb_build_object('kind', 'phone', 'value', (13000000000 + i)::text),
                                jsonb_build_object('kind', 'uscc', 'value', 'U' || (i % ${Math.ceil(n / 3.3)}))),
              (ARRAY['unit','line','region','joint'])[1 + i % 4], timestamptz '2021-09-01' + (i % 100) * interval '1 day', 1, i, now()
         FROM generate_series(1, $1::int) AS i`,
      [n],
    );
    await sql.query(
      `INSERT INTO entity_keys (seq, key, record_type, unit, record_id, department, region)
       SELECT i, k.key, 'lead', 'd' || (i % 13) || '/' || (650000 + (i % 15) * 100), 'L-' || i, 'd' || (i % 13), (650000 + (i % 15) * 100)::text
         FROM generate_series(1, $1::int) AS i,
              LATERAL (VALUES ('shop_url:taobao:shop:' || (i % ${Math.ceil(n / 2.5)})), ('phone:' || (13000000000 + i)::text), ('uscc:U' || (i % ${Math.ceil(n / 3.3)}))) AS k(key)`,
      [n],
    );
    const cases = Math.floor(n / 10);
    await sql.query(
      `INSERT INTO cases (unit, case_id, department, region, status, case_no, kind, primary_category, distribution, opened_at, version, last_seq, updated_at)
       SELECT 'd' || (i % 13) || '/' || (650000 + (i % 15) * 100), 'C-' || i, 'd' || (i % 13), (650000 + (i % 15) * 100)::text, 'opened', '立〔2021〕' || i || '号', 'administrative', 'counterfeit',
              'joint', timestamptz '2021-09-01' + (i % 100) * interval '1 day', 1, $1::int + i, now()
         FROM generate_series(1, $2::int) AS i`,
      [n, cases],
    );
    await sql.query(
      `INSERT INTO entity_keys (seq, key, record_type, unit, record_id, department, region)
       SELECT $1::int + i, 'shop_url:taobao:shop:' || (i * 7 % ${Math.ceil(n / 2.5)}), 'case', 'd' || (i % 13) || '/' || (650000 + (i % 15) * 100), 'C-' || i, 'd' || (i % 13), (650000 + (i % 15) * 100)::text
         FROM generate_series(1, $2::int) AS i`,
      [n, cases],
    );
    // The flood: a platform's customer-service line on many leads.
    await sql.query(
      `INSERT INTO entity_keys (seq, key, record_type, unit, record_id, department, region)
       SELECT $1::int + $2::int + i, 'phone:4008000000', 'lead', 'd' || (i % 13) || '/' || (650000 + (i % 15) * 100), 'L-' || i, 'd' || (i % 13), (650000 + (i % 15) * 100)::text
         FROM generate_series(1, $3::int) AS i`,
      [n, cases, HOT_LEADS],
    );
    await sql.query('ANALYZE leads; ANALYZE cases; ANALYZE entity_keys');
    const [{ keys = '0' } = {}] = await sql.query<{ keys: string }>('SELECT count(*) AS keys FROM entity_keys');
    log(`filled ${n} leads, ${cases} cases, ${keys} keys in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const repository = new EntitySearchRepository(sql);
    let seed = 2021;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = (): string => {
      const i = 1 + Math.floor(random() * n);
      const which = Math.floor(random() * 3);
      return which === 0 ? `shop_url:taobao:shop:${i % Math.ceil(n / 2.5)}` : which === 1 ? `phone:${13_000_000_000 + i}` : `uscc:U${i % Math.ceil(n / 3.3)}`;
    };
    const time = async (key: string): Promise<number> => {
      const at = performance.now();
      const rows = await repository.records(key, LIMIT);
      if (rows.length === 0) throw new Error(`no hit for ${key}: the fill and the queries disagree`);
      return performance.now() - at;
    };
    for (let i = 0; i < Math.ceil(options.queries / 10); i += 1) await time(pick());
    started = performance.now();
    const latencies: number[] = [];
    for (let i = 0; i < options.queries; i += 1) latencies.push(await time(pick()));
    latencies.sort((a, b) => a - b);
    const hot: number[] = [];
    for (let i = 0; i < 50; i += 1) hot.push(await time('phone:4008000000'));
    hot.sort((a, b) => a - b);
    const result: EntitySearchResult = {
      leads: n,
      keys: Number(keys),
      p50Ms: Number(percentile(latencies, 50).toFixed(2)),
      p99Ms: Number(percentile(latencies, 99).toFixed(2)),
      hotP99Ms: Number(percentile(hot, 99).toFixed(2)),
    };
    log(`${options.queries} searches in ${((performance.now() - started) / 1000).toFixed(1)} s: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms; hot value (${HOT_LEADS} leads) p99 ${result.hotP99Ms} ms`);
    return result;
  } finally {
    await dataSource.destroy();
    await db.drop().catch(() => undefined);
  }
}
