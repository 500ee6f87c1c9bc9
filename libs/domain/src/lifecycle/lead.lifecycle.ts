import { allowed, refused, type LifecycleVerdict } from './lifecycle-codes.js';
import { verbOf, type LifecycleCommand, type LifecycleState } from './lifecycle-state.js';

/** A lead is reported once and closed once; everything else needs it reported; nothing follows a void. */
export function decideLead(state: LifecycleState, command: LifecycleCommand): LifecycleVerdict {
  const subject = command.subject ?? 'the lead';
  if (state.voided) return refused('LEAD_VOIDED', `${subject} was voided; nothing may follow`);
  const verb = verbOf(command.type);
  if (verb === 'reported') return state.created ? refused('LEAD_ALREADY_REPORTED', `${subject} is already reported`) : allowed;
  if (!state.created) return refused('LEAD_NOT_REPORTED', `${subject} is not reported (lead.reported) yet, so ${command.type} cannot be recorded`);
  if (verb === 'closed' && state.closed) return refused('LEAD_ALREADY_CLOSED', `${subject} is already closed`);
  return allowed;
}
