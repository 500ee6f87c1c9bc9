import { cpus, loadavg, totalmem } from 'node:os';

/** Runs `task` for each item with at most `window` in flight (a bounded async pipeline). */
export async function inWindow<T>(items: readonly T[], window: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, items.length) }, worker));
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Events per second over `rounds` timed runs of `round` (each returns how many events it wrote). */
export async function rate(rounds: number, round: (index: number) => Promise<number>, say: (line: string) => void): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    const events = await round(i);
    const seconds = (performance.now() - started) / 1000;
    rates.push(events / seconds);
    say(`round ${i + 1}/${rounds}: ${events} events in ${seconds.toFixed(2)} s = ${Math.round(events / seconds)} events/s`);
  }
  return Math.round(median(rates));
}

export interface Machine {
  cpus: number;
  model: string;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews figures. */
  loadAtStart: number;
  loadAtEnd?: number;
}

export function machine(): Machine {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    model: cpu[0]?.model.trim() ?? '?',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAtStart: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}

export const say = (scenario: string) => (line: string): void => console.log(`[bench ${scenario}] ${line}`);
