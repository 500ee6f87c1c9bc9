import { departmentReadSubjects } from '@hub/domain';
import type { JetStreamEventStore, SealChain, SweepMark } from '@hub/event-store';
import type { QuotaLog } from '../quotas/quota-meter.js';
import type { DepartmentConfig } from '../department.config.js';
import { DepartmentSnapshots } from './department-snapshot.js';
import { DepartmentState } from './department-state.js';

/** A start that read at least this many messages keeps its state at once (a few thousand read fast anyway). */
const WORTH_SAVING_AFTER_START = 10_000;
/** While running, the snapshot follows the stream once the state's subjects reach this many seqs past the last one… */
const WORTH_SAVING_WHILE_RUNNING = 20_000;
/**
 * …but while the hub is busy, only this far behind. A fold reads every lead and referral stored since the last one
 * (the referral rules), and thirteen departments folding within the same minute of a load read each stored event
 * thirteen times over: on the launched hub, (f) at 2,000 events/s had a lag p99 of 2.2 s with the folds and 0.49 s
 * without them, and 1,000 events/s after it was not kept with them (lag p99 4.4 s) and kept without (0.32 s). At
 * rest, or under a trickle, the fold costs nobody anything and the step above holds.
 */
const WORTH_SAVING_WHILE_BUSY = 200_000;
/** Fewer seqs than this since the previous look (a minute by default: ~30 events/s) is a hub at rest, or a trickle. */
const QUIET_SEQS_PER_LOOK = 2_000;
/**
 * …and at least this share of the events the last snapshot held: each fold loads and rewrites the whole snapshot
 * (samr's 94 MiB at 1M events: 5.5 s + 3 s), so at a fixed step its cost per event grew with the hub — every minute
 * while a 1M-event fill was caught up. Half the size keeps it constant, and a start after a crash reads at most that.
 */
const SIZE_SHARE_WHILE_RUNNING = 0.5;

/** The seal chain's mark of how far the department's events are settled (see SealChain.settle). */
export type SweepMarks = Pick<SealChain, 'settled' | 'settle'>;

const NO_MARKS: SweepMarks = { settled: undefined, settle: () => Promise.resolve(undefined) };

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
 *
 * While the service runs, the same shadow fold follows the stream now and then (HUB_SNAPSHOT_INTERVAL_MS), so
 * the fold at shutdown only has the tail to read: a run that stored 66k events of samr's (through peers, or
 * straight into the stream) made the shutdown fold exceed its limit, and the next start read the whole history.
 */
