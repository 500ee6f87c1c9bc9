import { Inject, Injectable } from '@nestjs/common';
import type { AttachmentItem, AttachmentUploaded } from '@hub/contracts';
import { ATTACHMENT_AGGREGATES, attachmentEventId, HubError, isAggregateId, isSha256, judgeAttachment, streamSubjectOf, validationFailed, type FieldError } from '@hub/domain';
import { AttachmentStore } from '@hub/event-store';
import { EventArchiveRepository, type ArchivedEvent } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { coversUnit, requireUnit, scopeOf } from '../auth/scope.js';
import { isUnitCode } from '../common/roles.js';
import { ReadModels } from '../common/read-models.js';
import { EventsService } from '../events/events.service.js';

/** A file as multer hands it over (held in memory: at most MAX_ATTACHMENT_BYTES). */
export interface UploadedAttachment {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** A downloaded attachment: the bytes and how to present them. */
export interface AttachmentDownload {
  bytes: Uint8Array;
  mediaType: string;
  fileName: string;
}

/** Multer hands over names as latin1; browsers send UTF-8 (Chinese file names). */
const decodeName = (name: string): string => Buffer.from(name, 'latin1').toString('utf8');

/** `case/C-1` of the unit's own records, or the field error naming `subject`. */
function recordSubject(subject: unknown): string {
  const [type = '', id = '', ...rest] = typeof subject === 'string' ? subject.split('/') : [];
  if ((ATTACHMENT_AGGREGATES as readonly string[]).includes(type) && isAggregateId(id) && rest.length === 0) return `${type}/${id}`;
  throw validationFailed([{ path: 'subject', message: `must be one of your records: ${ATTACHMENT_AGGREGATES.map((t) => `${t}/<id>`).join(', ')}, e.g. case/C-2021-0012 or report/net-sword-2021 (got ${JSON.stringify(subject ?? null)})` }]);
}

export const attachmentItem = (event: ArchivedEvent): AttachmentItem => {
  const [, , , , type = '', ...id] = event.streamSubject.split('.');
  return {
    unit: event.source,
    subject: `${type}/${id.join('.')}`,
    kind: String(event.data['kind']),
    fileName: String(event.data['fileName']),
    mediaType: String(event.data['mediaType']),
    size: Number(event.data['size']),
    sha256: String(event.data['sha256']),
    addedAt: event.recordedAt,
    seq: event.seq,
  };
};

/**
 * Attachments: the gateway sniffs and checks the file, writes its bytes to the object store under their
 * SHA-256 (content-addressed, so a name can only ever hold those bytes), then asks the unit's department
 * service to sign attachment.added — the department checks the object is there as claimed and signs; the
 * fact is the department's. Downloads follow the scope of the record's unit.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(AttachmentStore) private readonly store: AttachmentStore,
  ) {}

  async upload(principal: Principal, fields: { kind?: unknown; subject?: unknown }, file: UploadedAttachment | undefined): Promise<AttachmentUploaded> {
    if (principal.kind !== 'unit') throw new HubError('FORBIDDEN', 'only a reporting unit attaches files to its own records');
    if (!file) throw validationFailed([{ path: 'file', message: 'is required: send the file as multipart field "file"' }]);
    const fileName = decodeName(file.originalname);
    const verdict = judgeAttachment(fields.kind, fileName, file.buffer);
    // One answer names every bad field: the record as well as the file.
    const problems: FieldError[] = [];
    let subject = '';
    try {
      subject = recordSubject(fields.subject);
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      problems.push(...((error.details['fields'] as FieldError[] | undefined) ?? []));
    }
    if (!verdict.ok) problems.push(...verdict.fields);
    if (problems.length > 0 || !verdict.ok) throw validationFailed(problems);
    const kind = fields.kind as string;
    const { sha256, created } = await this.store.put(file.buffer);
    const event = {
      id: attachmentEventId(principal.unit, subject, kind, sha256),
      type: 'attachment.added',
      subject,
      time: new Date().toISOString(),
      data: { kind, fileName, mediaType: verdict.mediaType, size: file.buffer.length, sha256 },
    };
    const outcome = await this.events.submit(principal, principal.department, [event]);
    const result = outcome.body.results[0];
    if (outcome.status !== 201 || !result || 'error' in result) {
      const failure = result && 'error' in result ? result.error : { code: outcome.body.code ?? 'SERVICE_UNAVAILABLE', message: outcome.body.message ?? 'not stored' };
      throw new HubError(failure.code as never, failure.message, { fields: outcome.body.fields ?? [] });
    }
    return { unit: principal.unit, subject, kind, fileName, mediaType: verdict.mediaType, size: file.buffer.length, sha256, duplicate: result.duplicate, newFile: created, seq: result.seq };
  }

  /** The attachments of one record of a unit within the caller's scope. */
  async list(principal: Principal, query: { unit?: unknown; subject?: unknown }): Promise<AttachmentItem[]> {
    const scope = scopeOf(principal); // 403 for staff before anything else
    const fields: FieldError[] = [];
    if (typeof query.unit !== 'string' || !isUnitCode(query.unit)) fields.push({ path: 'unit', message: 'must be a reporting unit <department>/<region>, e.g. samr/653100' });
    let subject = '';
    try {
      subject = recordSubject(query.subject);
    } catch (error) {
      if (error instanceof HubError) fields.push(...((error.details['fields'] as FieldError[] | undefined) ?? []));
    }
    if (fields.length > 0) throw validationFailed(fields);
    const unit = query.unit as string;
    requireUnit(scope, unit, 'unit');
    const archive = new EventArchiveRepository(await this.readModels.sql());
    return (await archive.attachmentsOf(streamSubjectOf(unit, subject))).map(attachmentItem);
  }

  /**
   * The bytes of `sha256` for a caller whose scope covers a unit that attached it (the same file may hang
   * on records of several units: any one in scope is enough). 404 when no record names it, 403 when none in scope.
   */
  async download(principal: Principal, sha256: string): Promise<AttachmentDownload> {
    const scope = scopeOf(principal); // 403 for staff before anything else
    if (!isSha256(sha256)) throw validationFailed([{ path: 'sha256', message: 'must be a lower-case hex SHA-256 (64 characters)' }]);
    const archive = new EventArchiveRepository(await this.readModels.sql());
    const named = await archive.attachmentsBySha256(sha256);
    if (named.length === 0) throw new HubError('NOT_FOUND', `no record has attachment ${sha256}`, { fields: [{ path: 'sha256', message: 'is attached to no record' }] });
    const visible = named.find((event) => coversUnit(scope, event.source));
    if (!visible) throw new HubError('FORBIDDEN', `attachment ${sha256} belongs to records outside your scope`, { fields: [{ path: 'sha256', message: 'belongs to records outside your scope' }] });
    const bytes = await this.store.get(sha256);
    if (!bytes) throw new HubError('SERVICE_UNAVAILABLE', `attachment ${sha256} is recorded but its bytes are not in the object store`);
    return { bytes, mediaType: String(visible.data['mediaType']), fileName: String(visible.data['fileName']) };
  }
}
