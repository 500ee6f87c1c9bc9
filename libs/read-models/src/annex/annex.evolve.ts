import { annexContributionsOf, campaignById, campaignIds, type AnnexContribution, type AnnexRecord, type CampaignDefinition, type HubEvent } from '@hub/domain';
import type { PositionedEvent } from '../table/positioned-event.js';

/** An annex contribution of one campaign (definition id), as annexContributions(event, definition) makes it. */
export interface CampaignContribution extends AnnexContribution {
  campaign: string;
  /** The campaign's time zone: the annex rollup buckets contributions by local day in it (not stored per row). */
  timezone: string;
}

/** A stored annex contribution: plus the stream sequence of its event; `records` always given (1 for a record's own row). */
export interface ContributionRow extends CampaignContribution {
  seq: number;
  records: number;
}

/** Every campaign definition file present: a new campaign's figures exist once the log is rebuilt with it. */
export function allCampaigns(): CampaignDefinition[] {
  return campaignIds().flatMap((id) => campaignById(id) ?? []);
}

/**
 * The rows an event adds to annex_contributions at stream sequence `seq`: what it adds to the annex of each
 * campaign, tagged with the campaign id; given the state of the record it corrects or voids (annex_records)
 * before it, a correction's delta rows.
 */
export type ContributionsOf = (event: HubEvent, before: AnnexRecord | undefined, seq: number) => ContributionRow[];

export function campaignContributions(definitions: readonly CampaignDefinition[] = allCampaigns()): ContributionsOf {
  return (event, before, seq) => {
    const rows: ContributionRow[] = [];
    for (const definition of definitions) for (const contribution of annexContributionsOf(before, event, definition)) rows.push(rowOf(contribution, definition, seq));
    return rows;
  };
}

/**
 * The stored row of a contribution, as one object literal of one shape: made for every contribution of the log,
 * where copying the contribution by spreads (once for the campaign, once for the sequence) cost more than the rule.
 */
function rowOf(c: AnnexContribution, definition: CampaignDefinition, seq: number): ContributionRow {
  return {
    rowId: c.rowId,
    eventId: c.eventId,
    unit: c.unit,
    department: c.department,
    region: c.region,
    time: c.time,
    recordedAt: c.recordedAt,
    amount: c.amount,
    distinctKey: c.distinctKey,
    otherCategories: c.otherCategories,
    records: c.records ?? 1,
    campaign: definition.id,
    timezone: definition.timezone,
    seq,
  };
}

/** Pushes the rows an event adds to annex_contributions onto `into`: what it contributes per campaign, with its sequence. */
export function collectContributions(e: PositionedEvent, before: AnnexRecord | undefined, contributionsOf: ContributionsOf, into: ContributionRow[]): void {
  for (const row of contributionsOf(e.event, before, e.seq)) into.push(row);
}
