// GET /api/v1/entities/search and POST /api/v1/entities/request: "who else holds this operator?" (issue 15).
import type { OperatorItem } from '../operators/operators.contract.js';

/** unit | line | region | joint (catalogue `distributionLevels`). */
export type DistributionLevel = 'unit' | 'line' | 'region' | 'joint';

/** What every member of the joint meeting may know of a record: who holds it, when, what category. */
export interface EntityHitExistence {
  /** `content` when the caller reads the record in full; `existence` when it is shared above the caller's level. */
  visibility: 'content' | 'existence';
  recordType: 'lead' | 'case';
  /** The qualified record `<department>/<region>/<lead|case>/<id>` (what an assistance request names). */
  record: string;
  unit: string;
  department: string;
  region: string;
  category: string | null;
  /** When it was reported (lead) or opened (case). */
  at: string | null;
  /** The caller is a unit other than the holder: it may ask the holder for assistance (协查请求). */
  requestable: boolean;
}

/** A hit the caller may read: the record's content and cluster. */
export interface EntityHitContent extends EntityHitExistence {
  visibility: 'content';
  distribution: DistributionLevel;
  /** open | referred | closed (lead) or the case status. */
  status: string;
  summary: string | null;
  entities: { kind: string; value: string }[];
  /** A case's number, kind and platform (null for a lead). */
  caseNo: string | null;
  platform: string | null;
  /** The cluster it is a member of, when the correlation linked it. */
  clusterId: string | null;
}

export type EntityHit = EntityHitContent | (EntityHitExistence & { visibility: 'existence' });

export interface EntitySearchResult {
  kind: string;
  /** What was searched for, as typed. */
  value: string;
  /** The correlation key it normalises to (`<kind>:<canonical>`); null for an operator-name search. */
  key: string | null;
  /** Hits across the hub, newest first (at most `limit`). */
  items: EntityHit[];
  /** More records carry the key than `items` shows. */
  truncated: boolean;
  /** Registered operators (经营者名录) matching the value. */
  operators: OperatorItem[];
}

/** POST /api/v1/entities/request: the assistance request as stored (a referral of kind `assistance`). */
export interface AssistanceRequestResult {
  referralId: string;
  /** The request's chain `referral/<dept>-<region>-referral-<id>`: answers and feedback come here. */
  subject: string;
  toUnit: string;
  record: string;
  seq: number;
  duplicate: boolean;
}
