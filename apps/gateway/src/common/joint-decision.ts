import type { NatsConnection } from '@nats-io/transport-node';
import { HubError } from '@hub/domain';

/** A joint event the coordination service stored for a request (role-protocol / return-protocol's reply). */
export interface JointDecision {
  duplicate: boolean;
  event: { id: string; type: string; subject: string; time: string; data: Record<string, unknown>; seq: number };
}

/**
 * Asks the coordination service — the only holder of the joint office's key — to publish a decision
 * (a grant, a revocation, a returned filing) and waits for the stored event. 503 when it does not answer,
 * 400 when it finds the request malformed, 409 when the decision may not follow the last one.
 */
export async function requestJointDecision(nc: NatsConnection, subject: string, body: Record<string, unknown>, timeout = 10_000): Promise<JointDecision> {
  let reply: ({ ok: true } & JointDecision) | { ok: false; error?: { code: string; message: string } };
  try {
    const msg = await nc.request(subject, JSON.stringify(body), { timeout });
    reply = msg.json<typeof reply>();
  } catch (error) {
    throw new HubError('SERVICE_UNAVAILABLE', `the coordination service did not answer: ${(error as Error).message}`);
  }
  if (reply.ok) return { duplicate: reply.duplicate === true, event: reply.event };
  const code = reply.error?.code === 'BAD_COMMAND' ? 'VALIDATION_FAILED' : reply.error?.code === 'CONFLICT' ? 'CONFLICT' : 'SERVICE_UNAVAILABLE';
  throw new HubError(code, reply.error?.message ?? 'not published');
}
