// Warning lists (警示名单): values known to be benign because they are the platforms' and couriers' own —
// customer-service lines, the platforms' registered codes, domains and apps. They are campaign data (a
// versioned `<campaign>.warning-lists.json` beside the campaign's definition): a record's values are judged by
// the lists of the record's campaign (its time's). They never link leads in correlation, and are shown with their warning
// wherever the value appears (cluster view, lead detail, entity search). The lookup is a pure function of
// the loaded lists, so every reader (coordination, gateway, search) answers alike.
import { campaignData, campaignFiles } from '../../annex/campaign-files.js';
import { campaignIds, campaignOfTime, currentCampaign } from '../../annex/campaigns.js';
import { isEntityKind } from '../../catalogue/entity-kinds.js';
import { normaliseEntity } from '../../entity-keys/index.js';
import { keyString } from '../correlation/extract.js';

export interface WarningEntry {
  readonly kind: string;
  readonly value: string;
  readonly why: string;
}

export interface WarningList {
  /** e.g. `courier_hotlines`. */
  readonly id: string;
  /** The warning shown next to a value on the list (警示: …). */
  readonly warning: string;
  readonly entries: readonly WarningEntry[];
}

export interface WarningListsFile {
  readonly campaign: string;
  /** Changes with every edit of the lists: a reader can say which version it judged by. */
  readonly version: string;
  /** At most this many entity keys of one lead or case link; the rest are kept and shown, flagged. */
  readonly maxLinkingKeysPerRecord: number;
  readonly lists: readonly WarningList[];
}

/** A value found on a warning list. */
export interface WarningHit {
  readonly key: string;
  readonly listId: string;
  readonly warning: string;
  readonly why: string;
  readonly version: string;
}

/** What lookups run on: canonical key → hit. Build it once with `indexWarningLists`. */
export interface WarningIndex {
  readonly version: string;
  readonly maxLinkingKeysPerRecord: number;
  readonly byKey: ReadonlyMap<string, WarningHit>;
}

// Short service numbers (95xxx, 96xxx, 950xxx, 400/800 numbers, 1xxxx carrier and postal lines) are neither
// mobiles nor landlines, so they never become correlation keys; they still deserve the warning when reported.
const SERVICE_NUMBER = /^(?:9[56]\d{3,6}|[48]00\d{7}|1[01]\d{3,6})$/;

/**
 * The key a warning list matches a reported value by: the correlation key when the value normalises, or
 * for a phone that is a short service number, `phone:<digits>`. Undefined when neither applies.
 */
export function warningKeyOf(kind: string, value: unknown): string | undefined {
  const result = normaliseEntity(kind, value);
  if (result.ok) return keyString(result.key);
  if (kind !== 'phone' || typeof value !== 'string') return undefined;
  const digits = value.replace(/[\s\-()（）]/g, '').replace(/^(?:\+|00)86/, '');
  return SERVICE_NUMBER.test(digits) ? `phone:${digits}` : undefined;
}

const ID = /^[a-z0-9_]{1,64}$/;

/** Checks a parsed warning-list file; every problem is named by its path (a bad file stops the services at start). */
export function parseWarningLists(doc: unknown, source: string): WarningListsFile {
  const d = doc as Partial<WarningListsFile> | null;
  if (typeof d !== 'object' || d === null || typeof d.campaign !== 'string' || typeof d.version !== 'string' || !Array.isArray(d.lists)) {
    throw new Error(`${source}: must be {campaign, version, maxLinkingKeysPerRecord, lists: [...]}`);
  }
  const problems: string[] = [];
  if (!Number.isInteger(d.maxLinkingKeysPerRecord) || (d.maxLinkingKeysPerRecord ?? 0) < 1) problems.push('maxLinkingKeysPerRecord: must be a whole number ≥ 1');
  const ids = new Set<string>();
  const keys = new Map<string, string>();
  (d.lists as readonly (Partial<Record<keyof WarningList, unknown>> | null)[]).forEach((list, i) => {
    const at = `lists[${i}]`;
    const id = typeof list?.id === 'string' ? list.id : '';
    if (!ID.test(id) || ids.has(id)) problems.push(`${at}.id: missing, malformed (a-z 0-9 _) or repeated`);
    ids.add(id);
    if (typeof list?.warning !== 'string' || list.warning.trim() === '') problems.push(`${at}.warning: required (the text shown next to a value)`);
    const entries = list?.entries;
    if (!Array.isArray(entries) || entries.length === 0) {
      problems.push(`${at}.entries: must be a non-empty array`);
      return;
    }
    (entries as readonly (Partial<WarningEntry> | null)[]).forEach((entry, j) => {
      const where = `${at}.entries[${j}]`;
      if (entry === null || !isEntityKind(entry.kind)) return void problems.push(`${where}.kind: must be an entity kind (got ${JSON.stringify(entry?.kind)})`);
      if (typeof entry.why !== 'string' || entry.why.trim() === '') problems.push(`${where}.why: required (whose value it is)`);
      const key = warningKeyOf(entry.kind, entry.value);
      if (key === undefined) return void problems.push(`${where}.value: ${JSON.stringify(entry.value)} is not a ${entry.kind} (nor a service number)`);
      const earlier = keys.get(key);
      if (earlier !== undefined) problems.push(`${where}.value: ${key} is already listed at ${earlier}`);
      keys.set(key, where);
    });
  });
  if (problems.length > 0) throw new Error(`${source}: ${problems.join('; ')}`);
  return d as WarningListsFile;
}

