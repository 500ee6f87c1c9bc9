import type { Server } from 'node:http';

/** Against slow clients (slowloris and slow bodies): how long a client may take, per phase. */
export interface ServerTimeouts {
  /** Until the request's headers are complete. */
  headersTimeoutMs: number;
  /** Until the whole request (headers and body) is received; the response may take longer (SSE, exports). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersTimeoutMs: 20_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 5_000 };

export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): void {
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  // Node enforces the two request timeouts on its connection check (every 30 s), so they hold to within that.
  // Idle sockets are not cut by `server.timeout`: a live feed is idle between heartbeats by design.
}
