// 双随机、一公开 end to end: a unit commits a draw over its region's register through the API, the coordination
// service reveals it with the joint key, the API and the CLI (straight from the stream) recompute it alike; a
// commit whose snapshot left out a registered operator, or a reveal not signed by the registered joint key, fails.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { drawListsOf, EventSigner, inspectorsHash, inspectorsOf, targetsHash, type DrawCampaignData, type KeyRegistry } from '@hub/domain';
import { generateSigningSeeds } from '@hub/runtime';
import { main as drawsCli } from '../libs/audit/src/draws-cli.js';
import { event } from './support/events.js';
import { TestHub } from './support/test-hub.js';

const KASHGAR = 'samr/653100';
const CONFLICTED_USCC = '91310110666007217T'; // 李娜 (I-samr-653100-02) declared a conflict with this operator
const shop = (n: number, uscc?: string): Record<string, unknown> => ({
  kind: 'platform_shop',
  name: `喀什某某专营店${n}`,
  ...(uscc ? { uscc } : { selfDeclared: true }),
  platform: '淘宝',
  shopId: `10000${n}`,
  licenceDisplay: 'shown',
  permitDisplay: 'not_required',
  markDisplay: n % 2 === 0 ? 'missing' : 'shown',
  region: '653100',
});

interface DrawView {
  id: string;
  status: string;
  targetCount: number;
  selected?: { operator: string; inspectors: { id: string; name: string }[] }[];
  skipped?: { operator: string; inspector: string; reason: string }[];
}
interface Verification {
  ok: boolean;
  failed: string[];
  checks: { check: string; ok: boolean }[];
}

