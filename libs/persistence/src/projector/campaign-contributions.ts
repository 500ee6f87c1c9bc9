import { annexContributions, campaignById, campaignIds, type CampaignDefinition, type HubEvent } from '@hub/domain';
import type { CampaignContribution } from '../projections/plan-batch.js';

/** Every campaign definition file present: a new campaign's figures exist once the log is rebuilt with it. */
export function allCampaigns(): CampaignDefinition[] {
  return campaignIds().flatMap((id) => campaignById(id) ?? []);
}

/** What an event adds to the annex of each campaign, tagged with the campaign id (what the projector stores). */
export function campaignContributions(definitions: readonly CampaignDefinition[] = allCampaigns()): (event: HubEvent) => CampaignContribution[] {
  return (event) => definitions.flatMap((definition) => annexContributions(event, definition).map((c) => ({ ...c, campaign: definition.id, timezone: definition.timezone })));
}
