import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { collectGarbageWhenIdle, type IdleGcOptions, type IdleGcProbe } from './idle-gc.js';

const MiB = 1024 * 1024;
const options: IdleGcOptions = { everyMs: 1_000, idleCpuShare: 0.05, minGrowthBytes: 8 * MiB, smallYoungBytes: 4 * MiB, followUps: 2 };

/**
 * A process whose CPU per look and heap size the test sets; a collection brings the heap down to `floor` and
 * the young generation down to 1 MiB from the `shrinkAtCollection`-th collection on (V8 keeps it at first).
 */
function fakeProcess(): IdleGcProbe & { cpuUs: number; heap: number; floor: number; young: number; shrinkAtCollection: number; collections: number } {
  const fake = {
    cpuUs: 0,
    heap: 60 * MiB,
    floor: 28 * MiB,
    young: 1 * MiB,
    shrinkAtCollection: 1,
    collections: 0,
    cpuSinceLastUs: () => fake.cpuUs,
    heapBytes: () => fake.heap,
    youngBytes: () => fake.young,
    gc: () => {
      fake.collections += 1;
      fake.heap = fake.floor;
      if (fake.collections >= fake.shrinkAtCollection) fake.young = 1 * MiB;
    },
  };
  return fake;
}

describe('collecting garbage when a service has gone idle', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('given a service that just became ready, when it starts looking, then it collects start-up\'s garbage at once and not again while busy', () => {
    const proc = fakeProcess();
    proc.cpuUs = 500_000; // half a core: the load arrives right after start-up
    const stop = collectGarbageWhenIdle(options, proc);
    expect(proc.collections).toBe(1);
    proc.heap += 40 * MiB; // a burst
    jest.advanceTimersByTime(3_000);
    expect(proc.collections).toBe(1);
    proc.cpuUs = 10_000;
    jest.advanceTimersByTime(5_000);
    expect(proc.collections).toBe(2);
    stop();
  });

  it('given an idle service, when its heap grew by less than the threshold since, then it does not collect again', () => {
    const proc = fakeProcess();
    const stop = collectGarbageWhenIdle(options, proc);
    jest.advanceTimersByTime(1_000);
    proc.heap += 7 * MiB;
    jest.advanceTimersByTime(5_000);
    expect(proc.collections).toBe(1);
    proc.heap += 2 * MiB;
    jest.advanceTimersByTime(1_000);
    expect(proc.collections).toBe(2);
    stop();
  });

  it('given a large heap, when it grew by the fixed threshold only, then it waits for a quarter of it', () => {
    const proc = fakeProcess();
    proc.floor = 400 * MiB;
    const stop = collectGarbageWhenIdle(options, proc);
    jest.advanceTimersByTime(1_000);
    expect(proc.collections).toBe(1);
    proc.heap += 50 * MiB;
    jest.advanceTimersByTime(3_000);
    expect(proc.collections).toBe(1);
    proc.heap += 60 * MiB;
    jest.advanceTimersByTime(1_000);
    expect(proc.collections).toBe(2);
    stop();
  });

  it('given a young generation the first collection kept, when the service stays idle, then it collects again until it shrank', () => {
    const proc = fakeProcess();
    proc.young = 64 * MiB;
    proc.shrinkAtCollection = 2;
    const stop = collectGarbageWhenIdle(options, proc);
    expect(proc.collections).toBe(1);
    expect(proc.young).toBe(64 * MiB);
    jest.advanceTimersByTime(1_000); // the first idle look after ready already shrinks it
    expect(proc.collections).toBe(2);
    expect(proc.young).toBe(1 * MiB);
    jest.advanceTimersByTime(5_000);
    expect(proc.collections).toBe(2);
    stop();
  });

  it('given a young generation that never shrinks, when the service stays idle, then it stops after the follow-ups', () => {
    const proc = fakeProcess();
    proc.young = 64 * MiB;
    proc.shrinkAtCollection = Infinity;
    const stop = collectGarbageWhenIdle(options, proc);
    jest.advanceTimersByTime(10_000);
    expect(proc.collections).toBe(1 + options.followUps);
    stop();
  });

  it('given a follow-up due, when the service is busy, then it waits for the next idle look', () => {
    const proc = fakeProcess();
    proc.young = 64 * MiB;
    proc.shrinkAtCollection = 2;
    const stop = collectGarbageWhenIdle(options, proc);
    proc.cpuUs = 500_000;
    jest.advanceTimersByTime(3_000);
    expect(proc.collections).toBe(1);
    proc.cpuUs = 0;
    jest.advanceTimersByTime(1_000);
    expect(proc.collections).toBe(2);
    stop();
  });

  it('given no --expose-gc (a service started in-process by a test), when called, then nothing is scheduled', () => {
    const holder = globalThis as { gc?: () => void };
    const original = holder.gc;
    delete holder.gc;
    collectGarbageWhenIdle(options)();
    expect(jest.getTimerCount()).toBe(0);
    holder.gc = original;
  });
});
