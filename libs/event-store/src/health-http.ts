import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The orchestrator's view of a service without an HTTP API (department, projector, coordination): Kubernetes
 * probes and docker health checks speak HTTP, not NATS request/reply. Served only when `HUB_HEALTH_PORT` is set
 * (the manifests set it; `npm start` does not), from before the service starts: `/health/live` answers 200 at
 * once (a long start-up, e.g. the id index rebuild, is not a hang), `/health/ready` 503 until `ready` is given
 * and then whatever it says. Bodies say yes or no only — the port is unauthenticated.
 */
export interface HealthEndpoint {
  /** From now on /health/ready answers `check()`; before the first call it answers 503. */
  readyWhen(check: () => boolean): void;
  /** The bound port once listening (HUB_HEALTH_PORT=0 picks a free one); undefined when not served. */
  listening: Promise<number | undefined>;
  close(): Promise<void>;
}

const NONE: HealthEndpoint = { readyWhen: () => undefined, listening: Promise.resolve(undefined), close: () => Promise.resolve() };

export function serveHealthHttp(env: NodeJS.ProcessEnv = process.env): HealthEndpoint {
  const port = env.HUB_HEALTH_PORT;
  if (!port) return NONE;
  if (!/^\d+$/.test(port) || Number(port) > 65_535) throw new Error(`HUB_HEALTH_PORT: expected a TCP port, got "${port}"`);
  let ready: () => boolean = () => false;
  const server: Server = createServer((request, response) => {
    const ok = request.url === '/health/live' ? true : request.url === '/health/ready' ? ready() : undefined;
    response.setHeader('Cache-Control', 'no-store');
    if (ok === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(request.url === '/health/live' ? { live: true } : { ready: ok }));
  });
  const listening = new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), env.HUB_HEALTH_HOST ?? '0.0.0.0', () => resolve((server.address() as AddressInfo).port));
  });
  // The probe port must never keep a stopping service alive.
  server.unref();
  return {
    readyWhen(check) {
      ready = check;
    },
    listening,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