describe('draws (双随机、一公开) over HTTP and the CLI', () => {
  let hub: TestHub;
  let home: string;
  const post = async (body: unknown, unit = KASHGAR): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${hub.url}/api/v1/draws`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token(unit)}` }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const json = async <T>(path: string, auth: { unit?: string; token?: string } = { token: hub.credentials.coordinator }): Promise<T> => {
    const response = await hub.get(path, auth);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const cli = async (id: string): Promise<{ code: number; output: Verification }> => {
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const code = await drawsCli(['verify', id, '--home', home, '--nats-url', hub.nats.url, '--registry', hub.registryFile]);
      return { code, output: JSON.parse(lines.join('\n')) as Verification };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'telecom'], projector: true, coordination: true });
    home = await mkdtemp(join(tmpdir(), 'hub-draws-cli-'));
    await writeFile(join(home, 'nats-secrets.json'), JSON.stringify(hub.nats.secrets));
    const register = [1, 2, 3, 4, 5].map((n) => event('operator.registered', `operator/OP-${n}`, shop(n, n === 3 ? CONFLICTED_USCC : undefined)));
    for (const [department, unit, events] of [
      ['samr', KASHGAR, register],
      // Another department's entry in the same region is in the register the unit draws from (shared per region).
      ['telecom', 'telecom/653100', [event('operator.registered', 'operator/T-1', { ...shop(6), kind: 'app', platform: undefined, shopId: undefined })]],
      ['samr', 'samr/650100', [event('operator.registered', 'operator/OP-1', { ...shop(7), region: '650100' })]],
    ] as const) {
      const response = await hub.submit(department, events, { unit });
      if (response.status !== 201) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
    }
    await hub.projected();
  });

  afterAll(async () => {
    await hub?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('given bad input, when a draw is posted, then 400 naming each field; a coordinator may not draw', async () => {
    const bad = await post({ id: 'D 1', item: 'nope', sampleSize: 2, sampleRatio: 0.5, region: '650100' });
    expect(bad.status).toBe(400);
    expect((bad.body['fields'] as { path: string }[]).map((f) => f.path)).toEqual(['id', 'item', 'region', 'sampleSize']);
    const response = await fetch(`${hub.url}/api/v1/draws`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.credentials.coordinator}` }, body: '{}' });
    expect(response.status).toBe(403);
  });

  it('given the register, when a clerk draws every operator with all inspectors, then committed, revealed, the conflicted inspector skipped with the reason, and the API and the CLI verify alike', async () => {
    const committed = await post({ id: 'D-1', item: 'key-01', sampleSize: 6, inspectorsPerTarget: 5 });
    expect(committed.status).toBe(201);
    expect(committed.body).toMatchObject({ id: 'samr-653100-draw-D-1', drawRef: 'samr/653100/draw/D-1', targetCount: 6, duplicate: false });
    await hub.coordinated();

    const draw = await json<DrawView>('/api/v1/draws/D-1', { unit: KASHGAR });
    expect(draw.status).toBe('revealed');
    expect(draw.selected?.map((s) => s.operator).sort()).toEqual([...[1, 2, 3, 4, 5].map((n) => `samr/653100/operator/OP-${n}`), 'telecom/653100/operator/T-1'].sort());
    const conflicted = draw.selected?.find((s) => s.operator === 'samr/653100/operator/OP-3');
    expect(conflicted?.inspectors.map((i) => i.id)).not.toContain('I-samr-653100-02');
    expect(conflicted?.inspectors).toHaveLength(4);
    expect(draw.skipped).toEqual([{ operator: 'samr/653100/operator/OP-3', inspector: 'I-samr-653100-02', name: '李娜', reason: '配偶在该经营者任职，申请回避' }]);
    for (const s of draw.selected ?? []) if (s.operator !== 'samr/653100/operator/OP-3') expect(s.inspectors).toHaveLength(5);

    const api = await json<Verification>('/api/v1/draws/samr-653100-draw-D-1/verify');
    expect(api).toMatchObject({ ok: true, failed: [] });
    const { code, output } = await cli('samr-653100-draw-D-1');
    expect(code).toBe(0);
    expect(output.checks).toEqual(api.checks);
  });

  it('given a ratio and a status filter, when drawn, then the sample is rounded up from the filtered register', async () => {
    expect((await post({ id: 'D-2', item: 'gen-01', status: 'deficient', sampleRatio: 0.5, inspectorsPerTarget: 1 })).status).toBe(201);
    await hub.coordinated();
    const draw = await json<DrawView>('/api/v1/draws/samr-653100-draw-D-2');
    // OP-2, OP-4 and T-1 (shop 6) miss their 亮标: three deficient, half of three rounded up is two.
    expect(draw.targetCount).toBe(3);
    expect(draw.selected).toHaveLength(2);
    expect((await cli('samr-653100-draw-D-2')).code).toBe(0);
  });

  it('given a commit whose snapshot leaves out a registered operator, when verified, then targets_register fails in the API and the CLI', async () => {
    const inspectors = inspectorsOf(KASHGAR, drawListsOf('net-sword-2021') as DrawCampaignData);
    const targets = [2, 3, 4, 5].map((n) => ({ operator: `samr/653100/operator/OP-${n}`, ...(n === 3 ? { uscc: CONFLICTED_USCC } : {}) }));
    const registerSeq = (await json<{ items: { registerSeq: number }[] }>('/api/v1/draws')).items[0]?.registerSeq ?? 0;
    const data = { item: 'key-01', region: '653100', kind: 'platform_shop', sampleSize: 1, inspectorsPerTarget: 1, registerSeq, targets, targetsHash: targetsHash(targets), inspectors, inspectorsHash: inspectorsHash(inspectors), algorithm: 'net-sword/draw/v1', seedRule: 'joint-signature/v1' };
    expect((await hub.submit('samr', [event('draw.committed', 'draw/D-3', data)], { unit: KASHGAR })).status).toBe(201);
    await hub.coordinated();
    const api = await json<Verification>('/api/v1/draws/samr-653100-draw-D-3/verify', { unit: KASHGAR });
    expect(api.ok).toBe(false);
    expect(api.failed).toContain('targets_register');
    expect(api.failed).not.toContain('targets_hash');
    const { code, output } = await cli('samr-653100-draw-D-3');
    expect(code).toBe(1);
    expect(output.failed).toEqual(api.failed);
  });

  it('given a registry whose joint key is not the one that signed the seed, when verified, then seed_signature fails', async () => {
    const original = await readFile(hub.registryFile, 'utf8');
    const registry = JSON.parse(original) as KeyRegistry;
    const other = new EventSigner(generateSigningSeeds(['joint']).joint ?? '').publicKey;
    await writeFile(hub.registryFile, JSON.stringify({ ...registry, keys: registry.keys.map((k) => (k.department === 'joint' ? { ...k, publicKey: other } : k)) }));
    try {
      const api = await json<Verification>('/api/v1/draws/samr-653100-draw-D-1/verify');
      expect(api.failed).toEqual(['seed_signature']);
      expect((await cli('samr-653100-draw-D-1')).code).toBe(1);
    } finally {
      await writeFile(hub.registryFile, original);
    }
  });

  it('given scopes, when listing, then a unit sees its own draws, another unit none, the coordinator all; another unit reading one gets 404', async () => {
    expect((await json<{ total: number }>('/api/v1/draws', { unit: KASHGAR })).total).toBe(3);
    expect((await json<{ total: number }>('/api/v1/draws', { unit: 'samr/650100' })).total).toBe(0);
    expect((await json<{ total: number }>('/api/v1/draws')).total).toBe(3);
    expect((await hub.get('/api/v1/draws/samr-653100-draw-D-1', { unit: 'samr/650100' })).status).toBe(404);
  });

  it('given an inspection result, when it names its draw, then stored and published with the draw; an unknown draw is 404 naming data.drawId', async () => {
    const unknown = await hub.submit('samr', [event('inspection.recorded', 'inspection/INS-9', { targetKind: 'website_or_shop', count: 1, drawId: 'D-404' })], { unit: KASHGAR });
    expect(unknown.status).toBe(404);
    expect(unknown.body.fields).toEqual([{ path: '[0].data.drawId', message: 'names no committed draw of samr/653100' }]);
    // Another unit cannot link to samr/653100's draw: its own D-1 does not exist.
    expect((await hub.submit('samr', [event('inspection.recorded', 'inspection/INS-1', { targetKind: 'website_or_shop', count: 1, drawId: 'D-1' })], { unit: 'samr/650100' })).status).toBe(404);
    expect((await hub.submit('samr', [event('inspection.recorded', 'inspection/INS-1', { targetKind: 'website_or_shop', count: 6, drawId: 'D-1' })], { unit: KASHGAR })).status).toBe(201);
    await hub.projected();
    const publication = await json<{ items: (DrawView & { results: { count: number }[] })[] }>('/api/v1/draws/publication');
    expect(publication.items.find((d) => d.id === 'samr-653100-draw-D-1')?.results).toEqual([expect.objectContaining({ targetKind: 'website_or_shop', count: 6 })]);
  });

  it('given revealed draws, when the publication is exported, then inspectors are masked and conflict reasons withheld', async () => {
    const publication = await json<{ items: DrawView[] }>('/api/v1/draws/publication');
    const text = JSON.stringify(publication);
    expect(text).not.toContain('李娜');
    expect(text).not.toContain('配偶');
    expect(text).toContain('李*');

    // The CSV a unit publishes: one line per drawn operator, names masked the same way, results counted.
    const csv = await hub.get('/api/v1/draws/publication?format=csv', { unit: 'samr/653100' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="draws-publication-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A UTF-8 BOM, so Excel on Chinese Windows reads it as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toMatch(/^抽查编号,抽查单位,抽查事项/);
    const d1 = lines.filter((line) => line.startsWith('samr-653100-draw-D-1,'));
    expect(d1.length).toBe(publication.items.find((d) => d.id === 'samr-653100-draw-D-1')?.selected?.length);
    for (const line of d1) expect(line).toMatch(/喀什地区市场监督管理局.*,6$/);
    expect(lines.join('\n')).not.toContain('李娜');
    expect((await hub.get('/api/v1/draws/publication?format=pdf', { unit: 'samr/653100' })).status).toBe(400);
  });
});
