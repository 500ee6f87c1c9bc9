// Renders nats-server configuration for the hub: the local single node (written by the launcher to
// `.hub/nats/nats.conf`) and the production 3-node JetStream cluster (`deploy/nats/cluster/*.conf`).
import { accessStreamConfig, attachmentStreamConfig, eventStreamConfig } from '@hub/event-store';
import {
  DEFAULT_DURABLES,
  permissionsFor,
  type DurableReservations,
  type SubjectPermission,
} from './nats-permissions.js';
import { placeholderUserDirectory, type NatsUserDirectory } from './nats-secrets.js';
import { ALL_PRINCIPALS } from './principals.js';

// The helpers the config is made of, re-exported for callers that only import this module.
export { generateNatsSecrets, natsClientOptions, type NatsSecrets } from './nats-secrets.js';
export { inboxPrefixFor, type Principal } from './principals.js';
export { permissionsFor } from './nats-permissions.js';

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;
export const DEFAULT_MAX_PAYLOAD = 8 * MIB;

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
  /** Require client (or peer route) certificates signed by caFile. */
  verify?: boolean;
}

export interface ClusterBlockOptions {
  /** Listen address for routes. */
  host: string;
  port: number;
  /** Route URLs to solicit, e.g. `nats-route://nats-2:6222`. */
  routes: readonly string[];
  tls?: TlsFiles;
}

export interface NatsConfigOptions {
  /** Client listen address; `127.0.0.1` for the local deployment. */
  host: string;
  port: number;
  /** JetStream store directory (the server adds a `jetstream/` subdirectory). */
  storeDir: string;
  /** Bytes; default 8 MiB. */
  maxPayload?: number;
  /** Bytes; default 10 GiB. */
  maxFileStore?: number;
  /** Bytes; default 256 MiB. */
  maxMemoryStore?: number;
  serverName?: string;
  /** Monitoring endpoint port (bound on `httpHost`, default `host`). */
  httpPort?: number;
  httpHost?: string;
  /** Name of the `cluster {}` block; only used with `cluster`. Default `hub`. */
  clusterName?: string;
  cluster?: ClusterBlockOptions;
  /** Client TLS. */
  tls?: TlsFiles;
  /**
   * Emit `sync_interval: always` (fsync every write before the ack). Needs nats-server 2.10+;
   * Debian's 2.9.10 rejects the field and flushes the file store on a timer.
   */
  syncAlways?: boolean;
  lameDuckDuration?: string;
  /** Durable consumer names reserved to their owner; default projector → `projector`, coordination → `coordination`. */
  durables?: DurableReservations;
  /** A comment block at the top of the file. */
  header?: string;
}

/** Quote a value for the NATS config format; `$VAR` placeholders stay bare so the server resolves them. */
function str(value: string): string {
  return /^\$[A-Z][A-Z0-9_]*$/.test(value) ? value : JSON.stringify(value);
}

function list(values: readonly string[]): string {
  return `[${values.map(str).join(', ')}]`;
}

/** One subject per line once a list gets long, so reviews of permission changes read well. */
function subjectPermission(p: SubjectPermission, indent: string): string {
  const block = (key: string, values: readonly string[]): string =>
    values.length <= 3
      ? `${indent}  ${key}: ${list(values)}`
      : [`${indent}  ${key}: [`, ...values.map((v) => `${indent}    ${str(v)}`), `${indent}  ]`].join('\n');
  const parts = [block('allow', p.allow)];
  if (p.deny.length > 0) parts.push(block('deny', p.deny));
  return ['{', ...parts, `${indent}}`].join('\n');
}

function bytes(n: number): string {
  const unit = n % GIB === 0 ? `${n / GIB} GiB` : n % MIB === 0 ? `${n / MIB} MiB` : `${n} bytes`;
  return `${n} # ${unit}`;
}

function tlsBlock(tls: TlsFiles, indent: string): string[] {
  return [
    `${indent}tls {`,
    `${indent}  cert_file: ${str(tls.certFile)}`,
    `${indent}  key_file: ${str(tls.keyFile)}`,
    `${indent}  ca_file: ${str(tls.caFile)}`,
    ...(tls.verify === true ? [`${indent}  verify: true`] : []),
    `${indent}}`,
  ];
}

