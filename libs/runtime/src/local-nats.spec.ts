import { describe, expect, it } from '@jest/globals';
import { natsRuntimeEnv } from './local-nats.js';

describe("the local nats-server's Go runtime settings", () => {
  it('given no GOGC or GOMEMLIMIT in the environment, when the server is started, then it collects at 50% heap growth under a 160 MiB soft limit', () => {
    expect(natsRuntimeEnv({})).toEqual({ GOGC: '50', GOMEMLIMIT: '160MiB' });
  });

  it("given the operator's own GOGC, when the server is started, then theirs is kept (nothing overrides it)", () => {
    expect(natsRuntimeEnv({ GOGC: '200' })).toEqual({ GOMEMLIMIT: '160MiB' });
  });

  it("given the operator's own GOMEMLIMIT, when the server is started, then theirs is kept (nothing overrides it)", () => {
    expect(natsRuntimeEnv({ GOMEMLIMIT: '1GiB' })).toEqual({ GOGC: '50' });
    expect(natsRuntimeEnv({ GOGC: 'off', GOMEMLIMIT: '1GiB' })).toEqual({});
  });
});
