import type { AppendCommand, HubErrorCode, HubEvent } from '@hub/domain';

/** A rule's answer to one command: allowed, or refused with a code (the event's result) and why. */
export type RuleVerdict = { ok: true } | { ok: false; code: HubErrorCode; message: string };

/**
 * Business rules the append pipeline consults right before it places an event (after the duplicate
 * check, before versioning and signing), against state it keeps per aggregate. The department service
 * passes its lifecycle rules here; the joint office's publisher passes none.
 */
export interface AppendRules {
  decide(streamSubject: string, command: AppendCommand): RuleVerdict;
  /** An event this pipeline stored: the aggregate's state moves on. `storedBytes`: its body's size, where the caller knows it. */
  record(streamSubject: string, event: HubEvent, storedBytes?: number): void;
  /** A peer instance wrote the aggregate: re-read its state before deciding again. */
  refresh(streamSubject: string): Promise<void>;
}

/**
 * Several rule sets as one (the pipeline takes one): each decides in turn and the first refusal wins;
 * every set records and refreshes. Lets the department compose its lifecycle, quota and other steps
 * without any of them knowing the others.
 */
export function composeRules(...rules: readonly AppendRules[]): AppendRules {
  return {
    decide(streamSubject, command) {
      for (const rule of rules) {
        const verdict = rule.decide(streamSubject, command);
        if (!verdict.ok) return verdict;
      }
      return { ok: true };
    },
    record(streamSubject, event, storedBytes) {
      for (const rule of rules) rule.record(streamSubject, event, storedBytes);
    },
    async refresh(streamSubject) {
      for (const rule of rules) await rule.refresh(streamSubject);
    },
  };
}
