import type { HubEvent } from '@hub/domain';
import type { PositionedEvent } from '../projections/positioned-event.js';
import { copyLines, json, num, text } from '../sql/copy-text.js';
import type { Sql } from '../sql/sql.js';

const COLUMNS =
  'seq, id, stream_subject, type, source, department, region, aggregate_type, aggregate_id, version, time, time_text, recorded_at, data, prev_hash, hash, sig';

export interface ArchivedEvent {
  seq: number;
  id: string;
  streamSubject: string;
  type: string;
  source: string;
  version: number;
  time: string;
  recordedAt: string;
  data: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
  sig: string;
}

/** `event_archive`: every projected event verbatim, unique by id. */
export class EventArchiveRepository {
  constructor(private readonly sql: Sql) {}

  /** Which of `ids` are already archived, with their sequence (keys lower-case), in one indexed lookup. */
  async knownIds(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.sql.query<{ id: string; seq: string }>('SELECT id::text AS id, seq FROM event_archive WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id.toLowerCase(), Number(row.seq)]));
  }

  async insertMany(events: readonly PositionedEvent[]): Promise<void> {
    await this.insertRows(EventArchiveRepository.insertRows(events));
  }

  /** Fails with a unique violation on event_archive_id_key when an id is already archived. */
  async insertRows(rows: string): Promise<void> {
    await this.sql.copyFrom(`event_archive (${COLUMNS})`, rows);
  }

  /** COPY text of archive rows (pure). `time` goes in twice: as an instant and verbatim. */
  static insertRows(events: readonly PositionedEvent[]): string {
    return copyLines(
      events,
      (e) =>
        `${e.seq}\t${text(e.event.id)}\t${text(e.streamSubject)}\t${text(e.event.type)}\t${text(e.event.source)}\t${text(e.department)}\t${text(e.region)}\t` +
        `${text(e.aggregateType)}\t${text(e.aggregateId)}\t${num(e.event.version)}\t${text(e.event.time)}\t${text(e.event.time)}\t${text(e.event.recordedAt)}\t` +
        `${json(e.event.data)}\t${text(e.event.prevHash)}\t${text(e.event.hash)}\t${text(e.event.sig)}`,
    );
  }

  async count(): Promise<number> {
    const [row] = await this.sql.query<{ n: string }>('SELECT count(*) AS n FROM event_archive');
    return Number(row?.n ?? 0);
  }

  /** Events in stream order, optionally from a sequence on (audit replay, reconcile). */
  async list(fromSeq = 1, limit = 10_000): Promise<ArchivedEvent[]> {
    return this.select('seq >= $1 ORDER BY seq LIMIT $2', [fromSeq, limit]);
  }

  /** The archived events at these sequences, in sequence order (reconcile). */
  async bySeqs(seqs: readonly number[]): Promise<ArchivedEvent[]> {
    if (seqs.length === 0) return [];
    return this.select('seq = ANY($1::bigint[]) ORDER BY seq', [seqs]);
  }

  private async select(where: string, values: unknown[]): Promise<ArchivedEvent[]> {
    const rows = await this.sql.query<{
      seq: string;
      id: string;
      stream_subject: string;
      type: string;
      source: string;
      version: number;
      time_text: string;
      recorded_at: Date;
      data: Record<string, unknown>;
      prev_hash: string | null;
      hash: string;
      sig: string;
    }>(
      `SELECT seq, id::text AS id, stream_subject, type, source, version, time_text, recorded_at, data, prev_hash, hash, sig
         FROM event_archive WHERE ${where}`,
      values,
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      id: r.id,
      streamSubject: r.stream_subject,
      type: r.type,
      source: r.source,
      version: r.version,
      time: r.time_text,
      recordedAt: r.recorded_at.toISOString(),
      data: r.data,
      prevHash: r.prev_hash,
      hash: r.hash,
      sig: r.sig,
    }));
  }
}

/** The sealed event an archive row holds (the subject comes from the stream subject, as it was stored). */
export function archivedEnvelope(row: ArchivedEvent): HubEvent {
  const [, , , , aggregateType = '', ...idParts] = row.streamSubject.split('.');
  return {
    id: row.id,
    type: row.type,
    source: row.source,
    subject: `${aggregateType}/${idParts.join('.')}`,
    time: row.time,
    recordedAt: row.recordedAt,
    version: row.version,
    data: row.data,
    prevHash: row.prevHash,
    hash: row.hash,
    sig: row.sig,
  };
}
