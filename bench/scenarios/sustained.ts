// (i) Sustained capacity: the highest offered rate (40-event requests, open loop) at which the launched hub
// keeps the end-to-end lag p99 within `maxLagP99Ms` and refuses no request. Runs (f)'s measurement at rising
// rates and stops at the first one missed (a hub that falls behind only falls further).
import type { LaunchedHub } from '../support/launched-hub.js';
import { say } from '../support/measure.js';
import { endToEndLag, type LagResult } from './lag.js';

export interface SustainedOptions {
  hub: LaunchedHub;
  /** Offered rates, ascending (events/s). */
  rates: readonly number[];
  secondsPerRate: number;
  eventsPerRequest: number;
  maxLagP99Ms: number;
}

export interface SustainedResult {
  /** The highest rate kept (0 if not even the first). */
  eventsPerSecond: number;
  steps: (LagResult & { offered: number; kept: boolean })[];
}

export async function sustainedCapacity(options: SustainedOptions): Promise<SustainedResult> {
  const log = say('sustained');
  const steps: SustainedResult['steps'] = [];
  let kept = 0;
  for (const offered of options.rates) {
    const lag = await endToEndLag({
      hub: options.hub,
      run: `SUS${offered}`,
      rate: offered,
      seconds: options.secondsPerRate,
      requestsPerSecond: offered / options.eventsPerRequest,
      warmUpSeconds: 2,
    });
    // The sender itself may not manage the rate on a loaded machine: what counts is what it achieved.
    const ok = lag.p99Ms <= options.maxLagP99Ms && lag.refusedRequests === 0 && lag.achievedEventsPerSecond >= 0.95 * offered;
    steps.push({ ...lag, offered, kept: ok });
    log(`${offered} ev/s offered: ${ok ? 'kept' : 'not kept'} (lag p99 ${lag.p99Ms} ms, ${lag.refusedRequests} refused, ${lag.achievedEventsPerSecond} ev/s sent)`);
    if (!ok) break;
    kept = lag.achievedEventsPerSecond;
  }
  return { eventsPerSecond: kept, steps };
}
