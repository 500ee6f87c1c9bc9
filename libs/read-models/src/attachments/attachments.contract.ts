// Attachments (issue 17 §1): files on a unit's case, report or record, stored by SHA-256.

/** One attachment.added as the API lists it. */
export interface AttachmentItem {
  /** The unit whose record it belongs to, `<department>/<region>`. */
  unit: string;
  /** The record, e.g. `case/C-2021-0012` or `report/net-sword-2021`. */
  subject: string;
  /** decision | summary | photo | joint_enforcement. */
  kind: string;
  fileName: string;
  /** Sniffed from the bytes. */
  mediaType: string;
  size: number;
  /** Lower-case hex; the download is `GET /api/v1/attachments/<sha256>`. */
  sha256: string;
  /** When the hub recorded it. */
  addedAt: string;
  /** Stream sequence of the attachment.added. */
  seq: number;
}

/** POST /api/v1/attachments: what was stored. */
export interface AttachmentUploaded {
  unit: string;
  subject: string;
  kind: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** The same file was already attached to this record (nothing new recorded). */
  duplicate: boolean;
  /** The bytes were new to the object store (false: another record already holds the same file). */
  newFile: boolean;
  seq: number;
}

/** POST /api/v1/reports/file: the filing as signed (report.submitted) and where it is in the log. */
export interface ReportFiled {
  unit: string;
  campaign: string;
  /** The report aggregate's version of this filing (a refiling is a later version). */
  version: number;
  seq: number;
  /** The same filing id was sent before: nothing new was recorded. */
  duplicate: boolean;
  summary: string;
  typicalCaseIds?: string[];
  jointEnforcementNote?: string;
  /** The unit's annex rows as filed. */
  figures: { row: string; value: number; remark?: string }[];
  figuresHash: string;
  /** The log position the figures were computed at. */
  checkpointSeq: number;
  checkpointHash: string;
  typicalCases: { caseId: string; decisions: string[] }[];
  summaryAttachment?: string;
  jointEnforcementAttachments?: string[];
}
