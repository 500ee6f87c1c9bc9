import type { JetStreamClient } from '@nats-io/jetstream';
import { replayIncludes, type ReplayPlan } from '@hub/domain';
import { parseBody } from './log-message.js';
import { readLog, typeOf } from './log-reader.js';

/** One replayed event, one JSON line. */
export interface ReplayLine {
  seq: number;
  streamSubject: string;
  storedAt: string;
  reconciledFrom?: number;
  /** The stored event; base64 of the body when it is not JSON (reported as it is, never skipped). */
  event: unknown;
}

export interface ReplayOptions {
  stream: string;
  plan: ReplayPlan;
  onProgress?: (seq: number, lastSeq: number) => void;
  signal?: AbortSignal;
}

/** Streams the events of a replay plan in stream order to `write`, as JSON Lines, a batch per call; answers how many. */
export async function replayLog(js: JetStreamClient, options: ReplayOptions, write: (chunk: string) => Promise<void>): Promise<number> {
  let sent = 0;
  for await (const batch of readLog(js, options)) {
    let chunk = '';
    for (const message of batch) {
      const event = parseBody(message.data);
      if (!replayIncludes(options.plan, message.seq, message.storedAt, typeOf(event))) continue;
      const line: ReplayLine = {
        seq: message.seq,
        streamSubject: message.streamSubject,
        storedAt: new Date(message.storedAt).toISOString(),
        ...(message.reconciledFrom === undefined ? {} : { reconciledFrom: message.reconciledFrom }),
        event: event ?? Buffer.from(message.data).toString('base64'),
      };
      chunk += `${JSON.stringify(line)}\n`;
      sent += 1;
    }
    if (chunk !== '') await write(chunk);
  }
  return sent;
}
