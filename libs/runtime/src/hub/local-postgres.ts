// npm start's PostgreSQL: the embedded server with a random superuser password kept in
// `.hub/secrets/postgres/password` (0600), one login role per service (pg-roles.ts), and each service's
// connection URL written to `.hub/secrets/<service>/database-url`.
import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../embedded-postgres.js';
import { ensureServiceRoles, generateRolePasswords, urlAs, type RoleService, type ServiceRoleOptions } from '../pg-roles.js';
import { readServiceSecret, writeServiceSecret } from './service-secrets.js';

/** The password every embedded cluster had before it got a random one; replaced at the first start that finds it. */
const LEGACY_PASSWORD = 'postgres';

export interface LocalDatabase {
  /** `DATABASE_URL_FILE` of each service (its own role). */
  urlFiles: Record<RoleService, string>;
  stop(): Promise<void>;
}

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

export async function startLocalPostgres(home: string, port: number, options: ServiceRoleOptions = {}): Promise<LocalDatabase> {
  const dataDir = join(home, 'postgres');
  let password = await readServiceSecret(home, 'postgres', 'password');
  const legacy = password === undefined && (await exists(join(dataDir, 'PG_VERSION')));
  if (password === undefined) {
    password = randomBytes(24).toString('base64url');
    // Kept before initdb uses it: a start that dies half-way must not leave a cluster nobody can log into.
    if (!legacy) await writeServiceSecret(home, 'postgres', 'password', password);
  }
  const server = await startEmbeddedPostgres({ dataDir, port, password: legacy ? LEGACY_PASSWORD : password });
  try {
    const superuserUrl = urlAs(server.url, 'postgres', password);
    if (legacy) await replaceLegacyPassword(server.url, password, home);
    const urls = await ensureServiceRoles(superuserUrl, generateRolePasswords(), options);
    const urlFiles = {} as Record<RoleService, string>;
    for (const [service, url] of Object.entries(urls) as [RoleService, string][]) urlFiles[service] = await writeServiceSecret(home, service, 'database-url', url);
    return { urlFiles, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** A cluster initialised with postgres/postgres gets the random password, then its file. */
async function replaceLegacyPassword(legacyUrl: string, password: string, home: string): Promise<void> {
  const client = new pg.Client({ connectionString: legacyUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE postgres PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  await writeServiceSecret(home, 'postgres', 'password', password);
}
