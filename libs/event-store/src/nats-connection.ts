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
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  };
}

export function connectNats(options: NatsConnectOptions): Promise<NatsConnection> {
  return connect(natsConnectionOptions(options));
}
