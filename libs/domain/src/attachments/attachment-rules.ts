import { createHash } from 'node:crypto';
import { codeList } from '../catalogue/code-list.js';
import type { FieldError } from '../events/types.js';
import { EXTENSIONS, extensionOf, MEDIA_TYPES, sniffMediaType, type AcceptedMediaType } from './media-type.js';

/** What an attachment is for (plan 三(四)): a penalty decision, the work summary, a photo, joint-enforcement material. */
export const {
  codes: ATTACHMENT_KINDS,
  is: isAttachmentKind,
  labels: ATTACHMENT_KIND_LABELS,
} = codeList({
  decision: '行政处罚决定书',
  summary: '工作总结',
  photo: '照片',
  joint_enforcement: '联合执法材料',
});
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

const MB = 1024 * 1024;

/** Per kind: the types accepted and the largest file (a scanned decision of a dozen pages fits in 20 MB). */
export const ATTACHMENT_LIMITS: Readonly<Record<AttachmentKind, { mediaTypes: readonly AcceptedMediaType[]; maxBytes: number }>> = {
  decision: { mediaTypes: [MEDIA_TYPES.pdf], maxBytes: 20 * MB },
  summary: { mediaTypes: [MEDIA_TYPES.pdf, MEDIA_TYPES.docx], maxBytes: 20 * MB },
  photo: { mediaTypes: [MEDIA_TYPES.jpeg, MEDIA_TYPES.png], maxBytes: 10 * MB },
  joint_enforcement: { mediaTypes: [MEDIA_TYPES.pdf, MEDIA_TYPES.docx, MEDIA_TYPES.jpeg, MEDIA_TYPES.png], maxBytes: 20 * MB },
};

/** The largest attachment of any kind: what the HTTP edge lets through before the kind is known. */
export const MAX_ATTACHMENT_BYTES = Math.max(...Object.values(ATTACHMENT_LIMITS).map((limit) => limit.maxBytes));

/** Where an attachment may hang: a case, the unit's report, or one of its enforcement records. */
export const ATTACHMENT_AGGREGATES = ['case', 'report', 'takedown', 'inspection', 'rectification', 'seizure'] as const;

export const FILE_NAME_MAX = 200;

/** A lower-case hex SHA-256. */
export const isSha256 = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

export type AttachmentVerdict = { ok: true; mediaType: AcceptedMediaType } | { ok: false; fields: FieldError[] };

/**
 * Judges an uploaded file for `kind`: the kind is known, the name is sensible and its extension matches
 * what the bytes are, the bytes are a type the kind accepts (executables never), the size within the
 * kind's limit. Every problem names its field (`kind`, `fileName`, `file`). Pure.
 */
export function judgeAttachment(kind: unknown, fileName: unknown, bytes: Uint8Array): AttachmentVerdict {
  const fields: FieldError[] = [];
  if (!isAttachmentKind(kind)) fields.push({ path: 'kind', message: `must be one of ${ATTACHMENT_KINDS.join(', ')} (got ${JSON.stringify(kind ?? null)})` });
  if (typeof fileName !== 'string' || fileName.trim() === '') fields.push({ path: 'fileName', message: 'is required: the file needs a name' });
  // eslint-disable-next-line no-control-regex -- control characters in a file name are what is refused
  else if (fileName.length > FILE_NAME_MAX || /[\\/\u0000-\u001f]/.test(fileName)) fields.push({ path: 'fileName', message: `must be at most ${FILE_NAME_MAX} characters without slashes or control characters` });
  const sniffed = sniffMediaType(bytes);
  if (sniffed.kind === 'executable') {
    fields.push({ path: 'file', message: `is ${sniffed.what}, not a document: refused whatever its name says` });
    return { ok: false, fields };
  }
  if (sniffed.kind === 'other') {
    const accepted = isAttachmentKind(kind) ? ATTACHMENT_LIMITS[kind].mediaTypes.map(shortName).join(', ') : 'PDF, DOCX, JPEG, PNG';
    fields.push({ path: 'file', message: `is ${sniffed.what}; accepted: ${accepted}` });
    return { ok: false, fields };
  }
  const mediaType = sniffed.mediaType;
  if (isAttachmentKind(kind)) {
    const limit = ATTACHMENT_LIMITS[kind];
    if (!limit.mediaTypes.includes(mediaType)) fields.push({ path: 'file', message: `is ${shortName(mediaType)}; a ${kind} attachment must be ${limit.mediaTypes.map(shortName).join(' or ')}` });
    if (bytes.length > limit.maxBytes) fields.push({ path: 'file', message: `is ${bytes.length} bytes; a ${kind} attachment may be at most ${limit.maxBytes} bytes` });
  }
  if (typeof fileName === 'string' && fileName.trim() !== '' && !EXTENSIONS[mediaType].includes(extensionOf(fileName))) {
    fields.push({ path: 'fileName', message: `ends in "${extensionOf(fileName) || '(no extension)'}" but the file is ${shortName(mediaType)} (${EXTENSIONS[mediaType].join(' or ')})` });
  }
  return fields.length > 0 ? { ok: false, fields } : { ok: true, mediaType };
}

/** `application/pdf` → PDF. */
export function shortName(mediaType: string): string {
  switch (mediaType) {
    case MEDIA_TYPES.pdf:
      return 'PDF';
    case MEDIA_TYPES.docx:
      return 'DOCX';
    case MEDIA_TYPES.jpeg:
      return 'JPEG';
    case MEDIA_TYPES.png:
      return 'PNG';
    default:
      return mediaType;
  }
}

/**
 * The attachment.added id of one file on one record: derived (a UUIDv8 from the SHA-256 of unit, record,
 * kind and file digest), so attaching the same file to the same record again — a retry, a second drop —
 * is the same event, stored once.
 */
export function attachmentEventId(unit: string, subject: string, kind: string, sha256: string): string {
  const hex = createHash('sha256').update(`${unit}\n${subject}\n${kind}\n${sha256}`, 'utf8').digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
