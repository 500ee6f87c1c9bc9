import type { HubEvent } from '../integrity/envelope.js';

/**
 * Stored events for the annex specs. The annex reads only id, type, source, time, recordedAt and
 * data, so subject/version/hash/sig are placeholders here. Not exported from the annex index.
 */

let sequence = 0;

export interface FixtureOptions {
  id?: string;
  /** When it happened; default mid-campaign. */
  time?: string;
  /** When the hub recorded it; default shortly after the default time. */
  recordedAt?: string;
}

export const MID_CAMPAIGN = '2021-10-08T09:30:00+08:00';

export function hubEvent(type: string, source: string, data: Record<string, unknown>, options: FixtureOptions = {}): HubEvent {
  sequence += 1;
  const n = sequence.toString(16).padStart(12, '0');
  const [aggregateType = 'lead'] = type.split('.');
  return {
    id: options.id ?? `0190f3c2-7a4b-7cde-8f01-${n}`,
    type,
    source,
    subject: `${aggregateType}/X-${n}`,
    time: options.time ?? MID_CAMPAIGN,
    recordedAt: options.recordedAt ?? '2021-10-08T01:31:00.000Z',
    version: 1,
    data,
    prevHash: null,
    hash: `hash-${n}`,
    sig: `sig-${n}`,
  };
}

export const takedown = (source: string, action: string, count: number, options?: FixtureOptions): HubEvent =>
  hubEvent('takedown.recorded', source, { action, count }, options);

export const inspection = (source: string, targetKind: string, count: number, options?: FixtureOptions): HubEvent =>
  hubEvent('inspection.recorded', source, { targetKind, count }, options);

export const rectification = (source: string, targetKind: string, count: number, options?: FixtureOptions): HubEvent =>
  hubEvent('rectification.ordered', source, { targetKind, count }, options);

export const seizure = (source: string, batches: number, pieces: number, options?: FixtureOptions): HubEvent =>
  hubEvent('seizure.recorded', source, { channel: 'postal_express', batches, pieces }, options);

export interface CaseFields {
  kind?: 'administrative' | 'criminal';
  primaryCategory?: string;
  otherCategories?: string[];
  targetKind?: string;
  platform?: string;
}

export function caseOpened(source: string, fields: CaseFields = {}, options?: FixtureOptions): HubEvent {
  const { kind = 'administrative', primaryCategory = 'other', otherCategories = [], ...optional } = fields;
  return hubEvent(
    'case.opened',
    source,
    { caseNo: `案-${sequence + 1}`, kind, primaryCategory, otherCategories, leadIds: [], entities: [], ...optional },
    options,
  );
}

export const caseAssisted = (source: string, leadDepartment: string, options?: FixtureOptions): HubEvent =>
  hubEvent('case.assisted', source, { caseRef: '喀公（网安）立字〔2021〕31号', leadDepartment }, options);

export const leadReferred = (source: string, toDepartment: string, options?: FixtureOptions): HubEvent =>
  hubEvent('lead.referred', source, { referralId: `R-${sequence + 1}`, toDepartment, toRegion: '653100', reason: '网上非法交易野生动物制品' }, options);
