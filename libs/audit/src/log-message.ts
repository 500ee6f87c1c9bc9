// One stored message as the audit reads it. Imports nothing: the audit's worker threads load it at start (see
// message-check.ts), and the reader's module pulls in the NATS client and the whole domain.

/** Header reconcile puts on an event it re-appended: the stream sequence the event had before it was lost. */
export const HEADER_RECONCILED_FROM = 'Hub-Reconciled-From';

/** One stored message as the audit reads it. */
export interface LogMessage {
  seq: number;
  streamSubject: string;
  /** When the stream stored it (server clock), epoch ms. */
  storedAt: number;
  data: Uint8Array;
  /** Set on events reconcile re-appended: their sequence in the archive. */
  reconciledFrom?: number;
}

const decoder = new TextDecoder();

/** The body as JSON, or undefined when it is not JSON (verification reports it; replay shows it as base64). */
export function parseBody(data: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(data)) as unknown;
  } catch {
    return undefined;
  }
}
