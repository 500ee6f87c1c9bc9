// Builds the web UI (apps/web, Vue + Naive UI + ECharts) into dist/web, which the gateway serves at `/`.
// Skips the build when dist/web is newer than every source file (npm start runs this each time);
// `--force` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../apps/web/', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web/', import.meta.url));
const stamp = join(outDir, 'index.html');
// apps/web imports the API contracts with `import type` only (erased at build); the alias mirrors apps/web/tsconfig.json.
const contracts = fileURLToPath(new URL('../libs/read-models/src/contracts.ts', import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const lockfile = fileURLToPath(new URL('../package-lock.json', import.meta.url));
const upToDate = existsSync(stamp) && statSync(stamp).mtimeMs > Math.max(newestSource(root), statSync(lockfile).mtimeMs);
if (upToDate && !process.argv.includes('--force')) {
  console.log('web UI: dist/web is up to date');
} else {
  console.log('web UI: building apps/web → dist/web …');
  await build({
    root,
    base: './',
    logLevel: 'warn',
    configFile: false,
    resolve: { alias: { '@hub/contracts': contracts } },
    oxc: { jsx: { runtime: 'automatic', importSource: 'vue' } },
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 1_500, reportCompressedSize: false },
  });
  console.log('web UI: built');
}
