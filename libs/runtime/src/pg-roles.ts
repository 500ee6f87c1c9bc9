// One PostgreSQL login role per service, so that a leaked gateway password cannot rewrite what the projector
// derived from the log, and a runaway gateway read is cancelled by the server itself:
// - hub_projector owns the read models (schema `projection`, and the schemas its blue/green rebuild makes);
// - hub_coordination owns its schema (`coordination`) and reads the read models;
// - hub_gateway reads the read models and the coordination state, owns only its own tables (schema
//   `people`: accounts, roles, sessions, API keys), and has `statement_timeout` set on the role.
// Run as a superuser (npm start's embedded PostgreSQL); idempotent, and it re-homes schemas an older
// install created as the superuser. With an operator's DATABASE_URL the README lists the same SQL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const SERVICE_ROLES = { projector: 'hub_projector', coordination: 'hub_coordination', gateway: 'hub_gateway' } as const;
export type RoleService = keyof typeof SERVICE_ROLES;

/** Schema → owning service. */
const OWNED_SCHEMAS: Readonly<Record<string, RoleService>> = { projection: 'projector', coordination: 'coordination', people: 'gateway' };

/** The gateway role's default bound on one statement (the heavy reads: annex trace, briefing, audit as-of). */
export const GATEWAY_STATEMENT_TIMEOUT_MS = 30_000;

export interface ServiceRoleOptions {
  /** `statement_timeout` of hub_gateway, ms; default {@link GATEWAY_STATEMENT_TIMEOUT_MS}. */
  gatewayStatementTimeoutMs?: number;
}

/** A fresh random password for every role (rotated at each start: the services read theirs from files). */
export function generateRolePasswords(): Record<RoleService, string> {
  const one = (): string => randomBytes(24).toString('base64url');
  return { projector: one(), coordination: one(), gateway: one() };
}

/** `url` with another user and password (same host, port and database). */
export function urlAs(url: string, user: string, password: string): string {
  const out = new URL(url);
  out.username = encodeURIComponent(user);
  out.password = encodeURIComponent(password);
  return out.toString();
}

/**
 * Creates or updates the three roles and their privileges in the database of `superuserUrl`; returns each
 * service's connection URL. Safe to run at every start and from several launchers (one transaction under
 * an advisory lock).
 */
export async function ensureServiceRoles(
  superuserUrl: string,
  passwords: Readonly<Record<RoleService, string>>,
  options: ServiceRoleOptions = {},
): Promise<Record<RoleService, string>> {
  const client = new pg.Client({ connectionString: superuserUrl, application_name: 'hub-roles' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(6513002)');
    for (const statement of await roleStatements(client, passwords, options)) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return {
    projector: urlAs(superuserUrl, SERVICE_ROLES.projector, passwords.projector),
    coordination: urlAs(superuserUrl, SERVICE_ROLES.coordination, passwords.coordination),
    gateway: urlAs(superuserUrl, SERVICE_ROLES.gateway, passwords.gateway),
  };
}

async function roleStatements(client: pg.Client, passwords: Readonly<Record<RoleService, string>>, options: ServiceRoleOptions): Promise<string[]> {
  const id = (name: string): string => client.escapeIdentifier(name);
  const [{ db }] = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows as [{ db: string }];
  const existingRoles = new Set((await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles')).rows.map((r) => r.rolname));
  const existingSchemas = new Set((await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace')).rows.map((r) => r.nspname));
  const { projector, coordination, gateway } = SERVICE_ROLES;
  const timeout = Math.max(1, Math.floor(options.gatewayStatementTimeoutMs ?? GATEWAY_STATEMENT_TIMEOUT_MS));
  const out: string[] = [];
  for (const [service, role] of Object.entries(SERVICE_ROLES) as [RoleService, string][]) {
    const verb = existingRoles.has(role) ? 'ALTER' : 'CREATE';
    // NOSUPERUSER etc. spelled out: an ALTER also takes back anything granted by hand.
    out.push(`${verb} ROLE ${id(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(passwords[service])}`);
  }
  out.push(
    `ALTER ROLE ${id(gateway)} SET statement_timeout = ${timeout}`,
    `ALTER ROLE ${id(gateway)} SET idle_in_transaction_session_timeout = ${Math.max(timeout, 60_000)}`,
    // Nobody else connects or creates anything here; `public` takes no objects.
    `REVOKE ALL ON DATABASE ${id(db)} FROM PUBLIC`,
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${id(db)} TO ${id(projector)}, ${id(coordination)}, ${id(gateway)}`,
    // The projector's rebuild fills a new schema and renames it in; coordination's migrations create its schema.
    `GRANT CREATE ON DATABASE ${id(db)} TO ${id(projector)}, ${id(coordination)}`,
  );
  for (const [schema, service] of Object.entries(OWNED_SCHEMAS)) {
    const owner = id(SERVICE_ROLES[service]);
    if (!existingSchemas.has(schema)) {
      out.push(`CREATE SCHEMA ${id(schema)} AUTHORIZATION ${owner}`);
      continue;
    }
    out.push(`ALTER SCHEMA ${id(schema)} OWNER TO ${owner}`);
    // Tables, sequences and views an older install made as the superuser move to the owning service.
    const objects = await client.query<{ kind: string; name: string }>(
      `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind, c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
          -- a serial/identity column's sequence moves with its table (and cannot be moved alone)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))`,
      [schema],
    );
    for (const o of objects.rows) out.push(`ALTER ${o.kind} ${id(schema)}.${id(o.name)} OWNER TO ${owner}`);
  }
  const readers = (...roles: string[]): string => roles.map(id).join(', ');
  out.push(
    // Read models: the gateway and coordination read, only the projector writes — in today's schema and in
    // every schema and table the projector makes later (a rebuild swaps a new schema in under the same name).
    `GRANT USAGE ON SCHEMA projection TO ${readers(gateway, coordination)}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA projection TO ${readers(gateway, coordination)}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${id(projector)} GRANT USAGE ON SCHEMAS TO ${readers(gateway, coordination)}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${id(projector)} GRANT SELECT ON TABLES TO ${readers(gateway, coordination)}`,
    // Coordination state: the gateway reads clusters and referrals.
    `GRANT USAGE ON SCHEMA coordination TO ${id(gateway)}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA coordination TO ${id(gateway)}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${id(coordination)} IN SCHEMA coordination GRANT SELECT ON TABLES TO ${id(gateway)}`,
  );
  return out;
}
