import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, errors, type NatsConnection } from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { NatsRequests } from './nats-requests.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What a failed request was rejected with, as the intake client reads it (class, name, message, cause). */
async function failureOf(request: Promise<unknown>): Promise<{ timeout: boolean; noResponders: boolean; name: string; message: string; cause?: string }> {
  const error = await request.then(
    () => {
      throw new Error('the request was answered');
    },
    (failure: unknown) => failure as Error,
  );
  const cause = error.cause instanceof Error ? error.cause.name : undefined;
  return { timeout: error instanceof errors.TimeoutError, noResponders: error instanceof errors.NoRespondersError, name: error.name, message: error.message, ...(cause ? { cause } : {}) };
}

describe('NatsRequests (one reply subscription instead of nats.js request objects)', () => {
  let nats: TestNats;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
    nc.subscribe('test.echo', { callback: (_error, msg) => void msg.respond(encoder.encode(`echo ${decoder.decode(msg.data)}`)) });
    // Answers the second of every two requests first: answers find their own request whatever their order.
    const held: { respond(data: Uint8Array): boolean; data: Uint8Array }[] = [];
    nc.subscribe('test.swap', {
      callback: (_error, msg) => {
        held.push(msg);
        if (held.length < 2) return;
        for (const waiting of held.splice(0).reverse()) waiting.respond(encoder.encode(`swapped ${decoder.decode(waiting.data)}`));
      },
    });
    nc.subscribe('test.silent', { callback: () => undefined });
    await nc.flush();
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
  });

  it('given responders, when requests are sent, then each resolves with its own answer, in any order', async () => {
    const requests = new NatsRequests(nc, 5_000);
    const answers = await Promise.all([requests.request('test.echo', encoder.encode('one')), requests.request('test.swap', encoder.encode('a')), requests.request('test.swap', encoder.encode('b'))]);
    expect(answers.map((answer) => decoder.decode(answer.data))).toEqual(['echo one', 'swapped a', 'swapped b']);
  });

  it('given no responder, a silent responder and a closed connection, when requested, then each fails as nc.request fails', async () => {
    const requests = new NatsRequests(nc, 300);
    expect(await failureOf(requests.request('test.nobody', encoder.encode('x')))).toEqual(await failureOf(nc.request('test.nobody', encoder.encode('x'), { timeout: 300 })));
    expect(await failureOf(requests.request('test.nobody', encoder.encode('x')))).toEqual({ timeout: false, noResponders: false, name: 'RequestError', message: "no responders: 'test.nobody'", cause: 'NoResponders' });
    expect(await failureOf(requests.request('test.silent', encoder.encode('x')))).toEqual(await failureOf(nc.request('test.silent', encoder.encode('x'), { timeout: 300 })));
    expect(await failureOf(requests.request('test.silent', encoder.encode('x')))).toMatchObject({ timeout: true, message: 'timeout' });

    const other = await connect(nats.connectOptions('admin'));
    const closing = new NatsRequests(other, 5_000);
    const pending = closing.request('test.silent', encoder.encode('x'));
    const theirs = other.request('test.silent', encoder.encode('x'), { timeout: 5_000 });
    await other.close();
    expect(await failureOf(pending)).toEqual(await failureOf(theirs));
    expect(await failureOf(closing.request('test.echo', encoder.encode('x')))).toEqual(await failureOf(other.request('test.echo', encoder.encode('x'))));
  });
});
