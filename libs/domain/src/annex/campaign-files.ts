import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where a campaign's files are, and the one loader that reads them. A campaign is the files of one id in one
 * campaign directory: `<id>.json` (the annex definition, which makes the id a campaign), and beside it
 * `<id>.draw-lists.json` (双随机 items and inspector lists) and `<id>.warning-lists.json` (known-benign values).
 * Event validation needs only "is there such a campaign"; loading a definition validates it against the event
 * catalogue, so importing campaigns.ts from an event DTO would be an import cycle.
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

/** The files a campaign has besides its definition, by the suffix that replaces `.json`. */
export type CampaignDataKind = 'draw-lists' | 'warning-lists';

// Per set of campaign files, where each `<id>.<kind>` is (null: absent): readers ask per record, files do not change.
const dataFilesByFiles = new WeakMap<object, Map<string, URL | null>>();

/** Where a campaign's `kind` file is: beside its definition, so an extra directory cannot replace a shipped campaign's lists. */
export function campaignDataFile(id: string, kind: CampaignDataKind): URL | undefined {
  const files = campaignFiles();
  let found = dataFilesByFiles.get(files);
  if (found === undefined) dataFilesByFiles.set(files, (found = new Map<string, URL | null>()));
  const key = `${id}.${kind}`;
  if (!found.has(key)) {
    const definition = files.get(id);
    const url = definition === undefined ? undefined : new URL(`${key}.json`, definition);
    found.set(key, url !== undefined && existsSync(url) ? url : null);
  }
  return found.get(key) ?? undefined;
}

// Parsed files by URL (each file is one kind, so one parser): files do not change while the process runs.
const parsedFiles = new Map<string, unknown>();

/**
 * Reads and parses a campaign file once (`parse` validates it and throws naming `file`, the name shown in
 * errors). Files are read with fs rather than a JSON import because Jest (through @swc/jest) drops import
 * attributes and warns on every JSON import. A file that is not JSON throws through `notJson`.
 */
export function loadCampaignFile<T>(url: URL, parse: (json: unknown, file: string) => T, notJson: (file: string, message: string) => Error = (file, message) => new Error(`${file}: not JSON: ${message}`)): T {
  const file = `campaigns/${url.pathname.slice(url.pathname.lastIndexOf('/') + 1)}`;
  const key = url.href;
  if (parsedFiles.has(key)) return parsedFiles.get(key) as T;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(url, 'utf8'));
  } catch (error) {
    throw notJson(file, (error as Error).message);
  }
  const parsed = parse(json, file);
  parsedFiles.set(key, parsed);
  return parsed;
}

/**
 * A campaign's `kind` file, parsed and checked to be that campaign's (its `campaign` field names the id);
 * undefined when the campaign has no such file (what that means is the caller's: no draw, no warnings).
 */
export function campaignData<T extends { readonly campaign: string }>(id: string, kind: CampaignDataKind, parse: (json: unknown, file: string) => T): T | undefined {
  const url = campaignDataFile(id, kind);
  if (url === undefined) return undefined;
  const data = loadCampaignFile(url, parse);
  if (data.campaign !== id) throw new Error(`campaigns/${id}.${kind}.json: campaign must equal the file's campaign "${id}", got "${data.campaign}"`);
  return data;
}
