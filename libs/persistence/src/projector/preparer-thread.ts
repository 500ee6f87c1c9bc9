import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import type { RawMessage } from '@hub/read-models';
import type { BatchWrites } from '../projections/plan-batch.js';
import type { PreparedParts, Preparer } from './batch-preparer.js';

/** A batch's messages as three arrays and one buffer of bodies, which moves to the worker without a copy. */
export interface PackedMessages {
  seqs: Float64Array;
  subjects: string[];
  /** Body i is bodies[offsets[i] .. offsets[i + 1]). */
  offsets: Uint32Array;
  bodies: Uint8Array;
}

export type PreparerRequest =
  | { type: 'open'; lastSeq: number; empty: boolean }
  | { type: 'invalidate' }
  | { type: 'trim' }
  | { type: 'expect'; lastSeq: number }
  | { type: 'remember'; writes: BatchWrites }
  | { type: 'prepare'; id: number; messages: PackedMessages }
  | { type: 'close'; id: number };

export type PreparerReply = { id: number; result?: PreparedParts; error?: string };

export interface PreparerThreadOptions {
  cacheCapacity: number;
  /** How the worker connects to read the rows its cache misses. */
  readerConfig: pg.ClientConfig;
}

export function packMessages(messages: readonly RawMessage[]): PackedMessages {
  const seqs = new Float64Array(messages.length);
  const subjects = new Array<string>(messages.length);
  const offsets = new Uint32Array(messages.length + 1);
  let total = 0;
  messages.forEach((m, i) => {
    seqs[i] = m.seq;
    subjects[i] = m.subject;
    offsets[i] = total;
    total += m.data.byteLength;
  });
  offsets[messages.length] = total;
  const bodies = new Uint8Array(total);
  messages.forEach((m, i) => bodies.set(m.data, offsets[i]));
  return { seqs, subjects, offsets, bodies };
}

export function unpackMessages({ seqs, subjects, offsets, bodies }: PackedMessages): RawMessage[] {
  return subjects.map((subject, i) => ({ seq: seqs[i] as number, subject, data: bodies.subarray(offsets[i], offsets[i + 1]) }));
}

/** How long close() waits for the worker to end its reader connection before terminating it. */
const CLOSE_TIMEOUT_MS = 2_000;

/** This module runs from the JavaScript build (dist/server), not through the TypeScript loader. */
const RUNNING_BUILT = import.meta.url.endsWith('.js');

/**
 * A Preparer on a worker thread (prepare-worker.ts): decoding, folding and encoding — most of a catch-up's
 * JavaScript — run beside this thread, which meanwhile reads NATS and sends the previous batch to PostgreSQL.
 * Requests go in order, so the worker learns of every invalidate, trim and careful commit before the next
 * batch is prepared, as the in-thread preparer does. A worker that dies fails every pending and later prepare
 * (the projection loop then opens a new session, with a new writer and worker).
 */
export class PreparerThread implements Preparer {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (parts: PreparedParts) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: PreparerThreadOptions) {
    this.worker = new Worker(new URL(`./prepare-worker${RUNNING_BUILT ? '.js' : '.ts'}`, import.meta.url), {
      workerData: options,
      // From the sources (tests, benches) the worker needs swc's loader too.
      execArgv: RUNNING_BUILT ? [] : ['--import', '@swc-node/register/esm-register'],
    });
    // The sockets of the writer's session keep the process alive, not this thread.
    this.worker.unref();
    this.worker.on('message', (reply: PreparerReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) pending?.reject(new Error(`projector preparer thread: ${reply.error}`));
      else pending?.resolve(reply.result as PreparedParts);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`projector preparer thread exited (code ${code})`)));
  }

  open(lastSeq: number, empty: boolean): void {
    this.post({ type: 'open', lastSeq, empty });
  }

  invalidate(): void {
    this.post({ type: 'invalidate' });
  }

  trim(): void {
    this.post({ type: 'trim' });
  }

  expect(lastSeq: number): void {
    this.post({ type: 'expect', lastSeq });
  }

  remember(writes: BatchWrites): void {
    this.post({ type: 'remember', writes });
  }

  prepare(messages: readonly RawMessage[]): Promise<PreparedParts> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const packed = packMessages(messages);
    return new Promise<PreparedParts>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'prepare', id, messages: packed } satisfies PreparerRequest, [packed.bodies.buffer as ArrayBuffer]);
    });
  }

  /** Ends the worker's reader connection, then the worker. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.failure) {
        const id = this.nextId++;
        // A reader that does not answer its goodbye in time is cut off with the thread.
        await new Promise<unknown>((resolve) => {
          const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
          const done = (): void => {
            clearTimeout(timer);
            resolve(undefined);
          };
          this.pending.set(id, { resolve: done, reject: done });
          this.worker.postMessage({ type: 'close', id } satisfies PreparerRequest);
        });
      }
      this.failure ??= new Error('projector preparer thread closed');
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private post(request: PreparerRequest): void {
    if (!this.failure) this.worker.postMessage(request);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
