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
  /** Who acted, when the event names it (attribution, issue 13 §4). */
  actor?: string;
}

export interface ActivityFilter {
  /** `<dept>/<region>`: only this unit's events. */
  unit?: string | null;
  /** Only events published by this department's units (a line). */
  department?: string | null;
  /** Only events published by this region's units (a prefecture). */
  region?: string | null;
  timeFrom: string;
  timeBefore: string;
}

export interface ActivityCell {
  department: string;
  region: string;
  type: string;
  count: number;
}

/** What a timeline is about: a stream subject, a referral, and/or a `<dept>/<region>/<type>/<id>` reference. */
export interface TimelineTarget {
  streamSubject?: string;
  /**
   * A referral: with `fromUnit`, the sender's one (its lead.referred and the events under `subjectId`);
   * without, every referral by that id (a bare id: the caller filters what the reader may see).
   */
  referral?: { referralId: string; fromUnit?: string; subjectId: string };
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

const READ_COLUMNS = 'seq, id::text AS id, stream_subject, type, source, version, time_text, recorded_at, data, prev_hash, hash, sig, actor';

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
  actor: string | null;
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
  ...(r.actor === null ? {} : { actor: r.actor }),
});

/** `event_archive`: every projected event verbatim, unique by id. */
/** The unit record a joint event is about, where it names one (report.returned, draw.revealed, case.overdue). */
const RECORD_OF_JOINT_EVENT = "CASE WHEN department = 'joint' THEN coalesce(data->>'reportSubject', data->>'drawRef', data->>'recordRef') END";

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
          AND ($4::text IS NULL OR department = $4) AND ($5::text IS NULL OR region = $5)
        GROUP BY department, region, type`,
      [filter.unit ?? null, filter.timeFrom, filter.timeBefore, filter.department ?? null, filter.region ?? null],
    );
    return rows.map((r) => ({ department: r.department, region: r.region, type: r.type, count: Number(r.n) }));
  }

  /** Events per local day in `timeZone` (on event `time`), optionally for one unit: the progress chart. */
  async daily(filter: ActivityFilter, timeZone: string): Promise<{ day: string; count: number }[]> {
    const rows = await this.sql.query<{ day: string; n: string }>(
      `SELECT to_char(time AT TIME ZONE $4, 'YYYY-MM-DD') AS day, count(*) AS n FROM event_archive
        WHERE ($1::text IS NULL OR source = $1) AND time >= $2::timestamptz AND time < $3::timestamptz
          AND ($5::text IS NULL OR department = $5) AND ($6::text IS NULL OR region = $6)
        GROUP BY 1 ORDER BY 1`,
      [filter.unit ?? null, filter.timeFrom, filter.timeBefore, timeZone, filter.department ?? null, filter.region ?? null],
    );
    return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
  }

  /**
   * The history of one aggregate: its own events (by stream subject, indexed) plus the events that name it
   * from elsewhere — the sender's lead.referred of a referral and every unit's events under the referral's
   * subject (answers, feedback, overdue notices), joint-office conclusions (cluster members, jurisdiction
   * suggestions) — in stream order. Who may read which of them is the caller's rule.
   */
  async timeline(target: TimelineTarget, limit = 1_000): Promise<ArchivedEvent[]> {
    const referral = target.referral;
    const rows = await this.sql.query<ArchiveRow>(
      `SELECT ${READ_COLUMNS} FROM event_archive
        WHERE ($1::text IS NOT NULL AND stream_subject = $1)
           OR ($2::text IS NOT NULL AND aggregate_type = 'referral' AND (aggregate_id = $3 OR ($4::text IS NULL AND data->>'referralId' = $2)))
           OR ($2::text IS NOT NULL AND type = 'lead.referred' AND data->>'referralId' = $2 AND ($4::text IS NULL OR source = $4))
           OR ($5::text IS NOT NULL AND department = 'joint'
               AND (data->>'leadSubject' = $5 OR jsonb_exists(coalesce(data->'members', '[]'::jsonb), $5)))
        ORDER BY seq LIMIT $6`,
      [target.streamSubject ?? null, referral?.referralId ?? null, referral?.subjectId ?? null, referral?.fromUnit ?? null, target.reference ?? null, limit],
    );
    return rows.map(toArchived);
  }

  /**
   * Per publishing department, its guidance, interviews, sampling (records, batches, failed) and closure requests
   * with event time in [`timeFrom`, `timeBefore`) (no timeFrom: from the first), optionally of one region's units (the briefing's actions section).
   */
  async actionTotals(filter: { timeFrom?: string; timeBefore: string; region?: string }): Promise<{ department: string; guidance: number; interviews: number; samplings: number; batches: number; failed: number; closureRequests: number }[]> {
    const rows = await this.sql.query<{ department: string; guidance: string; interviews: string; samplings: string; batches: string; failed: string; closures: string }>(
      `SELECT department,
              count(*) FILTER (WHERE type = 'guidance.given' AND data->>'kind' = 'guidance') AS guidance,
              count(*) FILTER (WHERE type = 'guidance.given' AND data->>'kind' = 'interview') AS interviews,
              count(*) FILTER (WHERE type = 'sampling.recorded') AS samplings,
              coalesce(sum((data->>'batches')::bigint) FILTER (WHERE type = 'sampling.recorded'), 0) AS batches,
              coalesce(sum((data->>'failed')::bigint) FILTER (WHERE type = 'sampling.recorded'), 0) AS failed,
              count(*) FILTER (WHERE type = 'closure.requested') AS closures
         FROM event_archive
        WHERE type IN ('guidance.given', 'sampling.recorded', 'closure.requested') AND time < $1::timestamptz AND ($2::text IS NULL OR region = $2)
          AND ($3::timestamptz IS NULL OR time >= $3)
        GROUP BY department ORDER BY department`,
      [filter.timeBefore, filter.region ?? null, filter.timeFrom ?? null],
    );
    return rows.map((r) => ({
      department: r.department,
      guidance: Number(r.guidance),
      interviews: Number(r.interviews),
      samplings: Number(r.samplings),
      batches: Number(r.batches),
      failed: Number(r.failed),
      closureRequests: Number(r.closures),
    }));
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
      // A joint event about one unit's record (a returned filing's `reportSubject`, a draw's reveal `drawRef`, an
      // overdue case's `recordRef`: `<dept>/<region>/…`) is addressed to that unit: it and its line hear of it, as
      // they hear of a referral addressed to them.
      `SELECT seq, type, source, aggregate_type, aggregate_id, time_text,
              coalesce(data->>'toDepartment', nullif(split_part(${RECORD_OF_JOINT_EVENT}, '/', 1), '')) AS to_department,
              coalesce(data->>'toRegion', nullif(split_part(${RECORD_OF_JOINT_EVENT}, '/', 2), '')) AS to_region
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

  /** The latest event of `type` recorded (recordedAt) at or before an instant, if any. */
  async latestOfType(type: string, recordedBefore: string): Promise<ArchivedEvent | undefined> {
    const [row] = await this.select('type = $1 AND recorded_at <= $2::timestamptz ORDER BY seq DESC LIMIT 1', [type, recordedBefore]);
    return row;
  }

  /** Events of the given types recorded in a time window (on event `time`), in stream order. */
  async ofTypes(types: readonly string[], timeFrom: string, timeBefore: string, limit = 1_000): Promise<ArchivedEvent[]> {
    return this.select('type = ANY($1::text[]) AND time >= $2::timestamptz AND time < $3::timestamptz ORDER BY seq LIMIT $4', [types, timeFrom, timeBefore, limit]);
  }

  /** Every event of the given types, in stream order, up to a sequence (a draw's register as of its commit; all draw events). */
  async ofTypesUpTo(types: readonly string[], uptoSeq = Number.MAX_SAFE_INTEGER, limit = 100_000): Promise<ArchivedEvent[]> {
    return this.select('type = ANY($1::text[]) AND seq <= $2 ORDER BY seq LIMIT $3', [types, uptoSeq, limit]);
  }

  /** Per publishing unit, its latest event of `type` whose data names `campaign` (e.g. the report.submitted in force). */
  async latestPerSource(type: string, campaign: string): Promise<ArchivedEvent[]> {
    const rows = await this.sql.query<ArchiveRow>(
      `SELECT DISTINCT ON (source) ${READ_COLUMNS} FROM event_archive WHERE type = $1 AND data->>'campaign' = $2 ORDER BY source, seq DESC`,
      [type, campaign],
    );
    return rows.map(toArchived);
  }

  /** Per returned report aggregate (`data.reportSubject`, `<dept>/<region>/report/<campaign>`), its latest report.returned. */
  async latestReturns(): Promise<ArchivedEvent[]> {
    const rows = await this.sql.query<ArchiveRow>(
      `SELECT DISTINCT ON (data->>'reportSubject') ${READ_COLUMNS} FROM event_archive WHERE type = 'report.returned' ORDER BY data->>'reportSubject', seq DESC`,
    );
    return rows.map(toArchived);
  }

  /**
   * Per source, when its last correction or void of a record of one campaign was recorded (readiness: "changed since
   * filed"). A record's campaign is that of its first event's time (campaignOfTime), so `span` (campaignSpan: absent
   * bounds are open) keeps one campaign's corrections from marking another campaign's filing; a scan like
   * latestPerSource's, which readiness already pays.
   */
  async lastCorrectionPerSource(types: readonly string[], span: { timeFrom?: string; timeBefore?: string } = {}): Promise<Map<string, string>> {
    const rows = await this.sql.query<{ source: string; at: Date }>(
      `SELECT c.source, max(c.recorded_at) AS at FROM event_archive c
         CROSS JOIN LATERAL (SELECT o.time FROM event_archive o WHERE o.stream_subject = c.stream_subject ORDER BY o.version LIMIT 1) AS first
        WHERE c.type = ANY($1::text[]) AND ($2::timestamptz IS NULL OR first.time >= $2) AND ($3::timestamptz IS NULL OR first.time < $3)
        GROUP BY c.source`,
      [types, span.timeFrom ?? null, span.timeBefore ?? null],
    );
    return new Map(rows.map((row) => [row.source, new Date(row.at).toISOString()]));
  }

  /** The attachment.added events of one unit's record (`hub.evt.<dept>.<region>.<type>.<id>`), in stream order. */
  async attachmentsOf(streamSubject: string): Promise<ArchivedEvent[]> {
    return this.select("stream_subject = $1 AND type = 'attachment.added' ORDER BY seq", [streamSubject]);
  }

  /** Every attachment.added naming this SHA-256 (the same file may hang on several records), in stream order. */
  async attachmentsBySha256(sha256: string): Promise<ArchivedEvent[]> {
    return this.select("type = 'attachment.added' AND data->>'sha256' = $1 ORDER BY seq", [sha256]);
  }

  /**
   * Per filing (`source`, the stream position `seq` its figures were computed at), the first correction or void
   * recorded after that position of a record the unit had before it — a record the filed figures could count,
   * being of one of `countedTypes` (the annex rules' event types) and of the filing's campaign (`span`, as in
   * lastCorrectionPerSource). Readiness marks such a filing 已变更.
   */
  async changesAfterFiling(
    filings: readonly { source: string; seq: number }[],
    correctionTypes: readonly string[],
    countedTypes: readonly string[],
    span: { timeFrom?: string; timeBefore?: string } = {},
  ): Promise<Map<string, ArchivedEvent>> {
    if (filings.length === 0) return new Map();
    const rows = await this.sql.query<ArchiveRow>(
      `SELECT DISTINCT ON (c.source) ${READ_COLUMNS.split(', ').map((column) => `c.${column}`).join(', ')}
         FROM unnest($1::text[], $2::bigint[]) AS f(source, seq)
         JOIN event_archive c ON c.source = f.source AND c.seq > f.seq AND c.type = ANY($3::text[])
         CROSS JOIN LATERAL (SELECT o.time FROM event_archive o WHERE o.stream_subject = c.stream_subject ORDER BY o.version LIMIT 1) AS first
        WHERE EXISTS (SELECT 1 FROM event_archive o WHERE o.stream_subject = c.stream_subject AND o.seq <= f.seq AND o.type = ANY($4::text[]))
          AND ($5::timestamptz IS NULL OR first.time >= $5) AND ($6::timestamptz IS NULL OR first.time < $6)
        ORDER BY c.source, c.seq`,
      [filings.map((f) => f.source), filings.map((f) => f.seq), correctionTypes, countedTypes, span.timeFrom ?? null, span.timeBefore ?? null],
    );
    return new Map(rows.map(toArchived).map((event) => [event.source, event]));
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

  /** The events of `types` on the given aggregates (`<source>` + id, one aggregate type), in log order. */
  async ofAggregates(aggregateType: string, refs: readonly { source: string; id: string }[], types: readonly string[]): Promise<ArchivedEvent[]> {
    if (refs.length === 0) return [];
    return this.select(
      `aggregate_type = $1 AND (source, aggregate_id) IN (SELECT * FROM unnest($2::text[], $3::text[])) AND type = ANY($4::text[]) ORDER BY seq`,
      [aggregateType, refs.map((r) => r.source), refs.map((r) => r.id), types],
    );
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
    ...(row.actor === undefined ? {} : { actor: row.actor }),
    hash: row.hash,
    // '' in the archive: an event signed by its batch seal, with no signature of its own.
    ...(row.sig === '' ? {} : { sig: row.sig }),
  };
}
