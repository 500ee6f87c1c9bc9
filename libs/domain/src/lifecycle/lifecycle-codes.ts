/**
 * Codes of refused lifecycle transitions, one per rule, so a departmental system can tell "already
 * opened" from "not opened yet" without parsing messages. All are answered 409: the request was
 * well-formed but contradicts what the aggregate has already recorded.
 */
export const LIFECYCLE_CODES = [
  'CASE_ALREADY_OPENED',
  'CASE_ALREADY_ASSISTED',
  'CASE_NOT_OPENED',
  'CASE_ALREADY_DECIDED',
  'CASE_NOT_DECIDED',
  'CASE_ALREADY_TRANSFERRED',
  'CASE_TRANSFER_ALREADY_ANSWERED',
  'CASE_ALREADY_TYPICAL',
  'CASE_ALREADY_CLOSED',
  'CASE_VOIDED',
  'LEAD_ALREADY_REPORTED',
  'LEAD_NOT_REPORTED',
  'LEAD_ALREADY_CLOSED',
  'LEAD_VOIDED',
  'TAKEDOWN_ALREADY_RECORDED',
  'TAKEDOWN_NOT_RECORDED',
  'TAKEDOWN_VOIDED',
  'INSPECTION_ALREADY_RECORDED',
  'INSPECTION_NOT_RECORDED',
  'INSPECTION_VOIDED',
  'SEIZURE_ALREADY_RECORDED',
  'SEIZURE_NOT_RECORDED',
  'SEIZURE_VOIDED',
  'RECTIFICATION_ALREADY_ORDERED',
  'RECTIFICATION_NOT_ORDERED',
  'RECTIFICATION_VOIDED',
  'OPERATOR_ALREADY_REGISTERED',
  'OPERATOR_NOT_REGISTERED',
  'DRAW_ALREADY_COMMITTED',
] as const;
export type LifecycleCode = (typeof LIFECYCLE_CODES)[number];

const codes: ReadonlySet<string> = new Set(LIFECYCLE_CODES);
export const isLifecycleCode = (code: string): code is LifecycleCode => codes.has(code);

/** A lifecycle decision: the transition is allowed, or refused with the rule's code and why. */
export type LifecycleVerdict = { ok: true } | { ok: false; code: LifecycleCode; message: string };

export const allowed: LifecycleVerdict = Object.freeze({ ok: true });

export const refused = (code: LifecycleCode, message: string): LifecycleVerdict => ({ ok: false, code, message });
