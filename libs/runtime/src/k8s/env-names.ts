// Which environment variables a hub service reads, scanned from its configuration sources: `env.NAME`,
// `env['NAME']`, and `required('NAME')`, `secret('NAME')`, `readSecret('NAME', …)` (which also read NAME_FILE). The manifests must not set
// a name nobody reads (a typo there is a silently ignored setting).
import { readFileSync } from 'node:fs';
import type { Component } from './names.js';

/** The files each component's configuration is read in (relative to the repository root). */
export const CONFIG_SOURCES: Record<Exclude<Component, 'nats'>, readonly string[]> = {
  gateway: ['apps/gateway/src/gateway.config.ts', 'libs/runtime/src/service-env.ts'],
  department: ['apps/department/src/department.config.ts', 'libs/runtime/src/service-env.ts', 'libs/event-store/src/health-http.ts'],
  projector: ['apps/projector/src/projector.config.ts', 'libs/runtime/src/service-env.ts', 'libs/event-store/src/health-http.ts'],
  coordination: ['apps/coordination/src/coordination.config.ts', 'libs/runtime/src/service-env.ts', 'libs/event-store/src/health-http.ts'],
  'stream-init': ['scripts/ensure-stream.ts', 'libs/runtime/src/service-env.ts'],
};

export function namesReadIn(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]*)/g)) names.add(m[1] ?? '');
  for (const m of source.matchAll(/\b(?:required|secret|readSecret)\(['"]([A-Z][A-Z0-9_]*)['"][,)]/g)) names.add(m[1] ?? '').add(`${m[1] ?? ''}_FILE`);
  return names;
}

export function namesReadBy(component: Exclude<Component, 'nats'>, root: string): Set<string> {
  const names = new Set<string>();
  for (const file of CONFIG_SOURCES[component]) for (const name of namesReadIn(readFileSync(`${root}/${file}`, 'utf8'))) names.add(name);
  return names;
}
