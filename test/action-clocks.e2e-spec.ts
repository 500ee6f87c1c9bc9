import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENT_STREAM, JetStreamEventStore } from '@hub/event-store';
import { JOINT_EVENT_SUBJECTS, type HubEvent } from '@hub/domain';
import { CoordinationService } from '../apps/coordination/src/coordination.module.js';
import { TestHub } from './support/test-hub.js';
import { event } from './support/events.js';

// Issue 19 §3 and §5 through the real components: department intake → JetStream → coordination's deadline
// timer, on a pinned clock (the test ticks; nothing sleeps), and a coordination restart in between.
describe('7×24 closure requests and the procedure clocks of the penalty rules', () => {
  let hub: TestHub;
  let now = new Date('2021-03-01T00:00:00Z');

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'cac', 'telecom'], projector: true, coordination: { clocks: { amounts: { closure_answer: 4 } } }, clock: () => now });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
  });

  const jointEvents = async (type: string): Promise<HubEvent[]> => {
    const out: HubEvent[] = [];
    for await (const msg of new JetStreamEventStore(hub.admin, EVENT_STREAM).read({ filter: JOINT_EVENT_SUBJECTS })) out.push(msg.json<HubEvent>());
    return out.filter((e) => e.type === type);
  };
  const tick = async (): Promise<void> => {
    await hub.coordinated();
    await hub.coordination?.get(CoordinationService).loop.tick();
    await hub.coordinated();
  };

  it('given a case opened 2021-03-01, suspended 10 days and extended once, when the timer passes the old deadlines, then case.overdue is published once at the moved deadline, naming the clock and its legal basis, also after a restart', async () => {
    const submitted = await hub.submit(
      'samr',
      [
        event('case.opened', 'case/C-CLK', { caseNo: '喀市监立〔2021〕7号', kind: 'administrative', primaryCategory: 'counterfeit', otherCategories: [], leadIds: [], entities: [] }, '2021-03-01T10:00:00+08:00'),
        event('case.suspended', 'case/C-CLK', { reason: '涉案商品送检' }, '2021-04-10T10:00:00+08:00'),
        event('case.resumed', 'case/C-CLK', { note: '检验报告已出具' }, '2021-04-20T10:00:00+08:00'),
        event('case.extended', 'case/C-CLK', { clock: 'case_decision', approvedBy: '局长 王某', reason: '案情复杂' }, '2021-06-01T10:00:00+08:00'),
      ],
      { unit: 'samr/653100' },
    );
    expect(submitted.status).toBe(201);
    // Neither the plain 90 days (05-31) nor 90 + 10 suspended (06-09) ends it: 120 + 10 days = 07-09 24:00 local.
    now = new Date('2021-07-09T15:59:59Z');
    await tick();
    expect(await jointEvents('case.overdue')).toHaveLength(0);

    now = new Date('2021-07-09T16:00:00Z');
    await tick();
    await hub.stopCoordination();
    await hub.startCoordination({ clocks: { amounts: { closure_answer: 4 } } });
    await tick();
    const overdue = await jointEvents('case.overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({
      source: 'joint/650000',
      subject: 'case/samr-653100-case-C-CLK',
      data: { recordRef: 'samr/653100/case/C-CLK', clock: 'case_decision', dueAt: '2021-07-09T16:00:00Z', basis: '《市场监督管理行政处罚程序规定》第六十四条' },
    });
  });

  it('given cac asks telecom for an urgent closure, when 4 configured hours pass unanswered, then closure.overdue is published once; an answered request gets none', async () => {
    const request = (id: string): Record<string, unknown> =>
      event('closure.requested', `closure/${id}`, { toDepartment: 'telecom', toRegion: '650000', targetKind: 'website', target: `https://${id.toLowerCase()}.example.cn`, reason: '网站售卖假药' }, '2021-10-01T22:00:00+08:00');
    expect((await hub.submit('telecom', request('CL-X'), { unit: 'telecom/650000' })).status).not.toBe(201);
    expect((await hub.submit('cac', [request('CL-1'), request('CL-2')], { unit: 'cac/650100' })).status).toBe(201);
    const answer = event('closure.answered', 'closure/cac-650100-closure-CL-2', { closureId: 'CL-2', fromDepartment: 'cac', fromRegion: '650100', decision: 'closed' });
    expect((await hub.submit('telecom', answer, { unit: 'telecom/650000' })).status).toBe(201);
    // The hours clock starts when the hub recorded the request (the addressed unit can see it from then).
    const recorded = Date.now();
    now = new Date(recorded - 60_000);
    await tick();
    expect(await jointEvents('closure.overdue')).toHaveLength(0);

    now = new Date(recorded + 4 * 3_600_000 + 60_000);
    await tick();
    await tick();
    const overdue = await jointEvents('closure.overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({
      subject: 'closure/cac-650100-closure-CL-1',
      data: { closureId: 'CL-1', fromDepartment: 'cac', fromRegion: '650100', toDepartment: 'telecom', toRegion: '650000', hours: 4 },
    });
  });

  it('given guidance, an interview and a sampling by samr/653100 and the closure requests above, when the joint meeting asks for the briefing, then its actions section counts them per department', async () => {
    const samr = [
      event('guidance.given', 'guidance/G-1', { kind: 'guidance', operatorName: '喀什某某服饰专营店', topic: '亮照经营', heldAt: '2021-10-08T10:00:00+08:00', participants: ['samr'] }, '2021-10-08T10:00:00+08:00'),
      event('guidance.given', 'guidance/G-2', { kind: 'interview', operatorName: '喀什某某电商平台', topic: '约谈整改', heldAt: '2021-10-09T10:00:00+08:00', participants: ['samr', 'cac'] }, '2021-10-09T10:00:00+08:00'),
      event('sampling.recorded', 'sampling/SP-1', { batches: 40, failed: 3, productCategory: 'cosmetics', productDescription: '儿童面霜' }, '2021-10-15T10:00:00+08:00'),
    ];
    expect((await hub.submit('samr', samr, { unit: 'samr/653100' })).status).toBe(201);
    await hub.projected();
    const briefing = async (token: string): Promise<{ actions: unknown[] }> => {
      const response = await hub.get('/api/v1/briefing?asOf=2021-12-31T00:00:00Z&since=2021-10-01T00:00:00Z', { token });
      expect(response.status).toBe(200);
      return (await response.json()) as { actions: unknown[] };
    };
    expect((await briefing(hub.credentials.coordinator)).actions).toEqual([
      { department: 'cac', guidance: 0, interviews: 0, samplings: 0, batches: 0, failed: 0, closureRequests: 2 },
      { department: 'samr', guidance: 1, interviews: 1, samplings: 1, batches: 40, failed: 3, closureRequests: 0 },
    ]);
  });
});
