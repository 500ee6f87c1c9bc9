import { allowed, refused, type LifecycleVerdict } from './lifecycle-codes.js';
import { verbOf, type LifecycleCommand, type LifecycleState } from './lifecycle-state.js';

/**
 * An operator register entry: registered once, then only updated — a second `operator.registered` would
 * count the operator twice in the register's totals, and an update of nothing registered has no entry to change.
 */
export function decideOperator(state: LifecycleState, command: LifecycleCommand): LifecycleVerdict {
  const subject = command.subject ?? 'the operator';
  if (verbOf(command.type) === 'registered') {
    return state.created ? refused('OPERATOR_ALREADY_REGISTERED', `${subject} is already registered; send operator.updated to change it`) : allowed;
  }
  return state.created ? allowed : refused('OPERATOR_NOT_REGISTERED', `${subject} has no operator.registered yet, so ${command.type} cannot be recorded`);
}
