import { describe, expect, it } from '@jest/globals';
import { natsRuntimeEnv } from './local-nats.js';

describe("the local nats-server's Go runtime settings", () => {
  it('given no GOGC in the environment, when the server is started, then it collects at 50% heap growth', () => {
    expect(natsRuntimeEnv({})).toEqual({ GOGC: '50' });
  });

  it("given the operator's own GOGC, when the server is started, then theirs is kept (nothing overrides it)", () => {
    expect(natsRuntimeEnv({ GOGC: '200' })).toEqual({});
  });
});
