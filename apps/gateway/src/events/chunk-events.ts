import { CHUNK_EVENTS } from '@hub/domain';

/** Keeps one NATS request well under the server's max_payload whatever the events weigh. */
const MAX_CHUNK_BYTES = 2 * 1024 * 1024;

export function* chunkEvents<T>(events: readonly T[]): Generator<T[]> {
  // One event is one chunk whatever it weighs (as below): no need to measure it.
  if (events.length === 1) {
    yield [...events];
    return;
  }
  let chunk: T[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event));
    if (chunk.length > 0 && (chunk.length >= CHUNK_EVENTS || bytes + size > MAX_CHUNK_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(event);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}
