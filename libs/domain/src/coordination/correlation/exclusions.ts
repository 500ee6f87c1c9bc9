// Values that would tie unrelated leads together: the platforms' own identifiers. Every Taobao
// lead may name taobao.com or the Taobao app; linking on them would merge the whole campaign into
// one cluster (the MISP/TheHive lesson). The list is configuration; these are the defaults.
import { normaliseEntity } from '../../entity-keys/index.js';
import { campaignWarningFile, warningKeyOf } from '../warning-lists/warning-lists.js';

export interface ExclusionEntry {
  readonly kind: string;
  readonly value: string;
  readonly why: string;
}

/**
 * Defaults: every entry of the campaign's warning lists (`warning-lists/campaigns/<campaign>.json`), the
 * platforms' and couriers' own values. The file is the place to curate them; this is its flat view.
 */
export const DEFAULT_EXCLUSIONS: readonly ExclusionEntry[] = campaignWarningFile().lists.flatMap((list) => list.entries);

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
export function buildExclusions(entries: Iterable<ExclusionEntry | string> = DEFAULT_EXCLUSIONS): ReadonlySet<string> {
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
