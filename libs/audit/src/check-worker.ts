// Worker thread: the stateless checks of log batches (parse, canonical hash, old-style signatures), answered in columns.
import { parentPort, workerData } from 'node:worker_threads';
import type { KeyRegistry } from '@hub/domain';
import { checkPackedBatch, type PackedBatch } from './message-check.js';

const registry = (workerData as { registry: KeyRegistry }).registry;

parentPort?.on('message', (message: { id: number; batch: PackedBatch }) => {
  const checked = checkPackedBatch(message.batch, registry);
  // The columns move, not copy.
  parentPort?.postMessage({ id: message.id, checked }, [checked.kinds.buffer as ArrayBuffer, checked.versions.buffer as ArrayBuffer, checked.bounds.buffer as ArrayBuffer]);
});
