import { describe, expect, it } from '@jest/globals';
import { errors } from '@nats-io/transport-node';
import { retryOnTimeout } from './retry-on-timeout.js';

/** A request failing with `failures` in turn, then answering "ok"; counts its calls. */
function flaky(failures: Error[]): { request: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    request: () => {
      const failure = failures[calls];
      calls += 1;
      return failure ? Promise.reject(failure) : Promise.resolve('ok');
    },
    calls: () => calls,
  };
}

describe('retryOnTimeout', () => {
  it('given requests that time out twice, when retried, then the third answer is returned', async () => {
    const { request, calls } = flaky([new errors.TimeoutError(), new errors.TimeoutError()]);
    await expect(retryOnTimeout(request)).resolves.toBe('ok');
    expect(calls()).toBe(3);
  });

  it('given a request that keeps timing out, when the attempts run out, then the timeout is thrown', async () => {
    const { request, calls } = flaky(Array.from({ length: 5 }, () => new errors.TimeoutError()));
    await expect(retryOnTimeout(request, 3)).rejects.toBeInstanceOf(errors.TimeoutError);
    expect(calls()).toBe(3);
  });

  it('given another error, when the request fails, then it is thrown at once', async () => {
    const { request, calls } = flaky([new Error('stream not found')]);
    await expect(retryOnTimeout(request)).rejects.toThrow('stream not found');
    expect(calls()).toBe(1);
  });
});
