// Resident memory of the hub's processes, read from /proc: every descendant of the bench process except
// PostgreSQL (the bench's scratch server stands in for the operator's database, which is not the hub's).
import { readdirSync, readFileSync } from 'node:fs';

export interface HubMemory {
  /** Sum of VmRSS over the hub's processes, MiB. */
  totalMiB: number;
  /** Node processes (the services) and their sum. */
  nodeProcesses: number;
  nodeMiB: number;
  /** nats-server's own RSS. */
  natsMiB: number;
  /** The largest node process, MiB (the gateway or the projector, usually). */
  largestNodeMiB: number;
}

interface Proc {
  pid: number;
  ppid: number;
  name: string;
  rssKiB: number;
}

function readProc(pid: number): Proc | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1]?.trim() ?? '';
    return { pid, ppid: Number(field('PPid')), name: field('Name'), rssKiB: Number.parseInt(field('VmRSS') || '0', 10) };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** Every process below `rootPid` (children, grandchildren…), not the root itself. */
export function descendants(rootPid: number): Proc[] {
  const all = readdirSync('/proc')
    .map(Number)
    .filter((pid) => Number.isInteger(pid))
    .map(readProc)
    .filter((proc): proc is Proc => proc !== undefined);
  const below = new Set([rootPid]);
  const found: Proc[] = [];
  // Parents come before children in pid order only usually: repeat until no new descendant turns up.
  for (let grew = true; grew; ) {
    grew = false;
    for (const proc of all) {
      if (!below.has(proc.pid) && below.has(proc.ppid)) {
        below.add(proc.pid);
        found.push(proc);
        grew = true;
      }
    }
  }
  return found;
}

const mib = (kib: number): number => Math.round(kib / 1024);

export function hubMemory(rootPid = process.pid): HubMemory {
  const procs = descendants(rootPid).filter((proc) => proc.name !== 'postgres');
  const node = procs.filter((proc) => proc.name === 'node' || proc.name.startsWith('node'));
  const nats = procs.filter((proc) => proc.name === 'nats-server');
  const sum = (list: Proc[]): number => list.reduce((total, proc) => total + proc.rssKiB, 0);
  return {
    totalMiB: mib(sum(node) + sum(nats)),
    nodeProcesses: node.length,
    nodeMiB: mib(sum(node)),
    natsMiB: mib(sum(nats)),
    largestNodeMiB: mib(Math.max(0, ...node.map((proc) => proc.rssKiB))),
  };
}

/** Samples hubMemory() every `everyMs` until stopped; keeps the sample with the largest total. */
export function memoryPeak(everyMs = 1_000): { stop(): HubMemory } {
  let peak = hubMemory();
  const timer = setInterval(() => {
    const now = hubMemory();
    if (now.totalMiB > peak.totalMiB) peak = now;
  }, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      const now = hubMemory();
      return now.totalMiB > peak.totalMiB ? now : peak;
    },
  };
}
