// What "the same outcome" means for two runs of the coordination service over the same input: its
// PostgreSQL state and the joint events it appended, with stream positions replaced by the ids of the
// events stored there (a crashed run appends its joint events at other positions than a clean one).
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENT_STREAM, HEADER_MSG_ID, JetStreamEventStore } from '@hub/event-store';
import { JOINT_EVENT_SUBJECTS, type HubEvent } from '@hub/domain';
import type { Sql } from '@hub/persistence';

/** Stream sequence → event id (headers only). */
export async function idsBySeq(nc: NatsConnection): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  for await (const msg of new JetStreamEventStore(nc, EVENT_STREAM).read({ headersOnly: true })) ids.set(msg.seq, msg.headers?.get(HEADER_MSG_ID) ?? `(no id at ${msg.seq})`);
  return ids;
}

/** Every joint event as stored, in stream order. */
export async function jointEvents(nc: NatsConnection): Promise<HubEvent[]> {
  const out: HubEvent[] = [];
  for await (const msg of new JetStreamEventStore(nc, EVENT_STREAM).read({ filter: JOINT_EVENT_SUBJECTS })) out.push(msg.json<HubEvent>());
  return out;
}

/**
 * The decided content of a joint event. `recordedAt` is the append time (so `hash`, `sig` and the
 * next event's `prevHash` differ between two runs); the id, what was concluded and its place in its
 * subject's chain may not.
 */
export function decided(event: HubEvent): Record<string, unknown> {
  return { id: event.id, type: event.type, source: event.source, subject: event.subject, time: event.time, version: event.version, data: event.data };
}

// The clusters read model dates a cluster by the joint event's recordedAt (when the joint office appended
// it), which differs between runs like the event's own recordedAt; those columns are left out.
const TABLES: Record<string, { order: string; seqColumns: string[]; drop?: string[] }> = {
  correlation_members: { order: 'position', seqColumns: ['seq'] },
  correlation_manual: { order: 'position', seqColumns: ['seq'] },
  correlation_over: { order: 'key', seqColumns: ['since_seq'] },
  // `position` is the order conclusions were queued in: the deadline timer runs at other moments after a restart.
  coordination_outbox: { order: 'key', seqColumns: [], drop: ['position'] },
  coordination_referrals: { order: 'referral_key', seqColumns: [] },
  clusters: { order: 'cluster_id', seqColumns: ['last_seq'], drop: ['formed_at', 'updated_at'] },
  cluster_members: { order: 'cluster_id, member', seqColumns: [], drop: ['joined_at'] },
  cluster_history: { order: 'seq', seqColumns: ['seq'], drop: ['at'] },
  jurisdiction_suggestions: { order: 'lead_ref', seqColumns: ['seq'] },
  coordination_closed_records: { order: 'ref', seqColumns: ['seq'] },
};

/** Each coordination table's rows (schema `coordination`), seq columns as event ids, in a run-independent order. */
export async function coordinationSnapshot(sql: Sql, ids: ReadonlyMap<number, string>, schema = 'coordination'): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, { order, seqColumns, drop = [] }] of Object.entries(TABLES)) {
    const rows = await sql.query<Record<string, unknown>>(`SELECT * FROM ${schema}.${table} ORDER BY ${order}`);
    const normalised = rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (drop.includes(column)) continue;
        out[column] = seqColumns.includes(column) && value !== null ? (ids.get(Number(value)) ?? `(nothing at ${Number(value)})`) : value instanceof Date ? value.toISOString() : value;
      }
      return out;
    });
    // cluster_history is keyed by seq; sort by what it became (the event id) so both runs line up.
    snapshot[table] = seqColumns.includes(order) ? normalised.sort((a, b) => String(a[order]).localeCompare(String(b[order]))) : normalised;
  }
  return snapshot;
}
