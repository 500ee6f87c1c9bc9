import type { Sql } from '@hub/persistence';

/** `coordination_checkpoint`: what the coordination consumer has committed. */
export class CoordinationCheckpointRepository {
  constructor(private readonly sql: Sql) {}

  /** The checkpoint, locked for this transaction (one coordination instance writes at a time). */
  async lock(name: string): Promise<number> {
    await this.sql.query(`INSERT INTO coordination_checkpoint (name, last_seq, updated_at) VALUES ($1, 0, now()) ON CONFLICT (name) DO NOTHING`, [name]);
    const [row] = await this.sql.query<{ last_seq: string }>('SELECT last_seq FROM coordination_checkpoint WHERE name = $1 FOR UPDATE', [name]);
    return Number(row?.last_seq ?? 0);
  }

  async read(name: string): Promise<number> {
    const [row] = await this.sql.query<{ last_seq: string }>('SELECT last_seq FROM coordination_checkpoint WHERE name = $1', [name]);
    return Number(row?.last_seq ?? 0);
  }

  async save(name: string, lastSeq: number): Promise<void> {
    await this.sql.query('UPDATE coordination_checkpoint SET last_seq = $2, updated_at = now() WHERE name = $1', [name, lastSeq]);
  }
}
