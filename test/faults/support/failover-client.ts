import type { EventResult } from '@hub/domain';
import type { Submit } from './ingest-driver.js';

/** An acknowledgement through a gateway: which client, which gateway, when. */
export interface Acknowledged {
  client: number;
  gateway: number;
  at: number;
}

/**
 * Departmental systems that know every gateway's address: client `c` starts on gateway `c mod n` and, when its
 * gateway cannot be reached (connection refused or reset), moves to the next one. A reply with no results
 * (a 5xx: a department instance timed out, NATS was electing) is a failed attempt, retried with the same ids.
 */
export function failoverSubmit(
  gateways: readonly string[],
  department: string,
  token: string,
  onAck: (ack: Acknowledged) => void = () => undefined,
): Submit {
  const current = new Map<number, number>();
  return async (batch, client) => {
    const gateway = current.get(client) ?? client % gateways.length;
    let response: Response;
    try {
      response = await fetch(`${gateways[gateway]}/api/v1/departments/${department}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(batch),
      });
    } catch {
      current.set(client, (gateway + 1) % gateways.length);
      return undefined;
    }
    const body = (await response.json().catch(() => ({}))) as { results?: EventResult[] };
    if (!Array.isArray(body.results)) return undefined;
    onAck({ client, gateway, at: Date.now() });
    return body.results;
  };
}
