import { describe, expect, it } from '@jest/globals';
import type { HubEvent } from '../../integrity/envelope.js';
import { buildExclusions, defaultExclusions } from './exclusions.js';
import { CorrelationEngine } from './engine.js';
import type { ClusterFinding, CorrelationOutcome } from './types.js';

const SHOP_TRACKED = 'https://shop123456.taobao.com/?spm=a230r.7195193.1997079397.2&scm=1007.12144';
const SHOP_PLAIN = 'http://shop123456.taobao.com';
const SHOP_KEY = 'shop_url:taobao:shop:123456';

function lead(unit: string, id: string, entities: [string, string][]): Pick<HubEvent, 'type' | 'source' | 'subject' | 'data'> {
  return { type: 'lead.reported', source: unit, subject: `lead/${id}`, data: { entities: entities.map(([kind, value]) => ({ kind, value })) } };
}

function manual(type: 'cluster.linked' | 'cluster.unlinked', data: object): Pick<HubEvent, 'type' | 'source' | 'subject' | 'data'> {
  return { type, source: 'joint/650000', subject: 'cluster/x', data: data as Record<string, unknown> };
}

const findingsOf = (outcomes: CorrelationOutcome[]): ClusterFinding[] => outcomes.flatMap((o) => o.findings);

describe('correlation', () => {
  it('given the same Taobao shop reported by samr in 653100 (spm) and by police in 650100 (http), when ingested, then one cluster is formed, cross-region and cross-department', () => {
    const engine = new CorrelationEngine();
    expect(engine.ingest(lead('samr/653100', 'L-1', [['shop_url', SHOP_TRACKED]])).findings).toEqual([]);
    const outcome = engine.ingest(lead('police/650100', 'L-7', [['shop_url', SHOP_PLAIN]]));
    expect(outcome.findings).toEqual([
      {
        id: expect.any(String),
        key: 'cluster.formed/samr-653100-lead-L-1',
        type: 'cluster.formed',
        subject: 'cluster/samr-653100-lead-L-1',
        data: {
          clusterId: 'samr-653100-lead-L-1',
          crossRegion: true,
          crossDepartment: true,
          members: ['samr/653100/lead/L-1', 'police/650100/lead/L-7'],
          keys: [SHOP_KEY],
        },
      },
    ]);
    expect(engine.clusterOf('police/650100/lead/L-7')).toMatchObject({ clusterId: 'samr-653100-lead-L-1', published: true });
  });

  it('given leads of one unit sharing a key, when ingested, then nothing is published until the cluster crosses a boundary, and then every member is', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'L-1', [['phone', '13812345678']]));
    expect(engine.ingest(lead('samr/653100', 'L-2', [['phone', '+86 138 1234 5678']])).findings).toEqual([]);
    expect(engine.clusterOf('samr/653100/lead/L-2')).toMatchObject({ published: false, members: ['samr/653100/lead/L-1', 'samr/653100/lead/L-2'] });
    const [formed] = engine.ingest(lead('samr/650100', 'L-3', [['phone', '13812345678']])).findings;
    expect(formed).toMatchObject({ type: 'cluster.formed', data: { crossRegion: true, crossDepartment: false } });
    expect(formed?.data.members).toEqual(['samr/653100/lead/L-1', 'samr/653100/lead/L-2', 'samr/650100/lead/L-3']);
  });

  it('given a published cluster, when a new lead matches it, then cluster.grown names only the new member and the key that matched', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'L-1', [['shop_url', SHOP_TRACKED]]));
    engine.ingest(lead('police/650100', 'L-7', [['shop_url', SHOP_PLAIN], ['phone', '13900000001']]));
    const { findings } = engine.ingest(lead('cac/650000', 'L-9', [['phone', '13900000001']]));
    expect(findings).toEqual([
      expect.objectContaining({
        type: 'cluster.grown',
        key: 'cluster.grown/samr-653100-lead-L-1/0/2',
        data: { clusterId: 'samr-653100-lead-L-1', crossRegion: true, crossDepartment: true, members: ['cac/650000/lead/L-9'], keys: ['phone:13900000001'] },
      }),
    ]);
  });

  it('given two published clusters, when a lead bridges them, then the earlier-published one absorbs the other and reports its members as grown', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'A1', [['phone', '13900000001']]));
    engine.ingest(lead('police/650100', 'A2', [['phone', '13900000001']]));
    engine.ingest(lead('samr/652300', 'B1', [['phone', '13900000002']]));
    engine.ingest(lead('tax/654000', 'B2', [['phone', '13900000002']]));
    const { findings } = engine.ingest(lead('cac/650100', 'X', [['phone', '13900000002'], ['phone', '13900000001']]));
    expect(findings).toEqual([
      expect.objectContaining({
        type: 'cluster.grown',
        subject: 'cluster/samr-653100-lead-A1',
        data: expect.objectContaining({ members: ['samr/652300/lead/B1', 'tax/654000/lead/B2', 'cac/650100/lead/X'] }),
      }),
    ]);
    expect(engine.cluster('samr-652300-lead-B1')).toBeUndefined();
  });

  it('given a case with the same operator USCC as another unit’s lead, when ingested, then the case joins the cluster', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'L-1', [['uscc', '91310110666007217T']]));
    const { findings } = engine.ingest({ type: 'case.opened', source: 'police/650100', subject: 'case/C-1', data: { entities: [{ kind: 'uscc', value: '91310110666007217T' }] } });
    expect(findings[0]?.data.members).toEqual(['samr/653100/lead/L-1', 'police/650100/case/C-1']);
  });

  it('given a USCC with a bad checksum on two leads, when ingested, then they still correlate and the key is flagged', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'L-1', [['uscc', '91310110666007217X']]));
    const outcome = engine.ingest(lead('police/650100', 'L-2', [['uscc', '91310110666007217X']]));
    expect(outcome.flagged).toEqual([{ key: 'uscc:91310110666007217X', flags: ['uscc_checksum_invalid'] }]);
    expect(outcome.findings).toHaveLength(1);
  });

  it('given a redelivered lead, when ingested again, then it is a duplicate and changes nothing', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'L-1', [['shop_url', SHOP_TRACKED]]));
    engine.ingest(lead('police/650100', 'L-7', [['shop_url', SHOP_PLAIN]]));
    expect(engine.ingest(lead('police/650100', 'L-7', [['shop_url', SHOP_PLAIN]]))).toMatchObject({ duplicate: true, findings: [] });
  });
});

