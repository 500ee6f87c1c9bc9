import type { Sql } from '@hub/read-models';

/** What a key acts as: one unit, or the coordinator's / auditor's machine clients. */
export type ApiKeyKind = 'unit' | 'coordinator' | 'auditor';

export interface ApiKeyRow {
  id: string;
  name: string;
  kind: ApiKeyKind;
  unit: string | null;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, kind, unit, created_by, created_at, expires_at, last_used_at, revoked_at';

/** people.api_keys: named, expiring keys of machine clients, looked up by the key's sha256. */
export class ApiKeysRepository {
  constructor(private readonly sql: Sql) {}

  async insert(key: { id: string; name: string; kind: ApiKeyKind; unit: string | null; keyHash: string; createdBy: string; expiresAt: Date }): Promise<ApiKeyRow> {
    const [row] = await this.sql.query<ApiKeyRow>(
      `INSERT INTO people.api_keys (id, name, kind, unit, key_hash, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [key.id, key.name, key.kind, key.unit, key.keyHash, key.createdBy, key.expiresAt],
    );
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  /** The key in force with this hash (not revoked, not expired): read on every request, so a revocation is immediate. */
  async active(keyHash: string, now: Date): Promise<ApiKeyRow | undefined> {
    return (await this.sql.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM people.api_keys WHERE key_hash = $1 AND revoked_at IS NULL AND expires_at > $2`, [keyHash, now]))[0];
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.sql.query("UPDATE people.api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')", [id, now]);
  }

  async list(): Promise<ApiKeyRow[]> {
    return this.sql.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM people.api_keys ORDER BY created_at DESC`);
  }

  /** Revokes; false when there is no such key in force. */
  async revoke(id: string, now: Date): Promise<boolean> {
    const rows = await this.sql.query('WITH r AS (UPDATE people.api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING 1) SELECT count(*)::int AS n FROM r', [id, now]);
    return (rows[0] as { n?: number } | undefined)?.n === 1;
  }
}
