import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { collectStartupGarbage } from './startup-garbage.js';

describe('collecting a service’s start-up garbage once it is ready', () => {
  const holder = globalThis as { gc?: () => void };
  const original = holder.gc;
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
    holder.gc = original;
  });

  it('given --expose-gc, when the delay has passed, then one full collection runs, not before', () => {
    const gc = jest.fn();
    holder.gc = gc;
    collectStartupGarbage(5_000);
    jest.advanceTimersByTime(4_999);
    expect(gc).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(gc).toHaveBeenCalledTimes(1);
  });

  it('given no --expose-gc (a service started in-process by a test), when ready, then nothing is scheduled', () => {
    delete holder.gc;
    collectStartupGarbage(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});