describe('correlation guards', () => {
  it('given two leads that share only the platform’s own domain and app, when ingested, then they do not link and the exclusions are reported', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'L-1', [['domain', 'www.taobao.com'], ['app_id', 'com.taobao.taobao']]));
    const outcome = engine.ingest(lead('police/650100', 'L-2', [['domain', 'https://TAOBAO.com/'], ['app_id', 'com.taobao.taobao']]));
    expect(outcome.findings).toEqual([]);
    expect(outcome.excluded).toEqual(['domain:taobao.com', 'app_id:com.taobao.taobao']);
    expect(engine.clusterOf('police/650100/lead/L-2')?.members).toEqual(['police/650100/lead/L-2']);
  });

  it('given a custom exclusion list, when configured, then it replaces the defaults and bad entries are rejected', () => {
    expect(defaultExclusions().length).toBeGreaterThan(5);
    expect(buildExclusions([{ kind: 'phone', value: '+86 139 0000 0009', why: 'test' }, 'domain:example.com'])).toEqual(
      new Set(['phone:13900000009', 'domain:example.com']),
    );
    expect(() => buildExclusions([{ kind: 'uscc', value: 'nope', why: 'typo' }])).toThrow(/USCC must be 18 characters/);
  });

  it('given a cap of 3, when a fourth member carries the same value, then the value is over-correlating, reported once, and links no more', () => {
    const engine = new CorrelationEngine({ cap: 3 });
    const units = ['samr/653100', 'police/650100', 'cac/652300', 'tax/654000', 'postal/653200'];
    const outcomes = units.map((unit, i) => engine.ingest(lead(unit, `L-${i}`, [['phone', '13700000000']])));
    expect(outcomes.map((o) => o.overCorrelating)).toEqual([[], [], [], ['phone:13700000000'], []]);
    expect(engine.clusterOf('samr/653100/lead/L-0')?.members).toHaveLength(3);
    expect(engine.clusterOf('tax/654000/lead/L-3')?.members).toEqual(['tax/654000/lead/L-3']);
    expect(engine.isOverCorrelating('phone:13700000000')).toBe(true);
    expect(engine.overCorrelating()).toEqual(['phone:13700000000']);
    // Members past the cap still link through their other keys.
    const bridged = engine.ingest(lead('nmpa/650200', 'L-9', [['phone', '13700000000'], ['phone', '13600000000']]));
    expect(bridged.findings).toEqual([]);
  });
});

