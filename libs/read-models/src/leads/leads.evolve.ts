import { keyPeriodOf, productOfStored } from '@hub/domain';
import { text, type PositionedEvent } from '../table/positioned-event.js';

export type LeadStatus = 'open' | 'referred' | 'closed' | 'voided';

/** Current state of one lead, as the `leads` table holds it. Times are ISO strings. */
export interface LeadState {
  unit: string;
  leadId: string;
  department: string;
  region: string;
  status: LeadStatus;
  category: string | null;
  channel: string | null;
  platform: string | null;
  /** A product focus code (catalogue `productCategories`); free text of leads stored before the codes reads as `other`. */
  productCategory: string | null;
  /** The goods in the clerk's words (or the free text a stored lead had as its category). */
  productDescription: string | null;
  summary: string | null;
  entities: { kind: string; value: string }[];
  /** The sharing level the lead names (reported or corrected); null: the campaign's default applies. */
  distribution: string | null;
  reportedAt: string | null;
  referralIds: string[];
  closedOutcome: string | null;
  closedAt: string | null;
  caseId: string | null;
  /** The campaign key period (national_day, double_11 …) a monitoring lead was found in; null otherwise. */
  keyPeriod: string | null;
  version: number;
  lastSeq: number;
  updatedAt: string;
}

export const LEAD_EVENT_TYPES: ReadonlySet<string> = new Set(['lead.reported', 'lead.referred', 'lead.closed', 'lead.corrected', 'lead.voided']);

/** Key of a lead row: ids are unique per publishing unit only. */
export const leadKey = (unit: string, leadId: string): string => `${unit}\u0000${leadId}`;

/** The lead a message is about, or undefined when the lead projection ignores it. */
export function leadKeyOf(e: PositionedEvent): string | undefined {
  return e.aggregateType === 'lead' && LEAD_EVENT_TYPES.has(e.event.type) ? leadKey(e.unit, e.aggregateId) : undefined;
}

function entitiesOf(value: unknown): { kind: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const entity = item as { kind?: unknown; value?: unknown } | null;
    return typeof entity?.kind === 'string' && typeof entity.value === 'string' ? [{ kind: entity.kind, value: entity.value }] : [];
  });
}

function blank(e: PositionedEvent): LeadState {
  return {
    unit: e.unit,
    leadId: e.aggregateId,
    department: e.department,
    region: e.region,
    status: 'open',
    category: null,
    channel: null,
    platform: null,
    productCategory: null,
    productDescription: null,
    summary: null,
    entities: [],
    distribution: null,
    reportedAt: null,
    referralIds: [],
    closedOutcome: null,
    closedAt: null,
    caseId: null,
    keyPeriod: null,
    version: 0,
    lastSeq: 0,
    updatedAt: e.event.recordedAt,
  };
}

/** A correction names a new code, a new description, or both; a free-text category of an old correction maps like a report's. */
function correctedProduct(data: Record<string, unknown>, current: LeadState): Pick<LeadState, 'productCategory' | 'productDescription'> {
  const mapped = productOfStored(data['productCategory'], data['productDescription']);
  return {
    productCategory: mapped.productCategory ?? current.productCategory,
    productDescription: mapped.productDescription ?? current.productDescription,
  };
}

/**
 * Folds one lead event into the lead's state (pure). A state that does not exist yet is started by any
 * lead event, so an out-of-order log still yields a row rather than an error.
 */
export function evolveLead(state: LeadState | undefined, e: PositionedEvent): LeadState {
  const folded = foldLead(state, e);
  const keyPeriod = folded.channel === 'monitoring' ? keyPeriodOf(folded.reportedAt) : null;
  return folded === state && keyPeriod === state.keyPeriod ? state : { ...folded, keyPeriod };
}

/** 二(六)四 二: the holiday and promotion watch: a monitoring lead's key period follows its (corrected) report time. */
function foldLead(state: LeadState | undefined, e: PositionedEvent): LeadState {
  const current = state ?? blank(e);
  const data = e.event.data;
  const next: LeadState = { ...current, version: e.event.version, lastSeq: e.seq, updatedAt: e.event.recordedAt };
  switch (e.event.type) {
    case 'lead.reported':
      return {
        ...next,
        category: text(data, 'category'),
        channel: text(data, 'channel'),
        platform: text(data, 'platform'),
        ...productOfStored(data['productCategory'], data['productDescription']),
        summary: text(data, 'summary'),
        entities: entitiesOf(data['entities']),
        distribution: text(data, 'distribution'),
        reportedAt: e.event.time,
      };
    case 'lead.referred': {
      const referralId = text(data, 'referralId');
      const referralIds = referralId === null || current.referralIds.includes(referralId) ? current.referralIds : [...current.referralIds, referralId];
      return { ...next, status: current.status === 'closed' || current.status === 'voided' ? current.status : 'referred', referralIds };
    }
    case 'lead.closed':
      return { ...next, status: 'closed', closedOutcome: text(data, 'outcome'), caseId: text(data, 'caseId') ?? current.caseId, closedAt: e.event.time };
    case 'lead.corrected':
      // Only the fields the correction names change; `occurredAt` is the corrected time of the report.
      return {
        ...next,
        category: text(data, 'category') ?? current.category,
        channel: text(data, 'channel') ?? current.channel,
        platform: text(data, 'platform') ?? current.platform,
        ...correctedProduct(data, current),
        summary: text(data, 'summary') ?? current.summary,
        distribution: text(data, 'distribution') ?? current.distribution,
        reportedAt: text(data, 'occurredAt') ?? current.reportedAt,
      };
    case 'lead.voided':
      return { ...next, status: 'voided' };
    default:
      return current;
  }
}
