import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { entrySheetsFor, EntryFileError, HubError, isFailedResult, parseEntryWorkbook, type EventResult } from '@hub/domain';
import { readEntryFile } from '@hub/reports';
import type { UploadCommitResult, UploadEventResult, UploadPreview, UploadRow } from '@hub/contracts';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { EventsService } from '../events/events.service.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import type { GatewayConfig } from '../gateway.config.js';
import { UPLOAD_LIMITS, type UploadLimits } from './upload-limits.js';
import { UploadStore } from './upload-store.js';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

type UnitPrincipal = Extract<Principal, { kind: 'unit' }>;

/** A clerk's spreadsheet: read and checked into a preview, then stored through the API's own submit path. */
@Injectable()
export class UploadsService {
  constructor(
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(UploadStore) private readonly store: UploadStore,
    @Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async preview(principal: Principal, file: UploadedFile | undefined, query: Query = {}): Promise<UploadPreview> {
    const unit = unitOf(principal);
    const read = new QueryReader(query, ['campaign']);
    const campaign = read.campaign();
    read.done();
    if (!file) throw fileError('NO_FILE', '请选择要上传的文件（表单字段 file）');
    const fileName = decodeName(file.originalname);
    let parsed;
    try {
      const workbook = await readEntryFile(file.buffer, fileName, this.limits);
      parsed = parseEntryWorkbook(workbook, { unit: unit.unit, sheets: entrySheetsFor(unit.department, campaign) }, { requireVersion: !/\.csv$/i.test(fileName) });
    } catch (error) {
      if (error instanceof EntryFileError) throw fileError(error.code, error.message);
      throw error;
    }
    const rows: UploadRow[] = parsed.rows;
    const preview: UploadPreview = {
      uploadId: randomUUID(),
      fileName,
      unit: unit.unit,
      expiresAt: this.store.expiresAt(),
      counts: {
        rows: rows.length,
        new: rows.filter((r) => r.status === 'new').length,
        duplicate: rows.filter((r) => r.status === 'duplicate').length,
        invalid: rows.filter((r) => r.status === 'invalid').length,
        events: rows.reduce((sum, r) => sum + (r.status === 'new' ? r.events.length : 0), 0),
      },
      rows,
      sheetErrors: parsed.sheetErrors,
      committed: false,
    };
    this.store.put(preview);
    return preview;
  }

  find(principal: Principal, uploadId: string): UploadPreview {
    const upload = this.owned(principal, uploadId);
    return { ...upload.preview, committed: upload.commit !== undefined };
  }

  /**
   * Stores the preview's valid rows in batches through EventsService (validation, referral rules,
   * signing, idempotent append). Ids are deterministic, so a commit interrupted by a 503 is simply
   * retried and rows stored the first time come back as already stored.
   */
  async commit(principal: Principal, uploadId: string): Promise<UploadCommitResult> {
    const unit = unitOf(principal);
    const upload = this.owned(principal, uploadId);
    if (upload.commit) return upload.commit;
    const planned = upload.preview.rows
      .filter((row) => row.status === 'new')
      .flatMap((row) => row.events.map((event) => ({ row, event })));
    const results: UploadEventResult[] = [];
    const batch = Math.max(1, Math.min(this.config.maxBatch, 500));
    for (let start = 0; start < planned.length; start += batch) {
      const chunk = planned.slice(start, start + batch);
      const outcome = await this.events.submit(principal, unit.department, chunk.map((item) => item.event));
      if (outcome.status === 503) throw new HubError('SERVICE_UNAVAILABLE', `${results.length} 条已入库，其余未能提交：请稍后重新提交（不会重复入库）`);
      chunk.forEach((item, index) => results.push(resultOf(item.row, item.event, outcome.body.results[index])));
    }
    const commit: UploadCommitResult = {
      uploadId,
      stored: results.filter((r) => r.outcome === 'stored').length,
      alreadyStored: results.filter((r) => r.outcome === 'already_stored').length,
      failed: results.filter((r) => r.outcome === 'failed').length,
      results,
    };
    upload.commit = commit;
    return commit;
  }

  private owned(principal: Principal, uploadId: string): { preview: UploadPreview; commit?: UploadCommitResult } {
    const unit = unitOf(principal);
    const upload = this.store.get(uploadId);
    // Another unit's upload answers as missing: its id says nothing about it.
    if (!upload || upload.preview.unit !== unit.unit) throw new HubError('NOT_FOUND', `没有编号为 ${uploadId} 的上传（已过期或不存在），请重新上传`);
    return upload;
  }
}

function resultOf(row: UploadRow, event: { id: string; type: string }, result: EventResult | undefined): UploadEventResult {
  const base = { sheet: row.sheet, row: row.row, key: row.key, eventId: event.id, type: event.type };
  if (!result) return { ...base, outcome: 'failed', error: '未收到结果' };
  if (isFailedResult(result)) return { ...base, outcome: 'failed', error: `${result.error.code}: ${result.error.message}` };
  return { ...base, outcome: result.duplicate ? 'already_stored' : 'stored' };
}

function unitOf(principal: Principal): UnitPrincipal {
  if (principal.kind !== 'unit') throw new HubError('FORBIDDEN', '只有填报单位可以上传数据');
  return principal;
}

function fileError(code: string, message: string): HubError {
  return new HubError('VALIDATION_FAILED', message, { fileError: code, fields: [{ path: 'file', message }] });
}

/** Multer decodes the multipart file name as latin1; browsers send UTF-8 (线索.csv). */
function decodeName(name: string): string {
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? name : utf8;
}
