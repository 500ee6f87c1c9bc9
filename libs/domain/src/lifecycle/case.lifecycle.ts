import { allowed, refused, type LifecycleVerdict } from './lifecycle-codes.js';
import { verbOf, type LifecycleCommand, type LifecycleState } from './lifecycle-state.js';

/**
 * A case is opened once (or is a record of assistance to another department's case), decided only once
 * opened, marked typical only once decided (the plan's typical cases carry a penalty decision), closed
 * last. After that only a correction or a void; nothing follows a void.
 */
export function decideCase(state: LifecycleState, command: LifecycleCommand): LifecycleVerdict {
  const verb = verbOf(command.type);
  if (state.voided) return refused('CASE_VOIDED', `${command.subject ?? 'the case'} was voided; nothing may follow`);
  switch (verb) {
    case 'opened':
    case 'assisted':
      if (state.created) return refused('CASE_ALREADY_OPENED', `${command.subject ?? 'the case'} is already opened`);
      if (state.assisted) return refused('CASE_ALREADY_ASSISTED', `${command.subject ?? 'the case'} already records assistance`);
      return allowed;
    // attachment.added: a document (the decision, photos) may join the case file at any time after opening, closed or not.
    // The police answer a transfer once, on the transferring unit's qualified chain (no case of their own there).
    case 'transfer_answered':
      return state.answered ? refused('CASE_TRANSFER_ALREADY_ANSWERED', `${command.subject ?? 'the transfer'} is already answered`) : allowed;
    case 'corrected':
    case 'voided':
    case 'added':
      return state.created || state.assisted ? allowed : notOpened(command);
    default:
      break;
  }
  if (!state.created) return notOpened(command);
  if (state.closed) return refused('CASE_ALREADY_CLOSED', `${command.subject ?? 'the case'} is closed; only a correction or a void may follow`);
  switch (verb) {
    case 'decided':
      return state.decided ? refused('CASE_ALREADY_DECIDED', `${command.subject ?? 'the case'} is already decided (correct the decision instead)`) : allowed;
    case 'transferred':
      return state.transferred ? refused('CASE_ALREADY_TRANSFERRED', `${command.subject ?? 'the case'} is already transferred`) : allowed;
    case 'marked_typical':
      if (!state.decided) return refused('CASE_NOT_DECIDED', `${command.subject ?? 'the case'} has no penalty decision (case.decided) yet`);
      return state.typical ? refused('CASE_ALREADY_TYPICAL', `${command.subject ?? 'the case'} is already a typical case`) : allowed;
    default:
      // case.closed, and any later case event: allowed while open.
      return allowed;
  }
}

const notOpened = (command: LifecycleCommand): LifecycleVerdict =>
  refused('CASE_NOT_OPENED', `${command.subject ?? 'the case'} is not opened (case.opened) yet, so ${command.type} cannot be recorded`);
