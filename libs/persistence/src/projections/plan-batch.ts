import type { AnnexContribution, HubEvent } from '@hub/domain';
import { caseKeyOf, evolveCase, type CaseState } from './case.projection.js';
import { decodeMessage, type CorruptMessage } from './decode.js';
import { evolveLead, leadKeyOf, type LeadState } from './lead.projection.js';
import type { PositionedEvent, RawMessage } from './positioned-event.js';
import { evolveReferral, referralKeyOf, type ReferralState } from './referral.projection.js';
import { tallyOf, type TallyRow } from './tally.projection.js';

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

/** Which stateful rows the batch touches, so they can be loaded in one query per table. */
export interface TouchedKeys {
  leads: Map<string, { unit: string; id: string }>;
  referrals: Map<string, { unit: string; id: string }>;
  cases: Map<string, { unit: string; id: string }>;
}

export function touchedKeys(events: readonly PositionedEvent[]): TouchedKeys {
  const keys: TouchedKeys = { leads: new Map(), referrals: new Map(), cases: new Map() };
  for (const e of events) {
    const lead = leadKeyOf(e);
    if (lead !== undefined) keys.leads.set(lead, { unit: e.unit, id: e.aggregateId });
    const caseKey = caseKeyOf(e);
    if (caseKey !== undefined) keys.cases.set(caseKey, { unit: e.unit, id: e.aggregateId });
    const referral = referralKeyOf(e);
    if (referral !== undefined) {
      const [unit = '', id = ''] = referral.split('\u0000');
      keys.referrals.set(referral, { unit, id });
    }
  }
  return keys;
}

/** An annex contribution of one campaign (definition id), as annexContributions(event, definition) makes it. */
export interface CampaignContribution extends AnnexContribution {
  campaign: string;
  /** The campaign's time zone: the annex rollup buckets contributions by local day in it (not stored per row). */
  timezone: string;
}

/** A stored annex contribution: plus the stream sequence of its event. */
export interface ContributionRow extends CampaignContribution {
  seq: number;
}

export interface CurrentStates {
  leads: ReadonlyMap<string, LeadState>;
  referrals: ReadonlyMap<string, ReferralState>;
  cases: ReadonlyMap<string, CaseState>;
}

/** Rows of a stateful model the batch changed, in their final state: new ones and ones that existed. */
export interface Upserts<S> {
  insert: S[];
  update: S[];
}

/** Everything one batch writes. */
export interface BatchWrites {
  archive: PositionedEvent[];
  tallies: TallyRow[];
  contributions: ContributionRow[];
  leads: Upserts<LeadState>;
  referrals: Upserts<ReferralState>;
  cases: Upserts<CaseState>;
}

function upserts<S>(changed: ReadonlyMap<string, S>, current: ReadonlyMap<string, S>): Upserts<S> {
  const out: Upserts<S> = { insert: [], update: [] };
  for (const [key, state] of changed) (current.has(key) ? out.update : out.insert).push(state);
  return out;
}

/**
 * Folds the batch's events over the current states of the rows they touch (pure), a slice at a time: the
 * evolve functions run in stream order, and each touched row is written once with its final state, as an
 * insert when `current` had no row for it (COPY) and as an update otherwise.
 */
export class BatchFolder {
  private readonly archive: PositionedEvent[] = [];
  private readonly tallies: TallyRow[] = [];
  private readonly contributions: ContributionRow[] = [];
  private readonly leads = new Map<string, LeadState>();
  private readonly referrals = new Map<string, ReferralState>();
  private readonly cases = new Map<string, CaseState>();

  constructor(
    private readonly current: CurrentStates,
    private readonly contributionsOf: (event: HubEvent) => CampaignContribution[],
  ) {}

  add(events: readonly PositionedEvent[]): void {
    const { current, leads, referrals, cases } = this;
    for (const e of events) {
      this.archive.push(e);
      const tally = tallyOf(e);
      if (tally !== undefined) this.tallies.push(tally);
      for (const contribution of this.contributionsOf(e.event)) this.contributions.push({ ...contribution, seq: e.seq });
      const leadKey = leadKeyOf(e);
      if (leadKey !== undefined) leads.set(leadKey, evolveLead(leads.get(leadKey) ?? current.leads.get(leadKey), e));
      const caseKey = caseKeyOf(e);
      if (caseKey !== undefined) cases.set(caseKey, evolveCase(cases.get(caseKey) ?? current.cases.get(caseKey), e));
      const referralKey = referralKeyOf(e);
      if (referralKey !== undefined) referrals.set(referralKey, evolveReferral(referrals.get(referralKey) ?? current.referrals.get(referralKey), e));
    }
  }

  writes(): BatchWrites {
    return {
      archive: this.archive,
      tallies: this.tallies,
      contributions: this.contributions,
      leads: upserts(this.leads, this.current.leads),
      referrals: upserts(this.referrals, this.current.referrals),
      cases: upserts(this.cases, this.current.cases),
    };
  }
}

export function foldBatch(events: readonly PositionedEvent[], current: CurrentStates, contributionsOf: (event: HubEvent) => CampaignContribution[]): BatchWrites {
  const folder = new BatchFolder(current, contributionsOf);
  folder.add(events);
  return folder.writes();
}
