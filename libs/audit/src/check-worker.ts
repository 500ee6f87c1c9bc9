// Worker thread: the stateless checks of log batches (parse, canonical hash, Merkle leaves, old-style signatures),
// answered in columns, and of seals (root, signature); given a connection, it reads whole sequence ranges of the
// stream itself.
import { parentPort, workerData } from 'node:worker_threads';
import type { KeyRegistry } from '@hub/domain';
import { checkPackedBatch, checkSealJob, type CheckedBatch, type PackedBatch, type SealJob } from './message-check.js';
import { readAndCheckRange, readerConnector, type ReaderConnection, type SeqRange } from './range-read.js';

const { registry, reader } = workerData as { registry: KeyRegistry; reader?: ReaderConnection };
const connection = reader ? readerConnector(reader) : undefined;

/** The columns move, not copy. */
const columns = (checked: CheckedBatch): ArrayBuffer[] => [checked.kinds.buffer, checked.versions.buffer, checked.bounds.buffer, checked.leaves.buffer, checked.hashes.buffer] as ArrayBuffer[];

parentPort?.on('message', (message: { id: number; batch: PackedBatch } | { id: number; range: SeqRange } | { id: number; seals: SealJob[] }) => {
  if ('seals' in message) {
    parentPort?.postMessage({ id: message.id, result: message.seals.map((seal) => checkSealJob(seal, registry)) });
    return;
  }
  if ('batch' in message) {
    const checked = checkPackedBatch(message.batch, registry);
    parentPort?.postMessage({ id: message.id, result: checked }, columns(checked));
    return;
  }
  if (!connection) {
    parentPort?.postMessage({ id: message.id, error: 'this check pool was started without a reader connection' });
    return;
  }
  connection()
    .then((nc) => readAndCheckRange(nc, message.range, registry))
    .then((result) => parentPort?.postMessage({ id: message.id, result }, [...columns(result.checked), result.seqs.buffer as ArrayBuffer, result.storedAt.buffer as ArrayBuffer]))
    .catch((error: unknown) => parentPort?.postMessage({ id: message.id, error: (error as Error).message }));
});
