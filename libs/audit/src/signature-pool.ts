import { Worker } from 'node:worker_threads';
import { checkSignature, type Finding, type KeyRegistry, type SignatureJob } from '@hub/domain';

interface Pending {
  resolve: (findings: Finding[]) => void;
  reject: (error: Error) => void;
}

/**
 * Signature checks on worker threads, batch by batch, so verifying a million events uses every core.
 * With `workers: 0` it checks inline (tests, tiny logs). Workers load TypeScript through swc-node, as
 * the scripts do.
 */
export class SignaturePool {
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
      const worker = new Worker(new URL('./signature-worker.ts', import.meta.url), {
        workerData: { registry },
        execArgv: ['--import', '@swc-node/register/esm-register'],
      });
      worker.on('message', (message: { id: number; findings: Finding[] }) => {
        this.pending.get(message.id)?.resolve(message.findings);
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

  /** Number of batches still being checked. */
  get busy(): number {
    return this.pending.size;
  }

  /** Checks a batch; resolves with its findings (possibly none). */
  check(jobs: SignatureJob[]): Promise<Finding[]> {
    if (this.workers.length === 0) {
      return Promise.resolve(jobs.map((job) => checkSignature(job, this.registry)).filter((f): f is Finding => f !== undefined));
    }
    if (this.failure) return Promise.reject(this.failure);
    let index = 0;
    for (let i = 1; i < this.workers.length; i += 1) if ((this.inFlight[i] ?? 0) < (this.inFlight[index] ?? 0)) index = i;
    const worker = this.workers[index] as Worker;
    const id = (this.nextId += 1);
    this.inFlight[index] = (this.inFlight[index] ?? 0) + 1;
    const checked = new Promise<Finding[]>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (findings) => {
          this.inFlight[index] = (this.inFlight[index] ?? 1) - 1;
          resolve(findings);
        },
        reject,
      });
      worker.postMessage({ id, jobs });
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
