// PostgreSQL for the province overlay: a CloudNativePG `Cluster` of 3 instances (one primary, two streaming
// replicas, automatic fail-over). Each service connects as its own role, whose password lives in that service's
// Secret only (`managed.roles[].passwordSecret`); the database is owned by `hub`, and the roles are members of it
// until the per-service grants of issue 12 §4 narrow them. `base` and `small` use an external server instead:
// each service's DATABASE_URL is in its own Secret (npm run deploy:secrets --database-url …).
import { CNPG_CLUSTER, DATABASE_NAME, HUB_SERVICES, databaseRole, secretName, secretItems } from './names.js';
import { resources, type K8sObject } from './objects.js';
import type { HubProfile } from './profiles.js';

export const CNPG_OWNER_SECRET = 'hub-db-owner';

/** A service's login role, acting as the owner `hub` (SET role) until the per-service grants of issue 12 §4. */
export function roleSql(role: string, password?: string): string[] {
  return [`CREATE ROLE ${role} LOGIN${password === undefined ? '' : ` PASSWORD '${password}'`} IN ROLE ${DATABASE_NAME};`, `ALTER ROLE ${role} SET role = '${DATABASE_NAME}';`];
}

export function databaseObjects(profile: HubProfile): K8sObject[] {
  const db = profile.database;
  if (db.kind !== 'cnpg') return [];
  const users = HUB_SERVICES.filter((w) => secretItems(w).includes('database-url'));
  return [
    {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: CNPG_CLUSTER, labels: { 'app.kubernetes.io/name': CNPG_CLUSTER, 'app.kubernetes.io/component': 'database', 'app.kubernetes.io/part-of': 'net-sword-hub' } },
      spec: {
        instances: db.instances,
        imageName: 'ghcr.io/cloudnative-pg/postgresql:16',
        primaryUpdateStrategy: 'unsupervised',
        storage: { size: db.storage },
        resources: resources(db.resources),
        // An acknowledged write is on two servers: the archive is the log's second copy (DESIGN.md, reliability).
        minSyncReplicas: 1,
        maxSyncReplicas: 1,
        bootstrap: {
          initdb: {
            database: DATABASE_NAME,
            owner: DATABASE_NAME,
            secret: { name: CNPG_OWNER_SECRET },
            // The roles exist (acting as `hub`) before the services start; `managed.roles` then sets their passwords.
            postInitApplicationSQL: users.flatMap((w) => roleSql(databaseRole(w))),
          },
        },
        managed: {
          roles: users.map((w) => ({ name: databaseRole(w), ensure: 'present', login: true, inRoles: [DATABASE_NAME], passwordSecret: { name: secretName(w) } })),
        },
        affinity: { topologyKey: 'kubernetes.io/hostname' },
      },
    },
  ];
}
