import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceEnv } from './service-env.js';

describe('serviceEnv', () => {
  it('given a missing required variable, when read, then the error names the service and the variable', () => {
    expect(() => serviceEnv('projector', {}).required('DATABASE_URL')).toThrow('projector: environment variable DATABASE_URL is required');
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
});
