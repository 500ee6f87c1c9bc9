// The coordination service's fold (pure: events in stream order → rows to store and joint events to
// queue). The loop around it only moves these changes into PostgreSQL and the outbox.
import { describe, expect, it } from '@jest/globals';
import { computeDraw, deterministicEventId, DRAW_ALGORITHM, DRAW_SEED_RULE, inspectorsHash, seedMessage, seedOf, targetsHash, usccCheckChar, type CorrelationOptions } from '@hub/domain';
import type { PositionedEvent } from '@hub/persistence';
import { positioned } from '../../../libs/persistence/src/testing/positioned.js';
import { CoordinationState, watchOverdue, type RestoredState, type Watch } from './coordination-state.js';

const EMPTY: RestoredState = { members: [], manual: [], referrals: [], over: new Map() };

const lead = (seq: number, unit: string, id: string, entities: [string, string][], time = '2021-10-08T09:30:00+08:00'): PositionedEvent =>
  positioned(seq, unit, 'lead.reported', `lead/${id}`, { category: 'counterfeit', channel: 'monitoring', summary: '线索', entities: entities.map(([kind, value]) => ({ kind, value })) }, { time });

const fresh = (correlation?: CorrelationOptions): CoordinationState => new CoordinationState(EMPTY, correlation ? { correlation } : {});

/** A checksum-valid USCC registered in `areaCode`. */
const uscc = (areaCode: string): string => {
  const first = `91${areaCode}MA77XK3P0`;
  return `${first}${usccCheckChar(first)}`;
};

describe('CoordinationState: correlation', () => {
  it('given two leads of different regions and departments sharing a phone, when folded, then both are stored as members and one cluster.formed is queued with a deterministic id', () => {
    const state = fresh();
    const changes = state.apply([lead(1, 'samr/653100', 'L-1', [['phone', '13912345678']]), lead(2, 'police/650100', 'L-7', [['phone', '+86 139 1234 5678']])], 2);

    expect(changes.members.map((m) => [m.position, m.member, m.keys])).toEqual([
      [0, 'samr/653100/lead/L-1', ['phone:13912345678']],
      [1, 'police/650100/lead/L-7', ['phone:13912345678']],
    ]);
    expect(changes.outbox).toEqual([
      expect.objectContaining({
        type: 'cluster.formed',
        subject: 'cluster/samr-653100-lead-L-1',
        data: expect.objectContaining({ clusterId: 'samr-653100-lead-L-1', crossRegion: true, crossDepartment: true }),
      }),
      // samr's open lead carries the phone police just reported: samr is told.
      expect.objectContaining({ type: 'hit.alerted', data: expect.objectContaining({ toDepartment: 'samr', toRegion: '653100', recordRef: 'samr/653100/lead/L-1', otherRef: 'police/650100/lead/L-7' }) }),
    ]);
    const [formed] = changes.outbox;
    expect(formed?.eventId).toBe(deterministicEventId(formed?.key ?? ''));
    expect(changes.lastSeq).toBe(2);
  });

  it('given a lead already folded, when its event is delivered again, then nothing changes', () => {
    const state = fresh();
    const first = lead(1, 'samr/653100', 'L-1', [['phone', '13912345678']]);
    state.apply([first], 1);
    const again = state.apply([{ ...first, seq: 5 }], 5);
    expect([again.members, again.outbox]).toEqual([[], []]);
  });

  it('given a state restored from what an earlier batch stored, when the rest of the log is folded, then it queues the same joint events as one uninterrupted fold', () => {
    const log = [
      lead(1, 'samr/653100', 'A', [['phone', '13912345678']]),
      lead(2, 'police/650100', 'B', [['phone', '13912345678'], ['domain', 'fake-shoes.cn']]),
      lead(3, 'cac/652300', 'C', [['domain', 'fake-shoes.cn']]),
    ];
    const whole = fresh().apply(log, 3);

    const before = fresh();
    const stored = before.apply(log.slice(0, 1), 1);
    const restored = new CoordinationState({ ...EMPTY, members: stored.members.map((m) => [m.member, m.department, m.region, [...m.keys]] as [string, string, string, string[]]) });
    const rest = restored.apply(log.slice(1), 3);

    expect(rest.outbox.map((o) => o.eventId)).toEqual(whole.outbox.map((o) => o.eventId));
    expect(rest.members.map((m) => m.position)).toEqual([1, 2]);
  });
});