export class StateSnapshotKeeper {
  private readonly snapshots: DepartmentSnapshots;
  /** The stream position of the last snapshot written (or restored): the last seq it folded under any of its subjects. */
  private savedSeq = 0;
  /** The sweep mark written with it. */
  private savedMark: number | undefined;
  /** How many events of its own the last snapshot held (its size). */
  private savedIds = 0;
  /** The stream's last seq at the previous look (keepUp). */
  private lastLooked: number | undefined;
  /** The shadow fold in flight: one at a time, since each continues from the file the previous one wrote. */
  private folding: Promise<'saved'> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: JetStreamEventStore,
    private readonly config: DepartmentConfig,
    private readonly logger: SnapshotLog,
    /** How far the seal chain found the department settled: written beside the state, read back at the next start. */
    private readonly marks: SweepMarks = NO_MARKS,
  ) {
    this.snapshots = new DepartmentSnapshots(config.snapshotDir ?? '', config.department);
  }

  /** Starts `state` from the snapshot when it is sound for this stream (says why not otherwise); returns the sweep mark kept with it. */
  async restore(state: DepartmentState): Promise<SweepMark | undefined> {
    const started = Date.now();
    const loaded = await this.snapshots.load(this.store);
    if (!loaded.ok) {
      this.logger.log(`${this.config.department}: snapshot not used (${loaded.reason}); reading the whole history`);
      return undefined;
    }
    state.importState(loaded.state);
    this.savedSeq = state.position;
    this.savedMark = loaded.sweep?.seq;
    this.savedIds = state.heads.size.ids;
    const mark = loaded.sweep ? `, settled through seq ${loaded.sweep.seq}` : '';
    this.logger.log(`${this.config.department}: restored the snapshot at seq ${loaded.lastSeq} (${state.heads.size.ids} events${mark}) in ${Date.now() - started} ms`);
    return loaded.sweep;
  }

  async saveAfterStart(state: DepartmentState, read: number): Promise<void> {
    if (read < WORTH_SAVING_AFTER_START) return;
    // The mark as the start-up sweep left it: settling it further may read the whole history (in the background later).
    await this.save(state, 'after start', this.marks.settled);
  }

  /**
   * From now on, folds and saves in the background once the state's subjects are `minSeqs` past the last snapshot,
   * and `sizeShare` of the events it held — `busySeqs` while the hub is busy (see snapshotDueFrom).
   */
  keepUp(minSeqs = WORTH_SAVING_WHILE_RUNNING, sizeShare = SIZE_SHARE_WHILE_RUNNING, busySeqs = WORTH_SAVING_WHILE_BUSY): void {
    const intervalMs = this.config.snapshotIntervalMs ?? 60_000;
    const look = (): void => void this.saveIfBehind(minSeqs, sizeShare, busySeqs).catch((error: unknown) => this.logger.warn(`${this.config.department}: snapshot while running failed: ${(error as Error).message}`));
    // The thirteen services start within seconds of each other: a first look at a random point of the interval
    // keeps their folds (which all read the same leads) from falling into the same moment ever after.
    this.timer = setTimeout(() => {
      look();
      this.timer = setInterval(look, intervalMs);
      this.timer.unref();
    }, Math.floor(Math.random() * intervalMs));
    this.timer.unref();
  }

  private async saveIfBehind(minSeqs: number, sizeShare: number, busySeqs: number): Promise<void> {
    if (this.folding !== undefined) return;
    // One cheap stream info first: none of the state's subjects can be past unless the stream itself is.
    const last = await this.store.lastSequence();
    const from = snapshotDueFrom({ last, lastLooked: this.lastLooked, savedSeq: this.savedSeq, savedIds: this.savedIds, minSeqs, sizeShare, busySeqs, quietSeqs: QUIET_SEQS_PER_LOOK });
    this.lastLooked = last;
    if (from === undefined || !(await this.movedTo(from))) return;
    await this.shadowFold('while running');
  }

  /**
   * Whether any subject the state folds (its own events, every lead and referral, the closures and cases it
   * answers) has a message at or after `seq`. Counting only its own events, a department with few of them (pboc:
   * none in a 1M-event hub) never wrote a snapshot and read every lead and referral at each start (12.5 s).
   *
   * Asked forward from `seq` (`next_by_subj`), which walks only the stream's tail: asking each filter for its last
   * message walks nats-server 2.9's whole store when nothing recent matches it (a closure chain nobody wrote
   * to: 15–20 ms of nats-server CPU at 100k messages, 50–58 ms at 300k), five to eight times a minute for each
   * of thirteen departments.
   */
  private async movedTo(seq: number): Promise<boolean> {
    for (const filter of departmentReadSubjects(this.config.department)) {
      if ((await this.store.nextSequenceMatching(filter, seq)) !== undefined) return true;
    }
    return false;
  }

  /** The shadow fold at shutdown, given up (the last snapshot stays) when it takes longer than allowed. */
  async saveAtShutdown(): Promise<void> {
    clearInterval(this.timer); // the first look's timeout or the interval after it: Node clears either
    const limitMs = this.config.snapshotShutdownMs ?? 8_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), limitMs);
    });
    try {
      // A background fold in flight finishes first (within the same limit); this one then reads only the rest.
      const outcome = await Promise.race([this.folding?.then(() => this.saveIfChanged()) ?? this.saveIfChanged(), timedOut]);
      if (outcome === 'timeout') this.logger.warn(`${this.config.department}: the shutdown snapshot took over ${limitMs} ms; the next start reads from the last one`);
    } catch (error) {
      this.logger.warn(`${this.config.department}: shutdown snapshot failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The shutdown snapshot, unless the last one is current: loading and writing a large one again (samr's 94 MiB:
   * 5.5 s + 3 s) when nothing was stored since exceeded the shutdown limit while the whole hub stopped at once.
   */
  private async saveIfChanged(): Promise<'saved' | 'current'> {
    if (this.savedSeq === 0 || (await this.movedTo(this.savedSeq + 1))) return this.shadowFold('at shutdown');
    const mark = await this.marks.settle();
    if (mark?.seq !== this.savedMark) return this.shadowFold('at shutdown', mark);
    this.logger.log(`${this.config.department}: the snapshot at seq ${this.savedSeq} is current`);
    return 'current';
  }

  /** `settled`: the mark when the caller has just settled it (else settled here, before the fold). */
  private shadowFold(when: 'at shutdown' | 'while running', settled?: SweepMark): Promise<'saved'> {
    this.folding = this.shadowFoldAndSave(when, settled).finally(() => (this.folding = undefined));
    return this.folding;
  }

  private async shadowFoldAndSave(when: string, settled: SweepMark | undefined): Promise<'saved'> {
    const shadow = new DepartmentState(this.store, this.config, SILENT);
    const loaded = await this.snapshots.load(this.store);
    if (loaded.ok) shadow.importState(loaded.state);
    // Settled before the fold: the mark written never runs ahead of what a later start would need to read.
    const mark = settled ?? (await this.marks.settle());
    await shadow.catchUp();
    await this.save(shadow, when, mark);
    return 'saved';
  }

  private async save(state: DepartmentState, when: string, mark: SweepMark | undefined): Promise<void> {
    const started = Date.now();
    const bytes = await this.snapshots.save(this.store, state.exportState(), mark);
    const { ids, lastSeq } = state.heads.size;
    this.savedSeq = state.position;
    this.savedMark = mark?.seq;
    this.savedIds = ids;
    this.logger.log(`${this.config.department}: snapshot ${when} at seq ${lastSeq} (${ids} events, ${(bytes / 1_048_576).toFixed(1)} MiB, folded through seq ${this.savedSeq}) in ${Date.now() - started} ms`);
  }
}

export interface SnapshotLook {
  /** The stream's last seq now, and at the previous look (undefined at the first). */
  last: number;
  lastLooked: number | undefined;
  /** The stream position and the size (events of its own) of the last snapshot. */
  savedSeq: number;
  savedIds: number;
  minSeqs: number;
  sizeShare: number;
  /** How far behind a fold waits while the hub is busy (the stream moved `quietSeqs` or more since the last look). */
  busySeqs: number;
  quietSeqs: number;
}

/**
 * The seq from which a message under the state's subjects makes a running snapshot due, or undefined when the
 * stream is not that far yet:
 * - at rest (the stream stood still since the last look: a bulk load just ended, a quiet night): `minSeqs` — the
 *   snapshot is brought up to date before the hub is stopped, and the shutdown fold has nothing to read;
 * - under a trickle (fewer than `quietSeqs` since the last look): `minSeqs`, and `sizeShare` of the snapshot's size
 *   (each fold rewrites it whole);
 * - busy (the first look too): `busySeqs` and that share — a fold competes with the load it follows.
 */
export function snapshotDueFrom(look: SnapshotLook): number | undefined {
  const resting = look.last === look.lastLooked;
  const busy = look.lastLooked === undefined || look.last - look.lastLooked >= look.quietSeqs;
  const step = busy ? Math.max(look.minSeqs, look.busySeqs) : look.minSeqs;
  const behind = resting ? look.minSeqs : Math.max(step, Math.ceil(look.savedIds * look.sizeShare));
  return look.last - look.savedSeq < behind ? undefined : look.savedSeq + behind;
}
