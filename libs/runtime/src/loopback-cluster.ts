// The production cluster layout (3 nodes, JetStream, the hub's users and permissions) on loopback ports,
// for tests and fault drills. Debian's nats-server 2.9.10 has no sync_interval, so it is rendered without.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePorts } from './free-port.js';
import { renderClusterNodeConfig, type ClusterNode } from './nats-config.js';
import type { NatsSecrets } from './nats-secrets.js';
import { NatsServerStartError, startNatsServer, type RunningNats } from './nats-server.js';

/**
 * Starts nats-1..3 under `dir` on distinct free ports. Every started node is pushed to `servers` (also on
 * failure) so the caller can stop them; a port taken by someone else between allocation and bind means a
 * fresh attempt. Resolves with the node layout once every node accepts clients (the JetStream metadata
 * leader may still be being elected: wait for /metadata leader/ in the logs).
 */
export async function startLoopbackCluster(dir: string, secrets: NatsSecrets, servers: RunningNats[]): Promise<ClusterNode[]> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(9);
    const nodes: ClusterNode[] = ['nats-1', 'nats-2', 'nats-3'].map((name, i) => ({
      name,
      host: '127.0.0.1',
      clientPort: ports[3 * i],
      clusterPort: ports[3 * i + 1],
      httpPort: ports[3 * i + 2],
      storeDir: join(dir, `${name}-${attempt}`),
    }));
    const results = await Promise.allSettled(
      nodes.map(async (node) => {
        const configFile = join(dir, `${node.name}.conf`);
        await writeFile(configFile, renderClusterNodeConfig(secrets, { nodes, self: node.name, listenHost: '127.0.0.1', syncAlways: false }));
        return startNatsServer({ configFile, logFile: join(dir, `${node.name}-${attempt}.log`), unref: true });
      }),
    );
    const failures: unknown[] = [];
    for (const r of results) {
      if (r.status === 'fulfilled') servers.push(r.value);
      else failures.push(r.reason);
    }
    if (failures.length === 0) return nodes;
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    const portClash = failures.every((f) => f instanceof NatsServerStartError && /address already in use/.test(f.logTail));
    if (!portClash || attempt >= 3) throw failures[0];
  }
}
