import {
  ANNEX_RECORDS_MODEL,
  APPEND_MODELS,
  KEY_SEPARATOR,
  STATE_MODELS,
  type AnnexRecordState,
  type AppendedRows,
  type AppendModel,
  type FoldContext,
  type PositionedEvent,
  type RawMessage,
  type StateModel,
  type StatesByModel,
  type Upserts,
  type UpsertsByModel,
} from '@hub/read-models';
import { decodeMessage, type CorruptMessage } from './decode.js';
import { isSealSubject } from '@hub/domain';

/** An event id seen again at a later stream sequence (a retry stored twice). Recorded, never applied twice. */
export interface DuplicateMessage {
  seq: number;
  streamSubject: string;
  eventId: string;
  /** Where the id was first stored. */
  firstSeq: number;
}

export interface DecodedBatch {
  /** Decoded events past the checkpoint, first occurrence of each id only, in stream order. */
  events: PositionedEvent[];
  corrupt: CorruptMessage[];
  duplicates: DuplicateMessage[];
  /** Messages at or below the checkpoint (already applied; acked and skipped). */
  skipped: number;
  /** The highest sequence in the batch; the checkpoint moves here even when its message was corrupt. */
  lastSeq: number;
}

/**
 * Sorts a batch into events to apply, corrupt messages and in-batch duplicates (pure), a slice at a time
 * (the writer yields to the event loop between slices). `checkpoint` is the last applied sequence:
 * anything at or below it is skipped.
 */
export class BatchDecoder {
  readonly batch: DecodedBatch;
  private readonly seen = new Map<string, number>();

  constructor(private readonly checkpoint: number) {
    this.batch = { events: [], corrupt: [], duplicates: [], skipped: 0, lastSeq: checkpoint };
  }

  add(messages: readonly RawMessage[]): void {
    const { batch } = this;
    for (const message of messages) {
      if (message.seq <= this.checkpoint) {
        batch.skipped += 1;
        continue;
      }
      if (message.seq > batch.lastSeq) batch.lastSeq = message.seq;
      // A batch seal signs events; it is none itself (the auditor reads seals from the stream).
      if (isSealSubject(message.subject)) continue;
      const decoded = decodeMessage(message);
      if (!decoded.ok) {
        batch.corrupt.push(decoded.corrupt);
        continue;
      }
      const id = decoded.event.event.id.toLowerCase();
      const first = this.seen.get(id);
      if (first !== undefined) {
        batch.duplicates.push({ seq: message.seq, streamSubject: message.subject, eventId: decoded.event.event.id, firstSeq: first });
        continue;
      }
      this.seen.set(id, message.seq);
      batch.events.push(decoded.event);
    }
  }
}

export function decodeBatch(messages: readonly RawMessage[], checkpoint: number): DecodedBatch {
  const decoder = new BatchDecoder(checkpoint);
  decoder.add(messages);
  return decoder.batch;
}

/**
 * Removes events whose ids are already projected (`known`: lower-case id → archived sequence), recording
 * them as duplicates, in stream order with the batch's own duplicates.
 */
export function dropKnownIds(batch: DecodedBatch, known: ReadonlyMap<string, number>): DecodedBatch {
  if (known.size === 0) return batch;
  const duplicates = [...batch.duplicates];
  const events = batch.events.filter((e) => {
    const firstSeq = known.get(e.event.id.toLowerCase());
    if (firstSeq === undefined) return true;
    duplicates.push({ seq: e.seq, streamSubject: e.streamSubject, eventId: e.event.id, firstSeq });
    return false;
  });
  duplicates.sort((a, b) => a.seq - b.seq);
  return { ...batch, events, duplicates };
}

/** Which stateful rows the batch touches, per state model (key → its two key parts), so they can be loaded in one query per table. */
export type TouchedKeys = { [N in keyof StatesByModel]: Map<string, { unit: string; id: string }> };

export function touchedKeys(events: readonly PositionedEvent[]): TouchedKeys {
  const keys = Object.fromEntries(STATE_MODELS.map((m) => [m.name, new Map()])) as TouchedKeys;
  for (const e of events) {
    for (const model of STATE_MODELS) {
      const key = model.keyOf(e);
      if (key === undefined) continue;
      const at = key.indexOf(KEY_SEPARATOR);
      keys[model.name].set(key, { unit: key.slice(0, at), id: key.slice(at + 1) });
    }
  }
  return keys;
}

export type CurrentStates = StatesByModel;

/** Everything one batch writes: per append model its rows, per state model its upserts. */
export type BatchWrites = AppendedRows & UpsertsByModel;

function upserts<S>(changed: ReadonlyMap<string, S>, current: ReadonlyMap<string, S>): Upserts<S> {
  const out: Upserts<S> = { insert: [], update: [] };
  for (const [key, state] of changed) (current.has(key) ? out.update : out.insert).push(state);
  return out;
}

/**
 * Folds the batch's events over the current states of the rows they touch (pure), a slice at a time: the
 * evolve functions run in stream order, and each touched row is written once with its final state, as an
 * insert when `current` had no row for it (COPY) and as an update otherwise. Append models collect the
 * rows each event adds.
 */
// The models walked generically (their rows and states are typed per model name in BatchWrites).
const appendModels: readonly AppendModel[] = APPEND_MODELS;
const stateModels: readonly StateModel[] = STATE_MODELS;

export class BatchFolder {
  private readonly appended = APPEND_MODELS.map(() => [] as unknown[]);
  private readonly changed = STATE_MODELS.map(() => new Map<string, unknown>());
  private readonly currents: ReadonlyMap<string, unknown>[];
  private readonly context: FoldContext;

  constructor(
    private readonly current: CurrentStates,
    contributionsOf: FoldContext['contributionsOf'],
  ) {
    this.currents = STATE_MODELS.map((m) => current[m.name]);
    // Append models collect before the state models evolve (add), so this is the record's state before `e`.
    const records = this.changed[STATE_MODELS.indexOf(ANNEX_RECORDS_MODEL)] as Map<string, AnnexRecordState>;
    const stored = current.annexRecords;
    this.context = {
      contributionsOf,
      annexRecordBefore: (e) => {
        const key = ANNEX_RECORDS_MODEL.keyOf(e);
        return key === undefined ? undefined : (records.get(key) ?? stored.get(key));
      },
    };
  }

  add(events: readonly PositionedEvent[]): void {
    const { appended, changed, currents, context } = this;
    for (const e of events) {
      for (let i = 0; i < appendModels.length; i++) (appendModels[i] as AppendModel).collect(e, context, appended[i] as unknown[]);
      for (let i = 0; i < stateModels.length; i++) {
        const model = stateModels[i] as StateModel;
        const key = model.keyOf(e);
        if (key === undefined) continue;
        const states = changed[i] as Map<string, unknown>;
        states.set(key, model.evolve(states.get(key) ?? (currents[i] as ReadonlyMap<string, unknown>).get(key), e));
      }
    }
  }

  writes(): BatchWrites {
    const writes: Record<string, unknown> = {};
    APPEND_MODELS.forEach((m, i) => (writes[m.name] = this.appended[i]));
    STATE_MODELS.forEach((m, i) => (writes[m.name] = upserts(this.changed[i] as Map<string, unknown>, this.current[m.name] as ReadonlyMap<string, unknown>)));
    return writes as BatchWrites;
  }
}

export function foldBatch(events: readonly PositionedEvent[], current: CurrentStates, contributionsOf: FoldContext['contributionsOf']): BatchWrites {
  const folder = new BatchFolder(current, contributionsOf);
  folder.add(events);
  return folder.writes();
}
