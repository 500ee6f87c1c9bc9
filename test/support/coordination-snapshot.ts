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

/** What a run's cluster.grown events announced, per cluster: the members in order, every key they named, the flags of the last. */
export interface Growths {
  members: string[];
  keys: string[];
  crossRegion: boolean;
  crossDepartment: boolean;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * `rows` (joint events or rows of them, in the order they were queued) with the cluster.grown ones taken out and
 * summed up per cluster (`growths`, by cluster id). The coordination service publishes one cluster.grown per cluster
 * per consumed batch, so how growths are packed into events (their ids, times, members per event) follows the
 * batches, which differ between runs; what they announce, in which order, does not.
 */
export function unpackGrowths<R>(rows: readonly R[], read: (row: R) => { type: unknown; data: Readonly<Record<string, unknown>> }): { rest: R[]; growths: Record<string, Growths> } {
  const rest: R[] = [];
  const growths = new Map<string, Growths>();
  for (const row of rows) {
    const { type, data } = read(row);
    if (type !== 'cluster.grown') {
      rest.push(row);
      continue;
    }
    const clusterId = String(data['clusterId']);
    const sum = growths.get(clusterId) ?? { members: [], keys: [], crossRegion: false, crossDepartment: false };
    sum.members.push(...strings(data['members']));
    sum.keys = [...new Set([...sum.keys, ...strings(data['keys'])])].sort();
    sum.crossRegion = data['crossRegion'] === true;
    sum.crossDepartment = data['crossDepartment'] === true;
    growths.set(clusterId, sum);
  }
  return { rest, growths: Object.fromEntries([...growths].sort(([a], [b]) => a.localeCompare(b))) };
}

/** Joint events as two runs over the same log must agree on them: cluster.grown unpacked (unpackGrowths), the rest as decided. */
export function jointOutcome(events: readonly HubEvent[]): { rest: Record<string, unknown>[]; growths: Record<string, Growths> } {
  const { rest, growths } = unpackGrowths(events, (event) => ({ type: event.type, data: event.data }));
  return { rest: rest.map(decided), growths };
}

/** jointOutcome with the rest by id: for runs whose joint events interleave differently (a crash, a restart). */
export function jointOutcomeById(events: readonly HubEvent[]): ReturnType<typeof jointOutcome> {
  const { rest, growths } = jointOutcome(events);
  return { rest: rest.sort((a, b) => String(a['id']).localeCompare(String(b['id']))), growths };
}

// The clusters read model dates a cluster by the joint event's recordedAt (when the joint office appended
// it), which differs between runs like the event's own recordedAt; those columns are left out.
// `grownIn`: the table holds cluster.grown rows, whose announcements are read in this column's order.
const TABLES: Record<string, { order: string; seqColumns: string[]; drop?: string[]; grownIn?: string }> = {
  correlation_members: { order: 'position', seqColumns: ['seq'] },
  correlation_manual: { order: 'position', seqColumns: ['seq'] },
  correlation_over: { order: 'key', seqColumns: ['since_seq'] },
  // `position` is the order conclusions were queued in: the deadline timer runs at other moments after a restart.
  coordination_outbox: { order: 'key', seqColumns: [], drop: ['position'], grownIn: 'position' },
  coordination_referrals: { order: 'referral_key', seqColumns: [] },
  clusters: { order: 'cluster_id', seqColumns: ['last_seq'], drop: ['formed_at', 'updated_at'] },
  cluster_members: { order: 'cluster_id, member', seqColumns: [], drop: ['joined_at'] },
  cluster_history: { order: 'seq', seqColumns: ['seq'], drop: ['at'], grownIn: 'seq' },
  jurisdiction_suggestions: { order: 'lead_ref', seqColumns: ['seq'] },
  coordination_closed_records: { order: 'ref', seqColumns: ['seq'] },
};

/**
 * Each coordination table's rows (schema `coordination`), seq columns as event ids, in a run-independent order; the
 * cluster.grown rows of the outbox and of the clusters' history unpacked (unpackGrowths: their packing follows the
 * batches), as `<table>.growths`.
 */
export async function coordinationSnapshot(sql: Sql, ids: ReadonlyMap<number, string>, schema = 'coordination'): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, { order, seqColumns, drop = [], grownIn }] of Object.entries(TABLES)) {
    let rows = await sql.query<Record<string, unknown>>(`SELECT * FROM ${schema}.${table} ORDER BY ${grownIn ?? order}`);
    if (grownIn !== undefined) {
      // The outbox carries the event's data; the history its columns (no flags).
      const unpacked = unpackGrowths(rows, (row) => ({ type: row['type'], data: (row['data'] as Record<string, unknown> | undefined) ?? { clusterId: row['cluster_id'], members: row['members'], keys: row['keys'] } }));
      rows = unpacked.rest.sort((a, b) => String(a[order]).localeCompare(String(b[order])));
      snapshot[`${table}.growths`] = [unpacked.growths];
    }
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
