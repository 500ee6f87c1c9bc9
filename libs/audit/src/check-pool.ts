import { Worker } from 'node:worker_threads';
import type { KeyRegistry } from '@hub/domain';
import { checkPackedBatch, checkSealJob, packBatch, type CheckedBatch, type SealJob, type SealJobResult } from './message-check.js';
import type { LogMessage } from './log-message.js';
import type { RangeChecked, ReaderConnection, SeqRange } from './range-read.js';

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The stateless checks of log batches ({@link checkPackedBatch}) on worker threads, so verifying a million
 * events uses every core while the main thread reads the stream and follows chains and seals in order.
 * With `workers: 0` it checks inline (tests, tiny logs). Workers load TypeScript through swc-node, as the
 * scripts do.
 */
/** This module runs from the JavaScript build (dist/server), not through the TypeScript loader. */
const RUNNING_BUILT = import.meta.url.endsWith('.js');

export class CheckPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly inFlight: number[] = [];
  private nextId = 0;
  private failure: Error | undefined;

  /** `reader`: how workers connect to NATS to read sequence ranges themselves ({@link checkRange}). */
  constructor(
    private readonly registry: KeyRegistry,
    workers: number,
    reader?: ReaderConnection,
  ) {
    for (let i = 0; i < workers; i += 1) {
      const worker = new Worker(new URL(`./check-worker${RUNNING_BUILT ? '.js' : '.ts'}`, import.meta.url), {
        workerData: { registry, ...(reader ? { reader } : {}) },
        // From the sources (tests, `node --import … scripts/hub.ts`) the worker needs swc's loader too.
        execArgv: RUNNING_BUILT ? [] : ['--import', '@swc-node/register/esm-register'],
      });
      worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error !== undefined) pending?.reject(new Error(`audit worker: ${message.error}`));
        else pending?.resolve(message.result);
      });
      worker.on('error', (error) => this.fail(error));
      this.workers.push(worker);
      this.inFlight.push(0);
    }
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  /** Checks a batch; resolves with its compact results and findings. */
  check(messages: readonly LogMessage[]): Promise<CheckedBatch> {
    const batch = packBatch(messages);
    if (this.workers.length === 0) return Promise.resolve(checkPackedBatch(batch, this.registry));
    return this.dispatch<CheckedBatch>({ batch }, [batch.bodies.buffer as ArrayBuffer]);
  }

  /**
   * Recomputes seals' roots and checks their signatures ({@link checkSealJob}), results in the order given; the
   * leaves move to the worker. One message for a batch's seals, not one each: a million-event pass has ~8,000.
   */
  checkSeals(jobs: readonly SealJob[]): Promise<SealJobResult[]> {
    if (this.workers.length === 0) return Promise.resolve(jobs.map((job) => checkSealJob(job, this.registry)));
    const transfer: ArrayBuffer[] = [];
    for (const job of jobs) if (job.leaves) transfer.push(job.leaves.buffer as ArrayBuffer);
    return this.dispatch<SealJobResult[]>({ seals: jobs }, transfer);
  }

  /** Has a worker read and check a range of stream sequences itself (the pool must have a reader connection). */
  checkRange(range: SeqRange): Promise<RangeChecked> {
    return this.dispatch<RangeChecked>({ range }, []);
  }

  get size(): number {
    return this.workers.length;
  }

  /** To the least busy worker. */
  private dispatch<T>(payload: object, transfer: ArrayBuffer[]): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    let index = 0;
    for (let i = 1; i < this.workers.length; i += 1) if ((this.inFlight[i] ?? 0) < (this.inFlight[index] ?? 0)) index = i;
    const worker = this.workers[index] as Worker;
    const id = (this.nextId += 1);
    this.inFlight[index] = (this.inFlight[index] ?? 0) + 1;
    const settled = new Promise<T>((resolve, reject) => {
      const done = (): void => void (this.inFlight[index] = (this.inFlight[index] ?? 1) - 1);
      this.pending.set(id, {
        resolve: (result) => {
          done();
          resolve(result as T);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      worker.postMessage({ id, ...payload }, transfer);
    });
    // Callers await batches in order; when a worker dies, the batches behind the first must not surface as
    // unhandled rejections (which would take the gateway down).
    settled.catch(() => undefined);
    return settled;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
