import { campaignOfTime } from '@hub/domain';
import { decimal, text, texts, type PositionedEvent } from '../table/positioned-event.js';

export type CaseStatus = 'opened' | 'decided' | 'transferred' | 'closed' | 'assisted' | 'voided';

/** Current state of one case, as the `cases` table holds it. Times are ISO strings, money in yuan. */
export interface CaseState {
  unit: string;
  caseId: string;
  department: string;
  region: string;
  status: CaseStatus;
  caseNo: string | null;
  kind: string | null;
  primaryCategory: string | null;
  otherCategories: string[];
  platform: string | null;
  targetKind: string | null;
  leadIds: string[];
  /** The sharing level the case names (opened or corrected); null: the campaign's default applies. */
  distribution: string | null;
  openedAt: string | null;
  /** The campaign the case belongs to: campaignOfTime(opened, or the first event's time for an assistance record). */
  campaign: string | null;
  decisionNo: string | null;
  fine: number | null;
  confiscation: number | null;
  decidedAt: string | null;
  transferred: boolean;
  transferredAt: string | null;
  transferredTo: string | null;
  closed: boolean;
  closedAt: string | null;
  closeOutcome: string | null;
  typical: boolean;
  assistedCaseRef: string | null;
  assistedDepartment: string | null;
  version: number;
  lastSeq: number;
  updatedAt: string;
}

export const CASE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'case.opened',
  'case.assisted',
  'case.transferred',
  'case.decided',
  'case.closed',
  'case.marked_typical',
  'case.corrected',
  'case.voided',
]);

export const caseKey = (unit: string, caseId: string): string => `${unit}\u0000${caseId}`;

export function caseKeyOf(e: PositionedEvent): string | undefined {
  return e.aggregateType === 'case' && CASE_EVENT_TYPES.has(e.event.type) ? caseKey(e.unit, e.aggregateId) : undefined;
}

function blank(e: PositionedEvent): CaseState {
  return {
    unit: e.unit,
    caseId: e.aggregateId,
    department: e.department,
    region: e.region,
    status: 'opened',
    caseNo: null,
    kind: null,
    primaryCategory: null,
    otherCategories: [],
    platform: null,
    targetKind: null,
    leadIds: [],
    distribution: null,
    openedAt: null,
    campaign: campaignOfTime(e.event.time) ?? null,
    decisionNo: null,
    fine: null,
    confiscation: null,
    decidedAt: null,
    transferred: false,
    transferredAt: null,
    transferredTo: null,
    closed: false,
    closedAt: null,
    closeOutcome: null,
    typical: false,
    assistedCaseRef: null,
    assistedDepartment: null,
    version: 0,
    lastSeq: 0,
    updatedAt: e.event.recordedAt,
  };
}

/** The status a case shows: voided wins (nothing follows a void), then closed, transferred, decided. */
function statusOf(c: CaseState): CaseStatus {
  if (c.status === 'voided') return 'voided';
  if (c.closed) return 'closed';
  if (c.transferred) return 'transferred';
  if (c.decisionNo !== null) return 'decided';
  return c.kind === null && c.assistedCaseRef !== null ? 'assisted' : 'opened';
}

/**
 * Folds one case event into the case's state (pure: `state` is never changed). The state is copied once and the
 * copy filled in: the projector folds every case event of the log, and a copy per step of 31 fields was most of it.
 */
export function evolveCase(state: CaseState | undefined, e: PositionedEvent): CaseState {
  if (!CASE_EVENT_TYPES.has(e.event.type)) return state ?? blank(e);
  const next = state === undefined ? blank(e) : { ...state };
  const data = e.event.data;
  next.version = e.event.version;
  next.lastSeq = e.seq;
  next.updatedAt = e.event.recordedAt;
  switch (e.event.type) {
    case 'case.opened':
      next.caseNo = text(data, 'caseNo');
      next.kind = text(data, 'kind');
      next.primaryCategory = text(data, 'primaryCategory');
      next.otherCategories = texts(data, 'otherCategories');
      next.platform = text(data, 'platform');
      next.targetKind = text(data, 'targetKind');
      next.leadIds = texts(data, 'leadIds');
      next.distribution = text(data, 'distribution');
      next.openedAt = e.event.time;
      next.campaign = campaignOfTime(e.event.time) ?? next.campaign;
      break;
    case 'case.assisted':
      next.assistedCaseRef = text(data, 'caseRef');
      next.assistedDepartment = text(data, 'leadDepartment');
      break;
    case 'case.transferred':
      next.transferred = true;
      next.transferredAt = text(data, 'approvedAt') ?? e.event.time;
      next.transferredTo = text(data, 'toDepartment');
      break;
    case 'case.decided':
      next.decisionNo = text(data, 'decisionNo');
      next.fine = decimal(data, 'fine');
      next.confiscation = decimal(data, 'confiscation');
      next.decidedAt = text(data, 'decidedAt') ?? e.event.time;
      break;
    case 'case.closed':
      next.closed = true;
      next.closedAt = e.event.time;
      next.closeOutcome = text(data, 'outcome');
      break;
    case 'case.marked_typical':
      next.typical = true;
      break;
    case 'case.corrected':
      correct(next, data);
      break;
    case 'case.voided':
      next.status = 'voided';
      break;
  }
  next.status = statusOf(next);
  return next;
}

/** A correction changes only the fields it names (on the fold's own copy); `occurredAt` is the corrected opening time. */
function correct(c: CaseState, data: Record<string, unknown>): void {
  c.caseNo = text(data, 'caseNo') ?? c.caseNo;
  c.kind = text(data, 'kind') ?? c.kind;
  c.primaryCategory = text(data, 'primaryCategory') ?? c.primaryCategory;
  if (Object.hasOwn(data, 'otherCategories')) c.otherCategories = texts(data, 'otherCategories');
  c.targetKind = text(data, 'targetKind') ?? c.targetKind;
  c.platform = text(data, 'platform') ?? c.platform;
  c.decisionNo = text(data, 'decisionNo') ?? c.decisionNo;
  c.fine = decimal(data, 'fine') ?? c.fine;
  c.confiscation = decimal(data, 'confiscation') ?? c.confiscation;
  // A corrected opening time can move the case into another campaign.
  c.campaign = campaignOfTime(text(data, 'occurredAt') ?? '') ?? c.campaign;
  c.openedAt = text(data, 'occurredAt') ?? c.openedAt;
  c.distribution = text(data, 'distribution') ?? c.distribution;
}
