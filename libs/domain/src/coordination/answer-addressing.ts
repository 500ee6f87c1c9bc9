// Who may answer a request addressed to one unit, besides referrals (referral-ownership.ts): a 7×24
// closure request (closure.requested → closure.answered, closure.ts) and a case transferred to the police
// (case.transferred → case.transfer_answered, case-clocks.ts). The folds downstream ignore an answer from
// another unit or to no request; the department service (the trust boundary) refuses it instead, so a
// clerk who answers the wrong thing is told. Pure: the caller folds the stream and passes the request.
import type { HubErrorCode } from '../errors.js';
import type { HubEvent } from '../integrity/envelope.js';
import { closureRefOf } from './closure.js';

/** Codes of the answer rules, with the HTTP status the edge answers them with (NOT_ADDRESSED_TO_YOU as for referrals). */
export const ANSWER_RULE_STATUS = {
  NOT_ADDRESSED_TO_YOU: 403,
  /** closure.answered naming a closure request no unit made. */
  UNKNOWN_CLOSURE: 404,
  /** case.transfer_answered naming a case its unit did not transfer. */
  UNKNOWN_TRANSFER: 404,
} as const satisfies Record<string, number>;
export type AnswerRuleCode = keyof typeof ANSWER_RULE_STATUS;

export const isAnswerRuleCode = (code: string): code is AnswerRuleCode => Object.hasOwn(ANSWER_RULE_STATUS, code);

/** What the rule reads of a request: never changes once the request is born. */
export interface AddressedRequest {
  /** Requesting (transferring) unit `<dept>/<region>`. */
  readonly from: string;
  /** The only unit that may answer, `<dept>/<region>`. */
  readonly to: string;
  /** The event that made the request. */
  readonly bornBy: string;
}

export type AnswerRuleVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: AnswerRuleCode & HubErrorCode; readonly message: string; readonly field: string };

/** The events that make a request, and the answers the rule decides. */
export const ADDRESSED_REQUEST_TYPES: ReadonlySet<string> = new Set(['closure.requested', 'case.transferred']);
export const ADDRESSED_ANSWER_TYPES: ReadonlySet<string> = new Set(['closure.answered', 'case.transfer_answered']);

const text = (data: Readonly<Record<string, unknown>>, field: string): string | undefined => (typeof data[field] === 'string' ? data[field] : undefined);

/**
 * The request an event makes or answers: `<from>/closure/<id>` (closureRefOf) or `<from>/case/<id>` (the
 * transferring unit's case); undefined for other events and for answers missing a naming field.
 */
/** The events addressedRequestKeyOf names a request for (undefined for every other type). */
export const ADDRESSED_REQUEST_KEY_TYPES: ReadonlySet<string> = new Set(['closure.requested', 'closure.answered', 'case.transferred', 'case.transfer_answered']);

export function addressedRequestKeyOf(event: Pick<HubEvent, 'type' | 'source' | 'subject' | 'data'>): string | undefined {
  switch (event.type) {
    case 'closure.requested':
    case 'closure.answered':
      return closureRefOf(event);
    case 'case.transferred':
      return `${event.source}/${event.subject}`;
    case 'case.transfer_answered': {
      const [id, department, region] = [text(event.data, 'caseId'), text(event.data, 'fromDepartment'), text(event.data, 'fromRegion')];
      return id === undefined || department === undefined || region === undefined ? undefined : `${department}/${region}/case/${id}`;
    }
    default:
      return undefined;
  }
}

/**
 * Folds one event into the request it names: born by closure.requested (addressed to toDepartment/toRegion)
 * or case.transferred (to `police/<toRegion>`, the transferring unit's region when none is named, as the
 * transfers read model and the police_decision clock read it). The first birth wins; answers change nothing.
 */
export function evolveAddressedRequest(state: AddressedRequest | undefined, event: Pick<HubEvent, 'id' | 'type' | 'source' | 'data'>): AddressedRequest | undefined {
  if (state !== undefined || !ADDRESSED_REQUEST_TYPES.has(event.type)) return state;
  const region = event.source.slice(event.source.indexOf('/') + 1);
  const to = event.type === 'closure.requested' ? `${text(event.data, 'toDepartment') ?? ''}/${text(event.data, 'toRegion') ?? ''}` : `police/${text(event.data, 'toRegion') ?? region}`;
  return { from: event.source, to, bornBy: event.id };
}

const refused = (code: AnswerRuleCode, message: string, field: string): AnswerRuleVerdict => ({ ok: false, code, message, field });
const OK: AnswerRuleVerdict = Object.freeze({ ok: true });

/**
 * Decides one event of `unit` against the request it answers (`state`: undefined when none is known after
 * reading the stream). Only closure.answered and case.transfer_answered are decided; whether the addressee
 * already answered is the lifecycle's rule on its own chain (CASE_TRANSFER_ALREADY_ANSWERED).
 */
export function decideAnswerAddressing(state: AddressedRequest | undefined, unit: string, event: { readonly type: string; readonly data: Readonly<Record<string, unknown>> }): AnswerRuleVerdict {
  if (!ADDRESSED_ANSWER_TYPES.has(event.type)) return OK;
  const closure = event.type === 'closure.answered';
  const id = String(event.data[closure ? 'closureId' : 'caseId']);
  const field = closure ? 'data.closureId' : 'data.caseId';
  const from = `${String(event.data['fromDepartment'])}/${String(event.data['fromRegion'])}`;
  const what = closure ? `closure request ${id} of ${from}` : `case ${id} of ${from}`;
  if (state === undefined) {
    return closure
      ? refused('UNKNOWN_CLOSURE', `no ${what} is known (its closure.requested must be recorded first)`, field)
      : refused('UNKNOWN_TRANSFER', `no transfer of ${what} to the police is known (its case.transferred must be recorded first)`, field);
  }
  if (state.to !== unit) {
    const who = unit === state.from ? `the ${closure ? 'requesting' : 'transferring'} unit cannot answer it` : `not to ${unit}`;
    return refused('NOT_ADDRESSED_TO_YOU', `${closure ? what : `the transfer of ${what}`} is addressed to ${state.to}, ${who}`, field);
  }
  return OK;
}