/** The `authorization { users = [...] }` block: one nkey user per principal with least-privilege permissions. */
export function renderAuthorization(keys: NatsUserDirectory, durables: DurableReservations = DEFAULT_DURABLES): string {
  const lines = ['authorization {', '  users = ['];
  for (const principal of ALL_PRINCIPALS) {
    const p = permissionsFor(principal, durables);
    lines.push(
      `    # ${principal}`,
      '    {',
      `      nkey: ${str(keys.users[principal].publicKey)}`,
      '      permissions: {',
      `        publish: ${subjectPermission(p.publish, '        ')}`,
      `        subscribe: ${subjectPermission(p.subscribe, '        ')}`,
      ...(p.allowResponses ? ['        allow_responses: true'] : []),
      '      }',
      '    }',
    );
  }
  lines.push('  ]', '}');
  return lines.join('\n');
}

/** A complete nats-server config (single node, or one cluster node when `cluster` is given). */
export function renderNatsConfig(keys: NatsUserDirectory, opts: NatsConfigOptions): string {
  const lines: string[] = [];
  const header = opts.header ?? 'Generated by @hub/runtime renderNatsConfig(); regenerate rather than edit.';
  for (const line of header.split('\n')) lines.push(line === '' ? '#' : `# ${line}`);
  lines.push('');
  if (opts.serverName !== undefined) lines.push(`server_name: ${str(opts.serverName)}`);
  lines.push(`host: ${str(opts.host)}`, `port: ${opts.port}`, `max_payload: ${bytes(opts.maxPayload ?? DEFAULT_MAX_PAYLOAD)}`);
  if (opts.httpPort !== undefined) lines.push(`http: ${str(`${opts.httpHost ?? opts.host}:${opts.httpPort}`)}`);
  if (opts.lameDuckDuration !== undefined) lines.push(`lame_duck_duration: ${str(opts.lameDuckDuration)}`);
  if (opts.tls !== undefined) lines.push(...tlsBlock(opts.tls, ''));
  lines.push(
    '',
    'jetstream {',
    `  store_dir: ${str(opts.storeDir)}`,
    `  max_file_store: ${bytes(opts.maxFileStore ?? 10 * GIB)}`,
    `  max_memory_store: ${bytes(opts.maxMemoryStore ?? 256 * MIB)}`,
    ...(opts.syncAlways === true ? ['  sync_interval: always'] : []),
    '}',
  );
  if (opts.cluster !== undefined) {
    const c = opts.cluster;
    lines.push(
      '',
      'cluster {',
      `  name: ${str(opts.clusterName ?? 'hub')}`,
      `  listen: ${str(`${c.host}:${c.port}`)}`,
      `  routes: ${list(c.routes)}`,
      ...(c.tls !== undefined ? tlsBlock(c.tls, '  ') : []),
      '}',
    );
  }
  lines.push('', renderAuthorization(keys, opts.durables), '');
  return lines.join('\n');
}

export interface ClusterNode {
  /** server_name, e.g. `nats-1`. */
  name: string;
  /** Host name the other nodes reach this node's route port on. */
  host: string;
  /** Client port; default 4222. */
  clientPort?: number;
  /** Route port; default 6222. */
  clusterPort?: number;
  /** Monitoring port; default 8222. */
  httpPort?: number;
  /** JetStream store directory of this node; default `/data/<name>`. */
  storeDir?: string;
}

export interface ClusterConfigOptions {
  nodes: readonly ClusterNode[];
  /** Name of the node to render. */
  self: string;
  clusterName?: string;
  /** Listen address on the node; default `0.0.0.0`. */
  listenHost?: string;
  /**
   * Address of the monitoring endpoint; default `127.0.0.1`: /connz, /subsz and /jsz name every client,
   * subject and consumer, so they are for an operator on the node (or a scraper beside it), not the network.
   */
  monitorHost?: string;
  maxPayload?: number;
  /** Bytes; default 100 GiB. */
  maxFileStore?: number;
  maxMemoryStore?: number;
  /** Default true: production runs nats-server 2.10+ and fsyncs each write. */
  syncAlways?: boolean;
  tls?: TlsFiles;
  routeTls?: TlsFiles;
  durables?: DurableReservations;
}

