import type { Sql } from '@hub/persistence';
import { READ_MODEL_TABLES } from '@hub/read-models';

/**
 * Every read-model row in a canonical order (each declared table by its primary key), plus the projector's
 * own bookkeeping without columns that legitimately differ between two projections of the same log
 * (wall-clock stamps, generated ids). Two snapshots are equal exactly when the read models are.
 */
export async function readModelSnapshot(sql: Sql): Promise<Record<string, unknown[]>> {
  const q = (text: string) => sql.query(text);
  const snapshot: Record<string, unknown[]> = {};
  for (const table of READ_MODEL_TABLES) snapshot[table.name] = await q(`SELECT * FROM ${table.name} ORDER BY ${table.keyColumns.join(', ')}`);
  snapshot['projector_checkpoint'] = await q('SELECT name, last_seq FROM projector_checkpoint ORDER BY name');
  snapshot['projection_errors'] = await q('SELECT seq, stream_subject, kind, event_id, message, payload FROM projection_errors ORDER BY seq, kind');
  return snapshot;
}
