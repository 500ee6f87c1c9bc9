import { decideCase } from './case.lifecycle.js';
import { allowed, refused, type LifecycleVerdict } from './lifecycle-codes.js';
import { decideLead } from './lead.lifecycle.js';
import { decideOperator } from './operator.lifecycle.js';
import { type LifecycleCommand, type LifecycleState } from './lifecycle-state.js';
import { recordDecider } from './record.lifecycle.js';

type Decide = (state: LifecycleState, command: LifecycleCommand) => LifecycleVerdict;

const DECIDERS = new Map<string, Decide>([
  ['case', decideCase],
  ['lead', decideLead],
  ['operator', decideOperator],
  // A draw commits once: a second commit on the same id would let the unit pick between two seeds.
  ['draw', (state, command) => (state.created && command.type === 'draw.committed' ? refused('DRAW_ALREADY_COMMITTED', `${command.subject ?? 'the draw'} is already committed; a new draw needs a new id`) : allowed)],
  ...(['takedown', 'inspection', 'seizure', 'rectification'] as const).map((type): [string, Decide] => [type, recordDecider(type) ?? (() => allowed)]),
]);

/** `case/C-1` → `case`. */
const aggregateTypeOf = (subject: string): string => subject.slice(0, Math.max(0, subject.indexOf('/')));

/**
 * The lifecycle rule of the command's aggregate type (from its subject). Types without rules here
 * (referrals, reports, joint aggregates) are always allowed by this step.
 */
export function decideLifecycle(state: LifecycleState, command: LifecycleCommand & { subject: string }): LifecycleVerdict {
  const decide = DECIDERS.get(aggregateTypeOf(command.subject));
  return decide ? decide(state, command) : allowed;
}
