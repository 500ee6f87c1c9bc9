import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { encodeForwardedBody, HubError, intakeSubject, type IntakeReply, type IntakeRequest } from '@hub/domain';
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
  /** By the number of chunks a request may take, each with its own timeout (NatsRequests keeps one timeout for all its requests). */
  private readonly requests = new Map<number, NatsRequests>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    void this.watchConnection();
  }

  private requestsFor(chunks: number): NatsRequests {
    let requests = this.requests.get(chunks);
    if (requests === undefined) {
      requests = new NatsRequests(this.nc, this.config.intakeTimeoutMs * chunks);
      this.requests.set(chunks, requests);
    }
    return requests;
  }

  private async watchConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.disconnected = true;
      else if (status.type === 'reconnect') this.disconnected = false;
      else if (status.type === 'error' && status.error instanceof errors.PermissionViolationError && status.error.operation === 'publish') {
        // nats.js failed a request whose publish was refused at once; NatsRequests hears of it here.
        for (const requests of this.requests.values()) requests.failPublishes(status.error.subject, status.error);
      }
    }
  }

  /** Events the gateway has validated, as one JSON packet (at most a chunk). */
  async submit(department: string, request: IntakeRequest): Promise<IntakeReply> {
    const packet = { pattern: intakeSubject(department), id: randomUUID(), data: request };
    return this.exchange(department, encoder.encode(JSON.stringify(packet)), 1);
  }

  /**
   * A request body forwarded unread (encodeForwardedBody) under the caller's unit and actor; `chunks`: at most how
   * many chunks the department will run for it (the timeout is per chunk). Undefined, and nothing sent, when it
   * does not fit in one message of the server's max_payload.
   */
  async submitBody(department: string, caller: { unit: string; actor?: string }, body: Buffer, chunks: number): Promise<IntakeReply | undefined> {
    const message = encodeForwardedBody({ id: randomUUID(), ...caller }, body);
    if (message.length > (this.nc.info?.max_payload ?? NATS_DEFAULT_MAX_PAYLOAD)) return undefined;
    return this.exchange(department, message, chunks);
  }

  private async exchange(department: string, message: Uint8Array, chunks: number): Promise<IntakeReply> {
    // Nothing is sent, so nothing can be stored: the client retries with the same ids later.
    if (this.disconnected) throw new HubError('SERVICE_UNAVAILABLE', 'the gateway has lost its connection to NATS; retry with the same ids');
    let reply;
    try {
      reply = await this.requestsFor(chunks).request(intakeSubject(department), message);
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

/** nats-server's own default, for a connection that has not had the server's INFO yet. */
const NATS_DEFAULT_MAX_PAYLOAD = 1024 * 1024;

function unavailableReason(department: string, error: unknown): string {
  if (error instanceof errors.NoRespondersError) return `no ${department} department service is running`;
  if (error instanceof errors.TimeoutError) return `the ${department} department service did not answer in time`;
  return `cannot reach the ${department} department service: ${(error as Error).message}`;
}
