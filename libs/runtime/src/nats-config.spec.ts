import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { createUser, fromPublic } from '@nats-io/nkeys';
import {
  ALL_PRINCIPALS,
  HUB_DEPARTMENTS,
  generateNatsSecrets,
  inboxPrefixFor,
  nativeNkeyAuthenticator,
  parseNatsSecrets,
  permissionsFor,
  productionClusterFiles,
  renderNatsConfig,
  subjectCovers,
  subjectsOverlap,
  userPublicKeyFromSeed,
  type Principal,
} from './index.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Whether the principal may publish `subject` under its permissions (deny wins). */
function mayPublish(principal: Principal, subject: string): boolean {
  const { publish } = permissionsFor(principal);
  return publish.allow.some((a) => subjectCovers(a, subject)) && !publish.deny.some((d) => subjectCovers(d, subject));
}

describe('nkeys on native ed25519', () => {
  it('derives the same public key and a signature nkeys verifies', () => {
    const kp = createUser();
    const seed = new TextDecoder().decode(kp.getSeed());
    expect(userPublicKeyFromSeed(seed)).toBe(kp.getPublicKey());
    const auth = nativeNkeyAuthenticator(seed)('a-nonce') as { nkey: string; sig: string };
    expect(auth.nkey).toBe(kp.getPublicKey());
    const sig = Uint8Array.from(Buffer.from(auth.sig, 'base64'));
    expect(fromPublic(auth.nkey).verify(new TextEncoder().encode('a-nonce'), sig)).toBe(true);
  });

  it('rejects a corrupted seed', () => {
    const seed = new TextDecoder().decode(createUser().getSeed());
    const corrupted = seed.slice(0, 10) + (seed[10] === 'A' ? 'B' : 'A') + seed.slice(11);
    expect(() => userPublicKeyFromSeed(corrupted)).toThrow(/checksum/);
  });
});

describe('generateNatsSecrets', () => {
  it('makes one nkey user per principal and survives a JSON round trip', () => {
    const secrets = generateNatsSecrets();
    expect(Object.keys(secrets.users).sort()).toEqual([...ALL_PRINCIPALS].sort());
    expect(ALL_PRINCIPALS).toHaveLength(5 + 14);
    for (const user of Object.values(secrets.users)) {
      expect(user.seed).toMatch(/^SU[A-Z2-7]{56}$/);
      expect(user.publicKey).toMatch(/^U[A-Z2-7]{55}$/);
    }
    expect(parseNatsSecrets(JSON.parse(JSON.stringify(secrets)))).toEqual(secrets);
  });

  it('refuses a secrets file whose seed does not match its public key', () => {
    const secrets = generateNatsSecrets();
    const tampered = { ...secrets, users: { ...secrets.users, gateway: { ...secrets.users.gateway, publicKey: secrets.users.admin.publicKey } } };
    expect(() => parseNatsSecrets(tampered)).toThrow(/gateway seed does not match/);
  });
});

