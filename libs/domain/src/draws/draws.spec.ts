import { newSigner } from '../audit/audit-fixtures.js';
import {
  canonicalTargets,
  computeDraw,
  conflictOf,
  inspectorsHash,
  sampleCount,
  seedMessage,
  seedOf,
  targetsHash,
  type DrawTarget,
  type Inspector,
} from './draw-algorithm.js';
import { drawListsOf, inspectorsOf, parseDrawCampaign, type DrawCampaignData } from './draw-campaign.js';
import { maskPersonName, registerTargets } from './draw-register.js';
import { verifyDraw, type DrawCommittedFacts, type DrawEvidence } from './draw-verify.js';

const targets: DrawTarget[] = Array.from({ length: 12 }, (_, i) => ({ operator: `samr/653100/operator/OP-${i + 1}`, ...(i === 2 ? { uscc: '91310110666007217T' } : {}) }));
const inspectors: Inspector[] = [
  { id: 'I-1', name: '张伟', conflicts: [] },
  { id: 'I-2', name: '李娜', conflicts: [{ uscc: '91310110666007217T', reason: '配偶在该经营者任职' }] },
  { id: 'I-3', name: '王磊', conflicts: [{ operator: 'samr/653100/operator/OP-5', reason: '近亲属' }] },
  { id: 'I-4', name: '刘洋', conflicts: [] },
];
const seed = 'a'.repeat(64);

