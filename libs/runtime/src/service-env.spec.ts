import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatewayInboxOf, readSecret, repliesInto, serviceEnv } from './service-env.js';

describe('serviceEnv', () => {
  it('given a missing required variable, when read, then the error names the service and the variable', () => {
    expect(() => serviceEnv('projector', {}).required('DATABASE_URL')).toThrow('projector: environment variable DATABASE_URL (or DATABASE_URL_FILE) is required');
    expect(serviceEnv('projector', { DATABASE_URL: 'postgres://x' }).required('DATABASE_URL')).toBe('postgres://x');
  });

  it('given a secret as NAME_FILE, when read, then the file (trimmed) wins over NAME', () => {
    const dir = mkdtempSync(join(tmpdir(), 'service-env-'));
    try {
      const file = join(dir, 'seed');
      writeFileSync(file, 'SUAFROMFILE\n');
      expect(serviceEnv('x', { HUB_SIGNING_SEED: 'inline', HUB_SIGNING_SEED_FILE: file }).secret('HUB_SIGNING_SEED')).toBe('SUAFROMFILE');
      expect(serviceEnv('x', { HUB_SIGNING_SEED: 'inline' }).secret('HUB_SIGNING_SEED')).toBe('inline');
      expect(serviceEnv('x', {}).secret('HUB_SIGNING_SEED')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('given the NATS variables or none, when the client settings are read, then only what is set is present', () => {
    expect(serviceEnv('x', {}).natsClient()).toEqual({ natsUrl: 'nats://127.0.0.1:4222' });
    expect(serviceEnv('x', { NATS_URL: 'nats://h:1', HUB_NATS_SEED: 'SU', HUB_INBOX_PREFIX: '_INBOX_x' }).natsClient()).toEqual({ natsUrl: 'nats://h:1', natsSeed: 'SU', inboxPrefix: '_INBOX_x' });
  });

  it('given a milliseconds variable, when read, then unset gives the fallback, a whole number its value, and anything else an error naming it', () => {
    expect(serviceEnv('projector', {}).milliseconds('HUB_PROJECTOR_BATCH_INTERVAL_MS', 20)).toBe(20);
    expect(serviceEnv('projector', { HUB_PROJECTOR_BATCH_INTERVAL_MS: '0' }).milliseconds('HUB_PROJECTOR_BATCH_INTERVAL_MS', 20)).toBe(0);
    expect(() => serviceEnv('projector', { HUB_PROJECTOR_BATCH_INTERVAL_MS: '2.5' }).milliseconds('HUB_PROJECTOR_BATCH_INTERVAL_MS', 20)).toThrow(
      'projector: HUB_PROJECTOR_BATCH_INTERVAL_MS must be a whole number of milliseconds, got "2.5"',
    );
  });

  it('given DATABASE_URL_FILE, when the required variable is read, then the file is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'service-env-'));
    try {
      const file = join(dir, 'database-url');
      writeFileSync(file, 'postgres://hub_projector:pw@h/hub\n', { mode: 0o600 });
      expect(serviceEnv('projector', { DATABASE_URL_FILE: file }).required('DATABASE_URL')).toBe('postgres://hub_projector:pw@h/hub');
      expect(readSecret('DATABASE_URL', { DATABASE_URL_FILE: file, DATABASE_URL: 'inline' })).toBe('postgres://hub_projector:pw@h/hub');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('given a *_FILE that does not exist, when read, then the error names the variable and the file', () => {
    expect(() => readSecret('HUB_NATS_SEED', { HUB_NATS_SEED_FILE: '/nonexistent/seed' })).toThrow('HUB_NATS_SEED_FILE: cannot read /nonexistent/seed: ENOENT');
  });

  it('given an authenticated service, when a request arrives, then only replies into the gateway inbox count as the gateway', () => {
    const inbox = gatewayInboxOf({ natsSeed: 'SU…' });
    expect(inbox).toBe('_INBOX_gateway');
    expect(repliesInto(inbox, '_INBOX_gateway.abc.1')).toBe(true);
    expect(repliesInto(inbox, '$JS.ACK.hub-events.forged.1.1.1.1.0')).toBe(false);
    expect(repliesInto(inbox, '_INBOX_gatewayx.abc')).toBe(false);
    expect(repliesInto(inbox, undefined)).toBe(false);
    expect(repliesInto(gatewayInboxOf({}), '$JS.ACK.x')).toBe(true);
  });
});
