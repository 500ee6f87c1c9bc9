import type { BatchOutcome } from './apply-batch.js';
import type { ReadModelWriter } from './read-model-writer.js';
import type { RawMessage } from '@hub/read-models';

/**
 * Two batches in flight: the next one is prepared (CPU, in this process) while the previous one is being
 * written (I/O, in PostgreSQL), which keeps both busy during catch-up. `onCommitted` runs in order, after
 * each COMMIT (that is where the caller acks). A failed commit surfaces from the next push() or drain().
 */
export class BatchPipeline {
  private inflight: { commit: Promise<BatchOutcome>; onCommitted: (outcome: BatchOutcome) => void } | undefined;

  constructor(private readonly writer: ReadModelWriter) {}

  async push(messages: readonly RawMessage[], onCommitted: (outcome: BatchOutcome) => void): Promise<void> {
    const prepared = await this.writer.prepare(messages);
    await this.drain();
    const commit = this.writer.commit(prepared);
    commit.catch(() => undefined); // observed by drain(); not an unhandled rejection meanwhile
    this.inflight = { commit, onCommitted };
  }

  /** Waits for the batch in flight, if any. */
  async drain(): Promise<void> {
    const inflight = this.inflight;
    this.inflight = undefined;
    if (inflight) inflight.onCommitted(await inflight.commit);
  }
}
