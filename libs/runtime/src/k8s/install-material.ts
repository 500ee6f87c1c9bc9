// Everything secret one install needs, generated once and kept (`<out>/install.json`, mode 0600) so that running
// `npm run deploy:secrets` again re-renders the same keys and only adds what is missing — a re-run never rotates a
// department's signing key or a service's password behind the operators' backs.
import { randomBytes } from 'node:crypto';
import { REPORTING_DEPARTMENTS, parseKeyRegistry, reportingUnits } from '@hub/domain';
import { generateNatsSecrets, parseNatsSecrets, type NatsSecrets } from '../nats-secrets.js';
import { completeCredentials, generateCredentials, type Credentials } from '../hub/credentials.js';
import { generateSigningSeeds, parseSigningSeeds, registerKeys, type KeyRegistry, type SigningSeeds } from '../hub/signing-keys.js';
import { DATABASE_NAME, HUB_SERVICES, databaseRole, secretItems } from './names.js';

export interface InstallMaterial {
  version: 1;
  /** nkey seeds of every NATS principal (each service gets its own). */
  nats: NatsSecrets;
  /** Event-signing seeds: every reporting department and `joint` (coordination). */
  signing: SigningSeeds;
  /** The public registry of the signing keys (what auditors verify against). */
  registry: KeyRegistry;
  /** The gateway's static bearer tokens and bootstrap admin. */
  credentials: Credentials;
  /** PostgreSQL passwords: the owner `hub` and one login role per service that uses the database. */
  database: { owner: string; roles: Record<string, string> };
}

const SIGNERS: readonly string[] = [...REPORTING_DEPARTMENTS, 'joint'];
const password = (): string => randomBytes(24).toString('base64url');

export const databaseRoles = (): string[] => HUB_SERVICES.filter((w) => secretItems(w).includes('database-url')).map(databaseRole);

export function generateMaterial(now: Date = new Date()): InstallMaterial {
  const signing = generateSigningSeeds(SIGNERS);
  return {
    version: 1,
    nats: generateNatsSecrets(now),
    signing,
    registry: registerKeys({ version: 1, keys: [] }, signing, now),
    credentials: generateCredentials(reportingUnits(2021)),
    database: { owner: password(), roles: Object.fromEntries(databaseRoles().map((role) => [role, password()])) },
  };
}

/** Validates a kept install.json and adds what a newer hub needs (a new unit, a new service role). */
export function completeMaterial(doc: unknown, now: Date = new Date()): InstallMaterial {
  const kept = doc as Partial<InstallMaterial> | undefined;
  if (kept?.version !== 1 || typeof kept.database?.owner !== 'string') throw new Error('install.json: expected {version: 1, nats, signing, registry, credentials, database}');
  const signing = parseSigningSeeds(kept.signing, SIGNERS);
  const roles = { ...kept.database.roles };
  for (const role of databaseRoles()) roles[role] ??= password();
  return {
    version: 1,
    nats: parseNatsSecrets(kept.nats),
    signing,
    registry: registerKeys(parseKeyRegistry(kept.registry, 'install.json registry'), signing, now),
    credentials: completeCredentials(kept.credentials, reportingUnits(2021)),
    database: { owner: kept.database.owner, roles },
  };
}

export const databaseUrl = (role: string, secret: string, host: string): string => `postgres://${role}:${encodeURIComponent(secret)}@${host}/${DATABASE_NAME}`;