describe('draw algorithm net-sword/draw/v1', () => {
  it('given the same inputs in any order, when drawn twice, then the same targets and inspectors', () => {
    const once = computeDraw({ targets, inspectors, sample: { size: 4 }, inspectorsPerTarget: 2, seed });
    const again = computeDraw({ targets: [...targets].reverse(), inspectors: [...inspectors].reverse(), sample: { size: 4 }, inspectorsPerTarget: 2, seed });
    expect(again).toEqual(once);
    expect(once.selected).toHaveLength(4);
    for (const s of once.selected) expect(s.inspectors).toHaveLength(2);
  });

  it('given another seed, when drawn, then another selection (the seed decides, not the list order)', () => {
    const draws = new Set(['0', '1', '2', '3', '4'].map((c) => computeDraw({ targets, inspectors, sample: { size: 3 }, inspectorsPerTarget: 1, seed: c.repeat(64) }).selected.map((s) => s.operator).join()));
    expect(draws.size).toBeGreaterThan(1);
  });

  it('given a ratio, when counted, then rounded up on exact integer arithmetic and capped at the list', () => {
    expect(sampleCount(100, { ratio: 0.05 })).toBe(5);
    expect(sampleCount(7, { ratio: 0.1 })).toBe(1);
    expect(sampleCount(0, { ratio: 0.5 })).toBe(0);
    expect(sampleCount(3, { size: 10 })).toBe(3);
  });

  it('given an inspector with a declared conflict, when the target is drawn, then the inspector is skipped with the reason', () => {
    const all = computeDraw({ targets, inspectors, sample: { size: 12 }, inspectorsPerTarget: 4, seed });
    const op3 = all.selected.find((s) => s.operator === 'samr/653100/operator/OP-3');
    expect(op3?.inspectors).not.toContain('I-2');
    expect(op3?.inspectors).toHaveLength(3);
    expect(all.skipped).toContainEqual({ operator: 'samr/653100/operator/OP-3', inspector: 'I-2', reason: '配偶在该经营者任职' });
    expect(all.skipped).toContainEqual({ operator: 'samr/653100/operator/OP-5', inspector: 'I-3', reason: '近亲属' });
    expect(all.skipped).toHaveLength(2);
    expect(conflictOf(inspectors[1] as Inspector, { operator: 'samr/653100/operator/OP-9' })).toBeUndefined();
  });

  it('given lists in different orders or with repeats, when hashed, then one canonical hash; a changed entry, another', () => {
    expect(targetsHash([...targets].reverse())).toBe(targetsHash(targets));
    expect(targetsHash([...targets, targets[0] as DrawTarget])).toBe(targetsHash(targets));
    expect(canonicalTargets([targets[9] as DrawTarget, targets[0] as DrawTarget]).map((t) => t.operator)).toEqual(['samr/653100/operator/OP-1', 'samr/653100/operator/OP-10']);
    expect(targetsHash(targets.slice(1))).not.toBe(targetsHash(targets));
    expect(inspectorsHash([...inspectors].reverse())).toBe(inspectorsHash(inspectors));
    expect(inspectorsHash(inspectors.slice(1))).not.toBe(inspectorsHash(inspectors));
    expect(targetsHash(targets)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('draw campaign data and the register filter', () => {
  it('given the campaign file, when loaded, then key and general items and each unit its inspectors', () => {
    const data = drawListsOf('net-sword-2021') as DrawCampaignData;
    expect(data.items.some((i) => i.level === 'key') && data.items.some((i) => i.level === 'general')).toBe(true);
    expect(inspectorsOf('samr/653100', data).length).toBeGreaterThanOrEqual(4);
    expect(inspectorsOf('police/653100', data)).toEqual([]);
  });

  it('given a conflict naming neither operator nor USCC, when parsed, then the path is named', () => {
    expect(() => parseDrawCampaign({ campaign: 'x', items: [], inspectors: [{ id: 'I-1', unit: 'samr/653100', name: '张伟', conflicts: [{ reason: 'r' }] }] }, 'f.json')).toThrow(
      'inspectors[0].conflicts[0]: name exactly one of operator, uscc',
    );
  });

  it('given register entries, when filtered, then the region, kind and status decide', () => {
    const entries = [
      { unit: 'samr/653100', operatorId: 'A', region: '653100', kind: 'platform_shop', displayStatus: 'deficient', uscc: null },
      { unit: 'telecom/653100', operatorId: 'B', region: '653100', kind: 'idc', displayStatus: 'compliant', uscc: '91110000600037341L' },
      { unit: 'samr/650100', operatorId: 'C', region: '650100', kind: 'platform_shop', displayStatus: 'deficient', uscc: null },
    ];
    expect(registerTargets(entries, { region: '653100' })).toEqual([{ operator: 'samr/653100/operator/A' }, { operator: 'telecom/653100/operator/B', uscc: '91110000600037341L' }]);
    expect(registerTargets(entries, { region: '653100', status: 'deficient' })).toEqual([{ operator: 'samr/653100/operator/A' }]);
  });

  it('given person names, when published, then masked after the surname', () => {
    expect(maskPersonName('张伟')).toBe('张*');
    expect(maskPersonName('阿依古丽')).toBe('阿***');
  });
});

describe('verifyDraw', () => {
  const joint = newSigner();
  const commitHash = 'c'.repeat(64);
  const data: DrawCommittedFacts = {
    item: 'key-01',
    region: '653100',
    sampleSize: 3,
    inspectorsPerTarget: 2,
    registerSeq: 10,
    targets,
    targetsHash: targetsHash(targets),
    inspectors,
    inspectorsHash: inspectorsHash(inspectors),
    algorithm: 'net-sword/draw/v1',
    seedRule: 'joint-signature/v1',
  };
  const seedSignature = joint.sign(seedMessage(commitHash));
  const outcome = computeDraw({ targets, inspectors, sample: { size: 3 }, inspectorsPerTarget: 2, seed: seedOf(seedSignature) });
  const evidence: DrawEvidence = {
    committed: { hash: commitHash, data },
    revealed: { data: { drawRef: 'samr/653100/draw/D-1', commitHash, seedSignature, seed: seedOf(seedSignature), ...outcome } },
    registerTargets: targets,
    campaignInspectors: inspectors,
    jointSigned: (message, sig) => sig === joint.sign(message),
  };

  it('given an honest commit and reveal, when verified, then every check passes', () => {
    expect(verifyDraw(evidence)).toMatchObject({ ok: true, failed: [] });
  });

  it("given the draw's campaign lists another inspector list, or none, when verified, then inspectors_campaign fails naming the campaign", () => {
    const other = verifyDraw({ ...evidence, campaignInspectors: inspectors.slice(1), campaign: 'net-sword-2022' });
    expect(other.failed).toEqual(['inspectors_campaign']);
    expect(other.checks.find((c) => c.check === 'inspectors_campaign')?.message).toContain("net-sword-2022's draw lists");
    const none = verifyDraw({ ...evidence, campaignInspectors: undefined, campaign: 'net-sword-2022' });
    expect(none.failed).toEqual(['inspectors_campaign']);
    expect(none.checks.find((c) => c.check === 'inspectors_campaign')?.message).toBe('net-sword-2022 has no draw lists to compare the inspector list with');
  });

  it('given a snapshot that left out a registered operator, when verified, then targets_register fails', () => {
    const partial = targets.slice(1);
    const result = verifyDraw({ ...evidence, committed: { hash: commitHash, data: { ...data, targets: partial, targetsHash: targetsHash(partial) } } });
    expect(result.failed).toContain('targets_register');
    expect(result.failed).not.toContain('targets_hash');
  });

  it('given a logged list changed after its hash, when verified, then targets_hash fails', () => {
    expect(verifyDraw({ ...evidence, committed: { hash: commitHash, data: { ...data, targets: targets.slice(2) } } }).failed).toContain('targets_hash');
  });

  it('given a revealed seed that is not the one the signature fixes, when verified, then seed and selection fail', () => {
    const revealed = evidence.revealed?.data;
    if (!revealed) throw new Error('fixture');
    const chosen = computeDraw({ targets, inspectors, sample: { size: 3 }, inspectorsPerTarget: 2, seed: 'f'.repeat(64) });
    expect(verifyDraw({ ...evidence, revealed: { data: { ...revealed, seed: 'f'.repeat(64), ...chosen } } }).failed).toEqual(['seed']);
    expect(verifyDraw({ ...evidence, revealed: { data: { ...revealed, seed: 'f'.repeat(64) } } }).failed).toEqual(['seed', 'selection']);
  });

  it('given a signature by another key, when verified, then seed_signature fails', () => {
    expect(verifyDraw({ ...evidence, jointSigned: () => false }).failed).toEqual(['seed_signature']);
  });

  it('given no reveal yet, when verified, then only revealed fails', () => {
    const { revealed: _none, ...pending } = evidence;
    expect(verifyDraw(pending).failed).toEqual(['revealed']);
  });
});
