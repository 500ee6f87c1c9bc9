import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TransferPage } from '@hub/contracts';
import { EVENT_STREAM, JetStreamEventStore } from '@hub/event-store';
import { JOINT_EVENT_SUBJECTS, type HubEvent } from '@hub/domain';
import { CoordinationService } from '../apps/coordination/src/coordination.module.js';
import { event } from './support/events.js';
import { TestHub } from './support/test-hub.js';

// Issue 19 §5, the police decision clock (国务院令第310号第八条) through the real components: samr's case.transferred →
// coordination's police_decision watch → the addressed police unit's case.transfer_answered (another police unit's
// answer is refused by the police department service) → the projector's `transfers` → GET /api/v1/transfers, on a pinned clock (nothing sleeps).
describe('cases transferred to the police and the police decision whether to open a case', () => {
  let hub: TestHub;
  let now = new Date('2021-10-08T00:00:00Z');
  const SAMR = 'samr/653100';
  const POLICE = 'police/650100';
  const OTHER_POLICE = 'police/653100';

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true, clock: () => now });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
  });

  const json = async <T>(path: string, auth: { unit?: string; token?: string }): Promise<T> => {
    const response = await hub.get(path, auth);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const tick = async (): Promise<void> => {
    await hub.coordinated();
    await hub.coordination?.get(CoordinationService).loop.tick();
    await hub.coordinated();
  };
  const overdueNotices = async (): Promise<HubEvent[]> => {
    const out: HubEvent[] = [];
    for await (const msg of new JetStreamEventStore(hub.admin, EVENT_STREAM).read({ filter: JOINT_EVENT_SUBJECTS })) out.push(msg.json<HubEvent>());
    return out.filter((e) => e.type === 'case.overdue' && e.data['clock'] === 'police_decision');
  };
  const opened = (id: string): Record<string, unknown> =>
    event('case.opened', `case/${id}`, { caseNo: `喀市监立〔2021〕${id}号`, kind: 'criminal', primaryCategory: 'counterfeit', otherCategories: [], leadIds: [], entities: [] }, '2021-10-01T10:00:00+08:00');
  const transferred = (id: string): Record<string, unknown> =>
    event('case.transferred', `case/${id}`, { toDepartment: 'police', toRegion: '650100', approvedAt: '2021-10-07T10:00:00+08:00', reason: '涉嫌销售假冒注册商标的商品罪' }, '2021-10-08T10:00:00+08:00');
  const answer = (id: string, data: Record<string, unknown>): Record<string, unknown> =>
    event('case.transfer_answered', `case/samr-653100-case-${id}`, { caseId: id, fromDepartment: 'samr', fromRegion: '653100', ...data }, '2021-10-09T10:00:00+08:00');

  it('given samr transfers two cases to police/650100, when the police answer one and 3 days pass, then both parties see both, the other answers are refused, and the unanswered one is overdue once', async () => {
    expect((await hub.submit('samr', [opened('T-1'), opened('T-2'), transferred('T-1'), transferred('T-2')], { unit: SAMR })).status).toBe(201);
    await hub.projected();

    const inbox = await json<TransferPage>('/api/v1/transfers?direction=received', { unit: POLICE });
    expect(inbox.items.map((t) => [t.caseId, t.caseNo, t.status, t.answerable, t.dueAt]).sort()).toEqual([
      // Transferred Friday 10-08; + 3 calendar days = Monday 10-11, 24:00 local.
      ['T-1', '喀市监立〔2021〕T-1号', 'transferred', true, '2021-10-11T16:00:00Z'],
      ['T-2', '喀市监立〔2021〕T-2号', 'transferred', true, '2021-10-11T16:00:00Z'],
    ]);
    expect((await json<TransferPage>('/api/v1/transfers?direction=sent', { unit: SAMR })).items.every((t) => !t.answerable)).toBe(true);
    expect((await json<TransferPage>('/api/v1/transfers', { unit: OTHER_POLICE })).total).toBe(0);

    // Only the police answer, a decision names what it needs, and the sending unit cannot answer its own transfer.
    const bySender = await hub.submit('samr', answer('T-1', { decision: 'opened', policeCaseId: 'GA-1' }), { unit: SAMR });
    expect(bySender.status).toBe(400);
    expect(JSON.stringify(bySender.body)).toContain('police');
    const missing = await hub.submit('police', answer('T-1', { decision: 'declined' }), { unit: POLICE });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('data.reason');
    // Another police unit's answer, or an answer to a case samr never transferred, is refused by the police
    // department service naming the field; nothing is stored.
    const before = await hub.storedEvents();
    const byOtherPolice = await hub.submit('police', answer('T-2', { decision: 'opened', policeCaseId: 'GA-X' }), { unit: OTHER_POLICE });
    expect(byOtherPolice.status).toBe(403);
    expect(byOtherPolice.body).toMatchObject({
      code: 'NOT_ADDRESSED_TO_YOU',
      fields: [{ path: 'data.caseId', message: 'the transfer of case T-2 of samr/653100 is addressed to police/650100, not to police/653100' }],
    });
    const unknown = await hub.submit('police', [answer('T-NEVER', { decision: 'opened', policeCaseId: 'GA-N' })], { unit: POLICE });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_TRANSFER', fields: [{ path: '[0].data.caseId', message: expect.stringContaining('no transfer of case T-NEVER of samr/653100') }] });
    expect(await hub.storedEvents()).toBe(before);
    expect((await hub.submit('police', answer('T-1', { decision: 'opened', policeCaseId: 'GA-1' }), { unit: POLICE })).status).toBe(201);
    const again = await hub.submit('police', answer('T-1', { decision: 'declined', reason: '改变主意' }), { unit: POLICE });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('CASE_TRANSFER_ALREADY_ANSWERED');
    await hub.projected();

    const answered = await json<TransferPage>('/api/v1/transfers', { token: hub.credentials.coordinator });
    expect(answered.items.map((t) => [t.caseId, t.toUnit, t.status, t.policeCaseId]).sort()).toEqual([
      ['T-1', POLICE, 'opened', 'GA-1'],
      ['T-2', POLICE, 'transferred', null],
    ]);
    // Unanswered first: what the police must act on.
    expect(answered.items[0]?.caseId).toBe('T-2');

    now = new Date('2021-10-11T15:59:59Z');
    await tick();
    expect(await overdueNotices()).toHaveLength(0);
    now = new Date('2021-10-11T16:00:00Z');
    await tick();
    await tick();
    const notices = await overdueNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      subject: 'case/samr-653100-case-T-2',
      data: { recordRef: 'samr/653100/case/T-2', clock: 'police_decision', dueAt: '2021-10-11T16:00:00Z', basis: '《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第八条' },
    });
    await hub.projected();
    const late = await json<TransferPage>('/api/v1/transfers?status=transferred', { unit: POLICE });
    expect(late.items.map((t) => [t.caseId, t.overdue])).toEqual([['T-2', true]]);
    const bad = await hub.get('/api/v1/transfers?status=maybe&direction=sideways', { unit: POLICE });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['direction', 'status']);
  });
});
