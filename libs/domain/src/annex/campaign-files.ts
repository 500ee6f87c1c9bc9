import { readdirSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the campaign definition files (`<id>.json`) are, without loading them. Event validation needs
 * only "is there such a campaign"; loading a definition validates it against the event catalogue, so
 * importing campaigns.ts from an event DTO would be an import cycle.
 *
 * The hub's own files are `campaigns/` beside this module. `HUB_CAMPAIGN_DIRS` (absolute directories,
 * separated by `:`) adds more, e.g. the example 2022 file of `campaigns/examples/`: a new campaign is a
 * new file in one of these directories, never a code change. Every hub process (gateway, projector,
 * department services, coordination) must see the same directories, or their annexes disagree.
 */
const CAMPAIGN_DIR = new URL('./campaigns/', import.meta.url);
const ID_FILE = /^([a-z0-9][a-z0-9-]{0,63})\.json$/;

/** The environment variable naming extra campaign directories. */
export const CAMPAIGN_DIRS_ENV = 'HUB_CAMPAIGN_DIRS';

let cached: { key: string; files: ReadonlyMap<string, URL> } | undefined;

/** The directories searched, in order: the hub's own first (an extra directory cannot replace a shipped campaign). */
function campaignDirs(): URL[] {
  const extra = (process.env[CAMPAIGN_DIRS_ENV] ?? '').split(':').filter((dir) => dir !== '');
  for (const dir of extra) if (!isAbsolute(dir)) throw new Error(`${CAMPAIGN_DIRS_ENV}: "${dir}" must be an absolute directory`);
  return [CAMPAIGN_DIR, ...extra.map((dir) => pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`))];
}

/** Campaign id → its file, over every campaign directory (the first directory naming an id wins). */
export function campaignFiles(): ReadonlyMap<string, URL> {
  const key = process.env[CAMPAIGN_DIRS_ENV] ?? '';
  if (cached?.key === key) return cached.files;
  const files = new Map<string, URL>();
  for (const dir of campaignDirs()) {
    for (const name of readdirSync(dir).sort()) {
      const id = ID_FILE.exec(name)?.[1];
      if (id !== undefined && !files.has(id)) files.set(id, new URL(name, dir));
    }
  }
  cached = { key, files };
  return files;
}

export function hasCampaignFile(id: unknown): boolean {
  return typeof id === 'string' && campaignFiles().has(id);
}
