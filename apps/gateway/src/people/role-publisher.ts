import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { COORDINATION_ROLE_SUBJECT } from '@hub/domain';
import { requestJointDecision } from '../common/joint-decision.js';
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
    const { event } = await requestJointDecision(this.nc, COORDINATION_ROLE_SUBJECT, { ...rest, ...(scope === '' ? {} : { scope }) });
    return { seq: event.seq, eventId: event.id };
  }
}
