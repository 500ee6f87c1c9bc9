import { describe, expect, it } from '@jest/globals';
import { addressedRequestKeyOf, decideAnswerAddressing, evolveAddressedRequest } from './answer-addressing.js';

const closureRequested = { id: 'E-1', type: 'closure.requested', source: 'cac/650100', subject: 'closure/CL-1', data: { toDepartment: 'telecom', toRegion: '650000', targetKind: 'website', target: 'x.cn', reason: '假药' } };
const closureAnswer = { type: 'closure.answered', subject: 'closure/cac-650100-closure-CL-1', data: { closureId: 'CL-1', fromDepartment: 'cac', fromRegion: '650100', decision: 'closed' } };
const transferred = (data: Record<string, unknown> = { toDepartment: 'police', toRegion: '650100' }) => ({ id: 'E-2', type: 'case.transferred', source: 'samr/653100', subject: 'case/C-1', data });
const transferAnswer = { type: 'case.transfer_answered', subject: 'case/samr-653100-case-C-1', data: { caseId: 'C-1', fromDepartment: 'samr', fromRegion: '653100', decision: 'opened', policeCaseId: 'GA-1' } };

const fold = (event: typeof closureRequested) => evolveAddressedRequest(undefined, event);

describe('addressedRequestKeyOf', () => {
  it('given a request and its answer, when keyed, then both name the requester’s request', () => {
    expect(addressedRequestKeyOf(closureRequested)).toBe('cac/650100/closure/CL-1');
    expect(addressedRequestKeyOf({ ...closureAnswer, source: 'telecom/650000' })).toBe('cac/650100/closure/CL-1');
    expect(addressedRequestKeyOf(transferred())).toBe('samr/653100/case/C-1');
    expect(addressedRequestKeyOf({ ...transferAnswer, source: 'police/650100' })).toBe('samr/653100/case/C-1');
  });

  it('given another event or an answer missing fromRegion, when keyed, then undefined', () => {
    expect(addressedRequestKeyOf({ type: 'lead.reported', source: 'samr/653100', subject: 'lead/L-1', data: {} })).toBeUndefined();
    expect(addressedRequestKeyOf({ ...transferAnswer, source: 'police/650100', data: { caseId: 'C-1', fromDepartment: 'samr' } })).toBeUndefined();
  });
});

describe('evolveAddressedRequest', () => {
  it('given a closure request, when folded, then it is addressed to toDepartment/toRegion', () => {
    expect(fold(closureRequested)).toEqual({ from: 'cac/650100', to: 'telecom/650000', bornBy: 'E-1' });
  });

  it('given a transfer without toRegion, when folded, then it is addressed to the police of the transferring unit’s region', () => {
    expect(evolveAddressedRequest(undefined, transferred({ toDepartment: 'police' }))).toEqual({ from: 'samr/653100', to: 'police/653100', bornBy: 'E-2' });
  });

  it('given a known request, when a second birth or an answer is folded, then the first birth stands', () => {
    const born = fold(closureRequested);
    expect(evolveAddressedRequest(born, { ...closureRequested, id: 'E-9', data: { ...closureRequested.data, toDepartment: 'samr' } })).toBe(born);
    expect(evolveAddressedRequest(undefined, { ...closureAnswer, id: 'E-3', source: 'telecom/650000' })).toBeUndefined();
  });
});

describe('decideAnswerAddressing', () => {
  it('given no known closure request, when answered, then UNKNOWN_CLOSURE on data.closureId naming the request', () => {
    expect(decideAnswerAddressing(undefined, 'telecom/650000', closureAnswer)).toEqual({
      ok: false,
      code: 'UNKNOWN_CLOSURE',
      field: 'data.closureId',
      message: 'no closure request CL-1 of cac/650100 is known (its closure.requested must be recorded first)',
    });
  });

  it('given no known transfer, when answered, then UNKNOWN_TRANSFER on data.caseId', () => {
    expect(decideAnswerAddressing(undefined, 'police/650100', transferAnswer)).toMatchObject({ ok: false, code: 'UNKNOWN_TRANSFER', field: 'data.caseId' });
  });

  it('given a request, when its addressee answers, then allowed', () => {
    expect(decideAnswerAddressing(fold(closureRequested), 'telecom/650000', closureAnswer)).toEqual({ ok: true });
    expect(decideAnswerAddressing(evolveAddressedRequest(undefined, transferred()), 'police/650100', transferAnswer)).toEqual({ ok: true });
  });

  it('given a transfer to police/650100, when another police unit answers, then NOT_ADDRESSED_TO_YOU on data.caseId naming the addressee', () => {
    expect(decideAnswerAddressing(evolveAddressedRequest(undefined, transferred()), 'police/654000', transferAnswer)).toEqual({
      ok: false,
      code: 'NOT_ADDRESSED_TO_YOU',
      field: 'data.caseId',
      message: 'the transfer of case C-1 of samr/653100 is addressed to police/650100, not to police/654000',
    });
  });

  it('given a closure request, when the requester answers its own, then NOT_ADDRESSED_TO_YOU saying so', () => {
    expect(decideAnswerAddressing(fold(closureRequested), 'cac/650100', closureAnswer)).toMatchObject({
      ok: false,
      code: 'NOT_ADDRESSED_TO_YOU',
      field: 'data.closureId',
      message: expect.stringContaining('the requesting unit cannot answer it'),
    });
  });

  it('given an event that answers nothing, when decided, then allowed whatever is known', () => {
    expect(decideAnswerAddressing(undefined, 'police/650100', { type: 'case.opened', data: {} })).toEqual({ ok: true });
  });
});
