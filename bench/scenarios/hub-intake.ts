// (c) The department service alone: chunks sent over NATS request/reply to hub.intake.<dept> the way
// the gateway sends them (same client class), so (b) − (c) is the cost of HTTP and the gateway.
import type { IntakeReply } from '@hub/domain';
import { natsConnectionOptions } from '@hub/event-store';
import { inboxPrefixFor } from '@hub/runtime';
import { connect } from '@nats-io/transport-node';
import { IntakeClient } from '../../apps/gateway/src/events/intake.client.js';
import type { GatewayConfig } from '../../apps/gateway/src/gateway.config.js';
import { TestHub } from '../../test/support/test-hub.js';
import { BENCH_UNIT, benchSubmissions } from '../support/payloads.js';
import { inWindow, rate, say, type IngestFigure } from '../support/measure.js';

export interface HubIntakeOptions {
  events: number;
  rounds: number;
  /** Events per NATS request (the gateway's chunk size). */
  chunk: number;
  /** Requests in flight. */
  clients: number;
}

export async function hubIntake(options: HubIntakeOptions): Promise<IngestFigure> {
  const log = say('hub-intake');
  const hub = await TestHub.start({ departments: ['samr'] });
  const nc = await connect(
    natsConnectionOptions({ url: hub.nats.url, seed: hub.nats.secrets.users.gateway.seed, inboxPrefix: inboxPrefixFor('gateway'), name: 'bench-intake' }),
  );
  const client = new IntakeClient(nc, { intakeTimeoutMs: 60_000 } as GatewayConfig);
  try {
    return await rate(
      options.rounds,
      (round) => benchSubmissions(options.events, `NATS${round}`),
      async (events) => {
        const chunks: Record<string, unknown>[][] = [];
        for (let i = 0; i < events.length; i += options.chunk) chunks.push(events.slice(i, i + options.chunk));
        await inWindow(chunks, options.clients, async (chunk) => {
          const reply: IntakeReply = await client.submit('samr', { unit: BENCH_UNIT, events: chunk });
          if (!reply.ok || reply.results.some((r) => 'error' in r)) throw new Error(`hub-intake: ${JSON.stringify(reply).slice(0, 300)}`);
        });
      },
      { nats: hub.nats.pid },
      log,
    );
  } finally {
    await nc.drain().catch(() => undefined);
    await hub.stop();
  }
}
