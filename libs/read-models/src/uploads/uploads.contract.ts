// POST /api/v1/uploads and /api/v1/uploads/:id/commit: a clerk's spreadsheet, previewed row by row, then stored.

/** One problem in the file, placed at sheet, row and column; `text` is the sentence the UI shows. */
export interface UploadError {
  sheet: string;
  row: number;
  column?: string;
  header?: string;
  message: string;
  /** e.g. `「线索」第12行 H列（统一社会信用代码）：校验位错误`. */
  text: string;
}

/** An event as it will be submitted (the submit path's body). */
export interface UploadEvent {
  id: string;
  type: string;
  subject: string;
  time: string;
  data: Record<string, unknown>;
}

/** `duplicate`: its 编号 repeats an earlier row of the file; it is not stored. */
export type UploadRowStatus = 'new' | 'duplicate' | 'invalid';

export interface UploadRow {
  sheet: string;
  row: number;
  key: string;
  status: UploadRowStatus;
  summary: string;
  events: UploadEvent[];
  errors: UploadError[];
}

export interface UploadCounts {
  rows: number;
  new: number;
  duplicate: number;
  invalid: number;
  /** Events the valid rows would store. */
  events: number;
}

/** POST /api/v1/uploads (201) and GET /api/v1/uploads/:id. */
export interface UploadPreview {
  uploadId: string;
  fileName: string;
  unit: string;
  /** The preview is kept until then; commit before it. */
  expiresAt: string;
  counts: UploadCounts;
  rows: UploadRow[];
  /** Problems of a whole sheet, e.g. a missing required column. */
  sheetErrors: UploadError[];
  /** Whether the upload was already committed. */
  committed: boolean;
}

/** `stored`: new in the log; `already_stored`: its id was stored before (an earlier upload of the same row). */
export type UploadEventOutcome = 'stored' | 'already_stored' | 'failed';

export interface UploadEventResult {
  sheet: string;
  row: number;
  key: string;
  eventId: string;
  type: string;
  outcome: UploadEventOutcome;
  error?: string;
}

/** POST /api/v1/uploads/:id/commit. */
export interface UploadCommitResult {
  uploadId: string;
  stored: number;
  alreadyStored: number;
  failed: number;
  results: UploadEventResult[];
}
