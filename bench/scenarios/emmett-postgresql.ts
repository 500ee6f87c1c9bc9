// (d) The peer: Emmett's PostgreSQL event store appending the same submissions, one stream per
// aggregate with "stream must not exist" as its optimistic-concurrency check (what the hub's
// expected last subject sequence 0 says), into the same PostgreSQL server the projector uses.
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { BENCH_UNIT, benchSubmissions } from '../support/payloads.js';
import { inWindow, rate, say, type IngestFigure } from '../support/measure.js';

export interface EmmettOptions {
  databaseUrl: string;
  events: number;
  rounds: number;
  /** Appends in flight (bounded by Emmett's connection pool). */
  window: number;
  /** The PostgreSQL server's postmaster, to count its CPU (embedded server only). */
  postgresPid?: number;
}

export async function emmettPostgreSql(options: EmmettOptions): Promise<IngestFigure> {
  const log = say('emmett');
  const store = getPostgreSQLEventStore(options.databaseUrl, { schema: { autoMigration: 'CreateOrUpdate' } });
  try {
    await store.schema.migrate();
    return await rate(
      options.rounds,
      (round) => benchSubmissions(options.events, `EMM${round}`),
      (events) =>
        inWindow(events, options.window, async (event) => {
          await store.appendToStream(
            String(event.subject).replace('/', '-'),
            [{ type: String(event.type), data: event.data as Record<string, unknown>, metadata: { messageId: String(event.id), source: BENCH_UNIT, time: String(event.time) } }],
            { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
          );
        }),
      options.postgresPid ? { postgres: options.postgresPid } : {},
      log,
    );
  } finally {
    await store.close();
  }
}
