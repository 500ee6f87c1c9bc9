import { afterEach, describe, expect, it } from '@jest/globals';
import { serveHealthHttp, type HealthEndpoint } from './health-http.js';

describe('serveHealthHttp (HUB_HEALTH_PORT: orchestrator probes of services without an HTTP API)', () => {
  let endpoint: HealthEndpoint | undefined;
  afterEach(async () => endpoint?.close());

  const get = async (path: string): Promise<{ status: number; body: string }> => {
    const port = await endpoint?.listening;
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: await response.text() };
  };

  it('given no HUB_HEALTH_PORT, when asked to serve, then nothing listens', async () => {
    endpoint = serveHealthHttp({});
    await expect(endpoint.listening).resolves.toBeUndefined();
  });

  it('given a service still starting, then it is live but not ready; once ready is given, ready follows the check', async () => {
    endpoint = serveHealthHttp({ HUB_HEALTH_PORT: '0', HUB_HEALTH_HOST: '127.0.0.1' });
    expect(await get('/health/live')).toEqual({ status: 200, body: '{"live":true}' });
    expect(await get('/health/ready')).toEqual({ status: 503, body: '{"ready":false}' });
    let connected = true;
    endpoint.readyWhen(() => connected);
    expect(await get('/health/ready')).toEqual({ status: 200, body: '{"ready":true}' });
    connected = false;
    expect((await get('/health/ready')).status).toBe(503);
    expect((await get('/metrics')).status).toBe(404);
  });

  it('given a malformed port, then the error names HUB_HEALTH_PORT', () => {
    expect(() => serveHealthHttp({ HUB_HEALTH_PORT: 'http' })).toThrow(/HUB_HEALTH_PORT/);
  });
});
