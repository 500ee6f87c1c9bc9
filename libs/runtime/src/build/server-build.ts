// The services' JavaScript build: every TypeScript file of apps/ (but the web UI), libs/, scripts/ and bench/ transpiled by
// swc into dist/server/ with the same layout, the `@hub/*` path aliases of tsconfig.json rewritten to relative
// imports, and the JSON data files the code reads beside their modules (campaign files). Incremental: a file is
// transpiled again only when its source is newer than its output, so a run with nothing changed takes a fraction of
// a second. Only Node built-ins and @swc/core are imported here: scripts/build-server.ts runs this without
// pulling in the rest of the runtime.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { transform, type Options } from '@swc/core';

import { SERVER_BUILD_DIR, compiledPath } from './service-command.js';

/**
 * What is built: these trees of the project root… (bench/ too: the auditors' verify bench times the audit worker
 * threads as the gateway runs them, from JavaScript, not each worker loading its TypeScript through swc first.)
 */
const SOURCE_TREES = ['apps', 'libs', 'scripts', 'bench'];
/** …but not the web UI (Vite builds it into dist/web), tests, nor scratch files. */
const SKIPPED_DIRS = new Set(['node_modules', join('apps', 'web')]);
const isTest = (file: string): boolean => /\.(spec|[a-z]+-spec)\.ts$/.test(file) || file.endsWith('.tmp.ts') || file.endsWith('.d.ts');

/** The same transform as the tests (jest.config.js) and the swc loader: legacy decorators with metadata for NestJS. */
const SWC_OPTIONS: Options = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'es6' },
  // Maps name the source files instead of carrying them: --enable-source-maps keeps every map in memory.
  sourceMaps: true,
  inlineSourcesContent: false,
};

export interface ServerBuildResult {
  /** Files transpiled or copied in this run (0 when everything was up to date). */
  built: number;
  /** Source files the build covers. */
  sources: number;
  /** Outputs deleted because their source is gone. */
  removed: number;
  outDir: string;
}

/** `@hub/domain` → `libs/domain/src/index.ts` (relative to the root), from tsconfig.json's `paths`. */
async function pathAliases(root: string): Promise<Map<string, string>> {
  const tsconfig = JSON.parse(await readFile(join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions?: { paths?: Record<string, string[]> } };
  const aliases = new Map<string, string>();
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions?.paths ?? {})) {
    if (alias.includes('*') || !target) throw new Error(`tsconfig.json paths: only exact aliases are supported by the server build (got "${alias}")`);
    aliases.set(alias, join(target));
  }
  return aliases;
}

async function walk(root: string, dir: string, into: string[]): Promise<void> {
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(path)) await walk(root, path, into);
    } else if ((entry.name.endsWith('.ts') && !isTest(entry.name)) || (entry.name.endsWith('.json') && dir.split(sep).includes('src'))) {
      into.push(path);
    }
  }
}

/** Rewrites `"@hub/x"` module specifiers (imports, re-exports, dynamic imports) to the relative path of its build. */
function rewriteAliases(code: string, source: string, aliases: Map<string, string>): string {
  return code.replace(/(\bfrom\s*|\bimport\s*\(?\s*)(["'])(@hub\/[\w/-]+)\2/g, (whole, keyword: string, quote: string, specifier: string) => {
    const target = aliases.get(specifier);
    if (!target) return whole;
    let path = relative(dirname(source), compiledPath(target)).split(sep).join('/');
    if (!path.startsWith('.')) path = `./${path}`;
    return `${keyword}${quote}${path}${quote}`;
  });
}

async function writeAtomically(file: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // A temporary name and a rename: a service started meanwhile (or a second build) never reads half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

async function buildOne(root: string, outDir: string, source: string, aliases: Map<string, string>): Promise<void> {
  const output = join(outDir, compiledPath(source));
  const content = await readFile(join(root, source));
  if (!source.endsWith('.ts')) return writeAtomically(output, content);
  const result = await transform(content.toString('utf8'), { ...SWC_OPTIONS, filename: join(root, source), sourceFileName: relative(dirname(output), join(root, source)) });
  const mapName = `${output.split(sep).pop() ?? ''}.map`;
  await writeAtomically(`${output}.map`, result.map ?? '');
  await writeAtomically(output, `${rewriteAliases(result.code, source, aliases)}\n//# sourceMappingURL=${mapName}\n`);
}

async function isStale(root: string, outDir: string, source: string): Promise<boolean> {
  const output = join(outDir, compiledPath(source));
  if (!existsSync(output)) return true;
  const [from, to] = await Promise.all([stat(join(root, source)), stat(output)]);
  return from.mtimeMs > to.mtimeMs;
}

/** Outputs (and their maps) whose source is gone: a deleted module must not stay importable from the build. */
async function removeOrphans(outDir: string, sources: readonly string[]): Promise<number> {
  const expected = new Set(sources.flatMap((source) => [compiledPath(source), `${compiledPath(source)}.map`]));
  const present: string[] = [];
  const list = async (dir: string): Promise<void> => {
    for (const entry of await readdir(join(outDir, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await list(path);
      else present.push(path);
    }
  };
  for (const tree of SOURCE_TREES) if (existsSync(join(outDir, tree))) await list(tree);
  const orphans = present.filter((file) => !expected.has(file));
  await Promise.all(orphans.map((file) => rm(join(outDir, file), { force: true })));
  return orphans.length;
}

/**
 * Brings `<root>/dist/server` up to date with the sources. A change of the transform options or of the path
 * aliases rebuilds everything (a stamp file records both).
 */
export async function buildServer(root: string, outDir: string = join(root, SERVER_BUILD_DIR)): Promise<ServerBuildResult> {
  const aliases = await pathAliases(root);
  const stampFile = join(outDir, '.build-stamp');
  const stamp = createHash('sha256')
    .update(JSON.stringify({ SWC_OPTIONS, aliases: [...aliases] }))
    .digest('hex');
  const sameStamp = existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp;
  const sources: string[] = [];
  for (const tree of SOURCE_TREES) if (existsSync(join(root, tree))) await walk(root, tree, sources);
  const stale: string[] = [];
  for (const source of sources) if (!sameStamp || (await isStale(root, outDir, source))) stale.push(source);
  await Promise.all(stale.map((source) => buildOne(root, outDir, source, aliases)));
  const removed = await removeOrphans(outDir, sources);
  if (!sameStamp) await writeAtomically(stampFile, stamp);
  return { built: stale.length, sources: sources.length, removed, outDir };
}
