import type { HubEvent } from '../integrity/envelope.js';
import { type AnnexReportMeta, type AnnexRowTotals, type AnnexTotals, assembleAnnex } from './assemble.js';
import { annexContributions } from './contributions.js';
import { type AnnexPeriod, type AnnexWindow, instantOf, resolveAnnexWindow } from './time-window.js';
import type { AnnexContribution, AnnexReport, AnnexScope, CampaignDefinition } from './types.js';

/**
 * The annex folded in memory from the log: what auditors use to rebuild any figure "as of" any
 * instant, and the reference the projector's SQL must agree with (same contributions, same window,
 * same assembly).
 */

function inScope(contribution: AnnexContribution, scope: AnnexScope): boolean {
  switch (scope.kind) {
    case 'unit':
      return contribution.unit === scope.unit;
    case 'region':
      return contribution.region === scope.region;
    case 'all':
      return true;
  }
}

/**
 * Adds up contributions per row for `scope` within `window` (see resolveAnnexWindow): `time` in
 * [timeFrom, timeBefore) and `recordedAt <= asOf`. The SQL equivalent, per row_id:
 * `SUM(amount)`, `COUNT(DISTINCT distinct_key)`, and per element of other_categories `COUNT(*)`.
 * Distinct keys are counted over the whole scope: a platform two units both investigated counts once
 * in their region's annex.
 */
export function totalsFromContributions(contributions: Iterable<AnnexContribution>, scope: AnnexScope, window: AnnexWindow): AnnexTotals {
  const from = instantOf(window.timeFrom) ?? -Infinity;
  const before = instantOf(window.timeBefore) ?? Infinity;
  const asOf = window.asOf === undefined ? Infinity : (instantOf(window.asOf) ?? Infinity);
  const totals: AnnexTotals = {};
  const keys = new Map<string, Set<string>>();
  for (const contribution of contributions) {
    if (!inScope(contribution, scope)) continue;
    const time = instantOf(contribution.time);
    const recordedAt = instantOf(contribution.recordedAt);
    if (time === undefined || recordedAt === undefined || time < from || time >= before || recordedAt > asOf) continue;
    const row: AnnexRowTotals = (totals[contribution.rowId] ??= { amount: 0, distinct: 0, remarkCounts: {} });
    row.amount += contribution.amount;
    if (contribution.distinctKey !== undefined) {
      const seen = keys.get(contribution.rowId) ?? new Set<string>();
      seen.add(contribution.distinctKey);
      keys.set(contribution.rowId, seen);
      row.distinct = seen.size;
    }
    for (const category of contribution.otherCategories ?? []) {
      row.remarkCounts[category] = (row.remarkCounts[category] ?? 0) + 1;
    }
  }
  return totals;
}

/**
 * The annex for `scope` from `events`, as the hub knew it at `asOf` (recordedAt ≤ asOf) for events
 * that happened between the local dates `from` and `to` (inclusive, campaign zone). An event delivered
 * twice (same id, e.g. a retried publish) counts once; the first copy wins. Throws VALIDATION_FAILED on
 * a malformed period.
 */
export function computeAnnexFromEvents(events: Iterable<HubEvent>, definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod = {}): AnnexReport {
  const window = resolveAnnexWindow(definition, period);
  const seen = new Set<string>();
  const contributions: AnnexContribution[] = [];
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    contributions.push(...annexContributions(event, definition));
  }
  const meta: AnnexReportMeta = {
    ...(period.from === undefined ? {} : { from: period.from }),
    ...(period.to === undefined ? {} : { to: period.to }),
    ...(period.asOf === undefined ? {} : { asOf: period.asOf }),
  };
  return assembleAnnex(definition, scope, totalsFromContributions(contributions, scope, window), meta);
}
