import type { TallyRow } from '../projections/tally.projection.js';
import { copyLines, num, text } from '../sql/copy-text.js';
import type { Sql } from '../sql/sql.js';

const LIST = 'seq, event_id, kind, aggregate_id, action, target_kind, channel, count, batches, pieces, platform, unit, department, region, time, recorded_at';

/** `tallies`: takedowns, inspections, rectification orders and seizures, one row per event. */
export class TallyRepository {
  constructor(private readonly sql: Sql) {}

  async insertMany(rows: readonly TallyRow[]): Promise<void> {
    await this.insertRows(TallyRepository.insertRows(rows));
  }

  async insertRows(rows: string): Promise<void> {
    await this.sql.copyFrom(`tallies (${LIST})`, rows);
  }

  /** COPY text of tally rows (pure). */
  static insertRows(rows: readonly TallyRow[]): string {
    return copyLines(
      rows,
      (t) =>
        `${t.seq}\t${text(t.eventId)}\t${text(t.kind)}\t${text(t.aggregateId)}\t${text(t.action)}\t${text(t.targetKind)}\t${text(t.channel)}\t` +
        `${num(t.count)}\t${num(t.batches)}\t${num(t.pieces)}\t${text(t.platform)}\t${text(t.unit)}\t${text(t.department)}\t${text(t.region)}\t${text(t.time)}\t${text(t.recordedAt)}`,
    );
  }

  async all(): Promise<TallyRow[]> {
    const rows = await this.sql.query<Record<string, string | number | Date | null>>(`SELECT ${LIST} FROM tallies ORDER BY seq`);
    return rows.map((r) => ({
      seq: Number(r['seq']),
      eventId: String(r['event_id']),
      kind: r['kind'] as TallyRow['kind'],
      aggregateId: String(r['aggregate_id']),
      action: r['action'] as string | null,
      targetKind: r['target_kind'] as string | null,
      channel: r['channel'] as string | null,
      count: r['count'] as number | null,
      batches: r['batches'] as number | null,
      pieces: r['pieces'] as number | null,
      platform: r['platform'] as string | null,
      unit: String(r['unit']),
      department: String(r['department']),
      region: String(r['region']),
      time: (r['time'] as Date).toISOString(),
      recordedAt: (r['recorded_at'] as Date).toISOString(),
    }));
  }
}
