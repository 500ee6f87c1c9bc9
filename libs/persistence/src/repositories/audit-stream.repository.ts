import type { ArchivedEvent } from '@hub/read-models';
import { copyLines, num, text } from '@hub/read-models';
import type { Sql } from '@hub/read-models';

/** What the stream holds for one event, as an audit pass collects it. */
export interface StreamEventRef {
  seq: number;
  /** The sequence the event first had (differs only for events reconcile re-appended). */
  originalSeq: number;
  id: string;
  streamSubject: string;
  hash: string;
  sig: string;
}

/** One event id seen by either copy: the archive row, the stream's reference, or both. */
export interface CopyPair {
  archived?: ArchivedEvent;
  stream?: StreamEventRef;
}

/**
 * `audit_stream`, a temporary table (this session only) of what an audit pass read from the stream, so
 * PostgreSQL joins it with `event_archive` by id: the comparison holds neither copy in the auditor's memory.
 * Needs one dedicated connection (temporary tables and the cursor live in its session).
 */
export class AuditStreamRepository {
  constructor(private readonly sql: Sql) {}

  async create(): Promise<void> {
    await this.sql.query(
      `CREATE TEMP TABLE IF NOT EXISTS audit_stream (id uuid NOT NULL, id_text text NOT NULL, seq bigint NOT NULL, original_seq bigint NOT NULL,
        stream_subject text NOT NULL, hash text NOT NULL, sig text NOT NULL)`,
    );
    await this.sql.query('TRUNCATE audit_stream');
  }

  async add(refs: readonly StreamEventRef[]): Promise<void> {
    const rows = copyLines(refs, (r) => `${text(r.id)}\t${text(r.id)}\t${num(r.seq)}\t${num(r.originalSeq)}\t${text(r.streamSubject)}\t${text(r.hash)}\t${text(r.sig)}`);
    await this.sql.copyFrom('audit_stream (id, id_text, seq, original_seq, stream_subject, hash, sig)', rows);
  }

  /**
   * Every event id either copy holds, paired by id (a full outer join), `batchSize` pairs at a time through
   * a cursor, in archive order. Runs in its own transaction on this session.
   */
  async *pairs(batchSize = 5_000): AsyncGenerator<CopyPair[]> {
    await this.sql.query('ANALYZE audit_stream');
    await this.sql.query('BEGIN');
    try {
      await this.sql.query(
        `DECLARE audit_pairs NO SCROLL CURSOR FOR
         SELECT a.seq, a.id::text AS id, a.stream_subject, a.type, a.source, a.version, a.time_text, a.recorded_at, a.data, a.prev_hash, a.hash, a.sig, a.actor,
                s.id_text AS s_id, s.seq AS s_seq, s.original_seq AS s_original_seq, s.stream_subject AS s_stream_subject, s.hash AS s_hash, s.sig AS s_sig
           FROM event_archive a FULL OUTER JOIN audit_stream s ON s.id = a.id`,
      );
      for (;;) {
        const rows = await this.sql.query<PairRow>(`FETCH ${Math.max(1, Math.floor(batchSize))} FROM audit_pairs`);
        if (rows.length === 0) break;
        yield rows.map(pairOf);
      }
    } finally {
      await this.sql.query('COMMIT');
    }
  }
}

interface PairRow {
  seq: string | null;
  id: string | null;
  stream_subject: string | null;
  type: string | null;
  source: string | null;
  version: number | null;
  time_text: string | null;
  recorded_at: Date | null;
  data: Record<string, unknown> | null;
  prev_hash: string | null;
  hash: string | null;
  sig: string | null;
  actor: string | null;
  s_id: string | null;
  s_seq: string | null;
  s_original_seq: string | null;
  s_stream_subject: string | null;
  s_hash: string | null;
  s_sig: string | null;
}

function pairOf(r: PairRow): CopyPair {
  const pair: CopyPair = {};
  if (r.seq !== null) {
    pair.archived = {
      seq: Number(r.seq),
      // The archive keeps ids as uuid (lower case); the stream's spelling is what the hash covers.
      id: r.s_id ?? r.id ?? '',
      streamSubject: r.stream_subject ?? '',
      type: r.type ?? '',
      source: r.source ?? '',
      version: r.version ?? 0,
      time: r.time_text ?? '',
      recordedAt: r.recorded_at?.toISOString() ?? '',
      data: r.data ?? {},
      prevHash: r.prev_hash,
      hash: r.hash ?? '',
      sig: r.sig ?? '',
      ...(r.actor === null ? {} : { actor: r.actor }),
    };
  }
  if (r.s_seq !== null) {
    pair.stream = {
      seq: Number(r.s_seq),
      originalSeq: Number(r.s_original_seq),
      id: r.s_id ?? '',
      streamSubject: r.s_stream_subject ?? '',
      hash: r.s_hash ?? '',
      sig: r.s_sig ?? '',
    };
  }
  return pair;
}
