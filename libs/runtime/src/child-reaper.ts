// The servers and services a process starts must not outlive it. A bench or a launcher stopped with Ctrl-C, or
// a test runner that crashes, used to leave its embedded PostgreSQL, its services and its nats-server running
// with ppid 1 (holding ports, memory and the machine's CPU) until someone found them by pid.
import type { ChildProcess } from 'node:child_process';

const live = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;

/**
 * Sends `signal` to `child` when this process exits, if it is still running then. 'exit' listeners run
 * synchronously, so the signal is sent and not awaited: SIGKILL for processes that keep nothing worth a clean
 * stop; PostgreSQL gets SIGQUIT (immediate shutdown), which stops its backends too, where SIGKILL of the
 * postmaster would orphan them.
 */
export function reapOnExit(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  live.set(child, signal);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [c, s] of live) c.kill(s);
  });
}

/**
 * For a script with no graceful stop of its own (a bench): SIGINT, SIGTERM or SIGHUP end it through
 * `process.exit`, which — unlike the signals' default action — runs the 'exit' listeners and so reaps its
 * children.
 */
export function exitOnInterrupt(code = 130): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`[${signal}] stopping; the servers this process started are stopped with it`);
      process.exit(code);
    });
  }
}
