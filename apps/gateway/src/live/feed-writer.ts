/** What a live feed writes to (an Express response; a fake in unit specs). */
export interface FeedResponse {
  readonly destroyed: boolean;
  readonly writableLength: number;
  write(text: string): boolean;
  destroy(): void;
}

/** A client that lets this much pile up unread is too slow for a live feed: it is dropped and reconnects later. */
export const MAX_UNSENT_BYTES = 1024 * 1024;

/**
 * Writes to a feed, or drops the feed when its client does not keep up: otherwise every event for everyone
 * would pile up in the gateway's memory for the slowest reader. Dropping closes the connection, which
 * unsubscribes it; an EventSource reconnects with Last-Event-ID and gets what it missed from the archive.
 */
export function send(response: FeedResponse, text: string): void {
  if (response.destroyed) return;
  if (response.writableLength > MAX_UNSENT_BYTES) {
    response.destroy();
    return;
  }
  response.write(text);
}
