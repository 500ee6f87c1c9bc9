import type { JetStreamEventStore } from '@hub/event-store';
import type { QuotaLog } from '../quotas/quota-meter.js';
import type { DepartmentConfig } from '../department.config.js';
import { DepartmentSnapshots } from './department-snapshot.js';
import { DepartmentState } from './department-state.js';

/** A start that read at least this many events keeps its state at once (a few thousand read fast anyway). */
const WORTH_SAVING_AFTER_START = 10_000;

export interface SnapshotLog extends QuotaLog {
  log(message: string): void;
}

/** Quota warnings of the shadow fold are the live service's business, said already. */
const SILENT: QuotaLog = { warn: () => undefined };

/**
 * Keeps a department's folded state between runs so that a restart does not read the whole history.
 *
 * The live state cannot be written as it is: it has been moved on by this instance's own appends, while a
 * peer instance's appends reach it only partly (an OCC conflict re-reads one aggregate), so no single
 * stream position describes it. What is written is always a fold of the stream alone, which a later start
 * can continue from its position exactly: right after the start-up fold (before any request), and at
 * shutdown a shadow fold — the last snapshot (or nothing) caught up with the stream — within a time limit,
 * so a run costs the next start only what was stored after the shutdown. A crash skips the shutdown
 * snapshot; the next start then reads what was stored since the last one.
 */
export class StateSnapshotKeeper {
  private readonly snapshots: DepartmentSnapshots;

  constructor(
    private readonly store: JetStreamEventStore,
    private readonly config: DepartmentConfig,
    private readonly logger: SnapshotLog,
  ) {
    this.snapshots = new DepartmentSnapshots(config.snapshotDir ?? '', config.department);
  }

  /** Starts `state` from the snapshot when it is sound for this stream; says why not otherwise. */
  async restore(state: DepartmentState): Promise<void> {
    const started = Date.now();
    const loaded = await this.snapshots.load(this.store);
    if (!loaded.ok) {
      this.logger.log(`${this.config.department}: snapshot not used (${loaded.reason}); reading the whole history`);
      return;
    }
    state.importState(loaded.state);
    this.logger.log(`${this.config.department}: restored the snapshot at seq ${loaded.lastSeq} (${state.heads.size.ids} events) in ${Date.now() - started} ms`);
  }

  async saveAfterStart(state: DepartmentState, read: number): Promise<void> {
    if (read < WORTH_SAVING_AFTER_START) return;
    await this.save(state, 'after start');
  }

  /** The shadow fold at shutdown, given up (the last snapshot stays) when it takes longer than allowed. */
  async saveAtShutdown(): Promise<void> {
    const limitMs = this.config.snapshotShutdownMs ?? 8_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), limitMs);
    });
    try {
      const outcome = await Promise.race([this.shadowFoldAndSave(), timedOut]);
      if (outcome === 'timeout') this.logger.warn(`${this.config.department}: the shutdown snapshot took over ${limitMs} ms; the next start reads from the last one`);
    } catch (error) {
      this.logger.warn(`${this.config.department}: shutdown snapshot failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private async shadowFoldAndSave(): Promise<'saved'> {
    const shadow = new DepartmentState(this.store, this.config, SILENT);
    const loaded = await this.snapshots.load(this.store);
    if (loaded.ok) shadow.importState(loaded.state);
    await shadow.catchUp();
    await this.save(shadow, 'at shutdown');
    return 'saved';
  }

  private async save(state: DepartmentState, when: string): Promise<void> {
    const started = Date.now();
    const bytes = await this.snapshots.save(this.store, state.exportState());
    const { ids, lastSeq } = state.heads.size;
    this.logger.log(`${this.config.department}: snapshot ${when} at seq ${lastSeq} (${ids} events, ${(bytes / 1_048_576).toFixed(1)} MiB) in ${Date.now() - started} ms`);
  }
}
