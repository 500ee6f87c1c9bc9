import type { EventResult } from '@hub/domain';
import { leadReported, takedown } from '../../support/events.js';

/** One submission attempt by client number `client`: the per-event results, or a throw/undefined when nothing came back. */
export type Submit = (batch: Record<string, unknown>[], client: number) => Promise<readonly EventResult[] | undefined>;

/** The `n`th event a driver makes (default: leads and takedowns, one aggregate per event). */
export type MakeEvent = (run: string, n: number) => Record<string, unknown>;

const leadsAndTakedowns: MakeEvent = (run, n) => (n % 2 === 0 ? leadReported(`${run}-${n}`) : takedown(`${run}-${n}`));

/** How often a client sends a failed batch again before it moves on (what is left is retried by `settle`). */
const RETRIES_PER_BATCH = 100;

/** Waits until `at` (epoch ms) when that is still ahead: a paced client's next send. */
const pace = (at: number): Promise<void> => (Number.isFinite(at) && at > Date.now() ? new Promise((resolve) => setTimeout(resolve, at - Date.now())) : Promise.resolve());

/** A client's back-off before sending a failed batch again: 50 ms, doubling, at most 1 s. */
const backOff = (retry: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** retry, 1_000)));

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
    private readonly make: MakeEvent = leadsAndTakedowns,
    /** Fresh events per second each client sends at most (a departmental system's steady pace); default unpaced. */
    private readonly ratePerClient = Infinity,
  ) {}

  /**
   * `clients` loops each submitting fresh batches. A batch not wholly acknowledged is sent again, same ids, after a
   * short back-off (what a careful client does after a failure), up to {@link RETRIES_PER_BATCH} times.
   */
  start(clients: number): void {
    this.running = true;
    this.loops = Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const startedAt = Date.now();
        let sent = 0;
        let batch = this.freshBatch();
        let retries = 0;
        while (this.running) {
          const left = await this.attempt(batch, client);
          const retry = left.length > 0 && retries < RETRIES_PER_BATCH;
          retries = retry ? retries + 1 : 0;
          if (retry && this.running) await backOff(retries);
          if (retry) {
            batch = left;
            continue;
          }
          sent += batch.length;
          await pace(startedAt + (sent / this.ratePerClient) * 1_000);
          batch = this.freshBatch();
        }
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
      for (let i = 0; i < pending.length; i += this.batchSize) await this.attempt(pending.slice(i, i + this.batchSize), 0);
      // Waiting for the system to recover (an election, a restart), not for a guess at timing.
      if (this.unacked.size > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    if (this.unacked.size > 0) throw new Error(`${this.unacked.size} events still unacknowledged after ${rounds} rounds of retries`);
  }

  private freshBatch(): Record<string, unknown>[] {
    return Array.from({ length: this.batchSize }, () => this.make(this.run, (this.made += 1)));
  }

  /** Submits `batch`; returns its events still unacknowledged afterwards. */
  private async attempt(batch: Record<string, unknown>[], client: number): Promise<Record<string, unknown>[]> {
    for (const event of batch) this.unacked.set(String(event.id), event);
    let results: readonly EventResult[] | undefined;
    try {
      results = await this.submit(batch, client);
    } catch {
      results = undefined;
    }
    if (!results) {
      this.failedAttempts += 1;
      return batch;
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
    return batch.filter((event) => this.unacked.has(String(event.id)));
  }
}
