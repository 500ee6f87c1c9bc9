// A CPU profile of one phase of a benchmark (BENCH_PROFILE=<file.cpuprofile>), rather than of the whole
// run with its set-up, so the profile shows where the measured time goes. Open it in Chrome DevTools.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

export interface CpuProfile {
  /** Stops profiling, writes the profile and returns its path. */
  stop(path: string): Promise<string>;
}

export async function startCpuProfile(): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(path) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await writeFile(path, JSON.stringify(profile));
      return path;
    },
  };
}