describe('CoordinationState: one cluster.grown per cluster per batch', () => {
  const PHONE: [string, string] = ['phone', '13912345678'];
  const DOMAIN: [string, string] = ['domain', 'fake-shoes.cn'];
  const X = 'samr-653100-lead-A';
  // A and B form X; C, D, E grow it; a coordinator detaches C (cut from the phone, not from the domain); F brings C
  // back by the domain (C first again, in the same cluster); G and H grow it further.
  const log: PositionedEvent[] = [
    lead(1, 'samr/653100', 'A', [PHONE]),
    lead(2, 'police/650100', 'B', [PHONE]),
    lead(3, 'cac/652300', 'C', [PHONE, DOMAIN]),
    lead(4, 'tax/654000', 'D', [PHONE]),
    lead(5, 'nmpa/654100', 'E', [PHONE]),
    positioned(6, 'joint/650000', 'cluster.unlinked', `cluster/${X}`, { clusterId: X, members: ['cac/652300/lead/C'], keys: [], reason: '号码为快递员' }),
    lead(7, 'forestry/650200', 'F', [PHONE, DOMAIN]),
    lead(8, 'police/652300', 'G', [PHONE]),
    lead(9, 'samr/654000', 'H', [PHONE]),
  ];
  const ref = (unit: string, id: string): string => `${unit}/lead/${id}`;

  type Step = number | 'restart' | { crash: number };

  /**
   * A process consuming `log` by `steps` (a batch of n events, a restart from what was stored, or a batch folded in
   * memory and lost with its process before commit); returns the outbox as stored: by key, a key queued again
   * keeps its first entry (ON CONFLICT (key) DO NOTHING, and the stream's id index answers the event as a duplicate).
   */
  function consume(steps: readonly Step[]): Map<string, { type: string; time: string; data: Record<string, unknown> }> {
    const stored: RestoredState = { ...EMPTY, members: [], manual: [] };
    const members = stored.members as [string, string, string, string[]][];
    const manual = stored.manual as RestoredState['manual'][number][];
    const outbox = new Map<string, { type: string; time: string; data: Record<string, unknown> }>();
    let state = fresh();
    let next = 0;
    for (const step of [...steps, log.length]) {
      if (step === 'restart') {
        state = new CoordinationState(stored);
        continue;
      }
      const size = typeof step === 'number' ? step : step.crash;
      const batch = log.slice(next, next + size);
      if (batch.length === 0) continue;
      const changes = state.apply(batch, batch[batch.length - 1]?.seq ?? 0);
      if (typeof step !== 'number') {
        state = new CoordinationState(stored);
        continue;
      }
      next += batch.length;
      for (const m of changes.members) members.push([m.member, m.department, m.region, [...m.keys]]);
      for (const m of changes.manual) manual.push({ afterMembers: m.afterMembers, type: m.type, data: m.data });
      for (const row of changes.outbox) if (!outbox.has(row.key)) outbox.set(row.key, { type: row.type, time: row.time, data: row.data });
    }
    return outbox;
  }

  const grownMembers = (outbox: ReturnType<typeof consume>): unknown[] => [...outbox.values()].filter((row) => row.type === 'cluster.grown').flatMap((row) => row.data['members'] as string[]);
  const announced = [ref('cac/652300', 'C'), ref('tax/654000', 'D'), ref('nmpa/654100', 'E'), ref('cac/652300', 'C'), ref('forestry/650200', 'F'), ref('police/652300', 'G'), ref('samr/654000', 'H')];

  it('given growths of one cluster in one batch, when folded, then one cluster.grown holds them (never across the manual decision), with the keys and time of its last growth, and the memberships still change lead by lead', () => {
    const changes = fresh().apply(log, 9);
    const grown = changes.outbox.filter((row) => row.type === 'cluster.grown');
    expect(grown.map((row) => [row.key, row.data['members'], row.data['keys'], row.time])).toEqual([
      [`cluster.grown/${X}/0/2`, announced.slice(0, 3), ['phone:13912345678'], log[4]?.event.recordedAt],
      [`cluster.grown/${X}/1/2`, announced.slice(3), ['phone:13912345678', 'domain:fake-shoes.cn'], log[8]?.event.recordedAt],
    ]);
    expect(grown.map((row) => row.eventId)).toEqual(grown.map((row) => deterministicEventId(row.key)));
    expect(changes.clusterEvents.map((row) => [row.seq, row.type, row.members.length])).toEqual([
      [2, 'cluster.formed', 2],
      [3, 'cluster.grown', 1],
      [4, 'cluster.grown', 1],
      [5, 'cluster.grown', 1],
      [6, 'cluster.unlinked', 1],
      [7, 'cluster.grown', 2],
      [8, 'cluster.grown', 1],
      [9, 'cluster.grown', 1],
    ]);
  });

  it.each<[string, Step[]]>([
    ['one batch', []],
    ['batches of 1', [1, 1, 1, 1, 1, 1, 1, 1]],
    ['batches of 2, restarted after each', [2, 'restart', 2, 'restart', 2, 'restart', 2, 'restart']],
    ['batches of 1, then restarted, then the rest at once', [1, 1, 1, 1, 'restart']],
    ['a batch of 3, a crash folding 5, then batches of 2 and a crash folding 4 mid-way', [3, { crash: 5 }, 2, { crash: 4 }, 2]],
    ['a crash folding all, then batches of 4 restarted after each', [{ crash: 9 }, 4, 'restart', 4, 'restart']],
  ])('given the log consumed as %s, when the outbox is stored, then every member is announced once per time it joined, in order, and no event key names two events', (_, steps) => {
    const outbox = consume(steps);
    expect(grownMembers(outbox)).toEqual(announced);
    expect([...outbox.values()].filter((row) => row.type === 'cluster.formed').map((row) => row.data['members'])).toEqual([[ref('samr/653100', 'A'), ref('police/650100', 'B')]]);
  });
});

