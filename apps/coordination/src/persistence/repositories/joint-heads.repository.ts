import { deserialize, serialize } from 'node:v8';
import type { StreamIdentity, SubjectHeadsState } from '@hub/event-store';
import type { Sql } from '@hub/persistence';

const NAME = 'joint';

/** `coordination_joint_heads`: the joint office's id index and heads as last saved, with the stream they were folded from. */
export class JointHeadsRepository {
  constructor(private readonly sql: Sql) {}

  async load(): Promise<{ identity: StreamIdentity; heads: SubjectHeadsState } | undefined> {
    const [row] = await this.sql.query<{ stream: string; stream_created: string; state: Buffer }>('SELECT stream, stream_created, state FROM coordination_joint_heads WHERE name = $1', [NAME]);
    if (row === undefined) return undefined;
    return { identity: { stream: row.stream, created: row.stream_created }, heads: deserialize(row.state) as SubjectHeadsState };
  }

  /** Replaces the saved heads; returns the bytes stored. */
  async save(identity: StreamIdentity, heads: SubjectHeadsState): Promise<number> {
    const state = serialize(heads);
    await this.sql.query(
      `INSERT INTO coordination_joint_heads (name, stream, stream_created, last_seq, state, written_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (name) DO UPDATE SET stream = EXCLUDED.stream, stream_created = EXCLUDED.stream_created, last_seq = EXCLUDED.last_seq, state = EXCLUDED.state, written_at = EXCLUDED.written_at`,
      [NAME, identity.stream, identity.created, heads.lastSeq, state],
    );
    return state.byteLength;
  }
}
