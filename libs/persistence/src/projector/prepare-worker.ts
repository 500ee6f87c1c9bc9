// The worker thread behind PreparerThread: a BatchPreparer fed by the writer's requests, in their order. It folds
// with campaignContributions() (every campaign; WriterOptions.prepareOnThread) and reads the rows its cache misses
// over a connection of its own.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { campaignContributions } from '@hub/read-models';
import { BatchPreparer } from './batch-preparer.js';
import { unpackMessages, type PreparerReply, type PreparerRequest, type PreparerThreadOptions } from './preparer-thread.js';

const options = workerData as PreparerThreadOptions;
const port = parentPort;
if (port === null) throw new Error('prepare-worker runs as a worker thread');

let reader: Promise<pg.Client> | undefined;
const connectReader = (): Promise<pg.Client> =>
  (reader ??= (async () => {
    const client = new pg.Client(options.readerConfig);
    // A backend killed while idle emits 'error'; the next lookup fails, and with it the writer's session.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  })());

const preparer = new BatchPreparer({ contributionsOf: campaignContributions(), cacheCapacity: options.cacheCapacity, reader: connectReader });
const reply = (message: PreparerReply): void => port.postMessage(message);

port.on('message', (request: PreparerRequest) => {
  switch (request.type) {
    case 'open':
      return preparer.open(request.lastSeq, request.empty);
    case 'invalidate':
      return preparer.invalidate();
    case 'trim':
      return preparer.trim();
    case 'expect':
      return preparer.expect(request.lastSeq);
    case 'remember':
      return preparer.remember(request.writes);
    case 'prepare':
      preparer.prepare(unpackMessages(request.messages)).then(
        (result) => reply({ id: request.id, result }),
        (error: unknown) => reply({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    case 'close':
      void (async () => {
        const client = await reader?.catch(() => undefined);
        await client?.end().catch(() => undefined);
        reply({ id: request.id });
      })();
      return;
  }
});