describe('CoordinationState: the per-value cap', () => {
  it('given a cap of 2, when a third lead carries the value, then the value is over-correlating (count 3, since seq 3) and links nothing more; a fourth carrier counts 4, still since seq 3', () => {
    const state = fresh({ cap: 2 });
    const hot: [string, string] = ['phone', '13800138000'];
    const formed = state.apply([lead(1, 'samr/653100', 'H1', [hot]), lead(2, 'police/650100', 'H2', [hot])], 2);
    expect(formed.outbox.map((o) => o.type)).toEqual(['cluster.formed', 'hit.alerted']);

    const third = state.apply([lead(3, 'cac/652300', 'H3', [hot])], 3);
    expect([...third.over]).toEqual([['phone:13800138000', { count: 3, sinceSeq: 3 }]]);
    expect(third.outbox).toEqual([]);

    const fourth = state.apply([lead(4, 'nmpa/654000', 'H4', [hot])], 4);
    expect([...fourth.over]).toEqual([['phone:13800138000', { count: 4, sinceSeq: 3 }]]);
    expect(fourth.outbox).toEqual([]);
    expect(state.overCorrelating()).toEqual([{ key: 'phone:13800138000', count: 4 }]);
  });

  it('given a value crossing the cap and growing, when folded in one batch, in batches of one, or restored from the stored rows in between, then the rows to store say the same (since the crossing)', () => {
    const hot: [string, string] = ['phone', '13800138000'];
    const log = ['samr/653100', 'police/650100', 'cac/652300', 'nmpa/654000', 'forestry/650200'].map((unit, i) => lead(i + 1, unit, `H${i + 1}`, [hot]));
    const stored = new Map<string, { count: number; sinceSeq: number }>();
    const upsert = (over: ReadonlyMap<string, { count: number; sinceSeq: number }>): void => {
      // What correlation_over keeps: the first since_seq, the latest count.
      for (const [key, row] of over) stored.set(key, { count: row.count, sinceSeq: stored.get(key)?.sinceSeq ?? row.sinceSeq });
    };

    const whole = fresh({ cap: 2 }).apply(log, 5);
    const single = fresh({ cap: 2 });
    const rows = log.map((event) => single.apply([event], event.seq).over);
    for (const over of rows) upsert(over);
    const restored = new CoordinationState({ ...EMPTY, over: new Map([['phone:13800138000', { count: 3, sinceSeq: 3 }]]), members: log.slice(0, 3).map((e, i) => [`${e.unit}/lead/H${i + 1}`, e.department, e.region, ['phone:13800138000']]) }, { correlation: { cap: 2 } });
    const rest = restored.apply(log.slice(3), 5);

    expect([...whole.over]).toEqual([['phone:13800138000', { count: 5, sinceSeq: 3 }]]);
    expect([...stored]).toEqual([...whole.over]);
    expect(rows.map((over) => over.get('phone:13800138000')?.sinceSeq)).toEqual([undefined, undefined, 3, 3, 3]);
    expect([...rest.over]).toEqual([...whole.over]);
  });
});

