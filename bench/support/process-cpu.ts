// CPU seconds spent by other processes (nats-server, a PostgreSQL server and its backends), read from
// /proc. A throughput figure taken on a shared, loaded machine says little; CPU seconds per event do not
// depend on what else runs, so benchmarks print both.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  cpuSeconds: number;
  /** CPU seconds of its children that have exited and been waited for (cutime + cstime). */
  reapedSeconds: number;
}

function readStat(pid: number, path = `/proc/${pid}/stat`): ProcStat | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it start past its closing ')'.
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    const reaped = Number(fields[13]) + Number(fields[14]); // cutime + cstime
    return { pid, ppid: Number(fields[1]), cpuSeconds: ticks / TICKS_PER_SECOND, reapedSeconds: reaped / TICKS_PER_SECOND };
  } catch {
    return undefined; // exited meanwhile
  }
}

function allStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat) stats.push(stat);
  }
  return stats;
}

/** CPU seconds of one process (0 once it has exited). */
export function cpuSecondsOf(pid: number): number {
  return readStat(pid)?.cpuSeconds ?? 0;
}

/** CPU seconds of one thread of a process (a process's main thread has its pid as thread id). */
export function threadCpuSeconds(pid: number, tid: number): number {
  return readStat(tid, `/proc/${pid}/task/${tid}/stat`)?.cpuSeconds ?? 0;
}

/**
 * CPU seconds of a process and its direct children (PostgreSQL's postmaster and backends), with the children that have
 * exited meanwhile (a connection closed before the window ends, CREATE INDEX's parallel workers): the root's cutime.
 */
export function treeCpuSeconds(rootPid: number): number {
  return allStats()
    .filter((s) => s.pid === rootPid || s.ppid === rootPid)
    .reduce((sum, s) => sum + s.cpuSeconds + (s.pid === rootPid ? s.reapedSeconds : 0), 0);
}

/** Each of a process's direct children (PostgreSQL's backends, walwriter, …) with its command line and CPU seconds. */
export function childrenCpuSeconds(rootPid: number): { pid: number; command: string; cpuSeconds: number }[] {
  return allStats()
    .filter((s) => s.ppid === rootPid)
    .map((s) => {
      let command = '';
      try {
        command = readFileSync(`/proc/${s.pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      } catch {
        // exited meanwhile
      }
      return { pid: s.pid, command, cpuSeconds: s.cpuSeconds };
    });
}

/** The pid of the postmaster serving a data directory (its first line of postmaster.pid). */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** This process's CPU seconds (user + system). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * CPU seconds of the hub's processes below `rootPid`, by service: `department` (all department services together),
 * `projector`, `coordination`, `gateway` (from the entry point in their command line), `nats` (nats-server) and
 * `postgres` (a PostgreSQL server started below `rootPid`, e.g. the bench's; it also answers the bench's probes).
 * `byDepartment` adds each department service alone as `department.<name>` (its HUB_DEPARTMENT): the one taking
 * the load and the twelve following the stream in the background cost differently.
 */
export function cpuSecondsByService(rootPid = process.pid, byDepartment = false): Record<string, number> {
  const stats = allStats();
  const cpu = new Map(stats.map((s) => [s.pid, s.cpuSeconds]));
  return sumByService(stats, rootPid, byDepartment, (pid) => cpu.get(pid) ?? 0);
}

/**
 * Read and write system calls of the hub's processes below `rootPid` (`syscr`/`syscw` of /proc/<pid>/io), keyed as
 * {@link cpuSecondsByService} keys CPU: on loopback a socket write also runs the receiving side's TCP path and wakes
 * the receiver, so writes per request are a cost of their own, and one that a loaded machine does not blur.
 */
export function syscallsByService(rootPid = process.pid, byDepartment = false): { reads: Record<string, number>; writes: Record<string, number> } {
  const stats = allStats();
  const io = new Map<number, { reads: number; writes: number }>();
  const ioOf = (pid: number): { reads: number; writes: number } => {
    let counts = io.get(pid);
    if (counts === undefined) {
      counts = readIo(pid);
      io.set(pid, counts);
    }
    return counts;
  };
  return {
    reads: sumByService(stats, rootPid, byDepartment, (pid) => ioOf(pid).reads),
    writes: sumByService(stats, rootPid, byDepartment, (pid) => ioOf(pid).writes),
  };
}

function readIo(pid: number): { reads: number; writes: number } {
  try {
    const text = readFileSync(`/proc/${pid}/io`, 'utf8');
    return { reads: Number(/^syscr: (\d+)/m.exec(text)?.[1] ?? 0), writes: Number(/^syscw: (\d+)/m.exec(text)?.[1] ?? 0) };
  } catch {
    return { reads: 0, writes: 0 }; // exited meanwhile
  }
}

function sumByService(stats: readonly ProcStat[], rootPid: number, byDepartment: boolean, valueOf: (pid: number) => number): Record<string, number> {
  const below = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) {
      if (!below.has(s.pid) && below.has(s.ppid)) {
        below.add(s.pid);
        grew = true;
      }
    }
  }
  const byService: Record<string, number> = {};
  for (const pid of below) {
    if (pid === rootPid) continue;
    const service = serviceOf(pid);
    if (!service) continue;
    const value = valueOf(pid);
    byService[service] = (byService[service] ?? 0) + value;
    const department = service === 'department' && byDepartment ? departmentOf(pid) : undefined;
    if (department) byService[`department.${department}`] = (byService[`department.${department}`] ?? 0) + value;
  }
  return byService;
}

function departmentOf(pid: number): string | undefined {
  try {
    return /(?:^|\0)HUB_DEPARTMENT=([^\0]*)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'))?.[1];
  } catch {
    return undefined; // exited meanwhile
  }
}

function serviceOf(pid: number): string | undefined {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (/nats-server/.test(commandLine)) return 'nats';
    // The bench's own PostgreSQL server (postmaster and backends) below the bench process, when it started one.
    if (/^postgres[: \0]|\/bin\/postgres\0/.test(commandLine)) return 'postgres';
    return /apps\/(department|projector|coordination|gateway)\/src\/main\.[jt]s/.exec(commandLine)?.[1];
  } catch {
    return undefined; // exited meanwhile
  }
}
