import { STATE_MODELS, type Sql } from '@hub/read-models';

/** True when no state model has a row yet (a writer starting on it needs no lookups). */
const EMPTY_STATE_TABLES = STATE_MODELS.map((m) => `NOT EXISTS (SELECT 1 FROM ${m.table.name})`).join(' AND ');

/** The LISTEN/NOTIFY channel on which each committed projector batch announces `{name, lastSeq, schema}`. */
export const PROJECTED_CHANNEL = 'hub_projected';

export interface ProjectedNotice {
  name: string;
  lastSeq: number;
  schema: string;
}

/** Marks the error assertSettledAt raises (inside PostgreSQL's "invalid input syntax for type integer" message). */
const NOT_SETTLED = 'hub: projector checkpoint not as prepared';

/** Whether `error` is assertSettledAt's: the checkpoint, the schema or catch-up mode is not what the batch assumed. */
export function isNotSettled(error: unknown): boolean {
  return (error as { code?: string }).code === '22P02' && String((error as { message?: unknown }).message).includes(NOT_SETTLED);
}

/** `projector_checkpoint`: the last applied stream sequence per projector name. */
export class CheckpointRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The checkpoint, locked FOR UPDATE until the transaction ends, so two projector instances can never
   * apply the same batch (the second waits, then sees the advanced checkpoint and skips). Created at 0.
   */
  async lockForUpdate(name: string): Promise<number> {
    const row = await this.lockedRow(name, () => this.sql.query<{ last_seq: string }>('SELECT last_seq FROM projector_checkpoint WHERE name = $1 FOR UPDATE', [name]));
    return Number(row?.last_seq ?? 0);
  }

  /**
   * lockForUpdate, plus the identity (oid) of the schema the tables resolve to: after a blue/green swap
   * the name is the same but the schema is not, and whatever a writer cached about the old one is void.
   */
  async lockForUpdateWithSchema(name: string): Promise<{ lastSeq: number; schema: string; rollupDeferred: boolean; indexesDeferred: boolean }> {
    const row = await this.lockedRow(name, () =>
      this.sql.query<{ last_seq: string; schema: string; rollup_deferred: boolean; indexes_deferred: boolean }>(
        `SELECT c.last_seq, n.oid::text AS schema, c.rollup_deferred_after IS NOT NULL AS rollup_deferred, cardinality(c.deferred_indexes) > 0 AS indexes_deferred
           FROM projector_checkpoint c, pg_namespace n
          WHERE c.name = $1 AND n.nspname = current_schema() FOR UPDATE OF c`,
        [name],
      ),
    );
    return { lastSeq: Number(row?.last_seq ?? 0), schema: row?.schema ?? '', rollupDeferred: row?.rollup_deferred ?? false, indexesDeferred: row?.indexes_deferred ?? false };
  }

  /**
   * lockForUpdateWithSchema for a batch sent in one round trip (SqlScript), where nothing can be looked at before
   * the writes: locks the row and fails the transaction (isNotSettled) unless the checkpoint is `lastSeq`, the
   * tables resolve to `schema` and catch-up mode has deferred nothing (no rollup, no indexes). The failure is a
   * cast of a message that names the checkpoint to integer: an error plain SQL can raise without a function, and
   * not a constant, so it is raised only when the row disagrees (a constant would be folded while planning).
   */
  async assertSettledAt(name: string, lastSeq: number, schema: string): Promise<void> {
    await this.sql.query(
      `WITH c AS (SELECT last_seq, rollup_deferred_after, deferred_indexes FROM projector_checkpoint WHERE name = $1 FOR UPDATE)
       SELECT CASE WHEN c.last_seq = $2 AND c.rollup_deferred_after IS NULL AND cardinality(c.deferred_indexes) = 0
                    AND (SELECT oid::text FROM pg_namespace WHERE nspname = current_schema()) = $3 THEN 0
              ELSE ('${NOT_SETTLED}: at ' || coalesce(c.last_seq::text, 'none'))::int END
         FROM (SELECT) one LEFT JOIN c ON true`,
      [name, lastSeq, schema],
    );
  }

  /**
   * The checkpoint row as `select` locks it, created at 0 first if there is none. Created only when missing: every
   * batch of the projector locks it, and the INSERT … ON CONFLICT it used to run first was one statement more per
   * batch (a batch costs the same whatever its size, so a trickle of single events paid it for each).
   */
  private async lockedRow<T>(name: string, select: () => Promise<T[]>): Promise<T | undefined> {
    const [row] = await select();
    if (row !== undefined) return row;
    await this.sql.query('INSERT INTO projector_checkpoint (name, last_seq, updated_at) VALUES ($1, 0, now()) ON CONFLICT (name) DO NOTHING', [name]);
    return (await select())[0];
  }

  /** The checkpoint after which the annex rollup is deferred (catch-up mode), or null when batches roll up. */
  async rollupDeferredAfter(name: string): Promise<number | null> {
    const [row] = await this.sql.query<{ after: string | null }>('SELECT rollup_deferred_after AS after FROM projector_checkpoint WHERE name = $1', [name]);
    return row?.after === null || row?.after === undefined ? null : Number(row.after);
  }

  /** Defers the rollup from the current checkpoint on; a deferral already running keeps its (earlier) start. */
  async deferRollup(name: string): Promise<void> {
    await this.sql.query('UPDATE projector_checkpoint SET rollup_deferred_after = coalesce(rollup_deferred_after, last_seq) WHERE name = $1', [name]);
  }

  async endRollupDeferral(name: string): Promise<void> {
    await this.sql.query('UPDATE projector_checkpoint SET rollup_deferred_after = NULL WHERE name = $1', [name]);
  }

  /** Where the read models stand for a writer starting up: checkpoint, schema identity, and whether they are empty. */
  async position(name: string): Promise<{ lastSeq: number; schema: string; empty: boolean }> {
    const [row] = await this.sql.query<{ last_seq: string | null; schema: string; empty: boolean }>(
      `SELECT (SELECT last_seq FROM projector_checkpoint WHERE name = $1) AS last_seq,
              (SELECT oid::text FROM pg_namespace WHERE nspname = current_schema()) AS schema,
              ${EMPTY_STATE_TABLES} AS empty`,
      [name],
    );
    return { lastSeq: Number(row?.last_seq ?? 0), schema: row?.schema ?? '', empty: row?.empty ?? false };
  }

  /**
   * Moves the checkpoint and, in the same statement, NOTIFYs PROJECTED_CHANNEL: PostgreSQL delivers the
   * notification only when the batch's transaction commits, so a listener (the gateway's live feed) never
   * hears of rows it cannot read yet, and a rolled-back batch says nothing.
   */
  async advance(name: string, lastSeq: number): Promise<void> {
    await this.sql.query(
      `WITH moved AS (UPDATE projector_checkpoint SET last_seq = $2, updated_at = now() WHERE name = $1 RETURNING name, last_seq)
       SELECT pg_notify('${PROJECTED_CHANNEL}', json_build_object('name', name, 'lastSeq', last_seq, 'schema', current_schema())::text) FROM moved`,
      [name, lastSeq],
    );
  }

  async deferredIndexes(name: string): Promise<string[]> {
    const [row] = await this.sql.query<{ deferred_indexes: string[] }>('SELECT deferred_indexes FROM projector_checkpoint WHERE name = $1', [name]);
    return row?.deferred_indexes ?? [];
  }

  async setDeferredIndexes(name: string, definitions: readonly string[]): Promise<void> {
    await this.sql.query('UPDATE projector_checkpoint SET deferred_indexes = $2 WHERE name = $1', [name, definitions]);
  }

  /** The checkpoint without locking (0 when none). */
  async read(name: string): Promise<number> {
    return (await this.find(name)) ?? 0;
  }

  /** The checkpoint without locking; undefined when there is no row of that name. */
  async find(name: string): Promise<number | undefined> {
    const [row] = await this.sql.query<{ last_seq: string }>('SELECT last_seq FROM projector_checkpoint WHERE name = $1', [name]);
    return row === undefined ? undefined : Number(row.last_seq);
  }
}