describe('CoordinationState: alerts', () => {
  const closed = (seq: number, unit: string, id: string): PositionedEvent => positioned(seq, unit, 'lead.closed', `lead/${id}`, { outcome: 'no_violation' });
  const PHONE: [string, string] = ['phone', '13912345678'];

  it('given samr’s open lead on a phone, when police and then cac report it the same day, then samr is alerted once, police once (by cac), and nothing on the next report that day', () => {
    const state = fresh();
    const first = state.apply([lead(1, 'samr/653100', 'S', [PHONE]), lead(2, 'police/650100', 'P', [PHONE])], 2);
    expect(first.outbox.filter((o) => o.type === 'hit.alerted').map((o) => o.data['toDepartment'])).toEqual(['samr']);
    const second = state.apply([lead(3, 'cac/652300', 'C', [PHONE])], 3);
    expect(second.outbox.filter((o) => o.type === 'hit.alerted').map((o) => o.data['toDepartment'])).toEqual(['police']);
    const third = state.apply([lead(4, 'tax/654000', 'T', [PHONE])], 4);
    expect(third.outbox.filter((o) => o.type === 'hit.alerted').map((o) => o.data['toDepartment'])).toEqual(['cac']);
  });

  it('given samr closed its lead, when police reports the phone, then samr is not alerted, also after a restore from what was stored', () => {
    const state = fresh();
    const stored = state.apply([lead(1, 'samr/653100', 'S', [PHONE]), closed(2, 'samr/653100', 'S')], 2);
    expect(stored.closed).toEqual([{ ref: 'samr/653100/lead/S', seq: 2 }]);
    const restored = new CoordinationState({ ...EMPTY, members: stored.members.map((m) => [m.member, m.department, m.region, [...m.keys]] as [string, string, string, string[]]), closed: stored.closed.map((c) => c.ref) });
    expect(restored.apply([lead(3, 'police/650100', 'P', [PHONE])], 3).outbox.filter((o) => o.type === 'hit.alerted')).toEqual([]);
  });

  it('given a value on a warning list, when two units report it, then nobody is alerted', () => {
    const state = fresh();
    const changes = state.apply([lead(1, 'samr/653100', 'S', [['phone', '95188']]), lead(2, 'police/650100', 'P', [['domain', 'www.taobao.com']]), lead(3, 'cac/652300', 'C', [['domain', 'taobao.com']])], 3);
    expect(changes.outbox).toEqual([]);
  });
});

const SAMR_R_OD = { referralId: 'R-OD', fromDepartment: 'samr', fromRegion: '653100' };

