import type { UnsealedEvent } from '../integrity/envelope.js';

/** What the hub knows of an aggregate before appending: its last version and that event's hash. */
export interface AggregateHead {
  version: number;
  hash: string;
}

export interface AppendCommand {
  id: string;
  type: string;
  subject: string;
  time: string;
  expectedVersion?: number;
  data: Record<string, unknown>;
}

export type AppendDecision =
  | { kind: 'append'; event: UnsealedEvent }
  | { kind: 'conflict'; expectedVersion: number; currentVersion: number };

/**
 * Places a submitted event at the end of its aggregate: the next version and the previous hash,
 * or a conflict when the publisher expected another version. (Duplicates are settled before this,
 * by event id.)
 */
export function decideAppend(
  head: AggregateHead | undefined,
  command: AppendCommand,
  context: { source: string; recordedAt: string; actor?: string },
): AppendDecision {
  const currentVersion = head?.version ?? 0;
  if (command.expectedVersion !== undefined && command.expectedVersion !== currentVersion) {
    return { kind: 'conflict', expectedVersion: command.expectedVersion, currentVersion };
  }
  return {
    kind: 'append',
    event: {
      id: command.id,
      type: command.type,
      source: context.source,
      subject: command.subject,
      time: command.time,
      recordedAt: context.recordedAt,
      version: currentVersion + 1,
      data: command.data,
      prevHash: head?.hash ?? null,
      ...(context.actor === undefined ? {} : { actor: context.actor }),
    },
  };
}
