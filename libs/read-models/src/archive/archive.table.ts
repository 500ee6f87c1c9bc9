import { copyLines, json, num, text } from '../table/copy-text.js';
import { defineTable, key, nullable, required } from '../table/define-table.js';
import type { PositionedEvent } from '../table/positioned-event.js';

/**
 * Every event of the stream, verbatim: the second durable copy of the log (NATS 2.9 acks before fsync),
 * from which reconcile can repair the stream and auditors can re-verify hashes and signatures.
 * `seq` is the JetStream stream sequence; `id` is unique, which is what makes projection idempotent.
 */
export const EVENT_ARCHIVE = defineTable({
  name: 'event_archive',
  columns: {
    seq: key('bigint'),
    id: required('uuid'),
    stream_subject: required('text'),
    type: required('text'),
    /** `<department>/<region>` of the publishing unit. */
    source: required('text'),
    department: required('text'),
    region: required('text'),
    aggregate_type: required('text'),
    aggregate_id: required('text'),
    version: required('integer'),
    time: required('timestamptz'),
    /** `time` exactly as published (offset, fraction): the hash covers this string, not the instant. */
    time_text: required('text'),
    recorded_at: required('timestamptz'),
    data: required('jsonb'),
    prev_hash: nullable('text'),
    hash: required('text'),
    sig: required('text'),
    /** Who acted (`account:<id>` | `key:<id>`), inside the signed envelope; null for events without one. */
    actor: nullable('text'),
  },
  indexes: [
    { name: 'event_archive_id_key', columns: ['id'], unique: true },
    { name: 'event_archive_aggregate_idx', columns: ['stream_subject', 'version'] },
  ],
});

/**
 * COPY text of archive rows (pure), written by hand: the columns are the event's envelope, not fields of
 * PositionedEvent. `time` goes in twice: as an instant and verbatim.
 */
export function archiveCopyText(events: readonly PositionedEvent[]): Buffer {
  return copyLines(
    events,
    (e) =>
      `${e.seq}\t${text(e.event.id)}\t${text(e.streamSubject)}\t${text(e.event.type)}\t${text(e.event.source)}\t${text(e.department)}\t${text(e.region)}\t` +
      `${text(e.aggregateType)}\t${text(e.aggregateId)}\t${num(e.event.version)}\t${text(e.event.time)}\t${text(e.event.time)}\t${text(e.event.recordedAt)}\t` +
      `${json(e.event.data)}\t${text(e.event.prevHash)}\t${text(e.event.hash)}\t${text(e.event.sig ?? '')}\t${text(e.event.actor ?? null)}`,
  );
}
