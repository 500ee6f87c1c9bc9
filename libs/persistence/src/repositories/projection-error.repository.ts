import type { CorruptMessage } from '../projections/decode.js';
import type { DuplicateMessage } from '../projections/plan-batch.js';
import type { Sql } from '@hub/read-models';

export interface ProjectionError {
  seq: number;
  streamSubject: string;
  kind: 'corrupt' | 'duplicate';
  eventId: string | null;
  message: string;
  payload: string;
}

/** `projection_errors`: what the projector did not apply as a new event, and why. */
export class ProjectionErrorRepository {
  constructor(private readonly sql: Sql) {}

  async record(corrupt: readonly CorruptMessage[], duplicates: readonly DuplicateMessage[]): Promise<void> {
    const rows: ProjectionError[] = [
      ...corrupt.map((c): ProjectionError => ({ seq: c.seq, streamSubject: c.streamSubject, kind: 'corrupt', eventId: c.eventId, message: c.reason, payload: c.payload })),
      ...duplicates.map(
        (d): ProjectionError => ({
          seq: d.seq,
          streamSubject: d.streamSubject,
          kind: 'duplicate',
          eventId: d.eventId,
          message: `event id already stored at seq ${d.firstSeq}`,
          payload: '',
        }),
      ),
    ];
    if (rows.length === 0) return;
    await this.sql.query(
      `INSERT INTO projection_errors (seq, stream_subject, kind, event_id, message, payload)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, "streamSubject" text, kind text, "eventId" text, message text, payload text)`,
      [JSON.stringify(rows)],
    );
  }

  async list(): Promise<ProjectionError[]> {
    const rows = await this.sql.query<{ seq: string; stream_subject: string; kind: 'corrupt' | 'duplicate'; event_id: string | null; message: string; payload: string }>(
      'SELECT seq, stream_subject, kind, event_id, message, payload FROM projection_errors ORDER BY seq, id',
    );
    return rows.map((r) => ({ seq: Number(r.seq), streamSubject: r.stream_subject, kind: r.kind, eventId: r.event_id, message: r.message, payload: r.payload }));
  }
}