/** One node of the production JetStream cluster (3 nodes, stream `HUB_EVENTS` with `num_replicas: 3`). */
export function renderClusterNodeConfig(keys: NatsUserDirectory, opts: ClusterConfigOptions): string {
  const self = opts.nodes.find((n) => n.name === opts.self);
  if (self === undefined) throw new Error(`cluster node ${opts.self} is not among ${opts.nodes.map((n) => n.name).join(', ')}`);
  const listenHost = opts.listenHost ?? '0.0.0.0';
  const routes = opts.nodes.filter((n) => n !== self).map((n) => `nats-route://${n.host}:${n.clusterPort ?? 6222}`);
  return renderNatsConfig(keys, {
    header: [
      `Hub NATS JetStream cluster, node ${self.name} of ${opts.nodes.length} (cluster ${opts.clusterName ?? 'hub'}).`,
      'Rendered by @hub/runtime renderClusterNodeConfig(); see deploy/nats/README.md.',
      'nkeys are $HUB_NKEY_* placeholders resolved from the environment (public keys, not secrets).',
      opts.syncAlways === false ? '' : 'Requires nats-server 2.10+ (sync_interval: always).',
    ]
      .filter((l) => l !== '')
      .join('\n'),
    serverName: self.name,
    host: listenHost,
    port: self.clientPort ?? 4222,
    httpPort: self.httpPort ?? 8222,
    httpHost: opts.monitorHost ?? '127.0.0.1',
    storeDir: self.storeDir ?? `/data/${self.name}`,
    maxPayload: opts.maxPayload,
    maxFileStore: opts.maxFileStore ?? 100 * GIB,
    maxMemoryStore: opts.maxMemoryStore ?? 1 * GIB,
    syncAlways: opts.syncAlways ?? true,
    lameDuckDuration: '30s',
    tls: opts.tls,
    clusterName: opts.clusterName ?? 'hub',
    cluster: { host: listenHost, port: self.clusterPort ?? 6222, routes, tls: opts.routeTls },
    durables: opts.durables,
  });
}


/** Node layout of the documented production cluster (`deploy/nats/cluster/`). */
export const PRODUCTION_CLUSTER_NODES: readonly ClusterNode[] = [
  { name: 'nats-1', host: 'nats-1', storeDir: '/data/nats-1' },
  { name: 'nats-2', host: 'nats-2', storeDir: '/data/nats-2' },
  { name: 'nats-3', host: 'nats-3', storeDir: '/data/nats-3' },
];

export const PRODUCTION_TLS: TlsFiles = {
  certFile: '/etc/nats/tls/server.crt',
  keyFile: '/etc/nats/tls/server.key',
  caFile: '/etc/nats/tls/ca.crt',
};

/**
 * The committed files under `deploy/nats/cluster/`, keyed by file name: three node configs with
 * `$HUB_NKEY_*` placeholders (or real public keys when `keys` is given) and the R3 stream definition
 * (JetStream API JSON, usable with `nats stream add --config`).
 */
export function productionClusterFiles(keys: NatsUserDirectory = placeholderUserDirectory()): Record<string, string> {
  const files: Record<string, string> = {};
  for (const node of PRODUCTION_CLUSTER_NODES) {
    files[`${node.name}.conf`] = renderClusterNodeConfig(keys, {
      nodes: PRODUCTION_CLUSTER_NODES,
      self: node.name,
      tls: PRODUCTION_TLS,
      routeTls: { ...PRODUCTION_TLS, verify: true },
    });
  }
  files['hub-events.stream.json'] = `${JSON.stringify(eventStreamConfig({ replicas: 3 }), null, 2)}\n`;
  // The access log (180 days by default) beside the event log, on the same three nodes.
  files['hub-access.stream.json'] = `${JSON.stringify(accessStreamConfig({ replicas: 3 }), null, 2)}\n`;
  // The attachments bucket (object store), on the same three nodes.
  files['obj-hub-attachments.stream.json'] = `${JSON.stringify(attachmentStreamConfig({ replicas: 3 }), null, 2)}\n`;
  return files;
}