describe('CoordinationState: referrals and their clocks', () => {
  const referred = positioned(2, 'samr/653100', 'lead.referred', 'lead/L-OD', { referralId: 'R-OD', toDepartment: 'police', toRegion: '650100', reason: '涉嫌犯罪' }, { time: '2021-09-29T10:00:00+08:00' });

  it('given a referral sent 2021-09-29, when folded, then it is stored with the answer clock running to 10-09 24:00 local (National Day skipped)', () => {
    const changes = fresh().apply([referred], 2);
    expect(changes.referrals.get('samr/653100/referral/R-OD')).toMatchObject({ referralKey: 'samr/653100/referral/R-OD', runningClock: 'answer', runningDueAt: '2021-10-09T16:00:00Z' });
  });

  it('given the answer clock ran out, when the timer asks, then one referral.overdue is due at the deadline, and none once its key is queued', () => {
    const state = fresh();
    state.apply([referred], 2);
    const referral = state.referral('samr/653100/referral/R-OD');
    if (referral === undefined) throw new Error('expected the referral');
    expect(state.overdue([referral], new Date('2021-10-09T15:59:59Z'), new Set())).toEqual([]);
    const due = state.overdue([referral], new Date('2021-10-10T00:00:00Z'), new Set());
    expect(due).toEqual([expect.objectContaining({ type: 'referral.overdue', subject: 'referral/samr-653100-referral-R-OD', time: '2021-10-09T16:00:00Z', data: expect.objectContaining({ clock: 'answer', fromDepartment: 'samr', fromRegion: '653100' }) })]);
    expect(state.overdue([referral], new Date('2021-10-10T00:00:00Z'), new Set(due.map((d) => d.key)))).toEqual([]);
  });

  it('given the addressed unit accepted, when folded, then the feedback clock runs instead of the answer clock', () => {
    const state = fresh();
    const answered = positioned(3, 'police/650100', 'referral.answered', 'referral/samr-653100-referral-R-OD', { ...SAMR_R_OD, decision: 'accepted' }, { time: '2021-09-30T10:00:00+08:00' });
    const changes = state.apply([referred, answered], 3);
    expect(changes.referrals.get('samr/653100/referral/R-OD')).toMatchObject({ runningClock: 'feedback' });
  });

  it('given samr’s R-OD, when cac refers its own R-OD due 2099 and police answers cac’s, then samr’s clock still runs out and is reported', () => {
    const state = fresh();
    const cac = positioned(3, 'cac/650100', 'lead.referred', 'lead/W-1', { referralId: 'R-OD', toDepartment: 'police', toRegion: '650100', reason: 'squat', dueAt: '2099-12-31T00:00:00+08:00' });
    const cacAnswer = positioned(4, 'police/650100', 'referral.answered', 'referral/cac-650100-referral-R-OD', { referralId: 'R-OD', fromDepartment: 'cac', fromRegion: '650100', decision: 'accepted' });
    state.apply([referred, cac, cacAnswer], 4);
    const samr = state.referral('samr/653100/referral/R-OD');
    expect(samr).toMatchObject({ from: 'samr/653100', reason: '涉嫌犯罪', status: 'sent' });
    expect(state.referral('cac/650100/referral/R-OD')).toMatchObject({ reason: 'squat', status: 'accepted' });
    if (samr === undefined) throw new Error('expected samr’s referral');
    expect(state.overdue([samr], new Date('2021-10-10T00:00:00Z'), new Set()).map((o) => o.subject)).toEqual(['referral/samr-653100-referral-R-OD']);
  });
});

describe('CoordinationState: jurisdiction suggestions', () => {
  it('given the same lead id reported by two units with a Kashgar USCC, when folded, then two suggestions are queued on two subjects with their own ids', () => {
    const changes = fresh().apply([lead(1, 'samr/650100', 'L-1', [['uscc', uscc('653101')]]), lead(2, 'police/650200', 'L-1', [['uscc', uscc('653101')]])], 2);
    const suggested = changes.outbox.filter((o) => o.type === 'jurisdiction.suggested');
    expect(suggested.map((o) => [o.subject, o.data['leadSubject'], o.data['toRegion']])).toEqual([
      ['lead/samr-650100-lead-L-1', 'samr/650100/lead/L-1', '653100'],
      ['lead/police-650200-lead-L-1', 'police/650200/lead/L-1', '653100'],
    ]);
    expect(new Set(suggested.map((o) => o.eventId)).size).toBe(2);
  });
});