describe('permissions', () => {
  it('gives every principal its own inbox', () => {
    const prefixes = ALL_PRINCIPALS.map(inboxPrefixFor);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(inboxPrefixFor('dept:samr')).toBe('_INBOX_samr');
    expect(inboxPrefixFor('gateway')).toBe('_INBOX_gateway');
    for (const p of ALL_PRINCIPALS.filter((x) => x !== 'admin')) {
      expect(permissionsFor(p).subscribe.allow).toContain(`${inboxPrefixFor(p)}.>`);
      expect(permissionsFor(p).subscribe.allow.filter((s) => s.startsWith('_INBOX'))).toEqual([`${inboxPrefixFor(p)}.>`]);
    }
  });

  it('lets a department publish only its own events', () => {
    for (const d of HUB_DEPARTMENTS) {
      for (const other of HUB_DEPARTMENTS) {
        expect(mayPublish(`dept:${d}`, `hub.evt.${other}.650100.lead.L1`)).toBe(d === other);
      }
      expect(mayPublish(`dept:${d}`, '$JS.API.STREAM.DELETE.HUB_EVENTS')).toBe(false);
      expect(mayPublish(`dept:${d}`, '$JS.API.STREAM.PURGE.HUB_EVENTS')).toBe(false);
      expect(mayPublish(`dept:${d}`, '$JS.API.STREAM.UPDATE.HUB_EVENTS')).toBe(false);
      expect(mayPublish(`dept:${d}`, '$JS.API.CONSUMER.MSG.NEXT.HUB_EVENTS.projector')).toBe(false);
      expect(mayPublish(`dept:${d}`, '$JS.API.CONSUMER.MSG.NEXT.HUB_EVENTS.an_ordered_one')).toBe(true);
      expect(permissionsFor(`dept:${d}`).allowResponses).toBe(false);
      expect(mayPublish(`dept:${d}`, '_INBOX_gateway.abc.1')).toBe(true);
      expect(mayPublish(`dept:${d}`, '_INBOX_police.abc.1')).toBe(false);
    }
  });

  it('keeps gateway, projector and auditor from publishing events; coordination publishes joint only', () => {
    for (const p of ['gateway', 'projector', 'auditor'] as const) expect(mayPublish(p, 'hub.evt.joint.650000.cluster.C1')).toBe(false);
    expect(mayPublish('coordination', 'hub.evt.joint.650000.cluster.C1')).toBe(true);
    expect(mayPublish('coordination', 'hub.evt.samr.653100.lead.L1')).toBe(false);
    expect(mayPublish('gateway', 'hub.intake.police')).toBe(true);
    expect(mayPublish('projector', '$JS.ACK.HUB_EVENTS.projector.1.5.5.1700000000000000000.0')).toBe(true);
    expect(mayPublish('auditor', '$JS.ACK.HUB_EVENTS.projector.1.5.5.1700000000000000000.0')).toBe(false);
  });

  it('lets the gateway request link/unlink from coordination (hub.coord.>), which alone serves and answers them', () => {
    expect(mayPublish('gateway', 'hub.coord.cluster.manual')).toBe(true);
    for (const p of ['projector', 'auditor', 'dept:samr'] as const) expect(mayPublish(p, 'hub.coord.cluster.manual')).toBe(false);
    const coordination = permissionsFor('coordination');
    expect(coordination.subscribe.allow.some((pattern) => subjectCovers(pattern, 'hub.coord.cluster.manual'))).toBe(true);
    expect(coordination.allowResponses).toBe(false);
    expect(mayPublish('coordination', '_INBOX_gateway.abc.1')).toBe(true);
    expect(permissionsFor('gateway').subscribe.allow.some((pattern) => subjectCovers(pattern, 'hub.coord.cluster.manual'))).toBe(false);
    expect(mayPublish('gateway', 'hub.evt.joint.650000.cluster.C1')).toBe(false);
  });

  it('lets the gateway probe every service\'s readiness (hub.health.>); each service serves only its own probe', () => {
    const maySubscribe = (p: Parameters<typeof permissionsFor>[0], subject: string): boolean =>
      permissionsFor(p).subscribe.allow.some((pattern) => subjectCovers(pattern, subject));
    for (const subject of ['hub.health.dept.samr', 'hub.health.projector', 'hub.health.coordination']) expect(mayPublish('gateway', subject)).toBe(true);
    expect(maySubscribe('dept:samr', 'hub.health.dept.samr')).toBe(true);
    expect(maySubscribe('dept:samr', 'hub.health.dept.police')).toBe(false);
    expect(maySubscribe('dept:samr', 'hub.health.projector')).toBe(false);
    expect(maySubscribe('projector', 'hub.health.projector')).toBe(true);
    expect(maySubscribe('projector', 'hub.health.coordination')).toBe(false);
    expect(maySubscribe('coordination', 'hub.health.coordination')).toBe(true);
    expect(permissionsFor('projector').allowResponses).toBe(false);
    expect(mayPublish('projector', '_INBOX_gateway.abc.1')).toBe(true);
    expect(mayPublish('auditor', '_INBOX_gateway.abc.1')).toBe(false);
    for (const p of ['dept:samr', 'projector', 'coordination', 'auditor'] as const) expect(mayPublish(p, 'hub.health.dept.police')).toBe(false);
    expect(maySubscribe('auditor', 'hub.health.projector')).toBe(false);
  });

  it('matches NATS wildcard semantics', () => {
    expect(subjectCovers('hub.evt.>', 'hub.evt.samr.>')).toBe(true);
    expect(subjectCovers('hub.evt.>', 'hub.evt')).toBe(false);
    expect(subjectCovers('hub.intake.*', 'hub.intake.samr')).toBe(true);
    expect(subjectCovers('hub.intake.*', 'hub.intake.samr.x')).toBe(false);
    expect(subjectCovers('hub.intake.*', 'hub.intake.>')).toBe(false);
  });

  it('given patterns, when asked whether they overlap, then a shared matching subject decides', () => {
    expect(subjectsOverlap('$JS.API.CONSUMER.CREATE.S.*.hub.evt.samr.>', '$JS.API.CONSUMER.CREATE.S.projector.>')).toBe(true);
    expect(subjectsOverlap('a.*.c', 'a.b.>')).toBe(true);
    expect(subjectsOverlap('a.b', 'a.c')).toBe(false);
    expect(subjectsOverlap('a.b', 'a.b.>')).toBe(false);
  });

  it('given a department, when it creates consumers, then only filtered on its own subjects and never a reserved name', () => {
    const S = 'HUB_EVENTS';
    expect(mayPublish('dept:samr', `$JS.API.CONSUMER.CREATE.${S}.x.hub.evt.samr.>`)).toBe(true);
    expect(mayPublish('dept:samr', `$JS.API.CONSUMER.CREATE.${S}.x.hub.evt.samr.653100.lead.L1`)).toBe(true);
    for (const refused of [`$JS.API.CONSUMER.CREATE.${S}`, `$JS.API.CONSUMER.CREATE.${S}.x`, `$JS.API.CONSUMER.CREATE.${S}.x.hub.evt.>`, `$JS.API.CONSUMER.CREATE.${S}.x.hub.evt.police.>`, `$JS.API.CONSUMER.DURABLE.CREATE.${S}.x`]) {
      expect(mayPublish('dept:samr', refused)).toBe(false);
    }
    expect(permissionsFor('dept:samr').publish.deny).toContain(`$JS.API.CONSUMER.CREATE.${S}.projector.>`);
  });

  it('given the answer rules, when departments read requests addressed to them, then closures only on the requesters’ chains and cases only at the police', () => {
    const S = 'HUB_EVENTS';
    for (const principal of ['dept:samr', 'dept:telecom', 'dept:police'] as const) {
      expect(mayPublish(principal, `$JS.API.CONSUMER.CREATE.${S}.x.hub.evt.cac.*.closure.*`)).toBe(true);
      expect(mayPublish(principal, `$JS.API.CONSUMER.CREATE.${S}.x.hub.evt.*.*.closure.*`)).toBe(false);
      expect(mayPublish(principal, `$JS.API.DIRECT.GET.${S}.hub.evt.cac.650100.closure.CL-1`)).toBe(true);
    }
    expect(mayPublish('dept:police', `$JS.API.CONSUMER.CREATE.${S}.x.hub.evt.*.*.case.*`)).toBe(true);
    expect(mayPublish('dept:police', `$JS.API.DIRECT.GET.${S}.hub.evt.samr.653100.case.C-1`)).toBe(true);
    expect(mayPublish('dept:samr', `$JS.API.CONSUMER.CREATE.${S}.x.hub.evt.*.*.case.*`)).toBe(false);
    expect(mayPublish('dept:samr', `$JS.API.DIRECT.GET.${S}.hub.evt.police.650100.case.C-1`)).toBe(false);
    expect(mayPublish('dept:samr', `$JS.API.CONSUMER.CREATE.${S}.x.hub.evt.telecom.*.closure.*`)).toBe(false);
  });
});

describe('rendered configs', () => {
  it('renders the local config with 8 MiB payloads, JetStream and every user', () => {
    const secrets = generateNatsSecrets();
    const text = renderNatsConfig(secrets, { host: '127.0.0.1', port: 4333, storeDir: '/tmp/store' });
    expect(text).toContain('max_payload: 8388608');
    expect(text).toContain('store_dir: "/tmp/store"');
    expect(text).not.toContain('sync_interval');
    for (const p of ALL_PRINCIPALS) expect(text).toContain(`nkey: "${secrets.users[p].publicKey}"`);
    expect(text).not.toContain('seed');
    expect(text).not.toMatch(/"SU[A-Z2-7]+"/);
  });

  it('matches the committed production cluster files (regenerate: node --import @swc-node/register/esm-register deploy/nats/render-cluster.ts)', async () => {
    for (const [name, text] of Object.entries(productionClusterFiles())) {
      expect(await readFile(join(repoRoot, 'deploy', 'nats', 'cluster', name), 'utf8')).toBe(text);
    }
  });
});
