import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { jetstreamManager } from '@nats-io/jetstream';
import type { ReadinessReport, ReportFiled } from '@hub/contracts';
import { EVENT_STREAM } from '@hub/event-store';
import { loadKeyRegistry, verifyPackageFile } from '@hub/audit';
import { figuresHash, MAX_ATTACHMENT_BYTES, sha256Of, type PackageManifest } from '@hub/domain';
import { TestHub } from './support/test-hub.js';
import { waitUntil } from './faults/support/processes.js';
import { caseOpened, event } from './support/events.js';
import { attach, elf, jpeg, pdf } from './support/attachments.js';

const run = promisify(execFile);
const UNIT = 'samr/653100';
const CAMPAIGN = 'net-sword-2021';

/**
 * Issue 17 §1, §2, §5 through the real hub: attachments sniffed and stored by SHA-256 in the object store
 * (signed by the department), downloads under the record's scope and in the access log, a filing that
 * carries its figures, hash and checkpoint, 已变更 after a correction of a counted record, and a package
 * that verifies offline — and fails naming the file when altered, missing, added or forged.
 */
describe('report package: attachments, signed filing, package verification', () => {
  let hub: TestHub;
  let dir: string;
  const token = (unit = UNIT) => hub.token(unit);
  const post = async <T>(path: string, body: unknown, unit = UNIT): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token(unit)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  };
  const readiness = async (): Promise<ReadinessReport['items'][number]> => {
    const response = await hub.get(`/api/v1/readiness?campaign=${CAMPAIGN}`, { unit: UNIT });
    expect(response.status).toBe(200);
    return ((await response.json()) as ReadinessReport).items[0] as ReadinessReport['items'][number];
  };
  const decided = (id: string, no: string) => [
    caseOpened(id),
    event('case.decided', `case/${id}`, { decisionNo: no, fine: 5000, confiscation: 0, decidedAt: '2021-11-20T10:00:00+08:00' }, '2021-11-20T10:00:00+08:00'),
    event('case.marked_typical', `case/${id}`, { reason: '典型案例' }, '2021-11-21T10:00:00+08:00'),
  ];
  const decisionA = pdf('decision A');
  const decisionB = pdf('decision B');
  const summaryDoc = pdf('summary');
  const material = jpeg();

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true });
    dir = await mkdtemp(join(tmpdir(), 'report-package-'));
    const events = [event('inspection.recorded', 'inspection/I-1', { targetKind: 'website_or_shop', count: 7 }), ...decided('C-1', '喀市监处罚〔2021〕1号'), ...decided('C-2', '喀市监处罚〔2021〕2号')];
    expect((await hub.submit('samr', events, { unit: UNIT })).status).toBe(201);
    await hub.projected();
  });

  afterAll(async () => {
    await hub?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('given files that are not what the kind accepts, when attached, then 400 names the field and nothing is recorded', async () => {
    const before = await hub.storedEvents();
    const exe = await attach(hub.url, token(), { kind: 'decision', subject: 'case/C-1' }, elf(), '处罚决定书.pdf');
    expect(exe).toMatchObject({ status: 400, body: { fields: [{ path: 'file', message: expect.stringContaining('ELF executable') }] } });
    const photo = await attach(hub.url, token(), { kind: 'decision', subject: 'case/C-1' }, jpeg(), 'scan.jpg');
    expect(photo).toMatchObject({ status: 400, body: { fields: [{ path: 'file', message: 'is JPEG; a decision attachment must be PDF' }] } });
    const misnamed = await attach(hub.url, token(), { kind: 'summary', subject: `report/${CAMPAIGN}` }, pdf(), 'summary.docx');
    expect(misnamed).toMatchObject({ status: 400, body: { fields: [{ path: 'fileName' }] } });
    const lead = await attach(hub.url, token(), { kind: 'invoice', subject: 'lead/L-1' }, pdf(), 'a.pdf');
    expect((lead.body['fields'] as { path: string }[]).map((f) => f.path).sort()).toEqual(['kind', 'subject']);
    expect((await attach(hub.url, token(), { kind: 'decision', subject: 'case/C-1' }, Buffer.alloc(0), 'empty.pdf')).status).toBe(400);
    const bigPhoto = Buffer.concat([jpeg(), Buffer.alloc(10 * 1024 * 1024)]);
    expect(await attach(hub.url, token(), { kind: 'photo', subject: 'case/C-1' }, bigPhoto, 'scene.jpg')).toMatchObject({ status: 400, body: { fields: [{ path: 'file', message: expect.stringContaining('at most 10485760 bytes') }] } });
    const tooBig = Buffer.concat([pdf(), Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    expect(await attach(hub.url, token(), { kind: 'decision', subject: 'case/C-1' }, tooBig, 'big.pdf')).toMatchObject({ status: 413, body: { fields: [{ path: 'file' }] } });
    // A decision on a case that was never opened: the department's lifecycle rule refuses it.
    expect((await attach(hub.url, token(), { kind: 'decision', subject: 'case/C-NONE' }, pdf(), 'd.pdf')).status).toBe(409);
    // A system posting attachment.added itself for bytes the store does not hold: the department refuses to sign.
    const unstored = await hub.submit('samr', [event('attachment.added', 'case/C-1', { kind: 'decision', fileName: 'd.pdf', mediaType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) })], { unit: UNIT });
    expect(unstored).toMatchObject({ status: 404, body: { fields: [{ path: '[0].data.sha256', message: 'names no stored file' }] } });
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given decisions, a summary and material, when attached, then each is an attachment.added signed by samr and the same file again is stored once', async () => {
    const a = await attach(hub.url, token(), { kind: 'decision', subject: 'case/C-1' }, decisionA, '喀市监处罚〔2021〕1号.pdf');
    expect(a).toMatchObject({ status: 201, body: { kind: 'decision', mediaType: 'application/pdf', size: decisionA.length, sha256: sha256Of(decisionA), duplicate: false, newFile: true } });
    expect((await attach(hub.url, token(), { kind: 'decision', subject: 'case/C-2' }, decisionB, '喀市监处罚〔2021〕2号.pdf')).status).toBe(201);
    expect((await attach(hub.url, token(), { kind: 'summary', subject: `report/${CAMPAIGN}` }, summaryDoc, '工作总结.pdf')).status).toBe(201);
    expect((await attach(hub.url, token(), { kind: 'joint_enforcement', subject: `report/${CAMPAIGN}` }, material, '联合执法现场.jpg')).status).toBe(201);
    const again = await attach(hub.url, token(), { kind: 'decision', subject: 'case/C-1' }, decisionA, '喀市监处罚〔2021〕1号.pdf');
    expect(again).toMatchObject({ status: 201, body: { duplicate: true, newFile: false, seq: a.body['seq'] } });
    await hub.projected();
    const listed = await hub.get(`/api/v1/attachments?unit=${UNIT}&subject=case/C-1`, { unit: UNIT });
    expect(((await listed.json()) as { sha256: string }[]).map((item) => item.sha256)).toEqual([sha256Of(decisionA)]);
  });

  it('given an attachment, when downloaded, then its unit and the coordinator get the bytes inline, another unit 403, and the access log records the export', async () => {
    const sha = sha256Of(decisionA);
    const own = await hub.get(`/api/v1/attachments/${sha}`, { unit: UNIT });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('content-disposition')).toMatch(/^inline; .*filename\*=UTF-8''%E5%96%80/);
    expect(Buffer.from(await own.arrayBuffer()).equals(decisionA)).toBe(true);
    expect((await hub.get(`/api/v1/attachments/${sha}`, { token: hub.credentials.coordinator })).status).toBe(200);
    expect((await hub.get(`/api/v1/attachments/${sha}`, { unit: 'police/653100' })).status).toBe(403);
    expect((await hub.get(`/api/v1/attachments/${'0'.repeat(64)}`, { unit: UNIT })).status).toBe(404);
    const logged = async (): Promise<{ route: string; export: boolean; status: number; scope: string }[]> => {
      const answer = await hub.get('/api/v1/audit/access?route=/api/v1/attachments/', { token: hub.credentials.auditor });
      return (await answer.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { route: string; export: boolean; status: number; scope: string });
    };
    // The log is written in the background (batched): wait for the state, not for time.
    await waitUntil('the access log has the refused download', async () => (await logged()).some((r) => r.status === 403), 10_000, 50);
    const records = await logged();
    expect(records).toContainEqual(expect.objectContaining({ route: '/api/v1/attachments/:sha256', export: true, status: 200, scope: `unit:${UNIT}` }));
    expect(records).toContainEqual(expect.objectContaining({ status: 403, scope: 'unit:police/653100' }));
  });

  let filed: ReportFiled;

  it('given the attachments, when the unit files, then report.submitted carries the figures as computed at the checkpoint, their hash, the typical cases with their decisions, the summary and the material', async () => {
    const bad = await post<{ fields: { path: string }[] }>('/api/v1/reports/file', { summary: ' ', typicalCaseIds: ['C-404'], summaryAttachment: sha256Of(decisionA) });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.path)).toEqual(['summary']);
    const wrong = await post<{ fields: { path: string }[] }>('/api/v1/reports/file', { summary: '总结', typicalCaseIds: ['C-404'], summaryAttachment: sha256Of(decisionA) });
    expect(wrong.body.fields.map((f) => f.path).sort()).toEqual(['summaryAttachment', 'typicalCaseIds[0]']);
    const last = (await (await jetstreamManager(hub.admin)).streams.info(EVENT_STREAM)).state.last_seq;
    const answer = await post<ReportFiled>('/api/v1/reports/file', { summary: '喀什地区市场监管局网剑行动工作总结', jointEnforcementNote: '与公安联合执法' });
    expect(answer.status).toBe(201);
    filed = answer.body;
    expect(filed.checkpointSeq).toBe(last);
    expect(filed.figures).toContainEqual({ row: 'sa-1', value: 7 });
    expect(filed.figures).toContainEqual({ row: 'sa-6', value: 2 });
    expect(filed.figuresHash).toBe(figuresHash(filed.figures));
    expect(filed.typicalCases.map((c) => [c.caseId, c.decisions]).sort()).toEqual([
      ['C-1', [sha256Of(decisionA)]],
      ['C-2', [sha256Of(decisionB)]],
    ]);
    expect(filed.summaryAttachment).toBe(sha256Of(summaryDoc));
    expect(filed.jointEnforcementAttachments).toEqual([sha256Of(material)]);
    // The checkpoint hash is the hash of the event at that sequence.
    const atCheckpoint = await (await jetstreamManager(hub.admin)).streams.getMessage(EVENT_STREAM, { seq: last });
    expect(filed.checkpointHash).toBe(atCheckpoint?.json<{ hash: string }>().hash);
    await hub.projected();
    // Two typical cases with their decision documents, the material attached: nothing is missing.
    expect(await readiness()).toMatchObject({ filedVersion: filed.version, changedSinceFiled: false, changedBy: null, jointEnforcement: true, missing: [] });
  });

  it('given a correction of a record made after filing, then the filing is unchanged; given one of a counted record, then it is 已变更 until filed again (a new version)', async () => {
    const later = [event('inspection.recorded', 'inspection/I-2', { targetKind: 'website_or_shop', count: 3 }), event('inspection.corrected', 'inspection/I-2', { reason: '数量有误', count: 4 })];
    expect((await hub.submit('samr', later, { unit: UNIT })).status).toBe(201);
    await hub.projected();
    expect(await readiness()).toMatchObject({ changedSinceFiled: false });
    expect((await hub.submit('samr', [event('inspection.corrected', 'inspection/I-1', { reason: '检查家次以台账为准', count: 9 })], { unit: UNIT })).status).toBe(201);
    await hub.projected();
    expect(await readiness()).toMatchObject({ changedSinceFiled: true, changedBy: { type: 'inspection.corrected', subject: 'inspection/I-1' } });
    const refiled = await post<ReportFiled>('/api/v1/reports/file', { summary: '喀什地区市场监管局网剑行动工作总结（更正后）' });
    expect(refiled.status).toBe(201);
    expect(refiled.body.version).toBeGreaterThan(filed.version);
    expect(refiled.body.figures).toContainEqual({ row: 'sa-1', value: 9 + 4 });
    filed = refiled.body;
    await hub.projected();
    expect(await readiness()).toMatchObject({ filedVersion: filed.version, changedSinceFiled: false });
  });

  it('given the filing, when its package is downloaded, then it holds the printed annex, the figures, summary, decisions and material, and verify-package exits 0', async () => {
    expect((await hub.get(`/api/v1/reports/${UNIT}/package.zip`, { unit: 'police/653100' })).status).toBe(403);
    expect((await hub.get('/api/v1/reports/police/653100/package.zip', { unit: 'police/653100' })).status).toBe(404);
    const response = await hub.get(`/api/v1/reports/${UNIT}/package.zip`, { token: hub.credentials.coordinator });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const zip = await JSZip.loadAsync(bytes);
    const manifest = JSON.parse(await (zip.file('manifest.json')?.async('string') ?? '{}')) as PackageManifest;
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      ['annex.json', 'annex.xlsx', 'materials/联合执法现场.jpg', 'summary.txt', 'summary/工作总结.pdf', 'typical-cases/C-1/喀市监处罚〔2021〕1号.pdf', 'typical-cases/C-2/喀市监处罚〔2021〕2号.pdf'].sort(),
    );
    expect(manifest.filing).toMatchObject({ type: 'report.submitted', source: UNIT, version: filed.version, data: { figuresHash: filed.figuresHash } });
    expect(manifest.checkpoint).toEqual({ seq: filed.checkpointSeq, hash: filed.checkpointHash });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await zip.file('annex.xlsx')?.async('arraybuffer')) as ArrayBuffer);
    const cells = book.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String));
    expect(cells.some((text) => text.includes('填报单位：喀什地区市场监督管理局'))).toBe(true);
    const file = join(dir, 'package.zip');
    await writeFile(file, bytes);
    const registry = await loadKeyRegistry(hub.registryFile);
    expect(await verifyPackageFile(file, registry)).toEqual([]);
    const cli = await run(process.execPath, ['--import', '@swc-node/register/esm-register', 'scripts/hub.ts', 'audit', 'verify-package', file, '--registry', hub.registryFile]);
    expect(cli.stderr).toContain('verified');
    // Tampered copies: altered, missing, added, and a forged manifest — each fails naming the file.
    const tampered = async (name: string, change: (copy: JSZip) => Promise<void> | void): Promise<string> => {
      const copy = await JSZip.loadAsync(bytes);
      await change(copy);
      const path = join(dir, name);
      await writeFile(path, await copy.generateAsync({ type: 'nodebuffer' }));
      return path;
    };
    const altered = await tampered('altered.zip', (copy) => void copy.file('typical-cases/C-2/喀市监处罚〔2021〕2号.pdf', pdf('a forged decision')));
    expect((await verifyPackageFile(altered, registry)).map((p) => [p.file, p.problem])).toEqual([['typical-cases/C-2/喀市监处罚〔2021〕2号.pdf', 'altered']]);
    const missing = await tampered('missing.zip', (copy) => void copy.remove('annex.xlsx'));
    expect((await verifyPackageFile(missing, registry)).map((p) => [p.file, p.problem])).toEqual([['annex.xlsx', 'missing']]);
    const added = await tampered('added.zip', (copy) => void copy.file('materials/补充.pdf', pdf()));
    expect((await verifyPackageFile(added, registry)).map((p) => [p.file, p.problem])).toEqual([['materials/补充.pdf', 'added']]);
    const forged = await tampered('forged.zip', async (copy) => {
      const doc = JSON.parse((await copy.file('manifest.json')?.async('string')) ?? '{}') as PackageManifest;
      doc.filing.data = { ...doc.filing.data, figures: [{ row: 'sa-1', value: 160 }] };
      copy.file('manifest.json', JSON.stringify(doc));
    });
    expect(await verifyPackageFile(forged, registry)).toContainEqual(expect.objectContaining({ file: 'manifest.json', problem: 'unsigned' }));
    const failed = await run(process.execPath, ['--import', '@swc-node/register/esm-register', 'scripts/hub.ts', 'audit', 'verify-package', altered, '--registry', hub.registryFile]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('typical-cases/C-2/喀市监处罚〔2021〕2号.pdf: altered');
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });
});
