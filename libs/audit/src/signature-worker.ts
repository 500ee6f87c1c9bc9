// Worker thread: checks batches of signatures (ed25519 verification is the costly part of an audit).
import { parentPort, workerData } from 'node:worker_threads';
import { checkSignature, type Finding, type KeyRegistry, type SignatureJob } from '@hub/domain';

const registry = (workerData as { registry: KeyRegistry }).registry;

parentPort?.on('message', (message: { id: number; jobs: SignatureJob[] }) => {
  const findings: Finding[] = [];
  for (const job of message.jobs) {
    const found = checkSignature(job, registry);
    if (found) findings.push(found);
  }
  parentPort?.postMessage({ id: message.id, findings });
});
