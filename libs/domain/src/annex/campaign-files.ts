import { readdirSync } from 'node:fs';

/**
 * The ids of the campaign definition files (`campaigns/<id>.json`), without loading them. Event
 * validation needs only "is there such a campaign"; loading a definition validates it against the
 * event catalogue, so importing campaigns.ts from an event DTO would be an import cycle.
 */
const CAMPAIGN_DIR = new URL('./campaigns/', import.meta.url);

let ids: ReadonlySet<string> | undefined;

export function hasCampaignFile(id: unknown): boolean {
  ids ??= new Set(readdirSync(CAMPAIGN_DIR).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)));
  return typeof id === 'string' && ids.has(id);
}
