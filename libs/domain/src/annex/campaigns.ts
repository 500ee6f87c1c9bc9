import { campaignFiles, loadCampaignFile } from './campaign-files.js';
import { CAMPAIGN_ID_PATTERN, InvalidCampaignDefinitionError, loadCampaignDefinition } from './definition.js';
import { validationFailed } from '../errors.js';
import { campaignBounds, instantOf } from './time-window.js';
import type { CampaignCalendar } from '@hub/contracts';
import type { CampaignDefinition } from './types.js';

/**
 * The campaign files: `campaigns/<id>.json` beside this module, and those of the directories in
 * HUB_CAMPAIGN_DIRS (campaign-files.ts, which reads them). The file name is the campaign id, so a 2022
 * campaign is one new file and no code change.
 */

/** Ids of the campaign files present, sorted. */
export function campaignIds(): string[] {
  return [...campaignFiles().keys()].sort();
}

/**
 * The validated definition in `campaigns/<id>.json`, or undefined when there is no such file (or the
 * id could not be a file name). An invalid file throws InvalidCampaignDefinitionError: a broken
 * definition must stop the annex, never print a form of zeros.
 */
export function campaignById(id: string): CampaignDefinition | undefined {
  if (!CAMPAIGN_ID_PATTERN.test(id)) return undefined;
  const url = campaignFiles().get(id);
  if (url === undefined) return undefined;
  return loadCampaignFile(url, (json, file) => definitionOf(json, file, id), (file, message) => new InvalidCampaignDefinitionError(file, [{ path: '(file)', message: `not JSON: ${message}` }]));
}

function definitionOf(json: unknown, file: string, id: string): CampaignDefinition {
  const definition = loadCampaignDefinition(json, file);
  if (definition.id !== id) throw new InvalidCampaignDefinitionError(file, [{ path: 'id', message: `must equal the file name "${id}", got "${definition.id}"` }]);
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

/**
 * The campaign a record belongs to, from when it happened (`time`, an RFC 3339 instant): the latest
 * campaign started by then (a case opened after the campaign closed is still its follow-up), or the first
 * campaign when it happened before any. Total, so every record shows in exactly one campaign's lists;
 * the annex still counts only what happened inside a campaign's own period. undefined: no readable time.
 */
export function campaignOfTime(time: string): string | undefined {
  const at = instantOf(time);
  if (at === undefined) return undefined;
  const starts = campaignStarts();
  let found = starts[0];
  for (const campaign of starts) if (campaign.start <= at) found = campaign;
  return found?.id;
}

/**
 * The instants whose records belong to `definition` (campaignOfTime's partition): from its start (the first
 * campaign: from always) to the next campaign's start (the latest: for ever), as ISO instants; absent = open.
 * Lists and counts that are not the annex (cases, leads, actions in the briefing) filter on this span.
 */
export function campaignSpan(definition: CampaignDefinition): { timeFrom?: string; timeBefore?: string } {
  const starts = campaignStarts();
  const index = starts.findIndex((campaign) => campaign.id === definition.id);
  if (index < 0) return {};
  const from = index === 0 ? undefined : starts[index]?.start;
  const before = starts[index + 1]?.start;
  return { ...(from === undefined ? {} : { timeFrom: new Date(from).toISOString() }), ...(before === undefined ? {} : { timeBefore: new Date(before).toISOString() }) };
}

/** True when `time` (an instant) lies in `span` (campaignSpan); an unreadable or absent time lies in none but the all-time span. */
export function inCampaignSpan(time: string | null, span: { timeFrom?: string; timeBefore?: string }): boolean {
  if (span.timeFrom === undefined && span.timeBefore === undefined) return true;
  const at = time === null ? undefined : instantOf(time);
  if (at === undefined) return false;
  return (span.timeFrom === undefined || at >= Date.parse(span.timeFrom)) && (span.timeBefore === undefined || at < Date.parse(span.timeBefore));
}

// The projector asks for every case event: the sorted starts are kept per set of campaign files.
const startsByFiles = new WeakMap<object, readonly { id: string; start: number }[]>();

function campaignStarts(): readonly { id: string; start: number }[] {
  const files = campaignFiles();
  let starts = startsByFiles.get(files);
  if (!starts) {
    starts = campaignIds()
      .flatMap((id) => campaignById(id) ?? [])
      .map((definition) => ({ id: definition.id, start: campaignBounds(definition).start }))
      .sort((a, b) => a.start - b.start);
    startsByFiles.set(files, starts);
  }
  return starts;
}

/** What the API shows of a campaign: its id, names and calendar. */
export function campaignCalendar(definition: CampaignDefinition): CampaignCalendar {
  const { id, name, title, start, end, reportDue, timezone } = definition;
  return { id, name, title, start, end, reportDue, timezone };
}

/** Every campaign's calendar, the oldest first. */
export function campaignCalendars(): CampaignCalendar[] {
  return campaignStarts().flatMap(({ id }) => {
    const definition = campaignById(id);
    return definition ? [campaignCalendar(definition)] : [];
  });
}
