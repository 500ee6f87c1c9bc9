// Names shared by the manifests, the compose file and `npm run deploy:secrets`, so they cannot drift apart.
import { REPORTING_DEPARTMENTS } from '@hub/domain';
import type { Principal } from '../principals.js';

export const APP = 'net-sword-hub';
export const IMAGE = 'net-sword-hub:0.1.0';
export const NATS_IMAGE = 'nats:2.10.29-alpine';

/** Every hub component that runs as its own workload. */
export type Component = 'gateway' | 'department' | 'projector' | 'coordination' | 'stream-init' | 'nats';

/** DNS-1123 names: `culture_tourism` → `culture-tourism`. */
export const dnsName = (code: string): string => code.replace(/_/g, '-');

/** One hub workload: its name, the NATS principal it connects as and the source it runs. */
export interface HubWorkload {
  name: string;
  component: Exclude<Component, 'nats'>;
  principal: Principal;
  entry: string;
  department?: string;
}

export const GATEWAY: HubWorkload = { name: 'gateway', component: 'gateway', principal: 'gateway', entry: 'apps/gateway/src/main.ts' };
export const PROJECTOR: HubWorkload = { name: 'projector', component: 'projector', principal: 'projector', entry: 'apps/projector/src/main.ts' };
export const COORDINATION: HubWorkload = { name: 'coordination', component: 'coordination', principal: 'coordination', entry: 'apps/coordination/src/main.ts' };
/** Creates the R3 event stream once, as `admin` (the only workload holding the admin seed). */
export const STREAM_INIT: HubWorkload = { name: 'stream-init', component: 'stream-init', principal: 'admin', entry: 'scripts/ensure-stream.ts' };

export function departmentWorkload(department: string): HubWorkload {
  return { name: `department-${dnsName(department)}`, component: 'department', principal: `dept:${department}` as Principal, entry: 'apps/department/src/main.ts', department };
}

export const DEPARTMENT_WORKLOADS: readonly HubWorkload[] = REPORTING_DEPARTMENTS.map(departmentWorkload);

/** Every long-running hub service (not the stream job). */
export const HUB_SERVICES: readonly HubWorkload[] = [GATEWAY, ...DEPARTMENT_WORKLOADS, PROJECTOR, COORDINATION];

/** What a workload's own Secret holds, file by file. */
export type SecretItem = 'nats.seed' | 'signing.seed' | 'database-url' | 'credentials.json' | 'username' | 'password';

/** The one Secret of a workload: `hub-<name>`; nobody else mounts or references it. */
export const secretName = (workload: HubWorkload): string => `hub-${workload.name}`;

export function secretItems(workload: HubWorkload): SecretItem[] {
  const items: SecretItem[] = ['nats.seed'];
  if (workload.component === 'department' || workload.component === 'coordination') items.push('signing.seed');
  if (workload.component === 'gateway' || workload.component === 'projector' || workload.component === 'coordination') items.push('database-url', 'username', 'password');
  if (workload.component === 'gateway') items.push('credentials.json');
  return items;
}

/** Whose signing key a workload holds: a department its own, coordination the joint office's. */
export const signingKeyOf = (workload: HubWorkload): string | undefined =>
  workload.component === 'department' ? workload.department : workload.component === 'coordination' ? 'joint' : undefined;

/** PostgreSQL role of a workload that uses the database (one per service). */
export const databaseRole = (workload: HubWorkload): string => `hub_${workload.name.replace(/-/g, '_')}`;

export const SECRETS_DIR = '/etc/hub/secrets';
export const NATS_CA_DIR = '/etc/hub/nats-ca';
export const KEY_REGISTRY_DIR = '/etc/hub/keys';
export const HEALTH_PORT = 8081;
export const GATEWAY_PORT = 3000;
export const DATABASE_NAME = 'hub';
/** CloudNativePG cluster name (province overlay); its read-write service is `<name>-rw`. */
export const CNPG_CLUSTER = 'hub-db';
