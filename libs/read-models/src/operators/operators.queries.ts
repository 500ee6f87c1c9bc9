import { OPERATORS_MODEL } from '../read-models.js';
import type { Sql } from '../table/sql.js';
import type { OperatorState } from './operators.evolve.js';

const LIST = OPERATORS_MODEL.table.list;
const toState = OPERATORS_MODEL.rows.codec.fromRow;

export interface OperatorFilter {
  /** Operators doing business in these regions (null: every region). */
  regions?: readonly string[] | null;
  kind?: string | null;
  displayStatus?: string | null;
}

/** What a lead names that the register can be looked up by (canonical values). */
export interface OperatorKeys {
  usccs: readonly string[];
  domains: readonly string[];
  /** `<platform>:<shopId>` as the register spells them. */
  shops: readonly { platform: string; shopId: string }[];
}

const WHERE = `WHERE ($1::text[] IS NULL OR region = ANY($1)) AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR display_status = $3)`;
const params = (f: OperatorFilter): unknown[] => [f.regions ?? null, f.kind ?? null, f.displayStatus ?? null];

/** `operators`: the gateway's reads of the register (the projector writes through READ_MODELS). */
export class OperatorRepository {
  constructor(private readonly sql: Sql) {}

  async page(filter: OperatorFilter, limit: number, offset: number): Promise<{ total: number; items: OperatorState[] }> {
    const [count] = await this.sql.query<{ n: string }>(`SELECT count(*) AS n FROM operators ${WHERE}`, params(filter));
    const rows = await this.sql.query(`SELECT ${LIST} FROM operators ${WHERE} ORDER BY region, kind, name, unit, operator_id LIMIT $4 OFFSET $5`, [
      ...params(filter),
      limit,
      offset,
    ]);
    return { total: Number(count?.n ?? 0), items: rows.map(toState) };
  }

  /** Operators per region × kind × display status (the register's counts). */
  async counts(filter: OperatorFilter): Promise<{ region: string; kind: string; displayStatus: string; count: number }[]> {
    const rows = await this.sql.query<{ region: string; kind: string; display_status: string; n: string }>(
      `SELECT region, kind, display_status, count(*) AS n FROM operators ${WHERE} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params(filter),
    );
    return rows.map((r) => ({ region: r.region, kind: r.kind, displayStatus: r.display_status, count: Number(r.n) }));
  }

  /**
   * Registrations and updates per local day (on event time) of the operators in the filter's regions: the
   * register's changes over the campaign, read from the event archive joined to the entries they changed.
   */
  /** Register changes per local day of `timeZone`, of events with time in [timeFrom, timeBefore) (absent: unbounded). */
  async changesByDay(filter: OperatorFilter, timeZone: string, span: { timeFrom?: string; timeBefore?: string } = {}): Promise<{ day: string; type: string; count: number }[]> {
    const rows = await this.sql.query<{ day: string; type: string; n: string }>(
      `SELECT to_char(a.time AT TIME ZONE $4, 'YYYY-MM-DD') AS day, a.type, count(*) AS n
         FROM event_archive a JOIN operators o ON o.unit = a.source AND o.operator_id = a.aggregate_id
        WHERE a.aggregate_type = 'operator' AND ($1::text[] IS NULL OR o.region = ANY($1)) AND ($2::text IS NULL OR o.kind = $2)
          AND ($3::text IS NULL OR o.display_status = $3)
          AND ($5::timestamptz IS NULL OR a.time >= $5) AND ($6::timestamptz IS NULL OR a.time < $6)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [...params(filter), timeZone, span.timeFrom ?? null, span.timeBefore ?? null],
    );
    return rows.map((r) => ({ day: r.day, type: r.type, count: Number(r.n) }));
  }

  /**
   * A draw's target snapshot (双随机): the entries under the filter and the archive's last sequence, in one
   * statement, so the entries are exactly the register as of that sequence (the projector writes both in one
   * transaction) and a verifier can fold the log up to it and find the same list.
   */
  async snapshot(filter: OperatorFilter): Promise<{ registerSeq: number; entries: OperatorState[] }> {
    const rows = await this.sql.query<Record<string, unknown> & { register_seq: string; operator_id: string | null }>(
      `WITH pos AS (SELECT coalesce(max(seq), 0) AS register_seq FROM event_archive)
       SELECT pos.register_seq, o.* FROM pos LEFT JOIN (SELECT ${LIST} FROM operators ${WHERE}) o ON true ORDER BY o.unit, o.operator_id`,
      params(filter),
    );
    const registerSeq = Number(rows[0]?.register_seq ?? 0);
    return { registerSeq, entries: rows.filter((r) => r.operator_id !== null).map((r) => toState(r as never)) };
  }

  /** Entries whose name contains `name` (case-insensitive), in the given regions (null: every region). */
  async byName(name: string, regions: readonly string[] | null, limit = 50): Promise<OperatorState[]> {
    const pattern = `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.sql.query(
      `SELECT ${LIST} FROM operators WHERE name ILIKE $1 AND ($2::text[] IS NULL OR region = ANY($2)) ORDER BY name, unit, operator_id LIMIT $3`,
      [pattern, regions, limit],
    );
    return rows.map(toState);
  }

  /** Entries whose canonical USCC, domain or platform shop equals one of the keys. */
  async matching(keys: OperatorKeys): Promise<OperatorState[]> {
    if (keys.usccs.length + keys.domains.length + keys.shops.length === 0) return [];
    const rows = await this.sql.query(
      `SELECT ${LIST} FROM operators
        WHERE uscc = ANY($1::text[]) OR domain = ANY($2::text[])
           OR (platform || ':' || shop_id) = ANY($3::text[])
        ORDER BY unit, operator_id LIMIT 50`,
      [keys.usccs, keys.domains, keys.shops.map((s) => `${s.platform}:${s.shopId}`)],
    );
    return rows.map(toState);
  }
}
