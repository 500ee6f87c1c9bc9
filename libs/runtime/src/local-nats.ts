// The local deployment's nats-server: seeds in `<hubDir>/nats-secrets.json`, generated config in
// `<hubDir>/nats/nats.conf`, JetStream store in `<hubDir>/nats/store`. Nothing here is committed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderNatsConfig, type NatsConfigOptions } from './nats-config.js';
import { loadOrCreateNatsSecrets, type NatsSecrets } from './nats-secrets.js';
import { startNatsServer, type RunningNats } from './nats-server.js';

export interface LocalNatsPaths {
  secretsFile: string;
  configFile: string;
  storeDir: string;
  logFile: string;
}

export function localNatsPaths(hubDir: string): LocalNatsPaths {
  return {
    secretsFile: join(hubDir, 'nats-secrets.json'),
    configFile: join(hubDir, 'nats', 'nats.conf'),
    storeDir: join(hubDir, 'nats', 'store'),
    logFile: join(hubDir, 'nats', 'nats-server.log'),
  };
}

export interface StartLocalNatsOptions {
  /** The git-ignored runtime directory, e.g. `<repo>/.hub`. */
  hubDir: string;
  /** Client port; default 4222. */
  port?: number;
  /** Default `127.0.0.1` (loopback only). */
  host?: string;
  httpPort?: number;
  config?: Partial<Omit<NatsConfigOptions, 'host' | 'port' | 'storeDir' | 'httpPort'>>;
}

export interface LocalNats extends RunningNats, LocalNatsPaths {
  secrets: NatsSecrets;
  /** True when this start generated the seeds. */
  secretsCreated: boolean;
}

/**
 * Go's collector for the local nats-server: GOGC=50 (a heap of 1.5× what is live at most, not Go's default 2×)
 * unless the operator set GOGC (GOGC=100 is Go's default back). Under the bench's load its RSS peaked at 135–206
 * MiB instead of 225–320 (issue 16: the launched hub ≤ 2 GiB RSS), for ~20% more of its own CPU per event (~25 µs,
 * two noisy pairs; bench/README). And a soft memory limit, GOMEMLIMIT=160MiB (Debian's 2.9.10 is built with Go
 * 1.19, which has it), unless the operator set one: below it nothing changes; near it Go collects sooner and
 * returns freed pages to the system. GOGC alone let a burst leave it at 295–385 MiB; with a 192 MiB limit its largest RSS
 * over three `h,f,i` runs was 166–197 MiB, its CPU per event relative to the department's unchanged within the noise
 * (2026-12-07, load 8–16). A hard 128 MiB was tried earlier: a larger CPU rise, one run. 160 MiB since
 * 2026-12-08: at 192 it still peaked at 170–188 MiB in the busier bench runs, the hub's total at the 2 GiB line; at
 * 160 it peaked at 155–165, its share of the hub's CPU per (h) request unchanged within the noise (three pairs).
 */
export function natsRuntimeEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { ...(env.GOGC === undefined ? { GOGC: '50' } : {}), ...(env.GOMEMLIMIT === undefined ? { GOMEMLIMIT: '160MiB' } : {}) };
}

/**
 * Loads (or on first run generates) the nkey seeds, rewrites the config from them and starts the server.
 * The config is regenerated on every start so permission changes apply; the store and seeds persist.
 */
export async function startLocalNats(opts: StartLocalNatsOptions): Promise<LocalNats> {
  const paths = localNatsPaths(opts.hubDir);
  const { secrets, created } = await loadOrCreateNatsSecrets(paths.secretsFile);
  await mkdir(paths.storeDir, { recursive: true });
  const config = renderNatsConfig(secrets, {
    ...opts.config,
    host: opts.host ?? '127.0.0.1',
    port: opts.port ?? 4222,
    storeDir: paths.storeDir,
    httpPort: opts.httpPort,
  });
  await writeFile(paths.configFile, config, { mode: 0o600 });
  const running = await startNatsServer({ configFile: paths.configFile, logFile: paths.logFile, env: natsRuntimeEnv() });
  return { ...running, ...paths, secrets, secretsCreated: created };
}
