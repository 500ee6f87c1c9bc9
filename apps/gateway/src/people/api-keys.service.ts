import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HubError, sha256Hex } from '@hub/domain';
import type { Principal } from '../auth/principal.js';
import { isUnitCode } from '../common/roles.js';
import { requireAdmin } from './accounts.service.js';
import { ApiKeysRepository, type ApiKeyRow } from './api-keys.repository.js';
import { PeopleDb } from './people-db.js';

const DEFAULT_DAYS = 90;
const MAX_DAYS = 400;
const fail = (path: string, message: string): HubError => new HubError('VALIDATION_FAILED', `invalid input: ${path}`, { fields: [{ path, message }] });

const view = (row: ApiKeyRow) => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  unit: row.unit,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** Machine clients' keys: named, per unit (or coordinator/auditor), expiring; revocation is read on every request. */
@Injectable()
export class ApiKeysService {
  constructor(@Inject(PeopleDb) private readonly db: PeopleDb) {}

  async create(principal: Principal, body: Record<string, unknown>): Promise<ReturnType<typeof view> & { key: string }> {
    requireAdmin(principal);
    const { name, unit, kind = 'unit', expiresInDays = DEFAULT_DAYS } = body;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 64) throw fail('name', 'is required (up to 64 characters), e.g. 喀什市场监管局监测系统');
    if (kind !== 'unit' && kind !== 'coordinator' && kind !== 'auditor') throw fail('kind', 'unit, coordinator or auditor');
    if (kind === 'unit' && (typeof unit !== 'string' || !isUnitCode(unit))) throw fail('unit', 'a reporting unit <department>/<region>, e.g. samr/653100');
    if (typeof expiresInDays !== 'number' || !Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_DAYS) throw fail('expiresInDays', `an integer from 1 to ${MAX_DAYS}`);
    const id = `K-${randomBytes(6).toString('hex')}`;
    // The id is in the key, so logs can name a key without holding it; the secret part is 32 random bytes.
    const key = `hk_${id}_${randomBytes(32).toString('base64url')}`;
    const row = await new ApiKeysRepository(await this.db.sql()).insert({
      id,
      name: name.trim(),
      kind: kind,
      unit: kind === 'unit' ? (unit as string) : null,
      keyHash: sha256Hex(key),
      createdBy: principal.actor ?? 'unknown',
      expiresAt: new Date(Date.now() + expiresInDays * 86_400_000),
    });
    return { ...view(row), key };
  }

  async list(principal: Principal): Promise<{ items: ReturnType<typeof view>[] }> {
    requireAdmin(principal);
    return { items: (await new ApiKeysRepository(await this.db.sql()).list()).map(view) };
  }

  async revoke(principal: Principal, id: string): Promise<{ id: string; revoked: true }> {
    requireAdmin(principal);
    if (!(await new ApiKeysRepository(await this.db.sql()).revoke(id, new Date()))) throw new HubError('NOT_FOUND', `no key ${id} in force`);
    return { id, revoked: true };
  }

  /** The principal of a key in force, or undefined (unknown, expired or revoked). */
  async resolve(key: string): Promise<Principal | undefined> {
    if (!key.startsWith('hk_')) return undefined;
    const keys = new ApiKeysRepository(await this.db.sql());
    const now = new Date();
    const row = await keys.active(sha256Hex(key), now);
    if (!row) return undefined;
    await keys.touch(row.id, now);
    const actor = `key:${row.id}`;
    if (row.kind === 'unit' && row.unit) {
      const [department = '', region = ''] = row.unit.split('/');
      return { kind: 'unit', unit: row.unit, department, region, actor };
    }
    return row.kind === 'coordinator' ? { kind: 'coordinator', actor } : { kind: 'auditor', actor };
  }
}
