import type { EventResult } from '@hub/domain';
import { leadReported, takedown } from '../../support/events.js';

/** One submission attempt: the per-event results, or a throw/undefined when nothing came back. */
export type Submit = (batch: Record<string, unknown>[]) => Promise<readonly EventResult[] | undefined>;

/**
 * Departmental systems submitting without pause while faults are injected. It keeps what a careful
 * client keeps: which ids were acknowledged (with their stream sequence), and which events have no
 * acknowledgement yet (failed, skipped, or the answer was lost) — those are retried with the same ids.
 */
export class IngestDriver {
  readonly acked = new Map<string, number>();
  readonly unacked = new Map<string, Record<string, unknown>>();
  failedAttempts = 0;
  private running = false;
  private loops: Promise<void> | undefined;
  private made = 0;
  private readonly watchers = new Set<{ count: number; resolve: () => void }>();

  constructor(
    private readonly submit: Submit,
    private readonly run: string,
    private readonly batchSize = 100,
  ) {}

  /** `clients` loops each submitting fresh batches (leads and takedowns, one aggregate per event). */
  start(clients: number): void {
    this.running = true;
    this.loops = Promise.all(
      Array.from({ length: clients }, async () => {
        while (this.running) await this.attempt(this.freshBatch());
      }),
    ).then(() => undefined);
  }

  /** Resolves once at least `count` events have been acknowledged in total. */
  acknowledged(count: number): Promise<void> {
    if (this.acked.size >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchers.add({ count, resolve }));
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loops;
  }

  /** Retries every unacknowledged event with its id until all are acknowledged (or `rounds` runs out). */
  async settle(rounds = 60, pauseMs = 250): Promise<void> {
    for (let round = 0; round < rounds && this.unacked.size > 0; round += 1) {
      const pending = [...this.unacked.values()];
      for (let i = 0; i < pending.length; i += this.batchSize) await this.attempt(pending.slice(i, i + this.batchSize));
      // Waiting for the system to recover (an election, a restart), not for a guess at timing.
      if (this.unacked.size > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    if (this.unacked.size > 0) throw new Error(`${this.unacked.size} events still unacknowledged after ${rounds} rounds of retries`);
  }

  private freshBatch(): Record<string, unknown>[] {
    return Array.from({ length: this.batchSize }, () => {
      const n = (this.made += 1);
      return n % 2 === 0 ? leadReported(`${this.run}-${n}`) : takedown(`${this.run}-${n}`);
    });
  }

  private async attempt(batch: Record<string, unknown>[]): Promise<void> {
    for (const event of batch) this.unacked.set(String(event.id), event);
    let results: readonly EventResult[] | undefined;
    try {
      results = await this.submit(batch);
    } catch {
      results = undefined;
    }
    if (!results) {
      this.failedAttempts += 1;
      return;
    }
    for (const result of results) {
      if ('error' in result) continue;
      this.acked.set(result.id, result.seq);
      this.unacked.delete(result.id);
    }
    if (results.some((result) => 'error' in result)) this.failedAttempts += 1;
    for (const watcher of this.watchers) {
      if (this.acked.size >= watcher.count) {
        this.watchers.delete(watcher);
        watcher.resolve();
      }
    }
  }
}
