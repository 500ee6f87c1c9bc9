import type { Sql } from '@hub/persistence';
import type { SqlScript } from '@hub/read-models';

const LOCKING_SELECT = 'SELECT last_seq FROM coordination_checkpoint WHERE name = $1 FOR UPDATE';
const NOT_BELOW = 'hub: coordination checkpoint not below the batch';

/** Whether `error` is assertBelow's: the checkpoint is missing, or at or past the batch (then lock() says which). */
export function isCheckpointNotBelow(error: unknown): boolean {
  return (error as { code?: string }).code === '22P02' && String((error as { message?: unknown }).message).includes(NOT_BELOW);
}

/** `coordination_checkpoint`: what the coordination consumer has committed. */
export class CoordinationCheckpointRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The checkpoint, locked for this transaction (one coordination instance writes at a time); created at 0 when
   * missing. `selected`: the locking SELECT's rows when the caller already sent it (lockingSelect, in the round
   * trip that began the transaction).
   */
  async lock(name: string, selected?: readonly { last_seq: string }[]): Promise<number> {
    const select = () => this.sql.query<{ last_seq: string }>(LOCKING_SELECT, [name]);
    let [row] = selected ?? (await select());
    if (row === undefined) {
      await this.sql.query(`INSERT INTO coordination_checkpoint (name, last_seq, updated_at) VALUES ($1, 0, now()) ON CONFLICT (name) DO NOTHING`, [name]);
      [row] = await select();
    }
    return Number(row?.last_seq ?? 0);
  }

  /** lock()'s SELECT, added to `script` (its rows are what lock() takes as `selected`). */
  static lockingSelect(script: SqlScript, name: string): SqlScript {
    return script.add(LOCKING_SELECT, [name]);
  }

  /**
   * lock() for a batch sent in one round trip (SqlScript), where nothing can be looked at before the writes: locks
   * the row and fails the transaction (isCheckpointNotBelow) unless the checkpoint exists and is below `lastSeq`.
   * The failure is a cast of a message to integer: an error plain SQL can raise without a function, and not a
   * constant, so it is raised only when the row disagrees (a constant would be folded while planning).
   */
  async assertBelow(name: string, lastSeq: number): Promise<void> {
    await this.sql.query(
      `WITH c AS (SELECT last_seq FROM coordination_checkpoint WHERE name = $1 FOR UPDATE)
       SELECT CASE WHEN c.last_seq < $2::bigint THEN 0 ELSE ('${NOT_BELOW}: at ' || coalesce(c.last_seq::text, 'none'))::int END
         FROM (SELECT) one LEFT JOIN c ON true`,
      [name, lastSeq],
    );
  }

  async read(name: string): Promise<number> {
    const [row] = await this.sql.query<{ last_seq: string }>('SELECT last_seq FROM coordination_checkpoint WHERE name = $1', [name]);
    return Number(row?.last_seq ?? 0);
  }

  async save(name: string, lastSeq: number): Promise<void> {
    await this.sql.query('UPDATE coordination_checkpoint SET last_seq = $2, updated_at = now() WHERE name = $1', [name, lastSeq]);
  }
}
