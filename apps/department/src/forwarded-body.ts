import { NatsRequestJSONDeserializer } from '@nestjs/microservices';
import type { Msg } from '@nats-io/transport-node';
import { decodeForwardedBody } from '@hub/domain';

/** A submission's body as the gateway forwarded it, unread (IntakeService.submitBody reads it). */
export class ForwardedBody {
  constructor(
    readonly unit: string,
    readonly body: Uint8Array,
    readonly actor: string | undefined,
  ) {}
}

type Deserialized = ReturnType<NatsRequestJSONDeserializer['deserialize']>;

/**
 * Nest's NATS request deserializer, which also takes the gateway's forwarded bodies (FORWARDED_BODY_MARKER): their
 * envelope becomes the packet's id and a ForwardedBody its data, so the intake handler and Nest's reply packet are
 * the same for both kinds. The body is not parsed here: a JSON packet's events are parsed with the packet, a
 * forwarded body once, by the intake service, which answers a body that is not JSON as the gateway did.
 */
export class IntakeDeserializer extends NatsRequestJSONDeserializer {
  override deserialize(value: Msg, options?: Record<string, unknown>): Deserialized {
    const forwarded = decodeForwardedBody(value.data);
    if (forwarded === undefined) return super.deserialize(value, options);
    const { envelope, body } = forwarded;
    return { pattern: options?.['channel'] as string, id: envelope.id, data: new ForwardedBody(envelope.unit, body, envelope.actor) } as Deserialized;
  }
}
