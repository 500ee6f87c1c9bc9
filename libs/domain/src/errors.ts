import type { FieldError } from './events/types.js';
import type { LifecycleCode } from './lifecycle/lifecycle-codes.js';
import type { QuotaCode } from './quotas/quota.js';

/**
 * Hub errors carry a code that is the same over HTTP, NATS and in logs; only the edges turn codes
 * into HTTP statuses or ack/nak/term.
 */
export type HubErrorCode =
  | 'VALIDATION_FAILED'
  | 'BATCH_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'VERSION_CONFLICT'
  | 'SKIPPED'
  | 'SERVICE_UNAVAILABLE'
  | 'NOT_FOUND'
  /** The request contradicts the current state (e.g. linking a lead already in the cluster). */
  | 'CONFLICT'
  /** Too many requests (or open live feeds) for one principal; `retryAfterSeconds` says when to try again. */
  | 'RATE_LIMITED'
  /** A route for reporting units only (403), e.g. 我的记录: coordinators and auditors have none of their own. */
  | 'UNITS_ONLY'
  /** An illegal lifecycle transition (409), e.g. CASE_NOT_OPENED: see lifecycle/lifecycle-codes.ts. */
  | LifecycleCode
  /** A unit's quota (quotas/quota.ts): events per day (429, `retryAfterSeconds`) or stored bytes (507). */
  | QuotaCode
  /** A referral ownership rule (coordination/referral-ownership.ts: 403, 404 or 409). */
  | 'SELF_REFERRAL'
  | 'REFERRAL_EXISTS'
  | 'NOT_ADDRESSED_TO_YOU'
  | 'UNKNOWN_REFERRAL'
  | 'AMBIGUOUS_REFERRAL'
  | 'SUBJECT_MISMATCH'
  | 'NOT_THE_HOLDER'
  /** An answer to a closure request or a transfer that is not known (coordination/answer-addressing.ts: 404). */
  | 'UNKNOWN_CLOSURE'
  | 'UNKNOWN_TRANSFER';


export class HubError extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  override get name(): string {
    return `HubError(${this.code})`;
  }

  toJSON(): { code: HubErrorCode; message: string } & Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details };
  }
}

export const validationFailed = (fields: FieldError[]): HubError =>
  new HubError('VALIDATION_FAILED', `invalid input: ${fields.map((f) => f.path || '(body)').join(', ')}`, { fields });

