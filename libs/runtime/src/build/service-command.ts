// How a hub service process is started, wherever it runs (npm start's launcher, the k8s manifests, compose, the
// image): plain `node` on the JavaScript build of its entry point. No loader: transpiling the sources at every
// start cost each of the sixteen services ~200 MiB of RSS and seconds of CPU (issue 16).

/** Where `npm run build:server` puts the services' JavaScript, under the project root. */
export const SERVER_BUILD_DIR = 'dist/server';

/**
 * The young generation's semi-space, MiB, by entry point. 24 for the department services: intake allocates fast and
 * short-lived, and at V8's default (16) scavenges cost the department service ~7% more CPU per event; 64 held another
 * 64 MiB per busy process at the bench's peak, 32 still 2 × 32 in samr at the bench's peak (issue 16: the launched
 * hub ≤ 2 GiB RSS), see bench/README for what 32 costs. V8's default (16) for the gateway: at 32 its young generation stood at its full 2 × 32 MiB at the bench's
 * peak; at 16 the gateway peaked at 150–156 MiB instead of 175–185 (and 138–141 at ready instead of 155–170), its
 * share of the hub's CPU per (h) request unchanged within the noise (three interleaved h,f,i pairs, 2026-12-08).
 * V8's default for the consumers (projector, coordination): their pace is set by PostgreSQL.
 */
export function semiSpaceMiB(entry: string): number {
  return /apps\/department\/src\/main\.[jt]s$/.test(entry) ? 24 : 16;
}

/**
 * The consumers' old generation (projector, coordination) grows by a fixed 2× between full collections instead of
 * V8's adaptive factor (up to 4× when collections look cheap). Their pace is set by PostgreSQL, not by collections:
 * the projector's heap is mostly short-lived batch rows (306 → 207 MiB at the bench's peak), coordination's its
 * correlation state, which grows with every lead (folding 115k bench leads: peak RSS 512 → 422 MiB, CPU per event
 * within noise). Issue 16: the launched hub ≤ 2 GiB RSS; bench/README for what it costs.
 */
function heapGrowingFlags(entry: string): string[] {
  return /apps\/(projector|coordination)\/src\/main\.[jt]s$/.test(entry) ? ['--heap-growing-percent=100'] : [];
}

/** The hub's services (`apps/<app>/src/main`), as opposed to a one-off script or a test fixture. */
function isService(entry: string): boolean {
  return /apps\/[^/]+\/src\/main\.[jt]s$/.test(entry);
}

/**
 * Every service's Node flags. `--expose-gc` for the services: each collects its garbage when it has gone idle
 * (`collectGarbageWhenIdle`). No `--enable-source-maps`: it keeps every module's map in memory (~14 MiB per
 * service, a tenth of an idle department's RSS); stack traces name dist/server/…js lines, which swc keeps close to
 * the TypeScript. `NODE_OPTIONS=--enable-source-maps` (inherited by every service) turns them back on.
 */
export function serviceNodeFlags(entry: string): string[] {
  return [`--max-semi-space-size=${semiSpaceMiB(entry)}`, ...heapGrowingFlags(entry), ...(isService(entry) ? ['--expose-gc'] : [])];
}

/** `libs/domain/src/index.ts` → `libs/domain/src/index.js`; data files (JSON) keep their name. */
export function compiledPath(source: string): string {
  return source.endsWith('.ts') ? `${source.slice(0, -3)}.js` : source;
}

/** `apps/gateway/src/main.ts` → `dist/server/apps/gateway/src/main.js` (relative to the project root). */
export function compiledEntry(entry: string): string {
  return `${SERVER_BUILD_DIR}/${compiledPath(entry)}`;
}

/**
 * `node`'s arguments for a service entry point: a built `.js` runs as it is; a `.ts` (a test fixture, a
 * developer's one-off) goes through swc's loader.
 */
export function serviceNodeArgs(entry: string): string[] {
  const flags = serviceNodeFlags(entry);
  return entry.endsWith('.ts') ? [...flags, '--import', '@swc-node/register/esm-register', entry] : [...flags, entry];
}
