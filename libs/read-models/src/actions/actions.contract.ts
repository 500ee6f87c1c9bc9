// GET /api/v1/guidance, /api/v1/samplings, /api/v1/closures: the plan's further actions (三(二), 二(三)三, 二(六)五).
import type { Page } from '../common/common.contract.js';

/** One administrative guidance (行政指导) or interview (行政约谈). */
export interface GuidanceItem {
  /** The recording unit `<department>/<region>`. */
  unit: string;
  guidanceId: string;
  department: string;
  region: string;
  /** Catalogue `guidanceKinds`: guidance | interview. */
  kind: string;
  /** The register entry `<dept>/<region>/operator/<id>`, when the operator is registered. */
  operatorRef: string | null;
  operatorName: string;
  topic: string;
  heldAt: string;
  /** Departments that took part. */
  participants: string[];
  /** The signed actor who recorded it, when named. */
  recordedBy: string | null;
}

/** One quality sampling round (抽检) and its result. */
export interface SamplingItem {
  unit: string;
  samplingId: string;
  department: string;
  region: string;
  batches: number;
  failed: number;
  /** Catalogue `productCategories`. */
  productCategory: string;
  productDescription: string | null;
  operatorRef: string | null;
  sampledAt: string;
  /** When the result was published (公开); null while unpublished. */
  publishedAt: string | null;
  recordedBy: string | null;
}

/** One 7×24 urgent closure request, as the requester and the addressed unit see it. */
export interface ClosureItem {
  /** `<department>-<region>-closure-<id>`: the id to answer under. */
  id: string;
  fromUnit: string;
  closureId: string;
  toUnit: string;
  /** Catalogue `closureTargetKinds`. */
  targetKind: string | null;
  target: string | null;
  operatorRef: string | null;
  platform: string | null;
  reason: string | null;
  requestedAt: string | null;
  /** When the hub recorded the request: the hours clock starts here. */
  recordedAt: string | null;
  /** recordedAt + the answer hours (HUB_CLOSURE_HOURS, default 24). */
  dueAt: string | null;
  hours: number;
  /** requested | closed | refused */
  status: string;
  decisionReason: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  /** Past its clock: the joint office published closure.overdue, or it is unanswered past dueAt now. */
  overdue: boolean;
  /** The joint office's closure.overdue, when published. */
  overdueNotice: { dueAt: string; hours: number | null } | null;
  /** Whether the caller may answer it (the addressed unit, while unanswered). */
  answerable: boolean;
}

export type GuidancePage = Page<GuidanceItem>;
export type SamplingPage = Page<SamplingItem>;
export type ClosurePage = Page<ClosureItem>;
