import { describe, expect, it } from '@jest/globals';
import { MAX_UNSENT_BYTES, send, type FeedResponse } from './feed-writer.js';

/** A response whose client reads nothing: every write stays buffered. */
type FakeResponse = { -readonly [K in keyof FeedResponse]: FeedResponse[K] } & { written: string[] };

function stalledClient(): FakeResponse {
  const fake = {
    destroyed: false,
    writableLength: 0,
    written: [] as string[],
    write(text: string): boolean {
      fake.written.push(text);
      fake.writableLength += Buffer.byteLength(text);
      return fake.writableLength < 16_384;
    },
    destroy(): void {
      fake.destroyed = true;
    },
  };
  return fake;
}

describe('live feed writer', () => {
  it('given a client that reads nothing, when events keep coming, then the feed is dropped once more than 1 MiB is unsent, and nothing is written after', () => {
    const client = stalledClient();
    const event = `data: ${'x'.repeat(1_000)}\n\n`;
    let writes = 0;
    while (!client.destroyed && writes < 10_000) {
      send(client, event);
      writes += 1;
    }
    expect(client.destroyed).toBe(true);
    expect(client.writableLength).toBeGreaterThan(MAX_UNSENT_BYTES);
    expect(client.writableLength).toBeLessThan(MAX_UNSENT_BYTES + 2 * event.length);
    const count = client.written.length;
    send(client, event);
    expect(client.written.length).toBe(count);
  });

  it('given a client that keeps up, when events come, then each is written', () => {
    const client = stalledClient();
    for (let i = 0; i < 100; i++) {
      send(client, 'data: {}\n\n');
      client.writableLength = 0; // the client read it
    }
    expect(client.written).toHaveLength(100);
    expect(client.destroyed).toBe(false);
  });
});
