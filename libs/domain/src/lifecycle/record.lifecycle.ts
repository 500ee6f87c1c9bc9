import { allowed, refused, type LifecycleCode, type LifecycleVerdict } from './lifecycle-codes.js';
import { verbOf, type LifecycleCommand, type LifecycleState } from './lifecycle-state.js';

interface RecordCodes {
  already: LifecycleCode;
  missing: LifecycleCode;
  voided: LifecycleCode;
  /** The event that records it, for messages. */
  recordedBy: string;
}

/**
 * Count-style records (takedowns, inspections, seizures, rectification orders): recorded once per
 * aggregate, then only corrected or voided — a second `recorded` would count the same work twice.
 */
function decideRecord(codes: RecordCodes, state: LifecycleState, command: LifecycleCommand): LifecycleVerdict {
  const subject = command.subject ?? 'the record';
  if (state.voided) return refused(codes.voided, `${subject} was voided; nothing may follow`);
  const verb = verbOf(command.type);
  // attachment.added: a photo or document joins the record once it exists.
  if (verb === 'corrected' || verb === 'voided' || verb === 'added') {
    return state.created ? allowed : refused(codes.missing, `${subject} has no ${codes.recordedBy} yet, so ${command.type} cannot be recorded`);
  }
  return state.created ? refused(codes.already, `${subject} is already recorded; send ${codes.recordedBy.split('.')[0] ?? ''}.corrected to change it`) : allowed;
}

const codesOf = (type: string, already: LifecycleCode, missing: LifecycleCode, voided: LifecycleCode, recordedBy: string): [string, RecordCodes] => [
  type,
  { already, missing, voided, recordedBy },
];

const RECORDS = new Map<string, RecordCodes>([
  codesOf('takedown', 'TAKEDOWN_ALREADY_RECORDED', 'TAKEDOWN_NOT_RECORDED', 'TAKEDOWN_VOIDED', 'takedown.recorded'),
  codesOf('inspection', 'INSPECTION_ALREADY_RECORDED', 'INSPECTION_NOT_RECORDED', 'INSPECTION_VOIDED', 'inspection.recorded'),
  codesOf('seizure', 'SEIZURE_ALREADY_RECORDED', 'SEIZURE_NOT_RECORDED', 'SEIZURE_VOIDED', 'seizure.recorded'),
  codesOf('rectification', 'RECTIFICATION_ALREADY_ORDERED', 'RECTIFICATION_NOT_ORDERED', 'RECTIFICATION_VOIDED', 'rectification.ordered'),
]);

/** The decide function of a count-style aggregate type, or undefined for other types. */
export function recordDecider(aggregateType: string): ((state: LifecycleState, command: LifecycleCommand) => LifecycleVerdict) | undefined {
  const codes = RECORDS.get(aggregateType);
  return codes ? (state, command) => decideRecord(codes, state, command) : undefined;
}