export function indexWarningLists(file: WarningListsFile): WarningIndex {
  const byKey = new Map<string, WarningHit>();
  for (const list of file.lists) {
    for (const entry of list.entries) {
      const key = warningKeyOf(entry.kind, entry.value);
      if (key !== undefined) byKey.set(key, { key, listId: list.id, warning: list.warning, why: entry.why, version: file.version });
    }
  }
  return { version: file.version, maxLinkingKeysPerRecord: file.maxLinkingKeysPerRecord, byKey };
}

/** Is this reported value on a warning list? Pure: the same index and value always answer alike. */
export function warningFor(index: WarningIndex, kind: string, value: unknown): WarningHit | undefined {
  const key = warningKeyOf(kind, value);
  return key === undefined ? undefined : index.byKey.get(key);
}

/** The same, for a correlation key `<kind>:<canonical>` (cluster keys, alerts). */
export function warningForKey(index: WarningIndex, key: string): WarningHit | undefined {
  return index.byKey.get(key);
}

/** The cap when a campaign has no warning-list file (the 2021 file's value). */
export const DEFAULT_MAX_LINKING_KEYS = 20;

// One index per loaded file (the loader keeps each file's object for the life of the process).
const indexed = new WeakMap<WarningListsFile, WarningIndex>();

/** A campaign's warning-list file (`<campaign>.warning-lists.json` beside its definition); undefined: it has none. */
export function warningListsFileOf(campaign: string): WarningListsFile | undefined {
  return campaignData(campaign, 'warning-lists', parseWarningLists);
}

/**
 * A campaign's warning lists, indexed for lookups. A campaign without a file has empty lists (no value is
 * warned about, version `none`) and the default key cap: missing lists never stop intake.
 */
export function warningListsOf(campaign: string): WarningIndex {
  // Intake asks for every event it flags: each campaign's index is kept per set of campaign files (campaignFiles()
  // is one object until HUB_CAMPAIGN_DIRS changes, and files do not change while the process runs), where finding
  // it cost two more environment reads, a URL's pathname and href and a few strings on every call.
  const files = campaignFiles();
  let byCampaign = indexesByFiles.get(files);
  if (byCampaign === undefined) indexesByFiles.set(files, (byCampaign = new Map<string, WarningIndex>()));
  let index = byCampaign.get(campaign);
  if (index === undefined) {
    index = indexOfCampaign(campaign);
    byCampaign.set(campaign, index);
  }
  return index;
}

const indexesByFiles = new WeakMap<object, Map<string, WarningIndex>>();

function indexOfCampaign(campaign: string): WarningIndex {
  const file = warningListsFileOf(campaign);
  if (file === undefined) return { version: 'none', maxLinkingKeysPerRecord: DEFAULT_MAX_LINKING_KEYS, byKey: new Map() };
  let index = indexed.get(file);
  if (index === undefined) {
    index = indexWarningLists(file);
    indexed.set(file, index);
  }
  return index;
}

/** The warning lists of the campaign a record belongs to, from its time (campaignOfTime); no readable time: the current campaign's. */
export function warningListsAt(time: string | null | undefined): WarningIndex {
  return warningListsOf((typeof time === 'string' ? campaignOfTime(time) : undefined) ?? currentCampaign().id);
}

/** Every entry of every campaign's lists: what correlation never links by (it runs across campaigns). */
export function allWarningEntries(): WarningEntry[] {
  return campaignIds().flatMap((campaign) => warningListsFileOf(campaign)?.lists.flatMap((list) => list.entries) ?? []);
}
