import { cpus, loadavg, totalmem } from 'node:os';
import { ownCpuSeconds, treeCpuSeconds } from './process-cpu.js';

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

/**
 * Events per second over `rounds` timed runs (median), and CPU per event over all of them. `prepare`
 * builds a round's events outside the timing; `run` writes them.
 */
export async function rate<T>(
  rounds: number,
  prepare: (round: number) => T[],
  run: (events: T[]) => Promise<void>,
  pids: { nats?: number; postgres?: number },
  say: (line: string) => void,
): Promise<IngestFigure> {
  const rates: number[] = [];
  const cpu = { node: 0, nats: 0, postgres: 0 };
  let total = 0;
  for (let i = 0; i < rounds; i += 1) {
    const events = prepare(i);
    const meter = cpuMeter(pids);
    const started = performance.now();
    await run(events);
    const seconds = (performance.now() - started) / 1000;
    const spent = meter(1);
    cpu.node += spent.nodeUs / 1e6;
    cpu.nats += spent.natsUs / 1e6;
    cpu.postgres += spent.postgresUs / 1e6;
    total += events.length;
    rates.push(events.length / seconds);
    say(`round ${i + 1}/${rounds}: ${events.length} events in ${seconds.toFixed(2)} s = ${Math.round(events.length / seconds)} events/s`);
  }
  const figure = { eventsPerSecond: Math.round(median(rates)), cpu: perEvent(cpu, total) };
  say(`CPU per event: node ${figure.cpu.nodeUs} µs, nats-server ${figure.cpu.natsUs} µs, PostgreSQL ${figure.cpu.postgresUs} µs → ≈ ${figure.cpu.idleBoundEventsPerSecond} events/s on an idle ${cpus().length}-core machine`);
  return figure;
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

/** CPU seconds per event of this process and of the servers it drives: independent of other load on the machine. */
export interface CpuPerEvent {
  nodeUs: number;
  natsUs: number;
  postgresUs: number;
  /**
   * Events/s this work allows on an idle machine of this many cores: bounded by the busiest single
   * process (node's JavaScript runs on one thread) and by all CPU spread over the cores.
   */
  idleBoundEventsPerSecond: number;
}

export interface IngestFigure {
  /** Median events/s over the rounds (wall clock, on the machine as loaded as it was). */
  eventsPerSecond: number;
  cpu: CpuPerEvent;
}

function perEvent(seconds: { node: number; nats: number; postgres: number }, events: number): CpuPerEvent {
  const { node, nats, postgres } = seconds;
  const us = (s: number): number => Number(((s / events) * 1e6).toFixed(1));
  const cores = cpus().length;
  const bound = events / Math.max(node, nats, postgres / cores, (node + nats + postgres) / cores);
  return { nodeUs: us(node), natsUs: us(nats), postgresUs: us(postgres), idleBoundEventsPerSecond: Math.round(bound) };
}

/** Starts counting CPU of this process, nats-server (pid) and PostgreSQL (postmaster pid, with its backends). */
export function cpuMeter(pids: { nats?: number; postgres?: number }): (events: number) => CpuPerEvent {
  const read = (): { node: number; nats: number; postgres: number } => ({
    node: ownCpuSeconds(),
    nats: pids.nats ? treeCpuSeconds(pids.nats) : 0,
    postgres: pids.postgres ? treeCpuSeconds(pids.postgres) : 0,
  });
  const start = read();
  return (events) => {
    const end = read();
    return perEvent({ node: end.node - start.node, nats: end.nats - start.nats, postgres: end.postgres - start.postgres }, events);
  };
}
