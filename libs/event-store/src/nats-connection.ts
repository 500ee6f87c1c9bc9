import { connect, errors, nkeyAuthenticator, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import { settleAnsweredRequestsQuietly } from './answered-requests.js';
import { writeOncePerTurn } from './write-per-turn.js';

export interface NatsConnectOptions {
  url: string;
  /** nkey user seed (`SU…`); omitted for an open local server. */
  seed?: string;
  /** Per-principal reply prefix, so no principal can read another's replies. */
  inboxPrefix?: string;
  name: string;
}

/** `dialTimeoutMs`: one dial's deadline for the server's INFO and PONG (a connection with no retry of its own gets long). */
export function natsConnectionOptions(options: NatsConnectOptions, dialTimeoutMs = 60_000): ConnectionOptions {
  return {
    servers: options.url,
    name: options.name,
    ...(options.seed ? { authenticator: nkeyAuthenticator(new TextEncoder().encode(options.seed)) } : {}),
    ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
    // nats.js builds an Error with a stack for every request to trace async failures; at thousands of
    // appends per second that alone cost ~10% of ingest CPU.
    noAsyncTraces: true,
    timeout: dialTimeoutMs,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  };
}

export interface NatsDialRetry {
  /** Give up after this long in all (default 2 min). */
  deadlineMs?: number;
  /** One dial's deadline for the server's INFO and PONG (default 20 s, nats.js's own). */
  dialTimeoutMs?: number;
  log?: (message: string) => void;
}

/**
 * Connects, dialling again while the server cannot be reached or a dial's handshake stalls, for up to
 * `deadlineMs` in all: a service started beside its nats-server (or restarted while the server restarts) waits
 * for it instead of failing. A stalled handshake was seen once in a while on a loaded machine (a dial that got no
 * INFO for a whole minute while the same server answered every other client); a fresh dial gets through.
 * Errors that another dial cannot cure (authorization, a malformed URL) are thrown at once.
 */
export async function connectNats(options: NatsConnectOptions, retry: NatsDialRetry = {}): Promise<NatsConnection> {
  return connectWithRedial((dialTimeoutMs) => natsConnectionOptions(options, dialTimeoutMs), retry);
}

/** {@link connectNats} for connection options built elsewhere (a test harness's, say): `build` gets each dial's deadline. */
export async function connectWithRedial(build: (dialTimeoutMs: number) => ConnectionOptions, retry: NatsDialRetry = {}): Promise<NatsConnection> {
  const { deadlineMs = 120_000, dialTimeoutMs = 20_000, log = (m: string) => console.warn(m) } = retry;
  settleAnsweredRequestsQuietly();
  const giveUpAt = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    const options = build(dialTimeoutMs);
    try {
      const nc = await connect(options);
      if (!writeOncePerTurn(nc)) log(`[${options.name ?? 'nats'}] this nats.js writes once per microtask: its internals are not the ones writeOncePerTurn knows`);
      return nc;
    } catch (error) {
      if (!isWorthAnotherDial(error) || Date.now() >= giveUpAt) throw error;
      log(`[${options.name ?? 'nats'}] NATS dial ${attempt} to ${String(options.servers)} failed (${(error as Error).message}); dialling again`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 2_000)));
    }
  }
}

function isWorthAnotherDial(error: unknown): boolean {
  if (error instanceof errors.TimeoutError) return true;
  return error instanceof errors.ConnectionError || /ECONNREFUSED|ECONNRESET|connection refused/i.test((error as Error)?.message ?? '');
}
