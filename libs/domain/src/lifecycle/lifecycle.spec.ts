import { decideLifecycle } from './decide-lifecycle.js';
import type { LifecycleCode } from './lifecycle-codes.js';
import { evolveLifecycle, NO_LIFECYCLE, type LifecycleState } from './lifecycle-state.js';

/**
 * Given/when/then in the style of Emmett's DeciderSpecification: given the aggregate's past event types,
 * when a command of a type is decided, then it is allowed or refused with a code.
 */
const given = (subject: string, ...past: string[]) => {
  const state = past.reduce<LifecycleState>((s, type) => evolveLifecycle(s, { type, subject }), NO_LIFECYCLE);
  return {
    when: (type: string) => {
      const verdict = decideLifecycle(state, { type, subject });
      return {
        thenAllowed: () => expect(verdict).toEqual({ ok: true }),
        thenRefused: (code: LifecycleCode) => expect(verdict).toMatchObject({ ok: false, code, message: expect.stringContaining(subject) as unknown }),
      };
    },
  };
};

describe('case lifecycle', () => {
  const c = 'case/C-1';
  it.each([
    [[], 'case.opened'],
    [[], 'case.assisted'],
    [['case.opened'], 'case.decided'],
    [['case.opened'], 'case.transferred'],
    [['case.opened'], 'case.closed'],
    [['case.opened', 'case.decided'], 'case.marked_typical'],
    [['case.opened', 'case.decided', 'case.marked_typical'], 'case.closed'],
    [['case.opened', 'case.decided', 'case.closed'], 'case.corrected'],
    [['case.opened', 'case.closed'], 'case.voided'],
    [['case.assisted'], 'case.corrected'],
    [['case.opened', 'case.corrected', 'case.corrected'], 'case.decided'],
  ])('given %j, when %s, then it is allowed', (past, type) => given(c, ...past).when(type).thenAllowed());

  it.each<[string[], string, LifecycleCode]>([
    [['case.opened'], 'case.opened', 'CASE_ALREADY_OPENED'],
    [['case.assisted'], 'case.opened', 'CASE_ALREADY_ASSISTED'],
    [['case.opened'], 'case.assisted', 'CASE_ALREADY_OPENED'],
    [[], 'case.decided', 'CASE_NOT_OPENED'],
    [[], 'case.closed', 'CASE_NOT_OPENED'],
    [[], 'case.marked_typical', 'CASE_NOT_OPENED'],
    [[], 'case.corrected', 'CASE_NOT_OPENED'],
    [[], 'case.voided', 'CASE_NOT_OPENED'],
    [['case.assisted'], 'case.decided', 'CASE_NOT_OPENED'],
    [['case.opened', 'case.decided'], 'case.decided', 'CASE_ALREADY_DECIDED'],
    [['case.opened'], 'case.marked_typical', 'CASE_NOT_DECIDED'],
    [['case.opened', 'case.decided', 'case.marked_typical'], 'case.marked_typical', 'CASE_ALREADY_TYPICAL'],
    [['case.opened', 'case.transferred'], 'case.transferred', 'CASE_ALREADY_TRANSFERRED'],
    [['case.opened', 'case.closed'], 'case.closed', 'CASE_ALREADY_CLOSED'],
    [['case.opened', 'case.closed'], 'case.decided', 'CASE_ALREADY_CLOSED'],
    [['case.opened', 'case.decided', 'case.closed'], 'case.marked_typical', 'CASE_ALREADY_CLOSED'],
    [['case.opened', 'case.voided'], 'case.decided', 'CASE_VOIDED'],
    [['case.opened', 'case.voided'], 'case.corrected', 'CASE_VOIDED'],
    [['case.opened', 'case.voided'], 'case.voided', 'CASE_VOIDED'],
    [['case.opened', 'case.voided'], 'case.opened', 'CASE_VOIDED'],
  ])('given %j, when %s, then it is refused with %s', (past, type, code) => given(c, ...past).when(type).thenRefused(code));
});

describe('the police answer to a transferred case (on the transferring unit qualified chain)', () => {
  const t = 'case/samr-653100-case-C-1';
  it('given nothing on the chain, when case.transfer_answered, then allowed (the police hold no case there)', () => given(t).when('case.transfer_answered').thenAllowed());
  it('given an answer, when case.transfer_answered again, then CASE_TRANSFER_ALREADY_ANSWERED', () =>
    given(t, 'case.transfer_answered').when('case.transfer_answered').thenRefused('CASE_TRANSFER_ALREADY_ANSWERED'));
});

describe('attachments on cases and reports', () => {
  it('given an opened case, closed or not, when a decision is attached, then it is allowed; before opening or after a void it is refused', () => {
    given('case/C-1', 'case.opened').when('attachment.added').thenAllowed();
    given('case/C-1', 'case.opened', 'case.decided', 'case.closed').when('attachment.added').thenAllowed();
    given('case/C-1').when('attachment.added').thenRefused('CASE_NOT_OPENED');
    given('case/C-1', 'case.opened', 'case.voided').when('attachment.added').thenRefused('CASE_VOIDED');
  });

  it('given a report not yet filed, when its summary document is attached, then it is allowed (files come before the filing)', () => {
    given('report/net-sword-2021').when('attachment.added').thenAllowed();
  });
});

