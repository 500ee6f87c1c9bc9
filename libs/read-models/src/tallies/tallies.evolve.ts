import { int, text, type PositionedEvent } from '../table/positioned-event.js';

/** One count-style fact (a row of `tallies`). */
export interface TallyRow {
  seq: number;
  eventId: string;
  kind: 'takedown' | 'inspection' | 'rectification' | 'seizure';
  aggregateId: string;
  action: string | null;
  targetKind: string | null;
  channel: string | null;
  count: number | null;
  batches: number | null;
  pieces: number | null;
  platform: string | null;
  unit: string;
  department: string;
  region: string;
  time: string;
  recordedAt: string;
}

const KIND_OF_TYPE: Readonly<Record<string, TallyRow['kind']>> = {
  'takedown.recorded': 'takedown',
  'inspection.recorded': 'inspection',
  'rectification.ordered': 'rectification',
  'seizure.recorded': 'seizure',
};

/** The tally an event records, or undefined for other event types (pure). */
export function tallyOf(e: PositionedEvent): TallyRow | undefined {
  const kind = KIND_OF_TYPE[e.event.type];
  if (kind === undefined) return undefined;
  const data = e.event.data;
  return {
    seq: e.seq,
    eventId: e.event.id,
    kind,
    aggregateId: e.aggregateId,
    action: kind === 'takedown' ? text(data, 'action') : null,
    targetKind: kind === 'inspection' || kind === 'rectification' ? text(data, 'targetKind') : null,
    channel: kind === 'seizure' ? text(data, 'channel') : null,
    count: int(data, 'count'),
    batches: int(data, 'batches'),
    pieces: int(data, 'pieces'),
    platform: text(data, 'platform'),
    unit: e.unit,
    department: e.department,
    region: e.region,
    time: e.event.time,
    recordedAt: e.event.recordedAt,
  };
}
