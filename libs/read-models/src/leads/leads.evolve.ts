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

/**
 * Folds one lead event into the lead's state (pure: `state` is never changed). A state that does not exist yet is
 * started by any lead event, so an out-of-order log still yields a row rather than an error. The state is copied
 * once and the copy filled in: the projector folds every lead event of the log.
 */
export function evolveLead(state: LeadState | undefined, e: PositionedEvent): LeadState {
  if (!LEAD_EVENT_TYPES.has(e.event.type)) return withKeyPeriod(state, state ?? blank(e));
  const next = state === undefined ? blank(e) : { ...state };
  const data = e.event.data;
  next.version = e.event.version;
  next.lastSeq = e.seq;
  next.updatedAt = e.event.recordedAt;
  switch (e.event.type) {
    case 'lead.reported': {
      next.category = text(data, 'category');
      next.channel = text(data, 'channel');
      next.platform = text(data, 'platform');
      const product = productOfStored(data['productCategory'], data['productDescription']);
      next.productCategory = product.productCategory;
      next.productDescription = product.productDescription;
      next.summary = text(data, 'summary');
      next.entities = entitiesOf(data['entities']);
      next.distribution = text(data, 'distribution');
      next.reportedAt = e.event.time;
      break;
    }
    case 'lead.referred': {
      const referralId = text(data, 'referralId');
      if (referralId !== null && !next.referralIds.includes(referralId)) next.referralIds = [...next.referralIds, referralId];
      if (next.status !== 'closed' && next.status !== 'voided') next.status = 'referred';
      break;
    }
    case 'lead.closed':
      next.status = 'closed';
      next.closedOutcome = text(data, 'outcome');
      next.caseId = text(data, 'caseId') ?? next.caseId;
      next.closedAt = e.event.time;
      break;
    case 'lead.corrected': {
      // Only the fields the correction names change; `occurredAt` is the corrected time of the report. A correction
      // names a new code, a new description, or both; a free-text category of an old correction maps like a report's.
      next.category = text(data, 'category') ?? next.category;
      next.channel = text(data, 'channel') ?? next.channel;
      next.platform = text(data, 'platform') ?? next.platform;
      const product = productOfStored(data['productCategory'], data['productDescription']);
      next.productCategory = product.productCategory ?? next.productCategory;
      next.productDescription = product.productDescription ?? next.productDescription;
      next.summary = text(data, 'summary') ?? next.summary;
      next.distribution = text(data, 'distribution') ?? next.distribution;
      next.reportedAt = text(data, 'occurredAt') ?? next.reportedAt;
      break;
    }
    case 'lead.voided':
      next.status = 'voided';
      break;
  }
  next.keyPeriod = keyPeriodFor(next);
  return next;
}

/** 二(六)四 二: the holiday and promotion watch: a monitoring lead's key period follows its (corrected) report time. */
function keyPeriodFor(lead: LeadState): string | null {
  return lead.channel === 'monitoring' ? keyPeriodOf(lead.reportedAt) : null;
}

/** `folded` (the state itself, or a blank one) with its key period: the same object when that is unchanged. */
function withKeyPeriod(state: LeadState | undefined, folded: LeadState): LeadState {
  const keyPeriod = keyPeriodFor(folded);
  return folded === state && keyPeriod === state.keyPeriod ? state : { ...folded, keyPeriod };
}