describe('CoordinationState: joint events read back', () => {
  const formed = (unit: string): PositionedEvent =>
    positioned(9, unit, 'cluster.formed', 'cluster/samr-653100-lead-L-1', { clusterId: 'samr-653100-lead-L-1', members: ['samr/653100/lead/L-1', 'police/650100/lead/L-7'], keys: ['phone:13912345678'], crossRegion: true, crossDepartment: true });

  it("given the joint office's cluster.formed, when folded, then it becomes a history row and changes no membership (the fold did when it concluded it); the same type from a department is ignored", () => {
    const changes = fresh().apply([formed('joint/650000'), formed('samr/653100')], 9);
    expect(changes.clusterHistory).toEqual([
      { seq: 9, type: 'cluster.formed', at: expect.any(String), clusterId: 'samr-653100-lead-L-1', members: ['samr/653100/lead/L-1', 'police/650100/lead/L-7'], keys: ['phone:13912345678'], crossRegion: true, crossDepartment: true, reason: null },
    ]);
    expect(changes.clusterEvents).toEqual([]);
  });

  it('given a finding, when folded, then the membership changes at the record that caused it, in fold order before a manual decision read after it', () => {
    const state = fresh();
    const changes = state.apply([lead(1, 'samr/653100', 'L-1', [['phone', '13912345678']]), lead(2, 'police/650100', 'L-7', [['phone', '13912345678']])], 2);
    const recordedAt = changes.outbox[0]?.time;
    expect(changes.clusterEvents).toEqual([
      { seq: 2, type: 'cluster.formed', at: recordedAt, clusterId: 'samr-653100-lead-L-1', members: ['samr/653100/lead/L-1', 'police/650100/lead/L-7'], keys: ['phone:13912345678'], crossRegion: true, crossDepartment: true, reason: null },
    ]);
    const unlink = positioned(3, 'joint/650000', 'cluster.unlinked', 'cluster/samr-653100-lead-L-1', { clusterId: 'samr-653100-lead-L-1', members: ['police/650100/lead/L-7'], keys: [], reason: '店铺已易主' });
    const after = state.apply([unlink, formed('joint/650000')], 9);
    expect(after.clusterEvents.map((row) => [row.seq, row.type])).toEqual([[3, 'cluster.unlinked']]);
    expect(after.clusterHistory.map((row) => [row.seq, row.type])).toEqual([[3, 'cluster.unlinked'], [9, 'cluster.formed']]);
  });

  it("given a coordinator's cluster.unlinked, when folded, then it is stored as a manual decision after the members seen so far; a department's is ignored", () => {
    const state = fresh();
    state.apply([lead(1, 'samr/653100', 'L-1', [['phone', '13912345678']]), lead(2, 'police/650100', 'L-7', [['phone', '13912345678']])], 2);
    const unlink = (unit: string, seq: number): PositionedEvent =>
      positioned(seq, unit, 'cluster.unlinked', 'cluster/samr-653100-lead-L-1', { clusterId: 'samr-653100-lead-L-1', members: ['police/650100/lead/L-7'], reason: '店铺已易主' });
    const changes = state.apply([unlink('samr/653100', 3), unlink('joint/650000', 4)], 4);
    expect(changes.manual).toEqual([expect.objectContaining({ position: 0, afterMembers: 2, type: 'cluster.unlinked', seq: 4 })]);
  });
});

