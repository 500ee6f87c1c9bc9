import { Worker } from 'node:worker_threads';
import type { KeyRegistry } from '@hub/domain';
import { checkPackedBatch, packBatch, type CheckedBatch } from './message-check.js';
import type { LogMessage } from './log-reader.js';

interface Pending {
  resolve: (checked: CheckedBatch) => void;
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

  constructor(
    private readonly registry: KeyRegistry,
    workers: number,
  ) {
    for (let i = 0; i < workers; i += 1) {
      const worker = new Worker(new URL(`./check-worker${RUNNING_BUILT ? '.js' : '.ts'}`, import.meta.url), {
        workerData: { registry },
        // From the sources (tests, `node --import … scripts/hub.ts`) the worker needs swc's loader too.
        execArgv: RUNNING_BUILT ? [] : ['--import', '@swc-node/register/esm-register'],
      });
      worker.on('message', (message: { id: number; checked: CheckedBatch }) => {
        this.pending.get(message.id)?.resolve(message.checked);
        this.pending.delete(message.id);
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
    if (this.failure) return Promise.reject(this.failure);
    let index = 0;
    for (let i = 1; i < this.workers.length; i += 1) if ((this.inFlight[i] ?? 0) < (this.inFlight[index] ?? 0)) index = i;
    const worker = this.workers[index] as Worker;
    const id = (this.nextId += 1);
    this.inFlight[index] = (this.inFlight[index] ?? 0) + 1;
    const checked = new Promise<CheckedBatch>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (result) => {
          this.inFlight[index] = (this.inFlight[index] ?? 1) - 1;
          resolve(result);
        },
        reject,
      });
      worker.postMessage({ id, batch }, [batch.bodies.buffer as ArrayBuffer]);
    });
    // Callers await batches in order; when a worker dies, the batches behind the first must not surface as
    // unhandled rejections (which would take the gateway down).
    checked.catch(() => undefined);
    return checked;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
