// How a hub service process is started, wherever it runs (npm start's launcher, the k8s manifests, compose, the
// image): plain `node` on the JavaScript build of its entry point. No loader: transpiling the sources at every
// start cost each of the sixteen services ~200 MiB of RSS and seconds of CPU (issue 16).

/** Where `npm run build:server` puts the services' JavaScript, under the project root. */
export const SERVER_BUILD_DIR = 'dist/server';

/**
 * Every service's Node flags. Source maps: stack traces in the logs name the TypeScript lines. A 64 MiB young
 * generation: ingest allocates fast and short-lived; at the default size scavenges cost the department service
 * ~7% more CPU per event (bench/README: npm run bench, CPU per event).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--enable-source-maps', '--max-semi-space-size=64'];

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
  return entry.endsWith('.ts') ? [...SERVICE_NODE_FLAGS, '--import', '@swc-node/register/esm-register', entry] : [...SERVICE_NODE_FLAGS, entry];
}
