// The benchmarks' PostgreSQL: DATABASE_URL's server when set, else a scratch embedded one — whose processes
// this machine can see, so its CPU per event can be read from /proc.
import { startScratchPostgres } from '@hub/runtime';
import { benchPostgresSettings } from './postgres-probe.js';
import { postmasterPid } from './process-cpu.js';

export interface BenchPostgres {
  /** The server's maintenance URL, for createTestDatabase(). */
  serverUrl: string;
  /** The postmaster's pid (embedded server only). */
  pid: number | undefined;
  dispose(): Promise<void>;
}

export async function benchPostgres(): Promise<BenchPostgres> {
  const given = process.env.DATABASE_URL;
  if (given) return { serverUrl: given, pid: undefined, dispose: () => Promise.resolve() };
  const scratch = await startScratchPostgres('hub-bench-pg-', benchPostgresSettings());
  return { serverUrl: scratch.serverUrl, pid: postmasterPid(scratch.dataDir), dispose: () => scratch.dispose() };
}