describe('manual link and unlink', () => {
  // A (samr/653100) —shop— B (police/650100) —phone— C (cac/652300)
  function threeLeads(): { engine: CorrelationEngine; clusterId: string } {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'A', [['shop_url', SHOP_TRACKED]]));
    engine.ingest(lead('police/650100', 'B', [['shop_url', SHOP_PLAIN], ['phone', '13900000001']]));
    engine.ingest(lead('cac/652300', 'C', [['phone', '13900000001']]));
    return { engine, clusterId: 'samr-653100-lead-A' };
  }

  it('given a cluster, when a coordinator detaches a member and later links it back, then membership is restored', () => {
    const { engine, clusterId } = threeLeads();
    const unlink = engine.decideUnlink({ clusterId, members: ['cac/652300/lead/C'], reason: '号码为快递员，与本案无关' });
    expect(unlink).toEqual({
      ok: true,
      type: 'cluster.unlinked',
      subject: `cluster/${clusterId}`,
      data: { clusterId, members: ['cac/652300/lead/C'], keys: [], reason: '号码为快递员，与本案无关', crossRegion: true, crossDepartment: true },
    });
    if (!unlink.ok) return;
    // Nothing changes until the event comes back from the log.
    expect(engine.clusterOf('cac/652300/lead/C')?.clusterId).toBe(clusterId);
    expect(engine.ingest(manual('cluster.unlinked', unlink.data)).findings).toEqual([]);
    expect(engine.cluster(clusterId)?.members).toEqual(['samr/653100/lead/A', 'police/650100/lead/B']);
    expect(engine.clusterOf('cac/652300/lead/C')?.members).toEqual(['cac/652300/lead/C']);

    const link = engine.decideLink({ clusterId, members: ['cac/652300/lead/C'], reason: '复核后确认关联' });
    expect(link).toMatchObject({ ok: true, data: { clusterId, members: ['cac/652300/lead/C'], keys: [] } });
    if (!link.ok) return;
    expect(engine.ingest(manual('cluster.linked', link.data)).findings).toEqual([]);
    expect(engine.cluster(clusterId)?.members).toEqual(['samr/653100/lead/A', 'police/650100/lead/B', 'cac/652300/lead/C']);
  });

  it('given a detached member, when a new lead shares its cut key, then the new lead joins the cluster and the detached member stays out', () => {
    const { engine, clusterId } = threeLeads();
    const unlink = engine.decideUnlink({ clusterId, members: ['cac/652300/lead/C'], reason: 'x' });
    if (unlink.ok) engine.applyUnlinked(unlink.data);
    const { findings } = engine.ingest(lead('tax/650100', 'D', [['phone', '13900000001']]));
    expect(findings).toEqual([expect.objectContaining({ type: 'cluster.grown', data: expect.objectContaining({ members: ['tax/650100/lead/D'] }) })]);
    expect(engine.clusterOf('cac/652300/lead/C')?.members).toEqual(['cac/652300/lead/C']);
  });

  it('given a member detached after it was announced, when a later lead brings it back, then the new announcement has a key of its own (grown keys count the manual decisions before them)', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'A', [['shop_url', SHOP_TRACKED]]));
    engine.ingest(lead('police/650100', 'B', [['shop_url', SHOP_PLAIN], ['phone', '13900000001']]));
    const first = engine.ingest(lead('cac/652300', 'C', [['phone', '13900000001'], ['domain', 'fake-shoes.cn']])).findings;
    const unlink = engine.decideUnlink({ clusterId: 'samr-653100-lead-A', members: ['cac/652300/lead/C'], reason: 'x' });
    if (unlink.ok) engine.applyUnlinked(unlink.data);
    // E links to the cluster by the shop and to C by the domain C was not cut from: C comes back, first again.
    const again = engine.ingest(lead('tax/654000', 'E', [['shop_url', SHOP_PLAIN], ['domain', 'fake-shoes.cn']])).findings;
    expect([...first, ...again].map((f) => [f.key, f.data.members])).toEqual([
      ['cluster.grown/samr-653100-lead-A/0/2', ['cac/652300/lead/C']],
      ['cluster.grown/samr-653100-lead-A/1/2', ['cac/652300/lead/C', 'tax/654000/lead/E']],
    ]);
  });

  it('given a blocked key, when leads carry it, then it links nothing until it is relinked, and relinking restores the cluster', () => {
    const { engine, clusterId } = threeLeads();
    const unlink = engine.decideUnlink({ clusterId, keys: [SHOP_KEY], reason: '店铺链接为平台活动页' });
    // B and C stay together (larger part); A leaves.
    expect(unlink).toMatchObject({ ok: true, data: { members: ['samr/653100/lead/A'], keys: [SHOP_KEY], crossRegion: true, crossDepartment: true } });
    if (!unlink.ok) return;
    engine.applyUnlinked(unlink.data);
    expect(engine.cluster(clusterId)?.members).toEqual(['police/650100/lead/B', 'cac/652300/lead/C']);
    expect(engine.ingest(lead('tax/654000', 'E', [['shop_url', SHOP_PLAIN]])).findings).toEqual([]);
    expect(engine.clusterOf('tax/654000/lead/E')?.members).toEqual(['tax/654000/lead/E']);

    const link = engine.decideLink({ keys: [SHOP_KEY], reason: '复核：同一店铺' });
    expect(link).toMatchObject({ ok: true, data: { clusterId, members: ['samr/653100/lead/A', 'tax/654000/lead/E'], keys: [SHOP_KEY] } });
    if (!link.ok) return;
    engine.applyLinked(link.data);
    expect(engine.cluster(clusterId)?.members).toHaveLength(4);
  });

  it('given two unrelated leads, when a coordinator links them, then the linked event announces the new cluster with all members', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'P', [['phone', '13900000003']]));
    engine.ingest(lead('police/650100', 'Q', []));
    const link = engine.decideLink({ members: ['police/650100/lead/Q', 'samr/653100/lead/P'], reason: '同一团伙' });
    expect(link).toMatchObject({
      ok: true,
      data: { clusterId: 'samr-653100-lead-P', members: ['police/650100/lead/Q', 'samr/653100/lead/P'], crossRegion: true, crossDepartment: true },
    });
    if (!link.ok) return;
    expect(engine.applyLinked(link.data).findings).toEqual([]);
    expect(engine.cluster('samr-653100-lead-P')).toMatchObject({ published: true, members: ['samr/653100/lead/P', 'police/650100/lead/Q'] });
    // Later matches grow the manually formed cluster.
    expect(engine.ingest(lead('cac/650000', 'R', [['phone', '13900000003']])).findings[0]).toMatchObject({ type: 'cluster.grown' });
  });

  it('given bad commands, when decided, then each is refused with its code', () => {
    const { engine, clusterId } = threeLeads();
    expect(engine.decideUnlink({ clusterId, members: ['cac/652300/lead/C'], reason: ' ' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    expect(engine.decideUnlink({ clusterId: 'nope', members: ['cac/652300/lead/C'], reason: 'x' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CLUSTER' } });
    expect(engine.decideUnlink({ clusterId, members: ['cac/652300/lead/Z'], reason: 'x' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_MEMBER' } });
    expect(engine.decideUnlink({ clusterId, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_COMMAND' } });
    expect(
      engine.decideUnlink({ clusterId, members: ['samr/653100/lead/A', 'police/650100/lead/B', 'cac/652300/lead/C'], reason: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'REMOVES_EVERYTHING' } });
    expect(engine.decideLink({ clusterId, members: ['cac/652300/lead/C'], reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NO_EFFECT' } });
    expect(engine.decideLink({ keys: ['domain:taobao.com'], reason: 'x' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_KEY' } });
  });
});

describe('determinism', () => {
  const log = [
    lead('samr/653100', 'L-1', [['shop_url', SHOP_TRACKED]]),
    lead('samr/653100', 'L-2', [['phone', '13900000001']]),
    lead('police/650100', 'L-7', [['shop_url', SHOP_PLAIN], ['phone', '13900000001']]),
    lead('cac/650000', 'L-9', [['phone', '13900000001'], ['uscc', '91310110666007217T']]),
    lead('tax/654000', 'L-4', [['uscc', '91310110666007217T']]),
  ];

  it('given the same log, when replayed into fresh engines, then the findings, cluster ids and event ids are identical', () => {
    const run = (): ClusterFinding[] => {
      const engine = new CorrelationEngine();
      return findingsOf(log.map((e) => engine.ingest(e)));
    };
    const first = run();
    expect(first.map((f) => f.key)).toEqual([
      'cluster.formed/samr-653100-lead-L-1',
      'cluster.grown/samr-653100-lead-L-1/0/3',
      'cluster.grown/samr-653100-lead-L-1/0/4',
    ]);
    expect(run()).toEqual(first);
  });

  it('given a snapshot taken mid-log, when restored and fed the rest, then it ends exactly as an uninterrupted engine', () => {
    const whole = new CorrelationEngine();
    const all = findingsOf(log.map((e) => whole.ingest(e)));

    const before = new CorrelationEngine();
    const head = findingsOf(log.slice(0, 3).map((e) => before.ingest(e)));
    const unlink = before.decideUnlink({ clusterId: 'samr-653100-lead-L-1', members: ['samr/653100/lead/L-2'], reason: 'x' });
    if (unlink.ok) before.applyUnlinked(unlink.data);
    const snapshot = JSON.parse(JSON.stringify(before.snapshot())) as ReturnType<CorrelationEngine['snapshot']>;
    const restored = CorrelationEngine.restore(snapshot);
    const tailRestored = findingsOf(log.slice(3).map((e) => restored.ingest(e)));
    const tailOriginal = findingsOf(log.slice(3).map((e) => before.ingest(e)));
    expect(tailRestored).toEqual(tailOriginal);
    expect(restored.snapshot()).toEqual(before.snapshot());
    expect(head[0]?.key).toBe(all[0]?.key);
  });

  it('given a value past the unit cap, a unit repeating it, a vouch and a record beyond its key cap, when restored from a snapshot after any event, then the rest of the log ends as one uninterrupted engine', () => {
    const HOT = '13800138000';
    const log = [
      lead('samr/653100', 'H1', [['phone', HOT]]),
      lead('police/650100', 'H2', [['phone', HOT]]),
      lead('samr/653100', 'H3', [['phone', HOT], ['phone', '13900000001']]),
      lead('cac/652300', 'H4', [['phone', HOT]]),
      lead('nmpa/654000', 'H5', [['phone', '13900000002'], ['phone', HOT]]),
      manual('cluster.linked', { clusterId: '', members: [], keys: [`phone:${HOT}`], reason: '同一团伙' }),
      lead('forestry/650200', 'H6', [['phone', HOT]]),
      lead('police/650100', 'K1', [['phone', '13900000001'], ['phone', '13900000002']]),
      lead('cac/652300', 'H7', [['phone', '13900000002']]),
    ];
    const options = { cap: 2, maxKeys: 1 };
    const outcomeOf = (engine: CorrelationEngine, refs: readonly string[]) => ({
      snapshot: engine.snapshot(),
      clusters: refs.map((ref) => engine.clusterOf(ref)),
      linking: refs.map((ref) => engine.linkingKeysOf(ref)),
      over: engine.overCorrelating(),
      units: engine.unitCount(`phone:${HOT}`),
    });
    const whole = new CorrelationEngine(options);
    const findings = log.map((e) => whole.ingest(e).findings);
    const refs = whole.snapshot().members.map(([ref]) => ref);
    expect(whole.unitCount(`phone:${HOT}`)).toBe(4); // H1 and H3 are one unit; H5 carries it beyond its key cap
    expect(whole.clusterOf('forestry/650200/lead/H6')?.members).toContain('samr/653100/lead/H1'); // vouched: later units link

    for (let at = 1; at < log.length; at++) {
      const before = new CorrelationEngine(options);
      for (const e of log.slice(0, at)) before.ingest(e);
      const restored = CorrelationEngine.restore(JSON.parse(JSON.stringify(before.snapshot())) as ReturnType<CorrelationEngine['snapshot']>, options);
      expect({ at, findings: log.slice(at).map((e) => restored.ingest(e).findings) }).toEqual({ at, findings: findings.slice(at) });
      expect({ at, ...outcomeOf(restored, refs) }).toEqual({ at, ...outcomeOf(whole, refs) });
    }
  });
});

describe('manual decisions — consequences', () => {
  it('given a member that bridges others to the cluster, when it is detached, then the members hanging on it leave too and stay together', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'A', [['phone', '13900000001']]));
    engine.ingest(lead('police/650100', 'B', [['phone', '13900000001'], ['phone', '13900000002']]));
    engine.ingest(lead('cac/652300', 'C', [['phone', '13900000002']]));
    const unlink = engine.decideUnlink({ clusterId: 'samr-653100-lead-A', members: ['police/650100/lead/B'], reason: 'x' });
    expect(unlink).toMatchObject({ ok: true, data: { members: ['police/650100/lead/B', 'cac/652300/lead/C'] } });
    if (!unlink.ok) return;
    const { findings } = engine.applyUnlinked(unlink.data);
    // B and C still share a phone and span two regions: they form a cluster of their own.
    expect(findings).toEqual([
      expect.objectContaining({ type: 'cluster.formed', subject: 'cluster/police-650100-lead-B', data: expect.objectContaining({ members: ['police/650100/lead/B', 'cac/652300/lead/C'] }) }),
    ]);
    expect(engine.cluster('samr-653100-lead-A')?.members).toEqual(['samr/653100/lead/A']);
  });

  it('given a cluster that absorbed another, when the bridge is detached, then the absorbed cluster comes back under its own id', () => {
    const engine = new CorrelationEngine();
    engine.ingest(lead('samr/653100', 'A1', [['phone', '13900000001']]));
    engine.ingest(lead('police/650100', 'A2', [['phone', '13900000001']]));
    engine.ingest(lead('samr/652300', 'B1', [['phone', '13900000002']]));
    engine.ingest(lead('tax/654000', 'B2', [['phone', '13900000002']]));
    engine.ingest(lead('cac/650100', 'X', [['phone', '13900000001'], ['phone', '13900000002']]));
    const unlink = engine.decideUnlink({ clusterId: 'samr-653100-lead-A1', members: ['cac/650100/lead/X'], reason: 'x' });
    if (!unlink.ok) throw unlink.error;
    const { findings } = engine.applyUnlinked(unlink.data);
    expect(findings.map((f) => [f.type, f.subject])).toEqual([['cluster.grown', 'cluster/samr-652300-lead-B1']]);
    expect(engine.cluster('samr-653100-lead-A1')?.members).toEqual(['samr/653100/lead/A1', 'police/650100/lead/A2']);
  });

  it('given an over-correlating value, when a coordinator relinks it, then every member carrying it joins', () => {
    const engine = new CorrelationEngine({ cap: 2 });
    ['samr/653100', 'police/650100', 'cac/652300'].forEach((unit, i) => engine.ingest(lead(unit, `L-${i}`, [['phone', '13700000000']])));
    expect(engine.clusterOf('cac/652300/lead/L-2')?.members).toHaveLength(1);
    const link = engine.decideLink({ keys: ['phone:13700000000'], reason: '确认为同一经营者' });
    if (!link.ok) throw link.error;
    expect(link.data.members).toEqual(['cac/652300/lead/L-2']);
    engine.applyLinked(link.data);
    expect(engine.clusterOf('cac/652300/lead/L-2')?.members).toHaveLength(3);
    // Vouched for: later carriers link too.
    expect(engine.ingest(lead('tax/654000', 'L-3', [['phone', '13700000000']])).findings[0]?.type).toBe('cluster.grown');
  });
});

describe('large clusters', () => {
  it('given a chain of 1001 same-unit leads, when another region joins, then formed carries 1000 members and grown the rest', () => {
    const engine = new CorrelationEngine();
    for (let i = 0; i < 1001; i++) {
      engine.ingest(lead('samr/653100', `L-${i}`, [['phone', `1390000${String(i).padStart(4, '0')}`], ['phone', `1390000${String(i + 1).padStart(4, '0')}`]]));
    }
    const { findings } = engine.ingest(lead('police/650100', 'P', [['phone', '13900000000']]));
    expect(findings.map((f) => [f.type, f.data.members.length])).toEqual([
      ['cluster.formed', 1000],
      ['cluster.grown', 2],
    ]);
    expect(new Set(findings.map((f) => f.id)).size).toBe(2);
  });
});
