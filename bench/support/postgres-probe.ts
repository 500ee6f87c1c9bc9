// Where the bench's PostgreSQL spends its CPU during a scenario's window: by client (each backend's /proc CPU,
// grouped by the application_name its connection gave: hub-projector, hub-coordination, the gateway's reads …)
// and, with BENCH_PG_STATEMENTS=1 (the server then preloads pg_stat_statements), by statement. Figures per
// answered request, so runs at different rates compare.
import pg from 'pg';
import { cpuSecondsOf } from './process-cpu.js';

/** Server settings for the bench's PostgreSQL: pg_stat_statements preloaded when BENCH_PG_STATEMENTS is set. */
export function benchPostgresSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (!env.BENCH_PG_STATEMENTS) return {};
  // `all`: statements inside functions and the DO blocks too; each statement of a multi-statement query counts alone.
  return { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', 'pg_stat_statements.track_planning': 'on', 'pg_stat_statements.max': '5000' };
}

export interface PostgresWindowReport {
  /** PostgreSQL CPU per answered request, µs, by the connection's application_name. */
  cpuUsByClient: Record<string, number>;
  /** The statements that took most planning and execution time, per answered request (only with pg_stat_statements). */
  statements: { calls: number; rows: number; planUs: number; execUs: number; query: string }[];
  /** Planning and execution time of all statements, per answered request. */
  totalUs?: { plan: number; exec: number };
}

interface Backend {
  pid: number;
  client: string;
}

export class PostgresProbe {
  private constructor(
    private readonly client: pg.Client,
    private readonly statementsOn: boolean,
  ) {}

  /** Connects to the server's maintenance database (`serverUrl`). */
  static async connect(serverUrl: string): Promise<PostgresProbe> {
    const client = new pg.Client({ connectionString: serverUrl, application_name: 'hub-bench-postgres-probe' });
    await client.connect();
    const { rows } = await client.query<{ on: boolean }>("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' AS on");
    const statementsOn = rows[0]?.on === true;
    if (statementsOn) await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return new PostgresProbe(client, statementsOn);
  }

  private cpuBefore = new Map<number, number>();

  /** Opens the window: statement statistics reset, each backend's CPU so far noted. */
  async start(): Promise<void> {
    if (this.statementsOn) await this.client.query('SELECT pg_stat_statements_reset()');
    this.cpuBefore = new Map((await this.backends()).map((b) => [b.pid, cpuSecondsOf(b.pid)]));
  }

  /** Closes the window: what was spent in it, per answered request. */
  async stop(answered: number): Promise<PostgresWindowReport> {
    const per = (seconds: number): number => Math.round((seconds * 1e6) / Math.max(1, answered));
    const byClient = new Map<string, number>();
    for (const backend of await this.backends()) {
      const spent = cpuSecondsOf(backend.pid) - (this.cpuBefore.get(backend.pid) ?? 0);
      byClient.set(backend.client, (byClient.get(backend.client) ?? 0) + spent);
    }
    const cpuUsByClient = Object.fromEntries([...byClient].sort(([, a], [, b]) => b - a).map(([client, seconds]) => [client, per(seconds)]));
    if (!this.statementsOn) return { cpuUsByClient, statements: [] };
    const us = (ms: number): number => Math.round((ms * 1e3) / Math.max(1, answered));
    // Statements that differ only in the length of a VALUES list are one statement here.
    const { rows } = await this.client.query<{ calls: string; rows: string; plan_ms: number; exec_ms: number; query: string }>(
      `SELECT sum(calls) AS calls, sum(rows) AS rows, sum(total_plan_time) AS plan_ms, sum(total_exec_time) AS exec_ms, min(query) AS query
         FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
        GROUP BY regexp_replace(query, '\\(\\$.*', '') ORDER BY sum(total_plan_time + total_exec_time) DESC`,
    );
    const total = rows.reduce((sum, r) => ({ plan: sum.plan + r.plan_ms, exec: sum.exec + r.exec_ms }), { plan: 0, exec: 0 });
    const statements = rows
      .slice(0, 30)
      .map((r) => ({ calls: Number(r.calls), rows: Number(r.rows), planUs: us(r.plan_ms), execUs: us(r.exec_ms), query: r.query.replace(/\s+/g, ' ').slice(0, 240) }));
    return { cpuUsByClient, statements, totalUs: { plan: us(total.plan), exec: us(total.exec) } };
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  /** Every client backend (and the server's own processes by their kind: checkpointer, walwriter, autovacuum …). */
  private async backends(): Promise<Backend[]> {
    const { rows } = await this.client.query<{ pid: number; client: string }>(
      `SELECT pid, CASE WHEN backend_type = 'client backend' THEN coalesce(nullif(application_name, ''), '(unnamed)') ELSE backend_type END AS client
         FROM pg_stat_activity`,
    );
    return rows;
  }
}
