import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { healthSubject, type HealthReply } from '@hub/domain';

/**
 * Answers the gateway's readiness probe for `service`. Call it once the service can do its job: before
 * that nobody answers, and the gateway's request fails at once with "no responders" (not ready). Instances
 * of one service share a queue group, so a probe gets one answer. `ready()` may turn false later (a lost
 * database, a stopped loop).
 */
export function answerHealthProbes(nc: NatsConnection, service: string, ready: () => boolean = () => true): Subscription {
  return nc.subscribe(healthSubject(service), {
    queue: `health-${service}`,
    callback: (error, msg) => {
      if (error) return;
      const reply: HealthReply = { ready: ready() };
      msg.respond(JSON.stringify(reply));
    },
  });
}
