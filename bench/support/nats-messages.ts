// Messages and bytes nats-server moved per connection, read from its monitoring endpoint (/connz): the launched
// hub's nats-server spends ~280 µs of CPU per single-event request against ~38 µs per event of raw JetStream, so
// how many messages a request costs, and on whose connection, is the first thing to know. Deltas over a window,
// divided by the requests answered in it. `in` is what a connection published, `out` what was delivered to it.

export interface ConnectionCounters {
  inMsgs: number;
  outMsgs: number;
  inBytes: number;
  outBytes: number;
}

export interface NatsMessageSnapshot {
  /** By connection name (several connections of one name are summed); `(server)` is /varz's total. */
  byConnection: Record<string, ConnectionCounters>;
  /** JetStream API requests served (/jsz: stream and consumer info, pulls are not counted here). */
  jsApiRequests: number;
}

interface ConnzEntry {
  name?: string;
  in_msgs: number;
  out_msgs: number;
  in_bytes: number;
  out_bytes: number;
}

const zero = (): ConnectionCounters => ({ inMsgs: 0, outMsgs: 0, inBytes: 0, outBytes: 0 });

function add(into: ConnectionCounters, entry: ConnzEntry): void {
  into.inMsgs += entry.in_msgs;
  into.outMsgs += entry.out_msgs;
  into.inBytes += entry.in_bytes;
  into.outBytes += entry.out_bytes;
}

export async function natsMessageSnapshot(monitorUrl: string): Promise<NatsMessageSnapshot> {
  const [connz, varz, jsz] = await Promise.all(
    ['connz?limit=4096', 'varz', 'jsz'].map(async (path) => (await fetch(`${monitorUrl}/${path}`)).json() as Promise<Record<string, unknown>>),
  );
  const byConnection: Record<string, ConnectionCounters> = {};
  for (const entry of (connz?.connections ?? []) as ConnzEntry[]) add((byConnection[entry.name ?? '(unnamed)'] ??= zero()), entry);
  add((byConnection['(server)'] = zero()), varz as unknown as ConnzEntry);
  const api = (jsz as { api?: { total?: number } } | undefined)?.api;
  return { byConnection, jsApiRequests: api?.total ?? 0 };
}

export interface NatsMessagesPerRequest {
  /** By connection: messages in/out per request, bytes in/out per request (rounded to 0.01 and 1). */
  byConnection: Record<string, ConnectionCounters>;
  jsApiRequestsPerRequest: number;
}

/** What nats-server moved between two snapshots, per answered request; connections that moved nothing left out. */
export function messagesPerRequest(before: NatsMessageSnapshot, after: NatsMessageSnapshot, requests: number): NatsMessagesPerRequest {
  const per = (value: number, digits: number): number => Number((value / Math.max(1, requests)).toFixed(digits));
  const byConnection: Record<string, ConnectionCounters> = {};
  for (const [name, now] of Object.entries(after.byConnection)) {
    // A connection made inside the window (a reconnect) starts from zero.
    const then = before.byConnection[name] ?? zero();
    const delta = { inMsgs: per(now.inMsgs - then.inMsgs, 2), outMsgs: per(now.outMsgs - then.outMsgs, 2), inBytes: per(now.inBytes - then.inBytes, 0), outBytes: per(now.outBytes - then.outBytes, 0) };
    if (delta.inMsgs !== 0 || delta.outMsgs !== 0) byConnection[name] = delta;
  }
  return { byConnection, jsApiRequestsPerRequest: per(after.jsApiRequests - before.jsApiRequests, 2) };
}

export function describeMessagesPerRequest(figures: NatsMessagesPerRequest): string[] {
  return [
    ...Object.entries(figures.byConnection)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, c]) => `  ${name}: in ${c.inMsgs} msgs ${c.inBytes} B, out ${c.outMsgs} msgs ${c.outBytes} B`),
    `  JetStream API requests: ${figures.jsApiRequestsPerRequest}`,
  ];
}
