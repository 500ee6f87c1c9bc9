// Publishing the outbox. The lease holder is the outbox's only writer, and batches, ticks and publishing never
// interleave (the loop's exclusive section), so once it has read the outbox empty it knows what is pending without
// reading it again: what it queues after. A round then publishes straight from memory and costs one statement, the
// published mark; before that (a new session: a crash or a peer may have left entries) it reads the outbox.
// The mark of a round that stored new events waits for the next batch's transaction (`unmarked`): those events come
// back to the consumer, so that batch follows for certain, and the round costs no transaction of its own. A session
// that ends first leaves the mark behind, as a crash after publishing does: the next one publishes those entries
// again and the id index answers them as duplicates.
import type { Sql } from '@hub/persistence';
import type { JointPublisher, PublishOutcome } from './joint-publisher.js';
import { OutboxRepository, type OutboxEntry } from './persistence/index.js';

const ROUND = 1_000;

export interface OutboxRoundHooks {
  onPublished?: (published: PublishOutcome['published']) => Promise<void>;
  onFailed: (failure: { key: string; error: string }) => void;
  onPaused: (error: string) => void;
  onRound?: () => void;
}

export class OutboxPublishing {
  /** The unpublished entries in position order, when known (undefined: read them from the outbox). */
  private known: OutboxEntry[] | undefined;
  /** Keys published (or failed for good) whose published mark is not written yet (takeUnmarked). */
  private unmarked: string[] = [];

  constructor(private readonly publisher: JointPublisher) {}

  /** A new session: a crash or a peer may have changed the outbox since. */
  forget(): void {
    this.known = undefined;
    this.unmarked = [];
  }

  /** The keys whose published mark the caller now writes, in the next batch's transaction (not at shutdown: see the top). */
  takeUnmarked(): string[] {
    const keys = this.unmarked;
    this.unmarked = [];
    return keys;
  }

  /** Entries just queued (committed) in the outbox, in order: only the new ones (a key queued before is not queued again). */
  queued(entries: readonly OutboxEntry[]): void {
    this.known?.push(...entries);
  }

  /** Whether a publish round would find nothing. */
  get idle(): boolean {
    return this.known !== undefined && this.known.length === 0;
  }

  /** Publishes in order until nothing is pending or the stream is unavailable. */
  async publish(sql: Sql, hooks: OutboxRoundHooks): Promise<void> {
    const outbox = new OutboxRepository(sql);
    try {
      for (;;) {
        const round = this.known === undefined ? await outbox.pending(ROUND) : this.known.slice(0, ROUND);
        if (round.length === 0) {
          this.known = [];
          return;
        }
        const outcome = await this.publisher.publish(round);
        await hooks.onPublished?.(outcome.published);
        const retry = outcome.failed.find((f) => f.retry);
        for (const failure of outcome.failed.filter((f) => !f.retry)) {
          hooks.onFailed(failure);
          await outbox.markFailed(failure.key, failure.error);
        }
        // The published mark moves over the round's prefix that is settled (published, or failed for good).
        const settled = new Set([...outcome.published.map((p) => p.key), ...outcome.failed.filter((f) => !f.retry).map((f) => f.key)]);
        let done = 0;
        while (done < round.length && settled.has(round[done]?.key ?? '')) done += 1;
        this.unmarked.push(...round.slice(0, done).map((entry) => entry.key));
        // Nothing new in the stream (all duplicates, or failed): no batch is sure to follow, so the mark goes now.
        if (!outcome.published.some((p) => !p.duplicate)) await outbox.markPublished(this.takeUnmarked());
        this.known?.splice(0, done);
        if (retry !== undefined || done < round.length) {
          hooks.onPaused(retry?.error ?? 'an entry was neither published nor refused');
          return;
        }
        hooks.onRound?.();
      }
    } catch (error) {
      this.known = undefined;
      throw error;
    }
  }
}
