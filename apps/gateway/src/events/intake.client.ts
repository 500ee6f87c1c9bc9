import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { HubError, intakeSubject, type IntakeReply, type IntakeRequest } from '@hub/domain';
import { GATEWAY_CONFIG, NATS_CONNECTION } from '../tokens.js';
import { NatsRequests } from './nats-requests.js';
import type { GatewayConfig } from '../gateway.config.js';

/** Nest's request/response packets on the NATS transport, which the department service speaks. */
interface NestResponsePacket {
  id: string;
  response?: IntakeReply;
  err?: unknown;
  isDisposed?: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Forwards submissions to a department service over NATS request/reply. */
@Injectable()
export class IntakeClient {
  /** Set while the connection to NATS is down, so submissions get 503 at once instead of after the timeout. */
  private disconnected = false;
  private readonly requests: NatsRequests;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.requests = new NatsRequests(nc, config.intakeTimeoutMs);
    void this.watchConnection();
  }

  private async watchConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.disconnected = true;
      else if (status.type === 'reconnect') this.disconnected = false;
      else if (status.type === 'error' && status.error instanceof errors.PermissionViolationError && status.error.operation === 'publish') {
        // nats.js failed a request whose publish was refused at once; NatsRequests hears of it here.
        this.requests.failPublishes(status.error.subject, status.error);
      }
    }
  }

  async submit(department: string, request: IntakeRequest): Promise<IntakeReply> {
    // Nothing is sent, so nothing can be stored: the client retries with the same ids later.
    if (this.disconnected) throw new HubError('SERVICE_UNAVAILABLE', 'the gateway has lost its connection to NATS; retry with the same ids');
    const pattern = intakeSubject(department);
    const packet = { pattern, id: randomUUID(), data: request };
    let reply;
    try {
      reply = await this.requests.request(pattern, encoder.encode(JSON.stringify(packet)));
    } catch (error) {
      throw new HubError('SERVICE_UNAVAILABLE', unavailableReason(department, error));
    }
    const response = JSON.parse(decoder.decode(reply.data)) as NestResponsePacket;
    if (response.err !== undefined || !response.response) {
      throw new HubError('SERVICE_UNAVAILABLE', `department service ${department} failed: ${JSON.stringify(response.err ?? 'no response')}`);
    }
    return response.response;
  }
}

function unavailableReason(department: string, error: unknown): string {
  if (error instanceof errors.NoRespondersError) return `no ${department} department service is running`;
  if (error instanceof errors.TimeoutError) return `the ${department} department service did not answer in time`;
  return `cannot reach the ${department} department service: ${(error as Error).message}`;
}
