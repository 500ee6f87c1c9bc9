import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestHub } from './support/test-hub.js';
import { caseOpened, event, leadClosed, leadReported, takedown } from './support/events.js';

const unit = 'samr/653100';
const decided = (id: string) => event('case.decided', `case/${id}`, { decisionNo: `喀市监处罚〔2021〕${id}号`, fine: 5_000, confiscation: 0 }, '2021-11-01T10:00:00+08:00');
const typical = (id: string) => event('case.marked_typical', `case/${id}`, { reason: '典型' }, '2021-11-02T10:00:00+08:00');
const closed = (id: string) => event('case.closed', `case/${id}`, {}, '2021-11-03T10:00:00+08:00');
const recorded = (type: string, id: string) =>
  type === 'takedown'
    ? takedown(id)
    : type === 'seizure'
      ? event('seizure.recorded', `seizure/${id}`, { channel: 'postal_express', batches: 1, pieces: 40 })
      : event(type === 'rectification' ? 'rectification.ordered' : 'inspection.recorded', `${type}/${id}`, { targetKind: 'website', count: 3 });

describe('lifecycle rules at the department service (409 with the rule, nothing of the batch stored)', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'] });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  /** Submits `given` (must be stored), then `when` as one batch: refused with `code`, the stream unchanged. */
  const refused = async (given: unknown[], when: unknown, code: string, path: string): Promise<void> => {
    if (given.length > 0) {
      const setup = await hub.submit('samr', given, { unit });
      expect({ status: setup.status, body: setup.body }).toMatchObject({ status: 201 });
    }
    const before = await hub.storedEvents();
    const response = await hub.submit('samr', when, { unit });
    expect({ status: response.status, code: response.body.code, paths: response.body.fields?.map((f) => f.path) }).toEqual({ status: 409, code, paths: [path] });
    expect(await hub.storedEvents()).toBe(before);
  };

  it.each<[string, (id: string) => [unknown[], unknown[], string]]>([
    ['CASE_ALREADY_OPENED', (id) => [[caseOpened(id)], [leadReported(`${id}-ok`), caseOpened(id)], '[1].type']],
    ['CASE_NOT_OPENED', (id) => [[], [leadReported(`${id}-ok`), decided(id)], '[1].type']],
    ['CASE_NOT_DECIDED', (id) => [[caseOpened(id)], [typical(id)], '[0].type']],
    ['CASE_ALREADY_DECIDED', (id) => [[caseOpened(id), decided(id)], [decided(id)], '[0].type']],
    ['CASE_ALREADY_TYPICAL', (id) => [[caseOpened(id), decided(id), typical(id)], [typical(id)], '[0].type']],
    ['CASE_ALREADY_CLOSED', (id) => [[caseOpened(id), closed(id)], [decided(id)], '[0].type']],
    ['CASE_VOIDED', (id) => [[caseOpened(id), event('case.voided', `case/${id}`, { reason: '重复立案' })], [decided(id)], '[0].type']],
    ['LEAD_ALREADY_REPORTED', (id) => [[leadReported(id)], [leadReported(id)], '[0].type']],
    ['LEAD_NOT_REPORTED', (id) => [[], [leadClosed(id)], '[0].type']],
    ['LEAD_ALREADY_CLOSED', (id) => [[leadReported(id), leadClosed(id)], [leadClosed(id)], '[0].type']],
    ['TAKEDOWN_ALREADY_RECORDED', (id) => [[recorded('takedown', id)], [recorded('takedown', id)], '[0].type']],
    ['INSPECTION_ALREADY_RECORDED', (id) => [[recorded('inspection', id)], [recorded('inspection', id)], '[0].type']],
    ['SEIZURE_ALREADY_RECORDED', (id) => [[recorded('seizure', id)], [recorded('seizure', id)], '[0].type']],
    ['RECTIFICATION_ALREADY_ORDERED', (id) => [[recorded('rectification', id)], [recorded('rectification', id)], '[0].type']],
  ])('given the aggregate so far, when %s is broken, then 409 names it and nothing is stored', async (code, scenario) => {
    const [given, when, path] = scenario(`X-${code}`);
    await refused(given, when, code, path);
  });

  it('given a case opened and decided in one batch, when marked typical and closed in the next, then every step is stored in order', async () => {
    const first = await hub.submit('samr', [caseOpened('C-flow'), decided('C-flow')], { unit });
    const second = await hub.submit('samr', [typical('C-flow'), closed('C-flow')], { unit });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.results.map((r) => r.version)).toEqual([3, 4]);
  });

  it('given a single event (not an array), when refused, then the path names its field without an index', async () => {
    await refused([], decided('C-single'), 'CASE_NOT_OPENED', 'type');
  });

  it('given a refused event, when the same batch is retried after the fix, then a retried id is still a duplicate and not re-decided', async () => {
    const opened = caseOpened('C-retry');
    expect((await hub.submit('samr', [opened], { unit })).status).toBe(201);
    // The same id again is a duplicate (201), not CASE_ALREADY_OPENED: idempotency comes before the rules.
    const retry = await hub.submit('samr', [opened], { unit });
    expect({ status: retry.status, duplicate: retry.body.results[0]?.duplicate }).toEqual({ status: 201, duplicate: true });
  });

  it('given a department restarted, when it starts, then it folds each aggregate state from the stream and still refuses', async () => {
    expect((await hub.submit('samr', [caseOpened('C-restart')], { unit })).status).toBe(201);
    await hub.stopDepartment('samr');
    await hub.startDepartment('samr');
    await refused([], [caseOpened('C-restart')], 'CASE_ALREADY_OPENED', '[0].type');
    expect((await hub.submit('samr', [decided('C-restart')], { unit })).status).toBe(201);
  });

  it('given two submissions opening one case at once (different ids), when both race, then exactly one is stored and the other is refused', async () => {
    const before = await hub.storedEvents();
    const answers = await Promise.all([hub.submit('samr', [caseOpened('C-race')], { unit }), hub.submit('samr', [caseOpened('C-race')], { unit })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('CASE_ALREADY_OPENED');
    expect(await hub.storedEvents()).toBe(before + 1);
  });
});


