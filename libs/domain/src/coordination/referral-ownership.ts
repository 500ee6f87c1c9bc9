// Who owns a referral, as the department service (the trust boundary) checks it before signing: a
// referral is its sender's (sender + id), the sender may not address itself or reuse an id, and only the
// addressed unit answers — after the referral is known. Pure: the caller folds the stream and passes the
// state of the referral the event names.
import type { HubErrorCode } from '../errors.js';
import { referralSubjectId } from '../events/subject.js';
import type { ReferralLifecycleState } from './referral.js';

/** Codes of the ownership rules, with the HTTP status the edge answers them with. */
export const REFERRAL_RULE_STATUS = {
  SELF_REFERRAL: 409,
  REFERRAL_EXISTS: 409,
  NOT_ADDRESSED_TO_YOU: 403,
  UNKNOWN_REFERRAL: 404,
  /** A bare referralId at the HTTP edge names more than one referral addressed to the caller. */
  AMBIGUOUS_REFERRAL: 409,
  /** referral.requested on a subject that is not the requester's own chain for its referralId. */
  SUBJECT_MISMATCH: 400,
  /** referral.requested about a record that is not the addressed unit's. */
  NOT_THE_HOLDER: 400,
} as const satisfies Record<string, number>;
export type ReferralRuleCode = keyof typeof REFERRAL_RULE_STATUS;

export const isReferralRuleCode = (code: string): code is ReferralRuleCode => Object.hasOwn(REFERRAL_RULE_STATUS, code);

export type ReferralRuleVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: ReferralRuleCode & HubErrorCode; readonly message: string; readonly field: string };

/** What the rules read of a submitted event. */
export interface ReferralRuleEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The submitted subject (checked for referral.requested, which lives on the requester's own chain). */
  readonly subject?: string;
}

const OK: ReferralRuleVerdict = Object.freeze({ ok: true });

const refused = (code: ReferralRuleCode, message: string, field: string): ReferralRuleVerdict => ({ ok: false, code, message, field });

/**
 * Decides one event of `unit` against the referral it names (`state`: the fold of that sender's referral,
 * undefined when none is known). Events other than lead.referred / referral.answered / referral.feedback
 * are allowed; a redelivery of the event that bore the referral is left to the store's dedupe.
 */
export function decideReferralOwnership(state: ReferralLifecycleState, unit: string, event: ReferralRuleEvent): ReferralRuleVerdict {
  const referralId = String(event.data['referralId']);
  switch (event.type) {
    case 'lead.referred': {
      const to = `${String(event.data['toDepartment'])}/${String(event.data['toRegion'])}`;
      if (to === unit) return refused('SELF_REFERRAL', `${unit} cannot refer a lead to itself`, 'data.toDepartment');
      if (state !== undefined && state.bornBy !== event.id) {
        return refused('REFERRAL_EXISTS', `${unit} already sent referral ${referralId} (event ${state.bornBy}); choose a new referralId`, 'data.referralId');
      }
      return OK;
    }
    case 'referral.requested': {
      const to = `${String(event.data['toDepartment'])}/${String(event.data['toRegion'])}`;
      if (to === unit) return refused('SELF_REFERRAL', `${unit} cannot ask itself for assistance`, 'data.toDepartment');
      const expected = `referral/${referralSubjectId(unit, referralId)}`;
      if (event.subject !== undefined && event.subject !== expected) {
        return refused('SUBJECT_MISMATCH', `an assistance request of ${unit} with referralId ${referralId} lives on ${expected}, not ${event.subject}`, 'subject');
      }
      const record = String(event.data['record']);
      if (!record.startsWith(`${to}/`)) return refused('NOT_THE_HOLDER', `record ${record} is not held by ${to}: ask the unit that holds it`, 'data.record');
      if (state !== undefined && state.bornBy !== event.id) {
        return refused('REFERRAL_EXISTS', `${unit} already sent referral ${referralId} (event ${state.bornBy}); choose a new referralId`, 'data.referralId');
      }
      return OK;
    }
    case 'referral.answered':
    case 'referral.feedback': {
      const from = `${String(event.data['fromDepartment'])}/${String(event.data['fromRegion'])}`;
      if (state === undefined) {
        return refused('UNKNOWN_REFERRAL', `no referral ${referralId} from ${from} is known (its lead.referred must be recorded first)`, 'data.referralId');
      }
      if (state.to !== unit) {
        const who = unit === state.from ? 'the sending unit cannot answer its own referral' : `not to ${unit}`;
        return refused('NOT_ADDRESSED_TO_YOU', `referral ${referralId} from ${from} is addressed to ${state.to}, ${who}`, 'data.referralId');
      }
      return OK;
    }
    default:
      return OK;
  }
}
