// Issue 18 §4, the intranet install drill: `npm run bundle` makes the tarball; it is unpacked under a mode-700
// directory (a home directory), installed with install.sh and started with start.sh with no registry and no npm
// (an `npm` on PATH that fails loudly proves nothing calls it); the hub becomes ready and stores an event.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePorts } from '@hub/runtime';
import { leadReported } from '../support/events.js';
import { waitUntil } from './support/processes.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('offline bundle: made here, installed and started where there is no registry and no npm', () => {
  let work: string;
  let hub: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'hub-bundle-drill-'));
    await chmod(work, 0o755);
  });

  afterAll(async () => {
    if (hub && hub.exitCode === null) {
      hub.kill('SIGKILL');
    }
    await rm(work, { recursive: true, force: true });
  });

  it('given npm run bundle, when unpacked under a 0700 directory and installed, then ./start.sh serves a ready hub that stores an event', async () => {
    const made = spawnSync('npm', ['run', '--silent', 'bundle', '--', '--out', join(work, 'out'), '--no-debs'], { cwd: ROOT, encoding: 'utf8' });
    expect(made.stderr + made.stdout).toMatch(/bundle: .*net-sword-hub-.*\.tar\.gz/);
    expect(made.status).toBe(0);
    const tarball = (made.stdout.match(/bundle: (\S+\.tar\.gz)/) ?? [])[1] ?? '';

    // The install location: inside a directory nobody else can enter (as /root or a 0700 home is).
    const home = join(work, 'home');
    await mkdir(home, { mode: 0o700 });
    await chmod(home, 0o700);
    expect(spawnSync('tar', ['xzf', tarball, '-C', home]).status).toBe(0);
    const app = join(home, 'net-sword-hub');

    // No registry, and an npm that fails loudly: the install must need neither.
    const bin = join(work, 'bin');
    await mkdir(bin);
    const npmCalled = join(work, 'npm-was-called');
    await writeFile(join(bin, 'npm'), `#!/bin/sh\ntouch ${npmCalled}\nexit 99\n`, { mode: 0o755 });
    const [port = 0, natsPort = 0, pgPort = 0] = await freePorts(3);
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_offline: 'true',
      HUB_HOME: join(app, '.hub'),
      HUB_DEPARTMENTS: 'samr',
      PORT: String(port),
      HUB_NATS_PORT: String(natsPort),
      HUB_PG_PORT: String(pgPort),
      HUB_PG_RUNTIME_DIR: join(work, 'pg-runtime'),
      NATS_URL: '',
      DATABASE_URL: '',
      DATABASE_URL_FILE: '',
    };
    const installed = spawnSync(join(app, 'install.sh'), [], { cwd: app, env, encoding: 'utf8' });
    expect(installed.stdout).toContain('install: done');
    expect(installed.status).toBe(0);

    hub = spawn(join(app, 'start.sh'), [], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    hub.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    hub.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(
      'the bundled hub is ready',
      async () => {
        if (hub?.exitCode !== null) throw new Error(`the bundled hub exited (${String(hub?.exitCode)}):\n${output.slice(-3000)}`);
        return (await fetch(`${url}/health/ready`).then((r) => r.status, () => 0)) === 200;
      },
      280_000,
      500,
    );
    const credentials = JSON.parse(await readFile(join(app, '.hub', 'credentials.json'), 'utf8')) as { units: Record<string, string> };
    const stored = await fetch(`${url}/api/v1/departments/samr/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credentials.units['samr/653100'] ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify(leadReported('L-BUNDLE-1')),
    });
    expect(stored.status).toBe(201);
    expect(existsSync(npmCalled)).toBe(false);
    // As root the cluster's data was placed where user postgres can reach it; the home stays closed.
    expect((await stat(home)).mode & 0o777).toBe(0o700);

    const exited = new Promise<number | null>((resolve) => hub?.once('exit', (code) => resolve(code)));
    hub.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 600_000);
});
