import type { ProjectedEvent } from '@hub/contracts';

export interface LiveFeed {
  /** Every `projected` message received so far. */
  readonly messages: ProjectedEvent[];
  /** Resolves once a received message satisfies `until` (the feed stays open). */
  waitFor(until: (messages: readonly ProjectedEvent[]) => boolean): Promise<readonly ProjectedEvent[]>;
  close(): void;
}

/** Opens GET /api/v1/live with `token` and collects its `projected` messages until closed (no polling, no sleeping). */
export async function openLiveFeed(url: string, token: string): Promise<LiveFeed> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/v1/live`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (response.status !== 200 || response.body === null) throw new Error(`live feed answered ${response.status}`);
  const messages: ProjectedEvent[] = [];
  const waiters: { until: (m: readonly ProjectedEvent[]) => boolean; resolve: (m: readonly ProjectedEvent[]) => void }[] = [];
  let listening: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  const settle = (): void => {
    for (const waiter of [...waiters]) {
      if (!waiter.until(messages)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(messages);
    }
  };
  void (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes(': listening')) listening();
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data && /^event: projected$/m.test(block)) messages.push(JSON.parse(data) as ProjectedEvent);
        }
        settle();
      }
    } catch {
      // aborted
    }
  })();
  await ready;
  return {
    messages,
    waitFor: (until) => (until(messages) ? Promise.resolve(messages) : new Promise((resolve) => waiters.push({ until, resolve }))),
    close: () => controller.abort(),
  };
}
