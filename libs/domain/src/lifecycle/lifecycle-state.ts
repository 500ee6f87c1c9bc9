/**
 * What the lifecycle rules need to know of one aggregate: which steps it has taken. Folded from the
 * aggregate's own events (type and, for a penalty decision, nothing more), so the department service can
 * keep one small record per aggregate next to its heads and rebuild it from the stream at start.
 */
export interface LifecycleState {
  /** lead.reported, case.opened, takedown/inspection/seizure.recorded, rectification.ordered, operator.registered, draw.committed. */
  readonly created?: boolean;
  /** case.assisted: a record of help given to another department's case (not a case of this unit). */
  readonly assisted?: boolean;
  /** case.decided: the penalty decision (处罚决定). */
  readonly decided?: boolean;
  readonly transferred?: boolean;
  /** case.transfer_answered: the police's answer to another unit's transfer, on that unit's qualified chain. */
  readonly answered?: boolean;
  readonly typical?: boolean;
  /** case.closed / lead.closed. */
  readonly closed?: boolean;
  /** <type>.voided: withdrawn; nothing may follow. */
  readonly voided?: boolean;
}

/** The aggregate before its first event. */
export const NO_LIFECYCLE: LifecycleState = Object.freeze({});

/** What a lifecycle decision looks at of a submitted or stored event. */
export interface LifecycleCommand {
  readonly type: string;
  readonly subject?: string;
}

/** The state after `event`, whatever the rules (a stored event is a fact, even one stored before the rules). */
export function evolveLifecycle(state: LifecycleState, event: LifecycleCommand): LifecycleState {
  switch (verbOf(event.type)) {
    case 'reported':
    case 'opened':
    case 'recorded':
    case 'ordered':
    case 'registered':
    case 'committed':
      return { ...state, created: true };
    case 'assisted':
      return { ...state, assisted: true };
    case 'decided':
      return { ...state, decided: true };
    case 'transferred':
      return { ...state, transferred: true };
    case 'transfer_answered':
      return { ...state, answered: true };
    case 'marked_typical':
      return { ...state, typical: true };
    case 'closed':
      return { ...state, closed: true };
    case 'voided':
      return { ...state, voided: true };
    default:
      return state;
  }
}

/** `case.opened` → `opened`. */
export function verbOf(type: string): string {
  const dot = type.indexOf('.');
  return dot < 0 ? type : type.slice(dot + 1);
}
