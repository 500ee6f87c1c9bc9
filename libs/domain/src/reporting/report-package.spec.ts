import { describe, expect, it } from '@jest/globals';
import { newSigner } from '../audit/audit-fixtures.js';
import type { KeyRegistry } from '../audit/key-registry.js';
import { NET_SWORD_2021 } from '../annex/campaigns.js';
import type { HubEvent, UnsealedEvent } from '../integrity/envelope.js';
import { sealEvent } from '../integrity/seal.js';
import { figuresHash, filedAnnexReport, type FiledFigureValue } from './filing.js';
import { MANIFEST_PATH, PACKAGE_FORMAT, sha256Of, verifyPackage, type PackageFile, type PackageManifest, type PackageRole } from './report-package.js';

const signer = newSigner();
const other = newSigner();
const registry: KeyRegistry = { version: 1, keys: [{ department: 'samr', publicKey: signer.publicKey, validFrom: '2021-01-01T00:00:00Z', validTo: null }] };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const figures: FiledFigureValue[] = [{ row: 'sa-1', value: 12 }, { row: 'sa-6', value: 2, remark: '其中1件同时涉及虚假违法互联网广告' }];
const decisionA = bytes('%PDF-1.7 decision A');
const decisionB = bytes('%PDF-1.7 decision B');
const summaryText = '喀什地区市场监管局工作总结';

function filing(patch: Record<string, unknown> = {}, by = signer): HubEvent {
  const unsealed: UnsealedEvent = {
    id: '0190a4b2-7c1e-7000-8000-00000000f111',
    type: 'report.submitted',
    source: 'samr/653100',
    subject: 'report/net-sword-2021',
    time: '2021-12-03T10:00:00+08:00',
    recordedAt: '2021-12-03T02:00:01.000Z',
    version: 3,
    data: {
      campaign: 'net-sword-2021',
      summary: summaryText,
      figures,
      figuresHash: figuresHash(figures),
      checkpointSeq: 812,
      checkpointHash: 'c'.repeat(64),
      typicalCases: [{ caseId: 'C-1', decisions: [sha256Of(decisionA), sha256Of(decisionB)] }],
      ...patch,
    },
    prevHash: 'd'.repeat(64),
    actor: 'account:A-1',
  };
  return sealEvent(unsealed, by);
}

/** A well-formed package of `event`, as the gateway builds it. */
function pack(event: HubEvent = filing()): Map<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  const files: PackageFile[] = [];
  const add = (path: string, content: Uint8Array, role: PackageRole, caseId?: string): void => {
    entries.set(path, content);
    files.push({ path, sha256: sha256Of(content), size: content.length, role, ...(caseId ? { caseId } : {}) });
  };
  add('annex.json', bytes(JSON.stringify(figures, null, 2)), 'figures');
  add('annex.xlsx', bytes('PK printed form'), 'annex');
  add('summary.txt', bytes(summaryText), 'summary_text');
  add('typical-cases/C-1/a.pdf', decisionA, 'decision', 'C-1');
  add('typical-cases/C-1/b.pdf', decisionB, 'decision', 'C-1');
  const manifest: PackageManifest = { format: PACKAGE_FORMAT, unit: 'samr/653100', campaign: 'net-sword-2021', filing: event, checkpoint: { seq: 812, hash: 'c'.repeat(64) }, filingSeq: 900, files };
  entries.set(MANIFEST_PATH, bytes(JSON.stringify(manifest)));
  return entries;
}

const manifestOf = (entries: Map<string, Uint8Array>): PackageManifest => JSON.parse(new TextDecoder().decode(entries.get(MANIFEST_PATH))) as PackageManifest;
const withManifest = (entries: Map<string, Uint8Array>, manifest: PackageManifest): Map<string, Uint8Array> => new Map([...entries, [MANIFEST_PATH, bytes(JSON.stringify(manifest))]]);

