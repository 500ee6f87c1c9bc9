// The environment each hub workload gets. Only names the services read today (their *.config.ts, service-env.ts,
// health-http.ts — the unit spec scans them) or Node itself reads. Secrets are files where the service reads
// `<NAME>_FILE` (the NATS and signing seeds, the credentials file, the database URL with its password).
import { departmentHealthService } from '@hub/domain';
import { inboxPrefixFor } from '../principals.js';
import { GATEWAY_PORT, HEALTH_PORT, HUB_SERVICES, KEY_REGISTRY_DIR, NATS_CA_DIR, SECRETS_DIR, signingKeyOf, type HubWorkload, type SecretItem } from './names.js';

export type EnvEntry = { name: string; value: string } | { name: string; fromSecret: SecretItem };

export interface EnvOptions {
  natsUrl: string;
  /** The CA of the NATS server certificate (Kubernetes: NATS speaks TLS); none on the compose bridge network. */
  natsCa: boolean;
  /** V8 heap cap in MiB, below the container's memory limit so the pod is not OOM-killed mid-batch. */
  heapMiB: number;
  /** Replicas of the event stream the stream job creates: 3 on the NATS cluster, 1 on a single node. */
  streamReplicas: number;
}

/** Node's own variables (not the services'): allowed besides what the services read. */
export const NODE_ENV_NAMES: readonly string[] = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'];

const file = (item: SecretItem): string => `${SECRETS_DIR}/${item}`;

/** /health/ready of the gateway waits for exactly the services deployed next to it. */
export function readinessServices(): string {
  return HUB_SERVICES.filter((w) => w.component !== 'gateway')
    .map((w) => (w.component === 'department' ? departmentHealthService(w.department ?? '') : w.name))
    .join(',');
}

/** The department's folded state between container restarts (an emptyDir: a rescheduled pod folds the whole stream). */
export const SNAPSHOT_DIR = '/var/lib/hub/snapshots';

export function workloadEnv(workload: HubWorkload, options: EnvOptions): EnvEntry[] {
  const env: EnvEntry[] = [
    { name: 'NATS_URL', value: options.natsUrl },
    { name: 'HUB_NATS_SEED_FILE', value: file('nats.seed') },
    { name: 'HUB_INBOX_PREFIX', value: inboxPrefixFor(workload.principal) },
    { name: 'NODE_OPTIONS', value: `--max-old-space-size=${options.heapMiB}` },
  ];
  if (options.natsCa) env.push({ name: 'NODE_EXTRA_CA_CERTS', value: `${NATS_CA_DIR}/ca.crt` });
  if (signingKeyOf(workload) !== undefined) env.push({ name: 'HUB_SIGNING_SEED_FILE', value: file('signing.seed') });
  if (workload.component === 'department') {
    env.push({ name: 'HUB_DEPARTMENT', value: workload.department ?? '' }, { name: 'HUB_INDEX_SNAPSHOT_DIR', value: SNAPSHOT_DIR });
  }
  if (workload.component === 'gateway') {
    env.push(
      { name: 'HOST', value: '0.0.0.0' },
      { name: 'PORT', value: String(GATEWAY_PORT) },
      { name: 'DATABASE_URL_FILE', value: file('database-url') },
      { name: 'HUB_CREDENTIALS_FILE', value: file('credentials.json') },
      { name: 'HUB_KEY_REGISTRY', value: `${KEY_REGISTRY_DIR}/registry.json` },
      // Pod and ingress-controller addresses are private: their X-Forwarded-For is the client's.
      { name: 'HUB_TRUST_PROXY', value: 'uniquelocal' },
      { name: 'HUB_READINESS_SERVICES', value: readinessServices() },
    );
  } else if (workload.component !== 'stream-init') {
    env.push({ name: 'HUB_HEALTH_PORT', value: String(HEALTH_PORT) });
  }
  if (workload.component === 'projector' || workload.component === 'coordination') env.push({ name: 'DATABASE_URL_FILE', value: file('database-url') });
  if (workload.component === 'stream-init') env.push({ name: 'HUB_STREAM_REPLICAS', value: String(options.streamReplicas) });
  return env;
}

/** 75% of a Kubernetes memory limit (`768Mi`, `1Gi`, `1536Mi`) in MiB. */
export function heapFor(memoryLimit: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(memoryLimit);
  if (!match) throw new Error(`memory limit ${memoryLimit}: expected <n>Mi or <n>Gi`);
  const mib = Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
  return Math.floor(mib * 0.75);
}
