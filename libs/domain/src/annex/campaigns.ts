import { readdirSync, readFileSync } from 'node:fs';
import { CAMPAIGN_ID_PATTERN, InvalidCampaignDefinitionError, loadCampaignDefinition } from './definition.js';
import { validationFailed } from '../errors.js';
import type { CampaignDefinition } from './types.js';

/**
 * The campaign files: `campaigns/<id>.json` beside this module. The file name is the campaign id, so a
 * 2022 campaign is one new file and no code change. Files are read with fs rather than a JSON import
 * because Jest (through @swc/jest) drops import attributes and warns on every JSON import.
 */
const CAMPAIGN_DIR = new URL('./campaigns/', import.meta.url);

// Definitions are frozen and files do not change while the process runs.
const loaded = new Map<string, CampaignDefinition>();

/** Ids of the campaign files present, sorted. */
export function campaignIds(): string[] {
  return readdirSync(CAMPAIGN_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((id) => CAMPAIGN_ID_PATTERN.test(id))
    .sort();
}

/**
 * The validated definition in `campaigns/<id>.json`, or undefined when there is no such file (or the
 * id could not be a file name). An invalid file throws InvalidCampaignDefinitionError: a broken
 * definition must stop the annex, never print a form of zeros.
 */
export function campaignById(id: string): CampaignDefinition | undefined {
  const cached = loaded.get(id);
  if (cached) return cached;
  if (!CAMPAIGN_ID_PATTERN.test(id)) return undefined;
  const file = `campaigns/${id}.json`;
  let text: string;
  try {
    text = readFileSync(new URL(`${id}.json`, CAMPAIGN_DIR), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidCampaignDefinitionError(file, [{ path: '(file)', message: `not JSON: ${(error as Error).message}` }]);
  }
  const definition = loadCampaignDefinition(json, file);
  if (definition.id !== id) throw new InvalidCampaignDefinitionError(file, [{ path: 'id', message: `must equal the file name "${id}", got "${definition.id}"` }]);
  loaded.set(id, definition);
  return definition;
}

function requireCampaign(id: string): CampaignDefinition {
  const definition = campaignById(id);
  if (!definition) throw new Error(`campaign file campaigns/${id}.json is missing`);
  return definition;
}

/** The 2021 Xinjiang 网剑行动, 2021-09-01 → 2021-12-15. */
export const NET_SWORD_2021: CampaignDefinition = requireCampaign('net-sword-2021');

/** The current campaign: the one started most recently (a new campaign file becomes the default once added). */
export function currentCampaign(): CampaignDefinition {
  let current: CampaignDefinition | undefined;
  for (const id of campaignIds()) {
    const definition = campaignById(id);
    if (definition && (current === undefined || definition.start > current.start)) current = definition;
  }
  return current ?? NET_SWORD_2021;
}

/**
 * The campaign a request names (`?campaign=`), or the current one when it names none. An unknown id is
 * a VALIDATION_FAILED naming `field` (400 at the edge), listing the campaigns there are.
 */
export function resolveCampaign(id: unknown, field = 'campaign'): CampaignDefinition {
  if (id === undefined) return currentCampaign();
  const definition = typeof id === 'string' ? campaignById(id) : undefined;
  if (definition) return definition;
  throw validationFailed([{ path: field, message: `no campaign ${JSON.stringify(id)}: one of ${campaignIds().join(', ')}` }]);
}