describe('lead lifecycle', () => {
  const l = 'lead/L-1';
  it.each([
    [[], 'lead.reported'],
    [['lead.reported'], 'lead.referred'],
    [['lead.reported'], 'lead.closed'],
    [['lead.reported', 'lead.closed'], 'lead.corrected'],
    [['lead.reported', 'lead.corrected'], 'lead.voided'],
  ])('given %j, when %s, then it is allowed', (past, type) => given(l, ...past).when(type).thenAllowed());

  it.each<[string[], string, LifecycleCode]>([
    [['lead.reported'], 'lead.reported', 'LEAD_ALREADY_REPORTED'],
    [[], 'lead.closed', 'LEAD_NOT_REPORTED'],
    [[], 'lead.referred', 'LEAD_NOT_REPORTED'],
    [[], 'lead.corrected', 'LEAD_NOT_REPORTED'],
    [['lead.reported', 'lead.closed'], 'lead.closed', 'LEAD_ALREADY_CLOSED'],
    [['lead.reported', 'lead.voided'], 'lead.referred', 'LEAD_VOIDED'],
    [['lead.reported', 'lead.voided'], 'lead.voided', 'LEAD_VOIDED'],
  ])('given %j, when %s, then it is refused with %s', (past, type, code) => given(l, ...past).when(type).thenRefused(code));
});

describe('count-style records: recorded once, then only corrected or voided', () => {
  it.each<[string, string, LifecycleCode, LifecycleCode, LifecycleCode]>([
    ['takedown', 'takedown.recorded', 'TAKEDOWN_ALREADY_RECORDED', 'TAKEDOWN_NOT_RECORDED', 'TAKEDOWN_VOIDED'],
    ['inspection', 'inspection.recorded', 'INSPECTION_ALREADY_RECORDED', 'INSPECTION_NOT_RECORDED', 'INSPECTION_VOIDED'],
    ['seizure', 'seizure.recorded', 'SEIZURE_ALREADY_RECORDED', 'SEIZURE_NOT_RECORDED', 'SEIZURE_VOIDED'],
    ['rectification', 'rectification.ordered', 'RECTIFICATION_ALREADY_ORDERED', 'RECTIFICATION_NOT_ORDERED', 'RECTIFICATION_VOIDED'],
  ])('%s', (type, recorded, already, missing, voided) => {
    const s = `${type}/X-1`;
    given(s).when(recorded).thenAllowed();
    given(s, recorded).when(`${type}.corrected`).thenAllowed();
    given(s, recorded, `${type}.corrected`).when(`${type}.corrected`).thenAllowed();
    given(s, recorded, `${type}.corrected`).when(`${type}.voided`).thenAllowed();
    given(s, recorded).when(recorded).thenRefused(already);
    given(s, recorded, `${type}.corrected`).when(recorded).thenRefused(already);
    given(s).when(`${type}.corrected`).thenRefused(missing);
    given(s).when(`${type}.voided`).thenRefused(missing);
    given(s, recorded, `${type}.voided`).when(`${type}.corrected`).thenRefused(voided);
    given(s, recorded, `${type}.voided`).when(`${type}.voided`).thenRefused(voided);
    // A photo or document joins the record once it exists, never before, never after a void.
    given(s, recorded).when('attachment.added').thenAllowed();
    given(s).when('attachment.added').thenRefused(missing);
    given(s, recorded, `${type}.voided`).when('attachment.added').thenRefused(voided);
  });
});

describe('aggregates without lifecycle rules here', () => {
  it('given a referral or a report, when anything is decided, then this step allows it (other rules may not)', () => {
    given('referral/R-1', 'referral.answered').when('referral.answered').thenAllowed();
    given('report/net-sword-2021', 'report.submitted').when('report.submitted').thenAllowed();
  });
});

describe('operator lifecycle (the register: registered once, then updated)', () => {
  const o = 'operator/OP-1';
  it('given nothing, when operator.registered, then allowed', () => given(o).when('operator.registered').thenAllowed());
  it('given a registration, when operator.updated twice, then allowed', () => given(o, 'operator.registered', 'operator.updated').when('operator.updated').thenAllowed());
  it('given a registration, when operator.registered again, then OPERATOR_ALREADY_REGISTERED', () =>
    given(o, 'operator.registered').when('operator.registered').thenRefused('OPERATOR_ALREADY_REGISTERED'));
  it('given nothing, when operator.updated, then OPERATOR_NOT_REGISTERED', () => given(o).when('operator.updated').thenRefused('OPERATOR_NOT_REGISTERED'));
});

describe('draw lifecycle (双随机: committed once per id)', () => {
  const d = 'draw/D-1';
  it('given nothing, when draw.committed, then allowed', () => given(d).when('draw.committed').thenAllowed());
  it('given a commit, when draw.committed again, then DRAW_ALREADY_COMMITTED', () => given(d, 'draw.committed').when('draw.committed').thenRefused('DRAW_ALREADY_COMMITTED'));
});
