// (a) The ceiling: the same submissions published straight to JetStream by one client, async with a
// bounded window, each with its id as Nats-Msg-Id and an expected last subject sequence — what the
// department service asks of JetStream, without validation, versioning, hashing or signing.
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { eventSubject } from '@hub/domain';
import { ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import { startTestNats } from '@hub/runtime/testing';
import { BENCH_UNIT, benchSubmissions } from '../support/payloads.js';
import { inWindow, rate, say, type IngestFigure } from '../support/measure.js';

export interface RawJetStreamOptions {
  events: number;
  rounds: number;
  /** Publishes in flight, as many as the department service keeps (one per aggregate). */
  window: number;
}

const encoder = new TextEncoder();

export async function rawJetStream(options: RawJetStreamOptions): Promise<IngestFigure> {
  const log = say('raw');
  const nats = await startTestNats();
  const nc = await connect({ ...nats.connectOptions('admin'), noAsyncTraces: true });
  try {
    await ensureEventStream(await jetstreamManager(nc));
    const js = jetstream(nc);
    const [department, region] = BENCH_UNIT.split('/') as [string, string];
    return await rate(
      options.rounds,
      (round) => benchSubmissions(options.events, `RAW${round}`),
      (events) =>
        inWindow(events, options.window, async (event) => {
          const [type, id] = String(event.subject).split('/') as [string, string];
          const ack = await js.publish(eventSubject(department, region, type, id), encoder.encode(JSON.stringify(event)), {
            msgID: String(event.id),
            expect: { lastSubjectSequence: 0, streamName: EVENT_STREAM },
            timeout: 10_000,
          });
          if (ack.duplicate) throw new Error(`raw: ${String(event.id)} answered as duplicate`);
        }),
      { nats: nats.pid },
      log,
      'raw',
    );
  } finally {
    await nc.drain().catch(() => undefined);
    await nats.cleanup();
  }
}
