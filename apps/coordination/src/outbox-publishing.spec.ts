import { describe, expect, it } from '@jest/globals';
import type { Sql } from '@hub/persistence';
import type { JointPublisher, PublishOutcome } from './joint-publisher.js';
import { OutboxPublishing } from './outbox-publishing.js';
import type { OutboxEntry } from './persistence/index.js';

const entry = (key: string): OutboxEntry => ({ key, eventId: `id-${key}`, type: 'cluster.grown', subject: 'cluster/C-1', time: '2026-12-07T00:00:00.000Z', data: {} });

/** An outbox whose database holds nothing pending, recording the statements sent; a publisher answering each key as `answer` says. */
function world(answer: (key: string) => 'stored' | 'duplicate') {
  const statements: { text: string; values: readonly unknown[] }[] = [];
  const sql: Sql = {
    query: <R extends object>(text: string, values: readonly unknown[] = []): Promise<R[]> => {
      statements.push({ text, values });
      return Promise.resolve([]);
    },
    copyFrom: () => Promise.resolve(),
  };
  let seq = 0;
  const publisher = {
    publish: (entries: readonly OutboxEntry[]): Promise<PublishOutcome> =>
      Promise.resolve({ published: entries.map((e) => ({ key: e.key, seq: (seq += 1), duplicate: answer(e.key) === 'duplicate' })), failed: [] }),
  } as unknown as JointPublisher;
  const outbox = new OutboxPublishing(publisher);
  const marks = () => statements.filter((s) => s.text.startsWith('UPDATE coordination_outbox_published')).map((s) => s.values[0]);
  return { outbox, sql, marks };
}

const hooks = { onFailed: () => undefined, onPaused: () => undefined };

describe('the outbox’s published mark', () => {
  it('given a round that stored new events, when it is published, then its mark is left to the next batch (takeUnmarked), not sent', async () => {
    const { outbox, sql, marks } = world(() => 'stored');
    await outbox.publish(sql, hooks); // reads the outbox: empty
    outbox.queued([entry('a'), entry('b')]);
    await outbox.publish(sql, hooks);
    expect(marks()).toEqual([]);
    expect(outbox.takeUnmarked()).toEqual(['a', 'b']);
    expect(outbox.takeUnmarked()).toEqual([]);
  });

  it('given a round of duplicates only after one left unmarked, when it is published, then both rounds’ keys are marked at once (no batch need follow)', async () => {
    const { outbox, sql, marks } = world((key) => (key === 'c' ? 'duplicate' : 'stored'));
    await outbox.publish(sql, hooks);
    outbox.queued([entry('a'), entry('b')]);
    await outbox.publish(sql, hooks);
    outbox.queued([entry('c')]);
    await outbox.publish(sql, hooks);
    expect(marks()).toEqual([['a', 'b', 'c']]);
    expect(outbox.takeUnmarked()).toEqual([]);
  });

  it('given keys left unmarked, when the session is forgotten, then none are handed to a batch (the next session reads the outbox again)', async () => {
    const { outbox, sql } = world(() => 'stored');
    await outbox.publish(sql, hooks);
    outbox.queued([entry('a')]);
    await outbox.publish(sql, hooks);
    outbox.forget();
    expect(outbox.takeUnmarked()).toEqual([]);
  });
});
