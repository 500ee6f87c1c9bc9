import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';

export interface NatsConnectOptions {
  url: string;
  /** nkey user seed (`SU…`); omitted for an open local server. */
  seed?: string;
  /** Per-principal reply prefix, so no principal can read another's replies. */
  inboxPrefix?: string;
  name: string;
}

export function natsConnectionOptions(options: NatsConnectOptions): Parameters<typeof connect>[0] {
  return {
    servers: options.url,
    name: options.name,
    ...(options.seed ? { authenticator: nkeyAuthenticator(new TextEncoder().encode(options.seed)) } : {}),
    ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
    // nats.js builds an Error with a stack for every request to trace async failures; at thousands of
    // appends per second that alone cost ~10% of ingest CPU.
    noAsyncTraces: true,
    // The first connect's deadline (default 20 s) is a timer: on a loaded 2-core machine starting every service
    // at once, the event loop can be busy past it while nats-server has already answered (seen in the e2e suites).
    timeout: 60_000,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  };
}

export function connectNats(options: NatsConnectOptions): Promise<NatsConnection> {
  return connect(natsConnectionOptions(options));
}