describe('corrections and voids through the read models', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'], projector: true });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const json = async <T>(path: string): Promise<T> => {
    const response = await hub.get(path, { token: hub.credentials.coordinator });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const readinessOf = async (): Promise<{ changedSinceFiled: boolean } | undefined> =>
    (await json<{ items: { unit: string; changedSinceFiled: boolean }[] }>('/api/v1/readiness?department=samr&region=653100')).items.find((i) => i.unit === unit);

  it('given a filed unit, when it corrects a decided case and voids another, then the cases show it and readiness says changed since filed', async () => {
    const filed = await hub.submit(
      'samr',
      [
        caseOpened('C-fix'),
        decided('C-fix'),
        caseOpened('C-dup'),
        event('report.submitted', 'report/net-sword-2021', { campaign: 'net-sword-2021', summary: '工作总结' }, '2021-12-03T10:00:00+08:00'),
      ],
      { unit },
    );
    expect(filed.status).toBe(201);
    await hub.projected();
    expect((await readinessOf())?.changedSinceFiled).toBe(false);

    const fixes = await hub.submit(
      'samr',
      [event('case.corrected', 'case/C-fix', { reason: '罚款金额录入错误', fine: 50_000, primaryCategory: 'illegal_advertising' }), event('case.voided', 'case/C-dup', { reason: '重复立案' })],
      { unit },
    );
    expect(fixes.status).toBe(201);
    await hub.projected();
    const cases = await json<{ items: { caseId: string; status: string; fine: number | null; primaryCategory: string | null }[] }>('/api/v1/cases?unit=samr/653100');
    expect(cases.items.find((c) => c.caseId === 'C-fix')).toMatchObject({ status: 'decided', fine: 50_000, primaryCategory: 'illegal_advertising' });
    expect(cases.items.find((c) => c.caseId === 'C-dup')?.status).toBe('voided');
    expect((await readinessOf())?.changedSinceFiled).toBe(true);
  });

  it('given a correction naming no field, when submitted, then 400 names data.reason and nothing is stored', async () => {
    expect((await hub.submit('samr', [takedown('T-fix')], { unit })).status).toBe(201);
    const before = await hub.storedEvents();
    const response = await hub.submit('samr', [event('takedown.corrected', 'takedown/T-fix', { reason: '更正' })], { unit });
    expect({ status: response.status, paths: response.body.fields?.map((f) => f.path) }).toEqual({ status: 400, paths: ['[0].data.reason'] });
    expect(await hub.storedEvents()).toBe(before);
  });
});