describe('report package verification (offline)', () => {
  it('given a package as built, when verified, then nothing is wrong', () => {
    expect(verifyPackage(pack(), registry)).toEqual([]);
  });

  it('given an altered decision, when verified, then that file is named as altered', () => {
    const entries = pack();
    entries.set('typical-cases/C-1/b.pdf', bytes('%PDF-1.7 decision B, amended'));
    expect(verifyPackage(entries, registry).map((p) => [p.file, p.problem])).toEqual([['typical-cases/C-1/b.pdf', 'altered']]);
  });

  it('given a missing file, when verified, then that file is named as missing', () => {
    const entries = pack();
    entries.delete('annex.xlsx');
    expect(verifyPackage(entries, registry).map((p) => [p.file, p.problem])).toEqual([['annex.xlsx', 'missing']]);
  });

  it('given an added file, when verified, then that file is named as added', () => {
    const entries = pack();
    entries.set('materials/extra.pdf', bytes('%PDF-1.7 smuggled'));
    expect(verifyPackage(entries, registry).map((p) => [p.file, p.problem])).toEqual([['materials/extra.pdf', 'added']]);
  });

  it('given a swapped decision with a re-hashed manifest, when verified, then the decision is not the one the signed filing names', () => {
    const entries = pack();
    const swapped = bytes('%PDF-1.7 another decision');
    entries.set('typical-cases/C-1/b.pdf', swapped);
    const manifest = manifestOf(entries);
    manifest.files = manifest.files.map((file) => (file.path === 'typical-cases/C-1/b.pdf' ? { ...file, sha256: sha256Of(swapped) } : file));
    const problems = verifyPackage(withManifest(entries, manifest), registry);
    expect(problems.map((p) => [p.file, p.problem])).toEqual([
      ['typical-cases/C-1/b.pdf', 'unbound'],
      ['manifest.json', 'missing'],
    ]);
  });

  it('given a forged manifest whose filing figures were edited, when verified, then manifest.json is named as unsigned', () => {
    const entries = pack();
    const manifest = manifestOf(entries);
    manifest.filing = { ...manifest.filing, data: { ...manifest.filing.data, figures: [{ row: 'sa-1', value: 120 }] } };
    expect(verifyPackage(withManifest(entries, manifest), registry)).toContainEqual(expect.objectContaining({ file: 'manifest.json', problem: 'unsigned' }));
  });

  it('given a filing re-signed with a key the registry does not hold for samr, when verified, then manifest.json is named as unsigned', () => {
    const problems = verifyPackage(pack(filing({}, other)), registry);
    expect(problems).toEqual([expect.objectContaining({ file: 'manifest.json', problem: 'unsigned', message: expect.stringContaining('does not verify') })]);
  });

  it('given edited figures in annex.json with a re-hashed manifest, when verified, then annex.json is unbound', () => {
    const entries = pack();
    const edited = bytes(JSON.stringify([{ row: 'sa-1', value: 99 }]));
    entries.set('annex.json', edited);
    const manifest = manifestOf(entries);
    manifest.files = manifest.files.map((file) => (file.path === 'annex.json' ? { ...file, sha256: sha256Of(edited) } : file));
    expect(verifyPackage(withManifest(entries, manifest), registry).map((p) => [p.file, p.problem])).toEqual([['annex.json', 'unbound']]);
  });

  it('given no manifest, when verified, then manifest.json is named as missing', () => {
    const entries = pack();
    entries.delete(MANIFEST_PATH);
    expect(verifyPackage(entries, registry)).toEqual([{ file: 'manifest.json', problem: 'missing', message: 'the package has no manifest' }]);
  });
});

describe('the annex as filed', () => {
  it('given figures, when hashed in another key order, then the hash is the same (canonical JSON)', () => {
    expect(figuresHash([{ value: 12, row: 'sa-1' }])).toBe(figuresHash([{ row: 'sa-1', value: 12 }]));
    expect(figuresHash([{ row: 'sa-1', value: 13 }])).not.toBe(figuresHash([{ row: 'sa-1', value: 12 }]));
  });

  it("given a samr unit's figures, when printed, then its rows carry the filed values and other departments' rows stay blank", () => {
    const report = filedAnnexReport(NET_SWORD_2021, 'samr/653100', figures);
    expect(report.rows.find((row) => row.id === 'sa-6')).toMatchObject({ value: 2, remark: '其中1件同时涉及虚假违法互联网广告' });
    expect(report.rows.find((row) => row.id === 'sa-2')?.value).toBe(0);
    expect(report.rows.find((row) => row.id === 'cac-1')?.value).toBeNull();
  });
});