describe('CoordinationState: closure requests and procedure clocks', () => {
  const request = positioned(1, 'cac/650100', 'closure.requested', 'closure/CL-1', { toDepartment: 'telecom', toRegion: '650000', targetKind: 'website', target: 'x.example.cn', reason: '售假药' }, { recordedAt: '2021-10-01T14:00:00Z' });

  it('given a closure request on a 4-hour policy, when folded, then one watch row is due 4 hours on, and restored it still gives one notice at that time', () => {
    const state = new CoordinationState(EMPTY, { clocks: { amounts: { closure_answer: 4 } } });
    const changes = state.apply([request], 1);
    const row = changes.watches.get('closure.overdue/cac/650100/closure/CL-1');
    expect(row).toMatchObject({ kind: 'closure', dueAt: '2021-10-01T18:00:00Z', problem: null });
    const restored = new CoordinationState({ ...EMPTY, watches: [{ kind: row?.kind, state: row?.state } as Watch] });
    const candidates = [{ kind: row?.kind, state: row?.state } as Watch];
    expect(watchOverdue(restored, candidates, new Date('2021-10-01T17:59:59Z'))).toEqual([]);
    expect(watchOverdue(restored, candidates, new Date('2021-10-01T18:00:00Z'))).toEqual([
      expect.objectContaining({ key: 'closure.overdue/cac/650100/closure/CL-1', type: 'closure.overdue', subject: 'closure/cac-650100-closure-CL-1', time: '2021-10-01T18:00:00Z' }),
    ]);
  });

  it('given a market-regulation case and a police case, when folded, then only the former gets a decision clock; the joint office’s own notices change no watch', () => {
    const opened = (seq: number, unit: string): PositionedEvent =>
      positioned(seq, unit, 'case.opened', 'case/C-1', { caseNo: 'N', kind: 'administrative', primaryCategory: 'counterfeit', otherCategories: [], leadIds: [], entities: [] }, { time: '2021-03-01T10:00:00+08:00' });
    const notice = positioned(3, 'joint/650000', 'case.overdue', 'case/samr-653100-case-C-1', { recordRef: 'samr/653100/case/C-1', clock: 'case_decision', dueAt: '2021-05-31T16:00:00Z', basis: 'x' });
    const changes = fresh().apply([opened(1, 'samr/653100'), opened(2, 'police/653100'), notice], 3);
    expect([...changes.watches.values()].map((w) => [w.key, w.dueAt])).toEqual([['case.overdue/samr/653100/case/C-1/case_decision', '2021-05-31T16:00:00Z']]);
  });
});

describe('CoordinationState: draws (双随机)', () => {
  it('given a committed draw, when folded, then the joint office queues its reveal: seed from its signature over the commit hash, the selection by the algorithm', () => {
    const state = new CoordinationState(EMPTY, { signDrawSeed: (message) => `sig(${message})` });
    const targets = [{ operator: 'samr/653100/operator/OP-1' }, { operator: 'samr/653100/operator/OP-2' }, { operator: 'samr/653100/operator/OP-3' }];
    const inspectors = [
      { id: 'I-1', name: '张伟', conflicts: [] },
      { id: 'I-2', name: '李娜', conflicts: [] },
    ];
    const data = { item: 'key-01', region: '653100', sampleSize: 2, inspectorsPerTarget: 1, registerSeq: 0, targets, targetsHash: targetsHash(targets), inspectors, inspectorsHash: inspectorsHash(inspectors), algorithm: DRAW_ALGORITHM, seedRule: DRAW_SEED_RULE };
    const commit = positioned(5, 'samr/653100', 'draw.committed', 'draw/D-1', data);
    const [reveal, ...rest] = state.apply([commit], 5).outbox;
    expect(rest).toEqual([]);
    const signature = `sig(${seedMessage(commit.event.hash)})`;
    expect(reveal).toMatchObject({ type: 'draw.revealed', subject: 'draw/samr-653100-draw-D-1', eventId: deterministicEventId('draw.revealed/samr/653100/draw/D-1') });
    expect(reveal?.data).toEqual({
      drawRef: 'samr/653100/draw/D-1',
      commitHash: commit.event.hash,
      seedSignature: signature,
      seed: seedOf(signature),
      ...computeDraw({ targets, inspectors, sample: { size: 2 }, inspectorsPerTarget: 1, seed: seedOf(signature) }),
    });
  });

  it('given a coordination without the joint key, when a draw is committed, then nothing is revealed', () => {
    const commit = positioned(5, 'samr/653100', 'draw.committed', 'draw/D-1', {});
    expect(fresh().apply([commit], 5).outbox).toEqual([]);
  });
});
