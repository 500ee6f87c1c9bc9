// HUB_TLS_CERT / HUB_TLS_KEY: the gateway speaks HTTPS itself, and only then sends HSTS.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestHub } from '../support/test-hub.js';

/** A throw-away self-signed certificate for 127.0.0.1 (openssl, as an operator would make one). */
async function selfSigned(dir: string): Promise<{ cert: Buffer; key: Buffer }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert: await readFile(cert), key: await readFile(key) };
}

function httpsGet(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    get(url, { rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    }).on('error', reject);
  });
}

describe('gateway with a certificate', () => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hub-tls-'));
    hub = await TestHub.start({ departments: ['samr'], gateway: { tls: await selfSigned(dir) } });
  });

  afterAll(async () => {
    await hub?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('given HUB_TLS_CERT and HUB_TLS_KEY, when asked over HTTPS, then it answers with HSTS; plain HTTP gets no answer', async () => {
    const https = hub.url.replace('http://', 'https://');
    const answer = await httpsGet(`${https}/health/live`);
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(answer.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    await expect(fetch(`${hub.url}/health/live`)).rejects.toThrow();
  });
});
