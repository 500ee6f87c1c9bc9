import pg from 'pg';
import type { ContributionsOf } from '@hub/read-models';
import { readModelClientConfig } from '../data-source.js';
import { ReadModelWriter } from '../projector/read-model-writer.js';
import { commitBatch } from '../projector/transaction.js';
import type { StoredEventFixture } from './event-log.js';
import { chunks, rawMessages } from './raw-messages.js';

/** The projector's two ways of writing a batch; what they leave behind must be the same. */
export const WRITE_PATHS = [
  ['the careful path (applyBatch)', 'careful'],
  ['the live writer (fast path)', 'fast'],
  // Every batch but the first (which learns that nothing is deferred) as one simple query, whatever its size.
  ['the live writer in one round trip per batch', 'one-trip'],
  // The smallest cache a writer may have (four batches): it evicts, and corrections of evicted records must
  // still find their state (read from the database).
  ['the live writer with a cache that evicts', 'evicting'],
] as const;

export type WritePath = (typeof WRITE_PATHS)[number][1];

/** Writes `stream` into the read models at `dbUrl` in batches of `batchSize`, by the path named. */
export async function writeByPath(path: WritePath, dbUrl: string, stream: readonly StoredEventFixture[], batchSize: number, contributionsOf: ContributionsOf): Promise<void> {
  const client = new pg.Client(readModelClientConfig(dbUrl));
  await client.connect();
  try {
    const batches = chunks(rawMessages(stream), batchSize);
    if (path === 'careful') {
      for (const batch of batches) await commitBatch(client, batch, { checkpoint: 'projector', contributionsOf });
    } else {
      const writer = new ReadModelWriter(client, {
        checkpoint: 'projector',
        contributionsOf,
        lock: true,
        ...(path === 'evicting' ? { cacheCapacity: 4 * batchSize } : {}),
        ...(path === 'one-trip' ? { oneTripMaxBytes: Number.POSITIVE_INFINITY } : { oneTripMaxBytes: 0 }),
      });
      await writer.open();
      for (const batch of batches) await writer.apply(batch);
      await writer.close();
    }
  } finally {
    await client.end();
  }
}
