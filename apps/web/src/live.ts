import { reactive } from 'vue';
import type { ProjectedEvent } from '@hub/contracts';
import { readEventStream } from './api';

type Listener = (event: ProjectedEvent) => void;

/** The live feed: the latest events (newest first) and whether the stream is connected. */
export const live = reactive<{ connected: boolean; events: ProjectedEvent[]; lastSeq: number }>({ connected: false, events: [], lastSeq: 0 });

const listeners = new Set<Listener>();
let controller: AbortController | undefined;

/** Calls `listener` for each new event until the returned function is called. */
export function onProjected(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Connects (and keeps reconnecting, resuming after the last seen sequence) until stopLive(). */
export function startLive(): void {
  stopLive();
  const current = new AbortController();
  controller = current;
  void (async () => {
    let delay = 1_000;
    while (!current.signal.aborted) {
      try {
        const resumeAfter = live.lastSeq > 0 ? String(live.lastSeq) : undefined;
        const opened = (): void => {
          live.connected = true;
          delay = 1_000;
        };
        await readEventStream('live', resumeAfter, current.signal, (message) => {
          if (message.event !== 'projected') return;
          const event = JSON.parse(message.data) as ProjectedEvent;
          if (event.seq <= live.lastSeq) return; // a replay overlapping what we already have
          live.lastSeq = event.seq;
          live.events.unshift(event);
          if (live.events.length > 200) live.events.length = 200;
          for (const listener of listeners) listener(event);
        }, opened);
      } catch {
        // dropped or refused: retry below
      }
      live.connected = false;
      if (current.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15_000);
    }
  })();
}

export function stopLive(): void {
  controller?.abort();
  controller = undefined;
  live.connected = false;
}

/** Runs `refresh` (debounced) whenever an event of one of `prefixes` (e.g. 'referral.', 'lead.referred') arrives. */
export function refreshOn(prefixes: readonly string[], refresh: () => void, waitMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = onProjected((event) => {
    if (!prefixes.some((prefix) => event.type.startsWith(prefix))) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, waitMs);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
