// The joint office's id index and heads between sessions (coordination_joint_heads): a start continues them from
// where they were saved instead of reading the headers of every joint event again (~32 s of a restart holding 1M
// events). They are checked against the stream before use, like a department's snapshot.
import { headsMismatch, streamIdentity, type ConsumerLogger, type JetStreamEventStore, type SubjectHeadsState } from '@hub/event-store';
import type { Sql } from '@hub/persistence';
import type { JointPublisher } from './joint-publisher.js';
import { JointHeadsRepository } from './persistence/index.js';

/** Saved again once they are this many sequences past the last save, and at least a tenth of their size (so a long catch-up rewrites them a bounded number of times). */
const SAVE_AFTER_SEQS = 10_000;

export class JointHeadsKeeper {
  private savedSeq = 0;

  constructor(
    private readonly store: JetStreamEventStore,
    private readonly publisher: JointPublisher,
    private readonly logger: ConsumerLogger,
    private readonly saveAfterSeqs = SAVE_AFTER_SEQS,
  ) {}

  /** The saved heads when they continue this stream; otherwise says why not (the publisher then reads every joint event). */
  async load(sql: Sql): Promise<SubjectHeadsState | undefined> {
    const saved = await new JointHeadsRepository(sql).load();
    if (saved === undefined) return undefined;
    const mismatch = await headsMismatch(this.store, saved.identity, saved.heads);
    if (mismatch !== undefined) {
      this.logger.log(`saved joint heads not used (${mismatch}); reading every joint event`);
      return undefined;
    }
    this.savedSeq = saved.heads.lastSeq;
    return saved.heads;
  }

  /**
   * Saves the publisher's heads when they have moved far enough since the last save (`minSeqs`: by default at
   * least `saveAfterSeqs` and a tenth of their size; at shutdown 1, so the next start reads no joint event again —
   * 52k left unsaved took 19 s of a restart holding 1M events).
   */
  async saveIfBehind(sql: Sql, minSeqs?: number): Promise<void> {
    const heads = this.publisher.headsState;
    if (heads.lastSeq - this.savedSeq < (minSeqs ?? Math.max(this.saveAfterSeqs, heads.ids.size / 10))) return;
    const started = Date.now();
    const bytes = await new JointHeadsRepository(sql).save(await streamIdentity(this.store), heads);
    this.savedSeq = heads.lastSeq;
    this.logger.log(`saved the joint heads at seq ${heads.lastSeq} (${heads.ids.size} events, ${(bytes / 1_048_576).toFixed(1)} MiB) in ${Date.now() - started} ms`);
  }
}
