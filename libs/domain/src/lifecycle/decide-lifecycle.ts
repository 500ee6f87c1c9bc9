import { decideCase } from './case.lifecycle.js';
import { allowed, type LifecycleVerdict } from './lifecycle-codes.js';
import { decideLead } from './lead.lifecycle.js';
import { type LifecycleCommand, type LifecycleState } from './lifecycle-state.js';
import { recordDecider } from './record.lifecycle.js';

type Decide = (state: LifecycleState, command: LifecycleCommand) => LifecycleVerdict;

const DECIDERS = new Map<string, Decide>([
  ['case', decideCase],
  ['lead', decideLead],
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
