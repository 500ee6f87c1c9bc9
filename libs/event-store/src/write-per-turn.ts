import type { NatsConnection } from '@nats-io/transport-node';

/**
 * The parts of nats.js's protocol handler (`nc.protocol`, @nats-io/nats-core 3.x) this module relies on: the
 * outbound buffer, its inline-flush threshold and the flush itself. Checked at run time by {@link writeOncePerTurn}.
 */
interface ProtocolInternals {
  outbound: { length(): number; size(): number; fill(data: Uint8Array, ...payloads: Uint8Array[]): void };
  pendingLimit: number;
  flushPending(): void;
  sendCommand(cmd: string | Uint8Array, ...payloads: Uint8Array[]): void;
  close(error?: Error): Promise<void>;
}

const encoder = new TextEncoder();

function protocolOf(nc: NatsConnection): ProtocolInternals | undefined {
  const protocol = (nc as unknown as { protocol?: Partial<ProtocolInternals> }).protocol;
  const usable =
    protocol !== undefined &&
    typeof protocol.sendCommand === 'function' &&
    typeof protocol.flushPending === 'function' &&
    typeof protocol.close === 'function' &&
    typeof protocol.pendingLimit === 'number' &&
    typeof protocol.outbound?.fill === 'function' &&
    typeof protocol.outbound.length === 'function' &&
    typeof protocol.outbound.size === 'function';
  return usable ? (protocol as ProtocolInternals) : undefined;
}

/**
 * Makes `nc` write what it has to send once per event-loop turn (setImmediate) instead of once per microtask
 * checkpoint. nats.js flushes its outbound buffer in a microtask after the first command, so every HTTP request,
 * every intake message and every reply handled in its own I/O callback became its own socket write; on loopback
 * each write also runs the receiving side's TCP path and wakes nats-server, and those writes were the largest
 * single cost of a single-event request in the gateway (~10% of its CPU) and the department service (~20%).
 * Deferred to the check phase, everything the callbacks of one poll phase sent goes out in one write. Past
 * nats.js's own threshold (32 KiB) it still writes at once, `flush()` and connecting write as before, and closing
 * writes what is waiting first (nats.js's close does not: what a microtask would have sent before it, would be lost).
 * Returns false (and changes nothing) if the client's internals are not the ones this was written against.
 */
export function writeOncePerTurn(nc: NatsConnection): boolean {
  const protocol = protocolOf(nc);
  if (!protocol) return false;
  let scheduled = false;
  const flushScheduled = (): void => {
    scheduled = false;
    protocol.flushPending();
  };
  protocol.sendCommand = (cmd: string | Uint8Array, ...payloads: Uint8Array[]): void => {
    protocol.outbound.fill(typeof cmd === 'string' ? encoder.encode(cmd) : cmd, ...payloads);
    if (protocol.outbound.size() >= protocol.pendingLimit) protocol.flushPending();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flushScheduled);
    }
  };
  const close = protocol.close.bind(protocol);
  protocol.close = (error?: Error): Promise<void> => {
    protocol.flushPending();
    return close(error);
  };
  return true;
}
