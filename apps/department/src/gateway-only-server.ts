// The department's NATS transport, answering only the gateway. `hub.intake.<d>` is a subject only the
// gateway may publish to, but a JetStream push consumer pointed at it (nats-server 2.9.10 lets any
// consumer creator pick any deliver_subject) would hand this service another department's raw messages
// as if they were submissions. Those deliveries reply into `$JS.ACK…`, never into the gateway's inbox.
import { Logger } from '@nestjs/common';
import { ServerNats } from '@nestjs/microservices';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { connectWithRedial } from '@hub/event-store';
import { repliesInto } from '@hub/runtime/service-env';
import { couldBeJson } from './pattern-route.js';

type NatsServerOptions = ConstructorParameters<typeof ServerNats>[0];

export class GatewayOnlyServerNats extends ServerNats {
  private readonly refusals = new Logger('GatewayOnlyServerNats');
  private refused = 0;

  /** `gatewayInbox` undefined: an open development server, where every request is served. */
  constructor(
    private readonly dialOptions: NatsServerOptions,
    private readonly gatewayInbox: string | undefined,
  ) {
    super(dialOptions);
  }

  /**
   * Nest dials once; a handshake that stalls (seen here under load: no INFO within the dial timeout) would fail
   * the whole start. Dial again as every other connection of the hub does.
   */
  override async createNatsClient(): Promise<NatsConnection> {
    return connectWithRedial((dialTimeoutMs) => ({ ...this.dialOptions, timeout: dialTimeoutMs }));
  }

  /**
   * Nest finds a message's handler by trying JSON.parse on its subject first; `hub.intake.<d>` is not JSON, so
   * every request threw and caught a SyntaxError (~7 µs each, ~1.5% of the department's CPU per single-event
   * request). A subject that cannot be JSON goes straight to what Nest does after the catch.
   */
  protected override getRouteFromPattern(pattern: string): string {
    return couldBeJson(pattern) ? super.getRouteFromPattern(pattern) : this.normalizePattern(pattern);
  }

  override async handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    if (!repliesInto(this.gatewayInbox, natsMsg.reply)) {
      // Dropped without an answer: answering a `$JS.ACK…` reply would acknowledge the forged delivery.
      // The first and then every thousandth: a forged push consumer can deliver a whole stream.
      if (this.refused++ % 1000 === 0) this.refusals.warn(`ignored ${this.refused} message(s) on ${channel} that are not gateway requests (reply ${natsMsg.reply ?? 'none'})`);
      return undefined;
    }
    return super.handleMessage(channel, natsMsg);
  }
}
