import type { HubEvent } from '@hub/domain';
import type { PositionedEvent } from '../table/positioned-event.js';
import type { Sql } from '../table/sql.js';
import { archiveCopyText, EVENT_ARCHIVE } from './archive.table.js';

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

export interface ActivityFilter {
  /** `<dept>/<region>`: only this unit's events. */
  unit?: string | null;
  timeFrom: string;
  timeBefore: string;
}

export interface ActivityCell {
  department: string;
  region: string;
  type: string;
  count: number;
}

/** What a timeline is about: a stream subject, a referral id, and/or a `<dept>/<region>/<type>/<id>` reference. */
export interface TimelineTarget {
  streamSubject?: string;
  referralId?: string;
  reference?: string;
}

/** An event's routing facts, enough to tell who may see it (the live feed). */
export interface EventHead {
  seq: number;
  type: string;
  source: string;
  subject: string;
  time: string;
  /** `toDepartment/toRegion` of a lead.referred: the receiving unit may see it. */
  toUnit: string | null;
}

const READ_COLUMNS = 'seq, id::text AS id, stream_subject, type, source, version, time_text, recorded_at, data, prev_hash, hash, sig';

interface ArchiveRow {
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
}

const toArchived = (r: ArchiveRow): ArchivedEvent => ({
  seq: Number(r.seq),
  id: r.id,
  streamSubject: r.stream_subject,
  type: r.type,
  source: r.source,
  version: r.version,
  time: r.time_text,
  recordedAt: new Date(r.recorded_at).toISOString(),
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
  sig: r.sig,
});

/** `event_archive`: every projected event verbatim, unique by id. */
export class EventArchiveRepository {
  constructor(private readonly sql: Sql) {}

  /** Which of `ids` are already archived, with their sequence (keys lower-case), in one indexed lookup. */
  async knownIds(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.sql.query<{ id: string; seq: string }>('SELECT id::text AS id, seq FROM event_archive WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id.toLowerCase(), Number(row.seq)]));
  }

  /** Fails with a unique violation on event_archive_id_key when an id is already archived. */
  async insertMany(events: readonly PositionedEvent[]): Promise<void> {
    await this.sql.copyFrom(`event_archive (${EVENT_ARCHIVE.list})`, archiveCopyText(events));
  }

  /**
   * Events per publishing department × region × type in a time window (on event `time`), optionally for one
   * unit: the overview's activity matrix. Joint-office events are included (department `joint`).
   */
  async activity(filter: ActivityFilter): Promise<ActivityCell[]> {
    const rows = await this.sql.query<{ department: string; region: string; type: string; n: string }>(
      `SELECT department, region, type, count(*) AS n FROM event_archive
        WHERE ($1::text IS NULL OR source = $1) AND time >= $2::timestamptz AND time < $3::timestamptz
        GROUP BY department, region, type`,
      [filter.unit ?? null, filter.timeFrom, filter.timeBefore],
    );
    return rows.map((r) => ({ department: r.department, region: r.region, type: r.type, count: Number(r.n) }));
  }

  /** Events per local day in `timeZone` (on event `time`), optionally for one unit: the progress chart. */
  async daily(filter: ActivityFilter, timeZone: string): Promise<{ day: string; count: number }[]> {
    const rows = await this.sql.query<{ day: string; n: string }>(
      `SELECT to_char(time AT TIME ZONE $4, 'YYYY-MM-DD') AS day, count(*) AS n FROM event_archive
        WHERE ($1::text IS NULL OR source = $1) AND time >= $2::timestamptz AND time < $3::timestamptz
        GROUP BY 1 ORDER BY 1`,
      [filter.unit ?? null, filter.timeFrom, filter.timeBefore, timeZone],
    );
    return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
  }

  /**
   * The history of one aggregate: its own events (by stream subject, indexed) plus the events that name it
   * from elsewhere — the sender's lead.referred of a referral, joint-office conclusions (cluster members,
   * jurisdiction suggestions, overdue notices) — in stream order.
   */
  async timeline(target: TimelineTarget, limit = 1_000): Promise<ArchivedEvent[]> {
    const rows = await this.sql.query<ArchiveRow>(
      `SELECT ${READ_COLUMNS} FROM event_archive
        WHERE ($1::text IS NOT NULL AND stream_subject = $1)
           OR ($2::text IS NOT NULL AND aggregate_type = 'referral' AND aggregate_id = $2)
           OR ($2::text IS NOT NULL AND type = 'lead.referred' AND data->>'referralId' = $2)
           OR ($3::text IS NOT NULL AND department = 'joint'
               AND (data->>'leadSubject' = $3 OR jsonb_exists(coalesce(data->'members', '[]'::jsonb), $3)))
        ORDER BY seq LIMIT $4`,
      [target.streamSubject ?? null, target.referralId ?? null, target.reference ?? null, limit],
    );
    return rows.map(toArchived);
  }

  /** Events after `afterSeq` up to `uptoSeq`, without their payloads except routing fields (the live feed). */
  async headsBetween(afterSeq: number, uptoSeq: number, limit: number): Promise<EventHead[]> {
    const rows = await this.sql.query<{
      seq: string;
      type: string;
      source: string;
      aggregate_type: string;
      aggregate_id: string;
      time_text: string;
      to_department: string | null;
      to_region: string | null;
    }>(
      `SELECT seq, type, source, aggregate_type, aggregate_id, time_text, data->>'toDepartment' AS to_department, data->>'toRegion' AS to_region
         FROM event_archive WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [afterSeq, uptoSeq, limit],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      type: r.type,
      source: r.source,
      subject: `${r.aggregate_type}/${r.aggregate_id}`,
      time: r.time_text,
      toUnit: r.to_department && r.to_region ? `${r.to_department}/${r.to_region}` : null,
    }));
  }

  /** The highest archived sequence (0 when empty). */
  async lastSeq(): Promise<number> {
    const [row] = await this.sql.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM event_archive');
    return Number(row?.seq ?? 0);
  }

  /** Events of the given types recorded in a time window (on event `time`), in stream order. */
  async ofTypes(types: readonly string[], timeFrom: string, timeBefore: string, limit = 1_000): Promise<ArchivedEvent[]> {
    return this.select('type = ANY($1::text[]) AND time >= $2::timestamptz AND time < $3::timestamptz ORDER BY seq LIMIT $4', [types, timeFrom, timeBefore, limit]);
  }

  /** Per publishing unit, its latest event of `type` whose data names `campaign` (e.g. the report.submitted in force). */
  async latestPerSource(type: string, campaign: string): Promise<ArchivedEvent[]> {
    const rows = await this.sql.query<ArchiveRow>(
      `SELECT DISTINCT ON (source) ${READ_COLUMNS} FROM event_archive WHERE type = $1 AND data->>'campaign' = $2 ORDER BY source, seq DESC`,
      [type, campaign],
    );
    return rows.map(toArchived);
  }

  /**
   * Per source, when its last correction or void was recorded (readiness: "changed since filed"); a scan
   * like latestPerSource's, which readiness already pays.
   */
  async lastCorrectionPerSource(types: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.sql.query<{ source: string; at: Date }>('SELECT source, max(recorded_at) AS at FROM event_archive WHERE type = ANY($1::text[]) GROUP BY source', [types]);
    return new Map(rows.map((row) => [row.source, new Date(row.at).toISOString()]));
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
    const rows = await this.sql.query<ArchiveRow>(`SELECT ${READ_COLUMNS} FROM event_archive WHERE ${where}`, values);
    return rows.map(toArchived);
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
