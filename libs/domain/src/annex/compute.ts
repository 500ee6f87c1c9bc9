import type { HubEvent } from '../integrity/envelope.js';
import { type AnnexReportMeta, type AnnexRowTotals, type AnnexTotals, assembleAnnex } from './assemble.js';
import { annexContributionsOf, annexRecordKey, evolveAnnexRecord, isAnnexRecordEvent, type AnnexRecord } from './corrections.js';
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
    case 'line':
      return contribution.department === scope.department;
    case 'all':
      return true;
  }
}

/**
 * Adds up contributions one at a time for `scope` within `window` (see resolveAnnexWindow): `time` in
 * [timeFrom, timeBefore) and `recordedAt <= asOf`. The SQL equivalent, per row_id:
 * `SUM(amount)`, `COUNT(DISTINCT distinct_key)`, and per element of other_categories `COUNT(*)`.
 * Distinct keys are counted over the whole scope: a platform two units both investigated counts once
 * in their region's annex. Incremental, so a pass over a million-event log holds only the totals.
 */
export class AnnexTotalsFold {
  readonly totals: AnnexTotals = {};
  /** Per row, per distinct key, the net number of contributions (a correction's minus rows take one back). */
  private readonly keys = new Map<string, Map<string, number>>();
  private readonly from: number;
  private readonly before: number;
  private readonly asOf: number;

  constructor(
    readonly scope: AnnexScope,
    readonly window: AnnexWindow,
  ) {
    this.from = instantOf(window.timeFrom) ?? -Infinity;
    this.before = instantOf(window.timeBefore) ?? Infinity;
    this.asOf = window.asOf === undefined ? Infinity : (instantOf(window.asOf) ?? Infinity);
  }

  /** Whether the contribution falls in the scope and window (what the cell counts). */
  counts(contribution: AnnexContribution): boolean {
    if (!inScope(contribution, this.scope)) return false;
    const time = instantOf(contribution.time);
    const recordedAt = instantOf(contribution.recordedAt);
    return time !== undefined && recordedAt !== undefined && time >= this.from && time < this.before && recordedAt <= this.asOf;
  }

  /** Adds the contribution when it counts; answers whether it did. */
  add(contribution: AnnexContribution): boolean {
    if (!this.counts(contribution)) return false;
    const row: AnnexRowTotals = (this.totals[contribution.rowId] ??= { amount: 0, distinct: 0, remarkCounts: {} });
    row.amount += contribution.amount;
    // Corrections add rows with negative amounts: a distinct key counts while its net is positive, and a
    // remark is taken back by a minus row. Without corrections every amount here is 1, as before.
    const sign = Math.sign(contribution.amount);
    if (contribution.distinctKey !== undefined) {
      const seen = this.keys.get(contribution.rowId) ?? new Map<string, number>();
      const net = (seen.get(contribution.distinctKey) ?? 0) + sign;
      if (net > 0) seen.set(contribution.distinctKey, net);
      else seen.delete(contribution.distinctKey);
      this.keys.set(contribution.rowId, seen);
      row.distinct = seen.size;
    }
    for (const category of contribution.otherCategories ?? []) {
      row.remarkCounts[category] = (row.remarkCounts[category] ?? 0) + sign;
    }
    return true;
  }
}

/** Adds up contributions per row for `scope` within `window`; see {@link AnnexTotalsFold}. */
export function totalsFromContributions(contributions: Iterable<AnnexContribution>, scope: AnnexScope, window: AnnexWindow): AnnexTotals {
  const fold = new AnnexTotalsFold(scope, window);
  for (const contribution of contributions) fold.add(contribution);
  return fold.totals;
}

/**
 * The annex of a log fed one event at a time: the campaign's contributions of each event, deduplicated by
 * event id (an event delivered twice counts once; the first copy wins), folded into totals. Corrections
 * and voids add their delta rows (annexContributionsOf, given the record's state before them, as the
 * projector's annex_records holds it). `onCounted` sees every contribution that made a cell, which is how
 * auditors trace a figure to its events — the original and every correction.
 */
export class AnnexLogFold {
  private readonly fold: AnnexTotalsFold;
  // Only ids of events that contribute or move a record are remembered: most of a log (referrals) adds nothing.
  private readonly seen = new Set<string>();
  /** Each record's current state (annexRecordKey), for the delta rows of its corrections. */
  private readonly records = new Map<string, AnnexRecord>();
  private readonly meta: AnnexReportMeta;

  constructor(
    readonly definition: CampaignDefinition,
    readonly scope: AnnexScope,
    period: AnnexPeriod = {},
    private readonly onCounted?: (contribution: AnnexContribution, event: HubEvent) => void,
  ) {
    this.fold = new AnnexTotalsFold(scope, resolveAnnexWindow(definition, period));
    this.meta = {
      ...(period.from === undefined ? {} : { from: period.from }),
      ...(period.to === undefined ? {} : { to: period.to }),
      ...(period.asOf === undefined ? {} : { asOf: period.asOf }),
    };
  }

  get window(): AnnexWindow {
    return this.fold.window;
  }

  add(event: HubEvent): void {
    if (this.seen.has(event.id)) return;
    const recordEvent = isAnnexRecordEvent(event);
    const key = recordEvent ? annexRecordKey(event) : '';
    const before = recordEvent ? this.records.get(key) : undefined;
    const contributions = annexContributionsOf(before, event, this.definition);
    if (recordEvent) {
      const after = evolveAnnexRecord(before, event);
      if (after) this.records.set(key, after);
    } else if (contributions.length === 0) return;
    this.seen.add(event.id);
    for (const contribution of contributions) {
      if (this.fold.add(contribution)) this.onCounted?.(contribution, event);
    }
  }

  report(): AnnexReport {
    return assembleAnnex(this.definition, this.scope, this.fold.totals, this.meta);
  }
}

/**
 * The annex for `scope` from `events`, as the hub knew it at `asOf` (recordedAt ≤ asOf) for events
 * that happened between the local dates `from` and `to` (inclusive, campaign zone). An event delivered
 * twice (same id, e.g. a retried publish) counts once; the first copy wins. Throws VALIDATION_FAILED on
 * a malformed period.
 */
export function computeAnnexFromEvents(events: Iterable<HubEvent>, definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod = {}): AnnexReport {
  const fold = new AnnexLogFold(definition, scope, period);
  for (const event of events) fold.add(event);
  return fold.report();
}
