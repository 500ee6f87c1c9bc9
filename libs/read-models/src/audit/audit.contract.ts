// The auditors' verification answers (POST /api/v1/audit/verify, its streamed variant, GET /api/v1/audit/proof and
// GET /api/v1/audit/keys) as the web UI reads them. The gateway returns the domain's own types, checked against these.

/** What a pass found (libs/domain/src/audit/findings.ts says what each means). */
export type AuditFindingCode =
  | 'CORRUPT_EVENT'
  | 'SUBJECT_MISMATCH'
  | 'HASH_MISMATCH'
  | 'NO_KEY'
  | 'SIGNATURE_INVALID'
  | 'SIGNED_BY_OTHER_DEPARTMENT'
  | 'SIGNED_OUTSIDE_VALIDITY'
  | 'VERSION_GAP'
  | 'CHAIN_BROKEN'
  | 'MISSING_IN_ARCHIVE'
  | 'MISSING_IN_STREAM'
  | 'ARCHIVE_ALTERED'
  | 'ARCHIVE_DIFFERS'
  | 'ARCHIVE_SEQ_DIFFERS'
  | 'CORRUPT_SEAL'
  | 'SEAL_HASH_MISMATCH'
  | 'SEAL_CHAIN_BROKEN'
  | 'SEAL_ROOT_MISMATCH'
  | 'SEAL_COVERS_UNKNOWN'
  | 'SEAL_FOREIGN_EVENT'
  | 'UNSEALED';

export interface AuditFinding {
  code: AuditFindingCode;
  /** Stream sequence (for archive-only findings: the archive's sequence). */
  seq: number | null;
  streamSubject: string | null;
  eventId: string | null;
  message: string;
}

/** A pass's totals (the same in the JSON answer and the streamed summary). */
export interface AuditVerifySummary {
  ok: boolean;
  events: number;
  aggregates: number;
  lastSeq: number;
  findings: number;
  seals: number;
  awaitingSeal?: number;
  byCode: Partial<Record<AuditFindingCode, number>>;
  /** Only for a whole-log pass compared with the archive. */
  archive?: { rows: number; archivedThrough: number; notYetArchived: number; archivedDuringPass: number };
}

/** POST /api/v1/audit/verify: the totals and one page of the findings (sorted by sequence). */
export interface AuditVerifyAnswer extends AuditVerifySummary {
  total: number;
  limit: number;
  offset: number;
  items: AuditFinding[];
}

/**
 * POST /api/v1/audit/verify/stream, one JSON object per line: `progress` as the pass reads (the last sequence read
 * and the stream's last sequence when it began), each `finding` as it is found (the first 10,000), and `summary` last.
 * A response that ends without a summary was cut: the pass did not finish.
 */
export type AuditVerifyLine =
  | { kind: 'progress'; seq: number; lastSeq: number }
  | ({ kind: 'finding' } & AuditFinding)
  | ({ kind: 'summary'; listed: number } & AuditVerifySummary);

/** A batch seal as stored (DESIGN.md "Seals and checkpoints"). */
export interface AuditSeal {
  kind: 'seal';
  signer: string;
  batch: [number, number][];
  count: number;
  root: string;
  prevSeal: string | null;
  sealedAt: string;
  hash: string;
  sig: string;
}

/** An event envelope as stored. */
export interface AuditEvent {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  recordedAt: string;
  version: number;
  data: Record<string, unknown>;
  actor?: string;
  prevHash: string | null;
  hash: string;
  sig?: string;
}

/** GET /api/v1/audit/proof?eventId=: the RFC 9162 path from the event to the root its batch's seal signs. */
export interface AuditInclusionProof {
  seq: number;
  streamSubject: string;
  event: AuditEvent;
  leafIndex: number;
  treeSize: number;
  /** Hex, from the leaf up. */
  path: string[];
  sealSeq: number;
  sealSubject: string;
  seal: AuditSeal;
}

/** GET /api/v1/audit/keys: the key registry the hub verifies signatures against (with rotation). */
export interface AuditKeyRegistry {
  keys: { department: string; publicKey: string; validFrom: string; validTo: string | null }[];
}
