import { describe, expect, it } from '@jest/globals';
import { positioned } from '../testing/positioned.js';
import { NET_SWORD_2021 } from '@hub/domain';
import { campaignContributions, type CaseState, type PositionedEvent, type RawMessage } from '@hub/read-models';
import { decodeBatch, dropKnownIds, foldBatch, touchedKeys } from './plan-batch.js';

const raw = (e: PositionedEvent): RawMessage => ({ seq: e.seq, subject: e.streamSubject, data: new TextEncoder().encode(JSON.stringify(e.event)) });
const lead = positioned(11, 'samr/653100', 'lead.reported', 'lead/L-1', { category: 'counterfeit', entities: [] });
const takedown = positioned(12, 'samr/653100', 'takedown.recorded', 'takedown/T-1', { action: 'listing_removed', count: 5 });
const opened = positioned(13, 'samr/653100', 'case.opened', 'case/C-1', { kind: 'administrative', primaryCategory: 'counterfeit', otherCategories: [] });

describe('decodeBatch', () => {
  it('given messages at or below the checkpoint, then they are skipped and the rest decoded in order', () => {
    const batch = decodeBatch([raw(lead), raw(takedown), raw(opened)], 11);
    expect(batch.skipped).toBe(1);
    expect(batch.events.map((e) => e.seq)).toEqual([12, 13]);
    expect(batch.lastSeq).toBe(13);
  });

  it('given an id twice in one batch, then the first is applied and the second recorded as a duplicate', () => {
    const again = { ...raw(lead), seq: 14 };
    const batch = decodeBatch([raw(lead), raw(takedown), again], 10);
    expect(batch.events.map((e) => e.seq)).toEqual([11, 12]);
    expect(batch.duplicates).toEqual([{ seq: 14, streamSubject: lead.streamSubject, eventId: lead.event.id, firstSeq: 11 }]);
  });

  it('given a corrupt message last, then the checkpoint still moves past it', () => {
    const batch = decodeBatch([raw(lead), { seq: 12, subject: 'hub.evt.samr.653100.lead.L-2', data: new TextEncoder().encode('garbage') }], 10);
    expect(batch.corrupt).toHaveLength(1);
    expect(batch.lastSeq).toBe(12);
  });

  it('given ids the archive already has, then they become duplicates', () => {
    const batch = dropKnownIds(decodeBatch([raw(lead), raw(takedown)], 10), new Map([[takedown.event.id.toLowerCase(), 3]]));
    expect(batch.events.map((e) => e.seq)).toEqual([11]);
    expect(batch.duplicates).toMatchObject([{ seq: 12, firstSeq: 3 }]);
  });
});

describe('foldBatch', () => {
  const none = { leads: new Map(), referrals: new Map(), cases: new Map(), annexRecords: new Map(), operators: new Map(), guidance: new Map(), samplings: new Map(), closures: new Map(), notifications: new Map(), transfers: new Map() };
  const contributionsOf = () => [];

  it('given a mixed batch, then one write per touched row and one tally per count event', () => {
    const closed = positioned(14, 'samr/653100', 'lead.closed', 'lead/L-1', { outcome: 'case_opened', caseId: 'C-1' }, { version: 2 });
    const writes = foldBatch([lead, takedown, opened, closed], none, contributionsOf);
    expect(writes.archive).toHaveLength(4);
    expect(writes.tallies.map((t) => t.seq)).toEqual([12]);
    expect(writes.leads.insert).toEqual([expect.objectContaining({ leadId: 'L-1', status: 'closed', category: 'counterfeit', version: 2, lastSeq: 14 })]);
    expect(writes.leads.update).toEqual([]);
    expect(writes.cases.insert).toHaveLength(1);
  });

  it('given a row that exists, then it is folded from its current state and written as an update', () => {
    const current = foldBatch([opened], none, contributionsOf).cases.insert[0] as CaseState;
    const decided = positioned(20, 'samr/653100', 'case.decided', 'case/C-1', { decisionNo: 'D-1', fine: 10, confiscation: 0 }, { version: 2 });
    const writes = foldBatch([decided], { ...none, cases: new Map([[`samr/653100\u0000C-1`, current]]) }, contributionsOf);
    expect(writes.cases.insert).toEqual([]);
    expect(writes.cases.update).toEqual([expect.objectContaining({ status: 'decided', primaryCategory: 'counterfeit', decisionNo: 'D-1' })]);
  });

  it('tags each contribution with its campaign and the sequence of its event', () => {
    const seqs: number[] = [];
    foldBatch([lead, takedown], none, (_event, _before, seq) => {
      seqs.push(seq);
      return [];
    });
    expect(seqs).toEqual([11, 12]);
    const writes = foldBatch([takedown], none, campaignContributions([NET_SWORD_2021]));
    expect(writes.contributions).toEqual([expect.objectContaining({ seq: 12, campaign: NET_SWORD_2021.id, timezone: NET_SWORD_2021.timezone, eventId: takedown.event.id, amount: 5, records: 1 })]);
  });

  it('given a correction after its record in the batch, then its contributions see the record before it and the record row ends corrected', () => {
    const seen: { type: string; before: unknown }[] = [];
    const corrected = positioned(13, 'samr/653100', 'takedown.corrected', takedown.event.subject, { count: 7, reason: '录入错误' }, { version: 2 });
    const writes = foldBatch([takedown, corrected], none, (event, before) => {
      seen.push({ type: event.type, before: before?.event.data['count'] });
      return [];
    });
    expect(seen).toEqual([
      { type: 'takedown.recorded', before: undefined },
      { type: 'takedown.corrected', before: takedown.event.data['count'] },
    ]);
    expect(writes.annexRecords.insert).toEqual([expect.objectContaining({ unit: 'samr/653100', subject: takedown.event.subject, voided: false })]);
    expect(writes.annexRecords.insert[0]?.event.data['count']).toBe(7);
  });

  it('given a void of a stored record, then it reads the stored state and the update marks it voided', () => {
    const stored = foldBatch([takedown], none, contributionsOf).annexRecords.insert[0];
    if (!stored) throw new Error('the takedown made no record');
    const voided = positioned(30, 'samr/653100', 'takedown.voided', takedown.event.subject, { reason: '重复录入' }, { version: 2 });
    const befores: unknown[] = [];
    const writes = foldBatch([voided], { ...none, annexRecords: new Map([[`samr/653100\u0000${takedown.event.subject}`, stored]]) }, (_event, before) => {
      befores.push(before?.voided);
      return [];
    });
    expect(befores).toEqual([false]);
    expect(writes.annexRecords.update).toEqual([expect.objectContaining({ voided: true })]);
  });

  it('lists the rows a batch touches per table', () => {
    const referred = positioned(15, 'forestry/653100', 'lead.referred', 'lead/L-9', { referralId: 'R-1', toDepartment: 'police', toRegion: '650100' });
    const keys = touchedKeys([lead, takedown, opened, referred]);
    expect([...keys.leads.values()]).toEqual([{ unit: 'samr/653100', id: 'L-1' }, { unit: 'forestry/653100', id: 'L-9' }]);
    // A referral is keyed by its sender: the unit part is the sending unit.
    expect([...keys.referrals.values()]).toEqual([{ unit: 'forestry/653100', id: 'R-1' }]);
    expect([...keys.cases.values()]).toEqual([{ unit: 'samr/653100', id: 'C-1' }]);
  });
});
