// A service's start-up (module loading, Nest's container, its first reads of the stream) and any burst of work leave
// garbage and a young generation grown to its full size behind: an idle department service held ~32 MiB of young
// generation and dead old-space objects resident for as long as it ran, ~30 MiB × 16 processes (issue 16: the hub
// ≤ 2 GiB RSS). V8's memory reducer, which would give them back, starts only after a full collection, which an
// idle service never reaches on its own. So a service that has gone idle collects: V8 shrinks the young generation
// in a full collection only when allocation has slowed over the last ~5 s as V8's tracer saw it, and the tracer
// samples at collections only — the first collection after a burst still sees the burst and keeps a 32–128 MiB
// young generation (half the departments at the bench's peak). A second collection one idle look later sees the
// quiet stretch and shrinks it (a 128 MiB young generation to 1 MiB in a plain node process, `node --expose-gc`).
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

export interface IdleGcOptions {
  /** How often the service looks whether it is idle, ms. */
  everyMs: number;
  /** CPU time (user + system) within one look below which the service counts as idle, as a share of `everyMs`. */
  idleCpuShare: number;
  /**
   * How much the heap must have grown (resident) since the last collection for another to be worth it: at least
   * this many bytes and a quarter of what stayed after the last one, so a large heap is not collected every look.
   */
  minGrowthBytes: number;
  /** A young generation at or under this many bytes (resident) counts as shrunk. */
  smallYoungBytes: number;
  /** Collections after a growth-triggered one, one per idle look, while the young generation has not shrunk. */
  followUps: number;
}

/**
 * Every 5 s; idle under 15% of a core. A department that only folds the other departments' leads uses ~5% of a
 * core while samr takes 2,000 events/s (bench (f)), and at 5% half of them were never collected; a collection of
 * such a heap (~30 MiB live) takes ~15 ms, and another comes only after the heap grew again.
 */
export const IDLE_GC: IdleGcOptions = { everyMs: 5_000, idleCpuShare: 0.15, minGrowthBytes: 8 * 1024 * 1024, smallYoungBytes: 4 * 1024 * 1024, followUps: 2 };

/** What the loop reads and does; the process's own by default, a test's fakes otherwise. */
export interface IdleGcProbe {
  /** CPU microseconds used since the previous call. */
  cpuSinceLastUs(): number;
  /** The heap's resident bytes. */
  heapBytes(): number;
  /** The young generation's resident bytes (V8's new space). */
  youngBytes(): number;
  gc(): void;
}

function processProbe(gc: () => void): IdleGcProbe {
  let last = process.cpuUsage();
  return {
    cpuSinceLastUs() {
      const used = process.cpuUsage(last);
      last = process.cpuUsage();
      return used.user + used.system;
    },
    heapBytes: () => getHeapStatistics().total_physical_size,
    youngBytes: () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.physical_space_size ?? 0,
    gc,
  };
}

/**
 * Collects garbage whenever the service has gone idle after its heap grew: the first time at once (a service calls
 * this when it is ready, so start-up is over), then after each burst, and again at up to `followUps` later idle
 * looks while the young generation stays large. Collecting at ready rather than at the first idle look lets that
 * look already shrink start-up's young generation (V8 needs ~5 s of quiet between the two collections): an idle
 * department held its ~30 MiB for 10–20 s after ready before, so at the bench's start and through its first
 * scenario (h) nine of thirteen still did (issue 16). Needs `--expose-gc`, which the launcher and the manifests give
 * every service (`serviceNodeFlags`); without it (a service started in-process by a test) nothing is collected or
 * scheduled. The timer does not hold the process open. Returns a function that stops it.
 */
export function collectGarbageWhenIdle(options: IdleGcOptions = IDLE_GC, probe?: IdleGcProbe): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  const use = probe ?? (typeof exposed === 'function' ? processProbe(exposed) : undefined);
  if (use === undefined) return () => undefined;
  let afterLast = 0;
  let followUpsLeft = 0;
  const collect = (): void => {
    use.gc();
    afterLast = use.heapBytes();
    use.cpuSinceLastUs(); // the collection's own CPU does not make the next look busy
  };
  collect(); // start-up's garbage, now; the next idle look shrinks the young generation start-up grew
  followUpsLeft = options.followUps;
  const timer = setInterval(() => {
    if (use.cpuSinceLastUs() > options.everyMs * 1_000 * options.idleCpuShare) return;
    if (use.heapBytes() - afterLast >= Math.max(options.minGrowthBytes, afterLast / 4)) {
      collect();
      followUpsLeft = options.followUps;
    } else if (followUpsLeft > 0 && use.youngBytes() > options.smallYoungBytes) {
      collect();
      followUpsLeft -= 1;
    } else {
      followUpsLeft = 0;
    }
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
