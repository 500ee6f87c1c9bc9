import { isRegion, isReportingDepartment, REFERRAL_STATUSES } from '@hub/domain';
import type { ReferralFilter } from '@hub/persistence';
import { QueryReader, type Query } from '../common/query-params.js';

const PARAMS = [
  'department',
  'region',
  'toDepartment',
  'toRegion',
  'fromDepartment',
  'fromRegion',
  'status',
  'overdue',
  'crossRegion',
  'crossDepartment',
  'limit',
  'offset',
] as const;

/** The referral-list filter from a query string; 400 naming each bad parameter. */
export function referralFilterOf(query: Query, now: Date): ReferralFilter {
  const q = new QueryReader(query, PARAMS);
  const department = (name: string) => q.matching(name, isReportingDepartment, 'a department code (samr, police, …)');
  const region = (name: string) => q.matching(name, (value) => isRegion(value), 'a region code of the 2021 table (650100, 653100, …)');
  const filter: ReferralFilter = { now, ...q.page() };
  const set = <K extends keyof ReferralFilter>(key: K, value: ReferralFilter[K] | undefined): void => {
    if (value !== undefined) filter[key] = value;
  };
  set('department', department('department'));
  set('region', region('region'));
  set('toDepartment', department('toDepartment'));
  set('toRegion', region('toRegion'));
  set('fromDepartment', department('fromDepartment'));
  set('fromRegion', region('fromRegion'));
  set('status', q.oneOf('status', REFERRAL_STATUSES));
  set('overdue', q.flag('overdue'));
  set('crossRegion', q.flag('crossRegion'));
  set('crossDepartment', q.flag('crossDepartment'));
  q.done();
  return filter;
}
