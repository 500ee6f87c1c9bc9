// (b) The hub's front door: batches POSTed over HTTP → gateway (auth, validation, chunking) → NATS
// request/reply → department service (validation, versions, hash chain, ed25519 signature) → JetStream.
import { TestHub } from '../../test/support/test-hub.js';
import { BENCH_UNIT, benchSubmissions } from '../support/payloads.js';
import { rate, say, type IngestFigure } from '../support/measure.js';

export interface HubHttpOptions {
  events: number;
  rounds: number;
  /** Events per HTTP request. */
  batch: number;
  /** Requests in flight (departmental systems submitting at once). */
  clients: number;
}

export async function hubHttp(options: HubHttpOptions): Promise<IngestFigure> {
  const log = say('hub-http');
  const hub = await TestHub.start({ departments: ['samr'], maxBatch: options.batch });
  try {
    return await rate(
      options.rounds,
      (round) => benchSubmissions(options.events, `HTTP${round}`),
      async (events) => {
        const batches: Record<string, unknown>[][] = [];
        for (let i = 0; i < events.length; i += options.batch) batches.push(events.slice(i, i + options.batch));
        let next = 0;
        await Promise.all(
          Array.from({ length: options.clients }, async () => {
            for (let batch = batches[next++]; batch; batch = batches[next++]) {
              const response = await hub.submit('samr', batch, { unit: BENCH_UNIT });
              if (response.status !== 201 || response.body.results.length !== batch.length) {
                throw new Error(`hub-http: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
              }
            }
          }),
        );
      },
      { nats: hub.nats.pid },
      log,
    );
  } finally {
    await hub.stop();
  }
}

