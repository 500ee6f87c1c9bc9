import { ATTACHMENT_KINDS, ATTACHMENT_LIMITS, FILE_NAME_MAX, isAttachmentKind, isSha256, shortName } from '../../attachments/attachment-rules.js';
import { EXTENSIONS, extensionOf, type AcceptedMediaType } from '../../attachments/media-type.js';
import { Field, type Rule } from '../decorators.js';
import { integer, oneOf, shown, text } from '../rules.js';

/** A lower-case hex SHA-256: how the object store addresses a file. */
export const sha256: Rule = (value) => (isSha256(value) ? undefined : `must be a lower-case hex SHA-256 (64 characters 0-9a-f; got ${shown(value)})`);

const kindOf = (object: object): unknown => (object as { kind?: unknown }).kind;

/** The media type (sniffed from the bytes) must be one the attachment's kind accepts. */
const mediaTypeForKind: Rule = (value, object) => {
  const kind = kindOf(object);
  if (!isAttachmentKind(kind)) return typeof value === 'string' ? undefined : `must be a media type (got ${shown(value)})`;
  const accepted = ATTACHMENT_LIMITS[kind].mediaTypes as readonly string[];
  return accepted.includes(value as string) ? undefined : `must be ${accepted.join(' or ')} for a ${kind} attachment (got ${shown(value)})`;
};

/** Within the kind's size limit. */
const sizeForKind: Rule = (value, object) => {
  const kind = kindOf(object);
  const max = isAttachmentKind(kind) ? ATTACHMENT_LIMITS[kind].maxBytes : Math.max(...Object.values(ATTACHMENT_LIMITS).map((l) => l.maxBytes));
  return integer(max)(value, object) ?? (value === 0 ? 'must be at least 1 byte' : undefined);
};

/** The name's extension matches the sniffed type (a `.pdf` is a PDF). */
const fileName: Rule = (value, object) => {
  const problem = text(FILE_NAME_MAX)(value, object);
  if (problem) return problem;
  if (/[\\/]/.test(value as string)) return 'must be a file name without slashes';
  const mediaType = (object as { mediaType?: unknown }).mediaType as AcceptedMediaType;
  const extensions = EXTENSIONS[mediaType] as readonly string[] | undefined;
  if (extensions && !extensions.includes(extensionOf(value as string))) return `must end in ${extensions.join(' or ')} for a ${shortName(mediaType)} file (got ${shown(value)})`;
  return undefined;
};

/**
 * attachment.added — a file (penalty decision, work summary, photo, joint-enforcement material) joins a
 * record of the unit: a case, its report for a campaign, or an enforcement record. The bytes live in the
 * JetStream object store under their SHA-256; the department service signs this event only after finding
 * them there with that digest and size. `mediaType` is sniffed from the bytes, never taken from the name.
 */
export class AttachmentAddedData {
  @Field(oneOf(isAttachmentKind, ATTACHMENT_KINDS))
  kind!: string;

  @Field(fileName)
  fileName!: string;

  @Field(mediaTypeForKind)
  mediaType!: string;

  @Field(sizeForKind)
  size!: number;

  @Field(sha256)
  sha256!: string;
}
