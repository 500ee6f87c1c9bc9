// The gateway's own tables (schema `people`): accounts with their password hashes and second factors,
// the roles in force, sessions and machine keys. Secrets never leave PostgreSQL; grants and revocations
// are also events in the log (role.granted / role.revoked), which is what auditors replay.
import type { Sql } from '@hub/read-models';

export const PEOPLE_SCHEMA = 'people';

// One statement list, run as one implicit transaction under an advisory lock, so two gateways starting
// together do not race each other's CREATE TABLE.
const DDL = `
SELECT pg_advisory_xact_lock(6513001);
-- Only when missing: the gateway's role has no CREATE on the database (npm start makes the schema for it,
-- owned by hub_gateway), and CREATE SCHEMA IF NOT EXISTS checks that privilege even when the schema exists.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'people') THEN CREATE SCHEMA people; END IF;
END $$;
CREATE TABLE IF NOT EXISTS people.accounts (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  totp_secret text,
  totp_pending text,
  totp_last_step bigint NOT NULL DEFAULT 0,
  failed_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS people.account_roles (
  account_id text NOT NULL REFERENCES people.accounts(id),
  role text NOT NULL,
  scope text NOT NULL DEFAULT '',
  granted_by text NOT NULL,
  reason text NOT NULL,
  request_id uuid NOT NULL,
  event_seq bigint,
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, role, scope)
);
CREATE TABLE IF NOT EXISTS people.sessions (
  token_hash text PRIMARY KEY,
  account_id text NOT NULL REFERENCES people.accounts(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_account_idx ON people.sessions (account_id);
-- 通知 read marks, per person (or machine key): the alerts themselves are read models (projection.notifications).
CREATE TABLE IF NOT EXISTS people.notification_reads (
  reader text NOT NULL,
  unit text NOT NULL,
  alert_id text NOT NULL,
  read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reader, unit, alert_id)
);
CREATE TABLE IF NOT EXISTS people.api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  unit text,
  key_hash text NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
`;

export async function ensurePeopleSchema(sql: Sql): Promise<void> {
  await sql.query(DDL);
}
