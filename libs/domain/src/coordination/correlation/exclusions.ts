// Values that would tie unrelated leads together: the platforms' own identifiers. Every Taobao
// lead may name taobao.com or the Taobao app; linking on them would merge the whole campaign into
// one cluster (the MISP/TheHive lesson). The list is configuration; these are the defaults.
import { campaignFiles } from '../../annex/campaign-files.js';
import { normaliseEntity } from '../../entity-keys/index.js';
import { allWarningEntries, warningKeyOf } from '../warning-lists/warning-lists.js';

export interface ExclusionEntry {
  readonly kind: string;
  readonly value: string;
  readonly why: string;
}

/**
 * Defaults: every entry of every campaign's warning lists (`<campaign>.warning-lists.json`), the platforms' and
 * couriers' own values. Correlation runs across campaigns, so a value any campaign lists as benign links in none
 * (the lead detail's "links" says the same, entityNotes); the files are the place to curate them.
 */
export const defaultExclusions = (): readonly ExclusionEntry[] => allWarningEntries();

export class ExclusionListError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid exclusion list: ${problems.join('; ')}`);
  }

  override get name(): string {
    return 'ExclusionListError';
  }
}

/**
 * The canonical keys to exclude. Entries are normalised like reported entities, so `TAOBAO.COM`
 * or `https://www.taobao.com/` exclude the same key; a key string (`domain:taobao.com`) is taken
 * as is. An entry that does not normalise is a configuration error, reported all at once.
 */
export function buildExclusions(entries: Iterable<ExclusionEntry | string> = defaultExclusions()): ReadonlySet<string> {
  const keys = new Set<string>();
  const problems: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      keys.add(entry);
      continue;
    }
    const key = warningKeyOf(entry.kind, entry.value);
    if (key !== undefined) keys.add(key);
    else problems.push(`${entry.kind} ${JSON.stringify(entry.value)}: ${describe(entry)}`);
  }
  if (problems.length > 0) throw new ExclusionListError(problems);
  return keys;
}

function describe(entry: ExclusionEntry): string {
  const result = normaliseEntity(entry.kind, entry.value);
  return result.ok ? 'not a key' : result.error;
}

// One set per set of campaign files (a test may add the example directory while the process runs).
const exclusionsByFiles = new WeakMap<object, ReadonlySet<string>>();

/** The keys correlation never links by by default (buildExclusions of every campaign's lists), for readers that explain it. */
export function linkExclusions(): ReadonlySet<string> {
  const files = campaignFiles();
  let keys = exclusionsByFiles.get(files);
  if (keys === undefined) {
    keys = buildExclusions();
    exclusionsByFiles.set(files, keys);
  }
  return keys;
}
