import { Inject, Injectable } from '@nestjs/common';
import JSZip from 'jszip';
import {
  ANNEX_XLSX_PATH,
  campaignById,
  campaignIds,
  currentCampaign,
  FIGURES_PATH,
  filedAnnexReport,
  HubError,
  MANIFEST_PATH,
  PACKAGE_FORMAT,
  scopeLabel,
  sha256Of,
  SUMMARY_TEXT_PATH,
  type FiledFigureValue,
  type PackageFile,
  type PackageManifest,
  type PackageRole,
} from '@hub/domain';
import { AttachmentStore } from '@hub/event-store';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { proveInclusion } from '@hub/audit';
import { AUDIT_JETSTREAM } from '../audit/annex-trace.service.js';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG, NATS_CONNECTION } from '../tokens.js';
import { archivedEnvelope, EventArchiveRepository } from '@hub/persistence';
import { renderAnnexXlsx } from '@hub/reports';
import type { Principal } from '../auth/principal.js';
import { requireUnit, scopeOf } from '../auth/scope.js';
import { ReadModels } from '../common/read-models.js';
import { isUnitCode } from '../common/roles.js';

export interface ReportPackage {
  fileName: string;
  bytes: Buffer;
}

/** A file name safe inside a zip path (no separators, no control characters), keeping Chinese. */
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const safeName = (name: string): string => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'file';

/**
 * The 12-05 package of one unit as filed (issue 17 §5): the printed annex rendered from the filed figures,
 * the figures themselves, the summary (text and document), the typical cases' decisions and the
 * joint-enforcement material, and manifest.json with every file's SHA-256, the signed filing event and its
 * checkpoint — verifiable offline with `npm run hub -- audit verify-package`.
 */
@Injectable()
export class ReportPackageService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(AttachmentStore) private readonly store: AttachmentStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async package(principal: Principal, unit: string, campaignId: string | undefined): Promise<ReportPackage> {
    const scope = scopeOf(principal); // 403 for staff before anything else
    if (!isUnitCode(unit)) throw new HubError('VALIDATION_FAILED', `no reporting unit ${unit}`, { fields: [{ path: 'unit', message: 'must be <department>/<region>, e.g. samr/653100' }] });
    const definition = campaignId === undefined ? currentCampaign() : campaignById(campaignId);
    if (!definition) throw new HubError('VALIDATION_FAILED', `no campaign ${campaignId}`, { fields: [{ path: 'campaign', message: `one of ${campaignIds().join(', ')}` }] });
    requireUnit(scope, unit, 'unit');
    const archive = new EventArchiveRepository(await this.readModels.sql());
    const filing = (await archive.latestPerSource('report.submitted', definition.id)).find((event) => event.source === unit);
    if (!filing) throw new HubError('NOT_FOUND', `${unit} has filed nothing for ${definition.id}`, { fields: [{ path: 'unit', message: 'has filed nothing yet' }] });
    const data = filing.data;
    if (typeof data['figuresHash'] !== 'string') {
      throw new HubError('NOT_FOUND', `${unit}'s filing (version ${filing.version}) carries no figures: file again through 报送 (POST /api/v1/reports/file)`, { fields: [{ path: 'unit', message: 'its filing carries no figures' }] });
    }
    const zip = new JSZip();
    const files: PackageFile[] = [];
    const used = new Set<string>();
    const add = (path: string, bytes: Uint8Array, role: PackageRole, caseId?: string): void => {
      let unique = path;
      for (let n = 2; used.has(unique); n += 1) unique = path.replace(/(\.[^./]+)?$/, (ext) => `-${n}${ext}`);
      used.add(unique);
      zip.file(unique, bytes, { date: new Date(filing.recordedAt) });
      files.push({ path: unique, sha256: sha256Of(bytes), size: bytes.length, role, ...(caseId ? { caseId } : {}) });
    };
    const figures = data['figures'] as FiledFigureValue[];
    add(FIGURES_PATH, Buffer.from(JSON.stringify(figures, null, 2)), 'figures');
    const xlsx = await renderAnnexXlsx(filedAnnexReport(definition, unit, figures), {
      title: definition.title,
      unitLabel: scopeLabel({ kind: 'unit', unit }, definition.regionTableYear),
      reportDate: new Date(filing.time),
      note: definition.note,
    });
    add(ANNEX_XLSX_PATH, xlsx, 'annex');
    add(SUMMARY_TEXT_PATH, Buffer.from(String(data['summary'])), 'summary_text');
    const document = async (sha256: string): Promise<{ name: string; bytes: Uint8Array }> => {
      const named = (await archive.attachmentsBySha256(sha256)).find((event) => event.source === unit);
      const bytes = await this.store.get(sha256);
      if (!bytes) throw new HubError('SERVICE_UNAVAILABLE', `attachment ${sha256} of the filing is not in the object store`);
      const fileName = named?.data['fileName'];
      return { name: safeName(typeof fileName === 'string' ? fileName : sha256), bytes };
    };
    if (typeof data['summaryAttachment'] === 'string') {
      const summary = await document(data['summaryAttachment']);
      add(`summary/${summary.name}`, summary.bytes, 'summary');
    }
    for (const typical of (data['typicalCases'] as { caseId: string; decisions: string[] }[] | undefined) ?? []) {
      for (const sha256 of typical.decisions) {
        const decision = await document(sha256);
        add(`typical-cases/${safeName(typical.caseId)}/${decision.name}`, decision.bytes, 'decision', typical.caseId);
      }
    }
    for (const sha256 of (data['jointEnforcementAttachments'] as string[] | undefined) ?? []) {
      const material = await document(sha256);
      add(`materials/${material.name}`, material.bytes, 'material');
    }
    // A filing signed by its batch seal carries the proof, so the package verifies offline with the key alone.
    const filingProof = filing.sig === '' ? await proveInclusion(jetstream(this.nc, AUDIT_JETSTREAM), this.config.stream, filing.seq) : undefined;
    const manifest: PackageManifest = {
      format: PACKAGE_FORMAT,
      unit,
      campaign: definition.id,
      filing: archivedEnvelope(filing),
      checkpoint: { seq: Number(data['checkpointSeq']), hash: String(data['checkpointHash']) },
      filingSeq: filing.seq,
      ...(filingProof ? { filingProof } : {}),
      files,
    };
    zip.file(MANIFEST_PATH, JSON.stringify(manifest, null, 2), { date: new Date(filing.recordedAt) });
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    return { fileName: `report-package-${unit.replace('/', '-')}-${definition.id}-v${filing.version}.zip`, bytes };
  }
}
