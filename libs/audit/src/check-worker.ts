// Worker thread: the stateless checks of log batches (parse, canonical hash, old-style signatures).
import { parentPort, workerData } from 'node:worker_threads';
import type { KeyRegistry } from '@hub/domain';
import { checkPackedBatch, type PackedBatch } from './message-check.js';

const registry = (workerData as { registry: KeyRegistry }).registry;

parentPort?.on('message', (message: { id: number; batch: PackedBatch }) => {
  parentPort?.postMessage({ id: message.id, checked: checkPackedBatch(message.batch, registry) });
});
