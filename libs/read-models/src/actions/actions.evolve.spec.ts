import { describe, expect, it } from '@jest/globals';
import { positioned } from '../testing/positioned.js';
import { closureKeyOf, evolveClosure, evolveGuidance, evolveSampling, guidanceKeyOf, samplingKeyOf } from './actions.evolve.js';

const SAMR = 'samr/653100';
const guidance = positioned(1, SAMR, 'guidance.given', 'guidance/G-1', {
  kind: 'interview',
  operatorRef: 'samr/653100/operator/OP-1',
  operatorName: '喀什某某电商平台',
  topic: '约谈整改',
  heldAt: '2021-10-09T10:00:00+08:00',
  participants: ['samr', 'cac'],
});

describe('evolveGuidance / evolveSampling', () => {
  it('given nothing, when guidance.given, then a row with the operator, topic, time held and participants, keyed by unit and id', () => {
    expect(evolveGuidance(undefined, guidance)).toMatchObject({ unit: SAMR, guidanceId: 'G-1', kind: 'interview', operatorName: '喀什某某电商平台', heldAt: '2021-10-09T10:00:00+08:00', participants: ['samr', 'cac'], lastSeq: 1 });
    expect(guidanceKeyOf(guidance)).not.toEqual(guidanceKeyOf(positioned(2, 'samr/650100', 'guidance.given', 'guidance/G-1', guidance.event.data)));
    expect(guidanceKeyOf(positioned(3, SAMR, 'lead.reported', 'lead/G-1', {}))).toBeUndefined();
  });

  it('given a guidance row, when a second event reuses the id, then the first record stands', () => {
    const first = evolveGuidance(undefined, guidance);
    expect(evolveGuidance(first, positioned(4, SAMR, 'guidance.given', 'guidance/G-1', { ...guidance.event.data, topic: '改写' }))).toBe(first);
  });

  it('given nothing, when sampling.recorded, then batches, failed, product and publication', () => {
    const sampling = positioned(5, SAMR, 'sampling.recorded', 'sampling/SP-1', { batches: 40, failed: 3, productCategory: 'cosmetics', productDescription: '儿童面霜', publishedAt: '2021-10-20T00:00:00+08:00' });
    expect(samplingKeyOf(sampling)).toBeDefined();
    expect(evolveSampling(undefined, sampling)).toMatchObject({ samplingId: 'SP-1', batches: 40, failed: 3, productCategory: 'cosmetics', productDescription: '儿童面霜', publishedAt: '2021-10-20T00:00:00+08:00', sampledAt: '2021-10-08T09:30:00+08:00' });
  });
});

describe('evolveClosure', () => {
  const request = positioned(1, 'cac/650100', 'closure.requested', 'closure/CL-1', { toDepartment: 'telecom', toRegion: '650000', targetKind: 'website', target: 'https://fake.example.cn', reason: '售卖假药' });
  const ref = { closureId: 'CL-1', fromDepartment: 'cac', fromRegion: '650100' };
  const answer = (seq: number, unit: string, data: Record<string, unknown>) => positioned(seq, unit, 'closure.answered', 'closure/cac-650100-closure-CL-1', { ...ref, ...data });

  it('given a request by cac/650100, then a requested row addressed to telecom/650000, named by its requester', () => {
    const state = evolveClosure(undefined, request);
    expect(state).toMatchObject({ fromUnit: 'cac/650100', closureId: 'CL-1', toUnit: 'telecom/650000', status: 'requested', target: 'https://fake.example.cn', recordedAt: request.event.recordedAt });
    expect(closureKeyOf(answer(2, 'telecom/650000', { decision: 'closed' }))).toEqual(closureKeyOf(request));
  });

  it('given a request, when the addressed unit answers closed, then closed; a later answer (refused) does not change it', () => {
    const closed = evolveClosure(evolveClosure(undefined, request), answer(2, 'telecom/650000', { decision: 'closed' }));
    expect(closed).toMatchObject({ status: 'closed', answeredAt: expect.any(String) });
    expect(evolveClosure(closed, answer(3, 'telecom/650000', { decision: 'refused', reason: '改' }))).toBe(closed);
  });

  it('given a request, when another unit answers, then the request is unchanged (nothing one unit publishes changes another\'s record)', () => {
    const state = evolveClosure(undefined, request);
    expect(evolveClosure(state, answer(2, 'telecom/653100', { decision: 'refused', reason: '非本单位' }))).toBe(state);
  });

  it('given an unanswered request, when the joint office publishes closure.overdue, then the notice is kept; a unit cannot', () => {
    const state = evolveClosure(undefined, request);
    const notice = positioned(4, 'joint/650000', 'closure.overdue', 'closure/cac-650100-closure-CL-1', { ...ref, toDepartment: 'telecom', toRegion: '650000', hours: 24, dueAt: '2021-10-02T14:00:00Z' });
    expect(evolveClosure(state, notice)).toMatchObject({ overdueDueAt: '2021-10-02T14:00:00Z', overdueHours: 24, status: 'requested' });
    const forged = positioned(5, 'telecom/650000', 'closure.overdue', 'closure/cac-650100-closure-CL-1', notice.event.data);
    expect(evolveClosure(state, forged)).toBe(state);
  });

  it('given an answer from the wrong unit read before the request, when the request arrives, then the answer does not count', () => {
    const early = evolveClosure(undefined, answer(1, 'police/650000', { decision: 'closed' }));
    expect(evolveClosure(early, { ...request, seq: 2 })).toMatchObject({ toUnit: 'telecom/650000', status: 'requested', answeredAt: null });
  });
});
