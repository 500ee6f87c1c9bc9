// (d) The peer: Emmett's PostgreSQL event store appending the same submissions, one stream per
// aggregate with "stream must not exist" as its optimistic-concurrency check (what the hub's
// expected last subject sequence 0 says), into the same PostgreSQL server the projector uses.
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { BENCH_UNIT, benchSubmissions } from '../support/payloads.js';
import { inWindow, rate, say } from '../support/measure.js';

export interface EmmettOptions {
  databaseUrl: string;
  events: number;
  rounds: number;
  /** Appends in flight (bounded by Emmett's connection pool). */
  window: number;
}

export async function emmettPostgreSql(options: EmmettOptions): Promise<number> {
  const log = say('emmett');
  const store = getPostgreSQLEventStore(options.databaseUrl, { schema: { autoMigration: 'CreateOrUpdate' } });
  try {
    await store.schema.migrate();
    return await rate(options.rounds, async (round) => {
      const events = benchSubmissions(options.events, `EMM${round}`);
      await inWindow(events, options.window, async (event) => {
        const data = event.data as Record<string, unknown>;
        await store.appendToStream(
          String(event.subject).replace('/', '-'),
          [{ type: String(event.type), data, metadata: { messageId: String(event.id), source: BENCH_UNIT, time: String(event.time) } }],
          { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
        );
      });
      return events.length;
    }, log);
  } finally {
    await store.close();
  }
}
