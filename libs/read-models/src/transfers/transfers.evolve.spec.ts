import { describe, expect, it } from '@jest/globals';
import { deepFrozen } from '../testing/frozen.js';
import { positioned } from '../testing/positioned.js';
import { evolveTransfer, transferKeyOf, type TransferState } from './transfers.evolve.js';

const SAMR = 'samr/653100';
const transfer = positioned(1, SAMR, 'case.transferred', 'case/C-1', { toDepartment: 'police', toRegion: '650100', approvedAt: '2021-10-07T10:00:00+08:00', reason: '涉嫌犯罪' });
const ref = { caseId: 'C-1', fromDepartment: 'samr', fromRegion: '653100' };
const answer = (seq: number, unit: string, data: Record<string, unknown>) => positioned(seq, unit, 'case.transfer_answered', 'case/samr-653100-case-C-1', { ...ref, ...data });
const fold = (...events: ReturnType<typeof positioned>[]): TransferState | undefined => events.reduce<TransferState | undefined>((state, e) => evolveTransfer(state, e), undefined);

describe('evolveTransfer (cases transferred to the police)', () => {
  it('given nothing, when a case is transferred, then a row addressed to the police of toRegion, awaiting the decision', () => {
    expect(fold(transfer)).toMatchObject({ fromUnit: SAMR, caseId: 'C-1', toUnit: 'police/650100', toRegion: '650100', status: 'transferred', approvedAt: '2021-10-07T10:00:00+08:00', transferredAt: transfer.event.time, reason: '涉嫌犯罪' });
    expect(transferKeyOf(answer(2, 'police/650100', { decision: 'opened', policeCaseId: 'GA-1' }))).toEqual(transferKeyOf(transfer));
    expect(transferKeyOf(positioned(3, SAMR, 'case.opened', 'case/C-1', {}))).toBeUndefined();
  });

  it('given a transfer without toRegion, when folded, then the police of the transferring unit own region are addressed', () => {
    expect(fold(positioned(1, SAMR, 'case.transferred', 'case/C-1', { toDepartment: 'police' }))?.toUnit).toBe('police/653100');
  });

  it('given a transfer, when the addressed police open a case or decline, then the decision is kept once; another unit answer changes nothing', () => {
    expect(fold(transfer, answer(2, 'police/650100', { decision: 'opened', policeCaseId: 'GA-1' }))).toMatchObject({ status: 'opened', policeCaseId: 'GA-1' });
    const declined = fold(transfer, answer(2, 'police/650100', { decision: 'declined', reason: '不构成犯罪' }));
    expect(declined).toMatchObject({ status: 'declined', decisionReason: '不构成犯罪' });
    expect(fold(transfer, answer(2, 'police/650100', { decision: 'declined', reason: '不构成犯罪' }), answer(3, 'police/650100', { decision: 'opened', policeCaseId: 'GA-2' }))).toEqual(declined);
    expect(fold(transfer, answer(2, 'police/653100', { decision: 'opened', policeCaseId: 'GA-9' }))).toMatchObject({ status: 'transferred', policeCaseId: null });
  });

  it('given a decision entered days after it was made, when folded, then answeredAt is when the police decided (the clock judges that time)', () => {
    const late = answer(2, 'police/650100', { decision: 'opened', policeCaseId: 'GA-1' });
    const backdated = { ...late, event: { ...late.event, time: '2021-10-09T09:00:00+08:00', recordedAt: '2021-10-20T02:00:00Z' } };
    expect(fold(transfer, backdated)?.answeredAt).toBe('2021-10-09T09:00:00+08:00');
  });

  it('given an answer read before its transfer, when the transfer addresses another police unit, then the answer is dropped', () => {
    expect(fold(answer(1, 'police/653100', { decision: 'opened', policeCaseId: 'GA-9' }), { ...transfer, seq: 2 })).toMatchObject({ toUnit: 'police/650100', status: 'transferred', policeCaseId: null });
    expect(fold(answer(1, 'police/650100', { decision: 'opened', policeCaseId: 'GA-1' }), { ...transfer, seq: 2 })).toMatchObject({ status: 'opened', policeCaseId: 'GA-1', recordedAt: transfer.event.recordedAt });
  });

  it('given a transfer, when the joint office reports the police_decision clock overdue, then the notice is kept; a unit cannot, and other clocks are not this row', () => {
    const notice = positioned(4, 'joint/650000', 'case.overdue', 'case/samr-653100-case-C-1', { recordRef: 'samr/653100/case/C-1', clock: 'police_decision', dueAt: '2021-10-11T16:00:00Z', basis: '第八条' });
    expect(fold(transfer, notice)?.overdueDueAt).toBe('2021-10-11T16:00:00Z');
    expect(fold(transfer, { ...notice, unit: 'samr/653100', department: 'samr', region: '653100' })?.overdueDueAt).toBeNull();
    expect(transferKeyOf(positioned(5, 'joint/650000', 'case.overdue', 'case/samr-653100-case-C-1', { ...notice.event.data, clock: 'case_decision' }))).toBeUndefined();
  });
  it.each([
    ['the answer', answer(2, 'police/650100', { decision: 'opened', policeCaseId: 'GA-1' })],
    ['the overdue notice', positioned(2, 'joint/650000', 'case.overdue', 'case/x', { clock: 'police_decision', recordRef: 'samr/653100/case/C-1', dueAt: '2021-10-10T00:00:00Z' })],
  ])('given a frozen transfer, when %s, then a new state and the given one unchanged (pure)', (_name, event) => {
    const state = fold(transfer) as TransferState;
    const before = structuredClone(state);
    expect(evolveTransfer(deepFrozen(state), event)).not.toBe(state);
    expect(state).toEqual(before);
  });

  it('given a frozen answer read before its transfer, when the transfer names other police, then the answer is dropped and the given one unchanged', () => {
    const state = fold(answer(1, 'police/653100', { decision: 'opened', policeCaseId: 'GA-9' })) as TransferState;
    const before = structuredClone(state);
    expect(evolveTransfer(deepFrozen(state), { ...transfer, seq: 2 })).toMatchObject({ status: 'transferred', policeCaseId: null, toUnit: 'police/650100' });
    expect(state).toEqual(before);
  });
});
