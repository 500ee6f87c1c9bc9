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
 * What an event adds to the annex of each campaign, tagged with the campaign id (what the projector stores):
 * given the state of the record it corrects or voids (annex_records) before it, a correction's delta rows.
 */
export type ContributionsOf = (event: HubEvent, before: AnnexRecord | undefined) => CampaignContribution[];

export function campaignContributions(definitions: readonly CampaignDefinition[] = allCampaigns()): ContributionsOf {
  return (event, before) =>
    definitions.flatMap((definition) => annexContributionsOf(before, event, definition).map((c) => ({ ...c, campaign: definition.id, timezone: definition.timezone })));
}

/** Pushes the rows an event adds to annex_contributions onto `into`: what it contributes per campaign, with its sequence. */
export function collectContributions(e: PositionedEvent, before: AnnexRecord | undefined, contributionsOf: ContributionsOf, into: ContributionRow[]): void {
  for (const contribution of contributionsOf(e.event, before)) into.push({ ...contribution, seq: e.seq, records: contribution.records ?? 1 });
}
