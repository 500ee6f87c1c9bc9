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

/** Folds one case event into the case's state (pure). */
export function evolveCase(state: CaseState | undefined, e: PositionedEvent): CaseState {
  const current = state ?? blank(e);
  const data = e.event.data;
  const base: CaseState = { ...current, version: e.event.version, lastSeq: e.seq, updatedAt: e.event.recordedAt };
  let next: CaseState;
  switch (e.event.type) {
    case 'case.opened':
      next = {
        ...base,
        caseNo: text(data, 'caseNo'),
        kind: text(data, 'kind'),
        primaryCategory: text(data, 'primaryCategory'),
        otherCategories: texts(data, 'otherCategories'),
        platform: text(data, 'platform'),
        targetKind: text(data, 'targetKind'),
        leadIds: texts(data, 'leadIds'),
        distribution: text(data, 'distribution'),
        openedAt: e.event.time,
        campaign: campaignOfTime(e.event.time) ?? current.campaign,
      };
      break;
    case 'case.assisted':
      next = { ...base, assistedCaseRef: text(data, 'caseRef'), assistedDepartment: text(data, 'leadDepartment') };
      break;
    case 'case.transferred':
      next = { ...base, transferred: true, transferredAt: text(data, 'approvedAt') ?? e.event.time, transferredTo: text(data, 'toDepartment') };
      break;
    case 'case.decided':
      next = {
        ...base,
        decisionNo: text(data, 'decisionNo'),
        fine: decimal(data, 'fine'),
        confiscation: decimal(data, 'confiscation'),
        decidedAt: text(data, 'decidedAt') ?? e.event.time,
      };
      break;
    case 'case.closed':
      next = { ...base, closed: true, closedAt: e.event.time, closeOutcome: text(data, 'outcome') };
      break;
    case 'case.marked_typical':
      next = { ...base, typical: true };
      break;
    case 'case.corrected':
      next = corrected(base, data);
      break;
    case 'case.voided':
      next = { ...base, status: 'voided' };
      break;
    default:
      return current;
  }
  return { ...next, status: statusOf(next) };
}

/** A correction changes only the fields it names; `occurredAt` is the corrected opening time. */
function corrected(c: CaseState, data: Record<string, unknown>): CaseState {
  return {
    ...c,
    caseNo: text(data, 'caseNo') ?? c.caseNo,
    kind: text(data, 'kind') ?? c.kind,
    primaryCategory: text(data, 'primaryCategory') ?? c.primaryCategory,
    otherCategories: Object.hasOwn(data, 'otherCategories') ? texts(data, 'otherCategories') : c.otherCategories,
    targetKind: text(data, 'targetKind') ?? c.targetKind,
    platform: text(data, 'platform') ?? c.platform,
    decisionNo: text(data, 'decisionNo') ?? c.decisionNo,
    fine: decimal(data, 'fine') ?? c.fine,
    confiscation: decimal(data, 'confiscation') ?? c.confiscation,
    openedAt: text(data, 'occurredAt') ?? c.openedAt,
    // A corrected opening time can move the case into another campaign.
    campaign: campaignOfTime(text(data, 'occurredAt') ?? '') ?? c.campaign,
    distribution: text(data, 'distribution') ?? c.distribution,
  };
}
