import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { connectNats } from './nats-connection.js';

// nats.js's own errors module (CommonJS; request.js reads RequestError off it at each use), to count what it builds.
const require = createRequire(import.meta.url);
const natsErrors = require(join(dirname(require.resolve('@nats-io/nats-core')), 'errors.js')) as { RequestError: new (message?: string) => Error };

/** Runs `work` counting the RequestErrors nats.js builds meanwhile. */
async function countingRequestErrors(work: () => Promise<void>): Promise<number> {
  const original = natsErrors.RequestError;
  let built = 0;
  natsErrors.RequestError = class extends original {
    constructor(message?: string) {
      super(message);
      built += 1;
    }
  };
  try {
    await work();
  } finally {
    natsErrors.RequestError = original;
  }
  return built;
}

describe('settleAnsweredRequestsQuietly: answered requests build no RequestError', () => {
  let nats: TestNats;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connectNats({ url: nats.url, seed: nats.secrets.users.admin.seed, name: 'answered' });
    nc.subscribe('answered.echo', {
      callback: (_error, msg) => {
        msg.respond(msg.data);
      },
    });
    await nc.flush();
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
  });

  it('given 50 answered requests, then each gets its own answer and no RequestError is built', async () => {
    const built = await countingRequestErrors(async () => {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => nc.request('answered.echo', String(i), { timeout: 5_000 })));
      expect(answers.map((answer) => answer.string())).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    });
    expect(built).toBe(0);
  });

  it('given nobody listening, then the request still fails with no responders, as nats.js reports it', async () => {
    const failure = await nc.request('answered.nobody', 'x', { timeout: 5_000 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(errors.RequestError);
    expect((failure as Error).cause).toBeInstanceOf(errors.NoRespondersError);
  });

  it('given a listener that never answers, then the request still times out', async () => {
    const silent = nc.subscribe('answered.silent', { callback: () => undefined });
    await nc.flush();
    const failure = await nc.request('answered.silent', 'x', { timeout: 200 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(errors.TimeoutError);
    silent.unsubscribe();
  });
});
