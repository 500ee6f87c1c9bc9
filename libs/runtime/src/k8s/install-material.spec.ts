import { describe, expect, it } from '@jest/globals';
import { installFiles } from './install-files.js';
import { completeMaterial, databaseRoles, databaseUrl, generateMaterial } from './install-material.js';
import { HUB_SERVICES, STREAM_INIT } from './names.js';
import { natsDnsNames } from './tls.js';

const tls = { caCert: 'CA', serverCert: 'CERT', serverKey: 'KEY' };
const options = { namespace: 'net-sword', k8sDatabaseHost: 'hub-db-rw:5432' };

describe('install material (npm run deploy:secrets)', () => {
  const first = generateMaterial(new Date('2026-12-01T00:00:00Z'));

  it('given a kept install.json, when completed again, then every key, token and password is the same', () => {
    const again = completeMaterial(JSON.parse(JSON.stringify(first)), new Date('2026-12-05T00:00:00Z'));
    expect(again).toEqual(first);
  });

  it('given a kept install.json missing a service role, when completed, then only that role gets a new password', () => {
    const kept = JSON.parse(JSON.stringify(first)) as typeof first;
    delete kept.database.roles['hub_projector'];
    const again = completeMaterial(kept);
    expect(again.database.roles['hub_projector']).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(again.database.roles['hub_gateway']).toBe(first.database.roles['hub_gateway']);
  });

  it('given something that is not an install.json, then completing it says what is expected', () => {
    expect(() => completeMaterial({ version: 2 })).toThrow(/install.json: expected/);
  });

  it('given the services, then exactly the gateway, projector and coordination have database roles', () => {
    expect(databaseRoles()).toEqual(['hub_gateway', 'hub_projector', 'hub_coordination']);
    expect(databaseUrl('hub_gateway', 'a/b', 'db:5432')).toBe('postgres://hub_gateway:a%2Fb@db:5432/hub');
  });

  it('given the rendered files, then each compose service directory holds only its own files, readable by the container user', () => {
    const files = installFiles(first, tls, options);
    const dirs = new Set([...files.keys()].filter((p) => p.startsWith('compose/')).map((p) => p.split('/')[1]));
    expect([...dirs].sort()).toEqual([...[...HUB_SERVICES, STREAM_INIT].map((w) => w.name), 'keys', 'nats', 'postgres'].sort());
    expect(files.get('compose/department-samr/signing.seed')?.text).toBe(first.signing['samr']);
    expect(files.get('compose/department-samr/database-url')).toBeUndefined();
    expect(files.get('compose/gateway/database-url')?.text).toBe(databaseUrl('hub_gateway', first.database.roles['hub_gateway'] ?? '', 'postgres:5432'));
    expect(files.get('compose/gateway/nats.seed')?.mode).toBe(0o444);
    expect(files.get('install.json')?.mode).toBe(0o600);
    expect(files.get('roles.sql')?.text).toContain("ALTER ROLE hub_projector SET role = 'hub';");
  });

  it('given a namespace, then the NATS certificate covers the client Service and every pod of the headless Service', () => {
    const names = natsDnsNames('net-sword');
    expect(names).toContain('nats');
    expect(names).toContain('nats.net-sword.svc.cluster.local');
    expect(names).toContain('*.nats-cluster');
    expect(names).toContain('*.nats-cluster.net-sword.svc.cluster.local');
  });
});
