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
  /**
   * Each process's RSS, MiB, by service (`gateway`, `department-samr`, `nats-server`…; `#pid` when a name
   * repeats), so a peak says where the memory is.
   */
  byProcess: Record<string, number>;
  /** Sum of PSS (shared pages, mostly the node binary, split among the processes mapping them), MiB. */
  pssMiB: number;
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

/** `department-samr`, `gateway`, `projector`… from the service's entry point and HUB_DEPARTMENT; else the process name. */
function serviceName(proc: Proc): string {
  try {
    const entry = /apps\/([^/]+)\/src\/main\.[jt]s/.exec(readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8'))?.[1];
    if (entry === undefined) return proc.name;
    const department = /(?:^|\0)HUB_DEPARTMENT=([^\0]+)/.exec(readFileSync(`/proc/${proc.pid}/environ`, 'utf8'))?.[1];
    return department ? `${entry}-${department}` : entry;
  } catch {
    return proc.name;
  }
}

/** PSS in KiB (0 when the process is gone or smaps_rollup cannot be read). */
function pssKiB(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Per-process RSS and the PSS sum: read only for a sample that is kept (smaps_rollup walks every mapping). */
function detail(procs: Proc[]): Pick<HubMemory, 'byProcess' | 'pssMiB'> {
  const byProcess: Record<string, number> = {};
  for (const proc of procs) {
    const name = serviceName(proc);
    byProcess[name in byProcess ? `${name}#${proc.pid}` : name] = mib(proc.rssKiB);
  }
  return { byProcess, pssMiB: mib(procs.reduce((total, proc) => total + pssKiB(proc.pid), 0)) };
}

type Totals = Omit<HubMemory, 'byProcess' | 'pssMiB'>;

function sample(rootPid: number): { totals: Totals; procs: Proc[] } {
  const procs = descendants(rootPid).filter((proc) => proc.name === 'nats-server' || proc.name.startsWith('node'));
  const node = procs.filter((proc) => proc.name.startsWith('node'));
  const nats = procs.filter((proc) => proc.name === 'nats-server');
  const sum = (list: Proc[]): number => list.reduce((total, proc) => total + proc.rssKiB, 0);
  const totals = {
    totalMiB: mib(sum(node) + sum(nats)),
    nodeProcesses: node.length,
    nodeMiB: mib(sum(node)),
    natsMiB: mib(sum(nats)),
    largestNodeMiB: mib(Math.max(0, ...node.map((proc) => proc.rssKiB))),
  };
  return { totals, procs };
}

export function hubMemory(rootPid = process.pid): HubMemory {
  const { totals, procs } = sample(rootPid);
  return { ...totals, ...detail(procs) };
}

/** Samples the hub's RSS every `everyMs` until stopped; keeps the sample with the largest total. */
export function memoryPeak(everyMs = 1_000, rootPid = process.pid): { stop(): HubMemory } {
  let peak = hubMemory(rootPid);
  const take = (): void => {
    const now = sample(rootPid);
    if (now.totals.totalMiB > peak.totalMiB) peak = { ...now.totals, ...detail(now.procs) };
  };
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
