import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { COORDINATION_ROLE_SUBJECT, HubError } from '@hub/domain';
import { NATS_CONNECTION } from '../tokens.js';

export interface RoleChange {
  type: 'role.granted' | 'role.revoked';
  accountId: string;
  role: string;
  scope: string;
  by: string;
  reason: string;
  /** Idempotency key: a retry with it lands on the same event. */
  requestId: string;
}

/** Asks the coordination service (the joint office's key) to publish a grant or revocation; resolves with its seq. */
@Injectable()
export class RolePublisher {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async publish(change: RoleChange): Promise<{ seq: number; eventId: string }> {
    const { scope, ...rest } = change;
    let reply: { ok: true; event: { id: string; seq: number } } | { ok: false; error?: { code: string; message: string } };
    try {
      const msg = await this.nc.request(COORDINATION_ROLE_SUBJECT, JSON.stringify({ ...rest, ...(scope === '' ? {} : { scope }) }), { timeout: 10_000 });
      reply = msg.json<typeof reply>();
    } catch (error) {
      throw new HubError('SERVICE_UNAVAILABLE', `the coordination service did not answer: ${(error as Error).message}`);
    }
    if (reply.ok) return { seq: reply.event.seq, eventId: reply.event.id };
    const code = reply.error?.code === 'BAD_COMMAND' ? 'VALIDATION_FAILED' : 'SERVICE_UNAVAILABLE';
    throw new HubError(code, reply.error?.message ?? 'not published');
  }
}
